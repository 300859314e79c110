/**
 * Countries with their demonyms and other names, and well-known cities, so that "Egypt",
 * "Egyptian" and "the Egyptian government" are linked, and a place is known as a place.
 * Format of a country line: Name|demonym,demonym|other name,other name
 */
const COUNTRIES = `Afghanistan|Afghan|
Albania|Albanian|
Algeria|Algerian|
Andorra|Andorran|
Angola|Angolan|
Argentina|Argentine,Argentinian|
Armenia|Armenian|
Australia|Australian|
Austria|Austrian|
Azerbaijan|Azerbaijani,Azeri|
Bahamas|Bahamian|
Bahrain|Bahraini|
Bangladesh|Bangladeshi|
Barbados|Barbadian|
Belarus|Belarusian|
Belgium|Belgian|
Belize|Belizean|
Benin|Beninese|
Bhutan|Bhutanese|
Bolivia|Bolivian|
Bosnia and Herzegovina|Bosnian|Bosnia
Botswana|Botswanan|
Brazil|Brazilian|
Brunei|Bruneian|
Bulgaria|Bulgarian|
Burkina Faso|Burkinabe|
Burundi|Burundian|
Cambodia|Cambodian|
Cameroon|Cameroonian|
Canada|Canadian|
Cape Verde|Cape Verdean|
Central African Republic||CAR
Chad|Chadian|
Chile|Chilean|
China|Chinese|People's Republic of China,PRC
Colombia|Colombian|
Comoros|Comoran|
Congo|Congolese|Democratic Republic of Congo,Democratic Republic of the Congo,DRC,DR Congo,Republic of Congo
Costa Rica|Costa Rican|
Croatia|Croatian|
Cuba|Cuban|
Cyprus|Cypriot|
Czech Republic|Czech|Czechia
Denmark|Danish,Dane|
Djibouti|Djiboutian|
Dominican Republic|Dominican|
Ecuador|Ecuadorian|
Egypt|Egyptian|
El Salvador|Salvadoran|
Equatorial Guinea|Equatoguinean|
Eritrea|Eritrean|
Estonia|Estonian|
Eswatini|Swazi|Swaziland
Ethiopia|Ethiopian|
Fiji|Fijian|
Finland|Finnish,Finn|
France|French|
Gabon|Gabonese|
Gambia|Gambian|
Georgia|Georgian|
Germany|German|Federal Republic of Germany
Ghana|Ghanaian|
Greece|Greek|
Grenada|Grenadian|
Guatemala|Guatemalan|
Guinea|Guinean|
Guinea-Bissau|Bissau-Guinean|
Guyana|Guyanese|
Haiti|Haitian|
Honduras|Honduran|
Hungary|Hungarian|
Iceland|Icelandic,Icelander|
India|Indian|
Indonesia|Indonesian|
Iran|Iranian|Islamic Republic of Iran
Iraq|Iraqi|
Ireland|Irish|Republic of Ireland,Eire
Israel|Israeli|
Italy|Italian|
Ivory Coast|Ivorian|Cote d'Ivoire,Côte d'Ivoire
Jamaica|Jamaican|
Japan|Japanese|
Jordan|Jordanian|
Kazakhstan|Kazakh|
Kenya|Kenyan|
Kosovo|Kosovar|
Kuwait|Kuwaiti|
Kyrgyzstan|Kyrgyz|
Laos|Lao,Laotian|
Latvia|Latvian|
Lebanon|Lebanese|
Lesotho|Basotho|
Liberia|Liberian|
Libya|Libyan|
Liechtenstein|Liechtensteiner|
Lithuania|Lithuanian|
Luxembourg|Luxembourgish|
Madagascar|Malagasy|
Malawi|Malawian|
Malaysia|Malaysian|
Maldives|Maldivian|
Mali|Malian|
Malta|Maltese|
Mauritania|Mauritanian|
Mauritius|Mauritian|
Mexico|Mexican|
Moldova|Moldovan|
Monaco|Monegasque|
Mongolia|Mongolian|
Montenegro|Montenegrin|
Morocco|Moroccan|
Mozambique|Mozambican|
Myanmar|Burmese|Burma
Namibia|Namibian|
Nepal|Nepalese,Nepali|
Netherlands|Dutch|Holland,The Netherlands
New Zealand|New Zealander|
Nicaragua|Nicaraguan|
Niger|Nigerien|
Nigeria|Nigerian|
North Korea|North Korean|DPRK
North Macedonia|Macedonian|Macedonia
Norway|Norwegian|
Oman|Omani|
Pakistan|Pakistani|
Palestine|Palestinian|Palestinian territories
Panama|Panamanian|
Papua New Guinea|Papua New Guinean|
Paraguay|Paraguayan|
Peru|Peruvian|
Philippines|Filipino,Philippine|
Poland|Polish,Pole|
Portugal|Portuguese|
Qatar|Qatari|
Romania|Romanian|
Russia|Russian|Russian Federation
Rwanda|Rwandan|
Saudi Arabia|Saudi|
Senegal|Senegalese|
Serbia|Serbian,Serb|
Sierra Leone|Sierra Leonean|
Singapore|Singaporean|
Slovakia|Slovak|
Slovenia|Slovenian,Slovene|
Somalia|Somali|
South Africa|South African|
South Korea|South Korean|Korea,Republic of Korea
South Sudan|South Sudanese|
Spain|Spanish,Spaniard|
Sri Lanka|Sri Lankan|
Sudan|Sudanese|
Suriname|Surinamese|
Sweden|Swedish,Swede|
Switzerland|Swiss|
Syria|Syrian|
Taiwan|Taiwanese|
Tajikistan|Tajik|
Tanzania|Tanzanian|
Thailand|Thai|
Togo|Togolese|
Trinidad and Tobago|Trinidadian|
Tunisia|Tunisian|
Turkey|Turkish,Turk|Türkiye
Turkmenistan|Turkmen|
Uganda|Ugandan|
Ukraine|Ukrainian|
United Arab Emirates|Emirati|UAE,Emirates
United Kingdom|British,Briton|UK,U.K.,Britain,Great Britain
United States|American|US,U.S.,USA,U.S.A.,America,United States of America
Uruguay|Uruguayan|
Uzbekistan|Uzbek|
Venezuela|Venezuelan|
Vietnam|Vietnamese|Viet Nam
Yemen|Yemeni|
Zambia|Zambian|
Zimbabwe|Zimbabwean|
England|English|
Scotland|Scottish,Scot|
Wales|Welsh|
Northern Ireland|Northern Irish|`;

/** Cities, regions and other places that news names without saying what they are. */
const PLACES = `Tripoli,Cairo,Alexandria,Berlin,Munich,Hamburg,Frankfurt,Paris,Marseille,
Lyon,London,Manchester,Liverpool,Birmingham,Leeds,Glasgow,Edinburgh,Cardiff,Belfast,Dublin,Madrid,Barcelona,Rome,Milan,
Naples,Lisbon,Brussels,Amsterdam,The Hague,Vienna,Geneva,Zurich,Bern,Stockholm,Oslo,Copenhagen,Helsinki,Warsaw,Prague,
Budapest,Bucharest,Sofia,Athens,Istanbul,Ankara,Moscow,St Petersburg,Kiev,Kyiv,Minsk,Tbilisi,Baku,Yerevan,Tehran,Baghdad,
Damascus,Aleppo,Beirut,Amman,Jerusalem,Tel Aviv,Gaza,West Bank,Riyadh,Jeddah,Mecca,Doha,Dubai,Abu Dhabi,Muscat,Sanaa,
Aden,Kabul,Islamabad,Karachi,Lahore,Delhi,New Delhi,Mumbai,Kolkata,Chennai,Bangalore,Dhaka,Kathmandu,Colombo,Beijing,
Shanghai,Hong Kong,Shenzhen,Guangzhou,Wuhan,Chongqing,Taipei,Tokyo,Osaka,Seoul,Pyongyang,Bangkok,Hanoi,Ho Chi Minh City,
Manila,Jakarta,Kuala Lumpur,Yangon,Sydney,Melbourne,Brisbane,Perth,Adelaide,Canberra,Auckland,Wellington,Washington,
New York,Los Angeles,Chicago,Houston,San Francisco,Boston,Miami,Atlanta,Seattle,Dallas,Detroit,Philadelphia,Las Vegas,
Toronto,Montreal,Vancouver,Ottawa,Mexico City,Havana,Caracas,Bogota,Lima,Santiago,Buenos Aires,Sao Paulo,Rio de Janeiro,
Brasilia,Lagos,Abuja,Accra,Nairobi,Mogadishu,Addis Ababa,Khartoum,Kinshasa,Johannesburg,Cape Town,Pretoria,Harare,
Tunis,Algiers,Rabat,Casablanca,Dakar,Bamako,Niamey,N'Djamena,Kampala,Kigali,Dar es Salaam,Luanda,Europe,Asia,Africa,
North Africa,Middle East,Latin America,South America,North America,Central America,Caribbean,Balkans,Sahel,Gulf,
Mediterranean,Atlantic,Pacific,Arctic,Antarctica,Scandinavia,Siberia,Crimea,Donbas,Kashmir,Tibet,Xinjiang,Kurdistan,
Sinai,Golan Heights,Idlib,Raqqa,Mosul,Fallujah,Basra,Kandahar,Helmand,Darfur,Tigray,Silicon Valley,Wall Street,
California,Texas,Florida,New Jersey,Virginia,Ohio,Michigan,Pennsylvania,Illinois,Arizona,Georgia,Colorado,Oregon,
Bavaria,Saxony,Catalonia,Andalusia,Lombardy,Sicily,Sardinia,Corsica,Brittany,Normandy,Provence,Yorkshire,Kent,
Cornwall,Devon,Lancashire,Queensland,Ontario,Quebec,Alberta,British Columbia`;

export interface Country {
  name: string;
  demonyms: string[];
  aliases: string[];
}

function parseCountries(text: string): Country[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = "", demonyms = "", aliases = ""] = line.split("|");
      const list = (s: string) =>
        s
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean);
      return { name, demonyms: list(demonyms), aliases: list(aliases) };
    });
}

export const COUNTRY_LIST: Country[] = parseCountries(COUNTRIES);

/** Every way of naming a country, lower-cased, to the country's name. */
const countryByName = new Map<string, string>();
/** Demonyms, lower-cased, to the country's name. */
const countryByDemonym = new Map<string, string>();
for (const c of COUNTRY_LIST) {
  countryByName.set(c.name.toLowerCase(), c.name);
  for (const a of c.aliases) countryByName.set(a.toLowerCase(), c.name);
  for (const d of c.demonyms) countryByDemonym.set(d.toLowerCase(), c.name);
}

const placeNames = new Set(
  PLACES.split(",")
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean),
);

/** The country a name stands for ("U.S." → "United States"), if it is one. */
export function countryOf(name: string): string | undefined {
  return countryByName.get(name.toLowerCase().replace(/^the\s+/, ""));
}

/** The country a demonym belongs to ("Egyptian" → "Egypt"; plural "Egyptians" too). */
export function countryOfDemonym(word: string): string | undefined {
  const w = word.toLowerCase();
  return countryByDemonym.get(w) ?? (w.endsWith("s") ? countryByDemonym.get(w.slice(0, -1)) : undefined);
}

/** A known place: a country, a city or a region. */
export function isKnownPlace(name: string): boolean {
  const n = name.toLowerCase().replace(/^the\s+/, "");
  return countryByName.has(n) || placeNames.has(n);
}
