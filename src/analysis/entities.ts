/**
 * Named entities from capitalized word chunks. A chunk is cut into role and name ("Interior
 * Minister | Fathi Baschagha"), split where two names were run together ("Wolfram Lacher | of the
 * Science and Politics Foundation"), and typed from the evidence around each mention: a title or
 * role cue makes a person, organization words or an acronym an organization, the gazetteer or a
 * place cue a place. Mentions are then clustered: surnames, transliteration variants, countries
 * with their demonyms ("Egypt", "Egyptian", "the Egyptian government"), acronyms with their names.
 */
import type { Entity, EntityType } from "../core/model.js";
import { countryOf, countryOfDemonym, isKnownPlace } from "./gazetteer.js";
import { bareName, nameKey, nameTokens, skeleton, surname } from "./names.js";

/** Words that head a title written before a name ("Prime Minister", "Gen."). */
const TITLE_HEADS = new Set(
  (
    "President Vice-President Minister Premier Chancellor General Gen. Commander Marshal Field King Queen Prince " +
    "Princess Sheikh Emir Sultan Senator Sen. Representative Rep. Governor Gov. Mayor Judge Justice Secretary " +
    "Ambassador Envoy Spokesman Spokeswoman Spokesperson Chief Director Chairman Chairwoman Chair Leader Pope " +
    "Cardinal Archbishop Bishop Rabbi Imam Ayatollah Lord Lady Sir Dame Dr Dr. Mr Mr. Mrs Mrs. Ms Ms. Prof Prof. " +
    "Professor Colonel Col. Captain Capt. Major Maj. Lieutenant Lt. Sergeant Sgt. Admiral Adm. Brigadier " +
    "Coach Manager Officer Inspector Detective Superintendent Commissioner CEO Founder Striker Defender Midfielder " +
    "Goalkeeper Actress Actor Singer Rapper Star Economist Analyst Expert Vet Doctor Nurse Lawyer Attorney Prosecutor " +
    "Historian Scientist Researcher Engineer Architect Author Journalist Reporter Activist Campaigner Consultant " +
    "Adviser Advisor Coordinator Farmer Teacher Pilot Witness Councillor Councilor Councilman Councilwoman Alderman " +
    "Congressman Congresswoman Assemblyman Assemblywoman Lawmaker Legislator"
  ).split(" "),
);
/** Words that may stand before a title head ("Interior Minister", "Deputy Prime Minister"). */
const TITLE_MODIFIERS = new Set(
  (
    "Interior Foreign Prime Defence Defense Finance Justice Health Education Economy Economic Trade Energy Oil " +
    "Transport Home Culture Labour Labor Environment Agriculture Deputy Vice Acting Former Ex Interim Assistant " +
    "Associate Executive Managing Chief General Supreme Grand Crown Federal State Attorney Army Police Military " +
    "Opposition Party Senior Junior Head First Second Lord UN EU NATO Nato Majority Minority Speaker Chancellor " +
    "Secretary-General Senate House Development International Affairs of for the Home Shadow Vice-"
  ).split(" "),
);
/** Lower-case role words right before a name ("expert Wolfram Lacher", "ruler Muammar al-Gaddafi"). */
const ROLE_CUE =
  /(?:^|[\s,(])((?:(?!(?:the|a|an|of|by|for|to|in|on|at|and|but|or|while|as|who|which|that|when|after|before|with|from|his|her|their|its|said|says)\b)[\p{L}-]+\s+){0,2}(?:expert|analyst|spokesman|spokeswoman|spokesperson|commander|ruler|leader|minister|president|chief|general|envoy|ambassador|director|chairman|chairwoman|founder|professor|researcher|official|activist|lawyer|judge|warlord|premier|king|queen|prince|dictator|strongman|journalist|author|economist|coach|manager|boss|striker|player|actor|actress|singer|star|executive|mayor|governor|senator|secretary|head|chancellor|prosecutor|scientist|campaigner|owner|chairperson|pilot|driver|captain|defender|midfielder|goalkeeper|ceo|mp|colonel|officer|cleric|negotiator|mediator|candidate|opponent|rival|successor|predecessor|deputy|adviser|advisor|councillor|councilor|lawmaker|legislator)),?\s+$/iu;
/** Words inside a name that make it an organization. */
const ORG_WORDS =
  /\b(?:Foundation|Institute|University|College|School|Ministry|Office|Council|Parliament|Congress|Senate|Assembly|Party|Army|Navy|Forces|Force|Guard|Police|Agency|Bank|Company|Corporation|Corp|Inc|Ltd|Plc|LLC|Group|Union|Organization|Organisation|Association|Committee|Commission|Court|Department|Network|News|Times|Post|Journal|Airlines|Airways|Federation|League|Club|Church|State|Nations|Movement|Front|Brigade|Brigades|Militia|Alliance|Coalition|Authority|Service|Services|Board|Bureau|Centre|Center|Fund|Trust|Society|Industries|Motors|Holdings|Partners|Capital|Media|Studios|Records|Pictures|Television|TV|Radio|Press|Reuters|Agency|Cabinet|Chamber|Government|Embassy|Tribunal|Summit|Forum|Observatory|Secretariat|Directorate|Consortium|Institution|Inspectorate|Water|Rail|Transit|Shipping|Savings|Metals|Foods|Energy|Petroleum|Mining|Minerals|Resources|Steel|Chemicals|Pharmaceuticals|Logistics|Systems|Technologies|Laboratories|Insurance|Securities|Telecom|Communications|Programme|Program|FC|United|City|Rovers|Athletic)\b/;
/** Words inside a name that make it a place. */
const PLACE_WORDS =
  /\b(?:Street|Road|Avenue|Square|Bridge|River|Lake|Mountains?|Mount|Valley|Island|Islands|Bay|Sea|Ocean|Desert|Province|Region|County|District|Airport|Port|Strait|Gulf|Peninsula|Coast|Canal)\b/;
/** Capitalized words that are not names, or not names on their own. */
const NOT_NAMES = new Set(
  (
    "The A An He She It They We I You His Her Its Their This That These Those There Here But And Or So Yet In On At For " +
    "After Before When While If Although Though However Meanwhile Still Now Then Also As By From With Without During " +
    "Since Until Some Many Most Several One Two Three Four Five Six Seven Eight Nine Ten No Not Last Next Despite " +
    "Finally Well Why What Who Whom Whose Which Where How Our My Your Mine Yes Even Just Only Such Each Every All Both " +
    "Other Another Any Few Much More Less Under Over About Against Among Between Into Through Across Around Like Unlike " +
    "Instead Because Once Whether Already Yesterday Today Tomorrow Tonight Thus Hence Indeed Perhaps Maybe Later Earlier " +
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August " +
    "September October November December Mon Tue Wed Thu Fri Sat Sun Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec " +
    "According Asked Speaking Read Click Photo Picture Video Scroll Image Please Follow Sign Share Continue Advertisement " +
    "Chapter Section Part Figure Table Note Update Breaking Exclusive Analysis Opinion Comment Editor Editorial"
  ).split(" "),
);
const CONNECTORS = /^(?:al|el|bin|ibn|bint|de|da|del|van|von|der|den|of|the|and|la|le|du|di|for|y)$/i;

interface Evidence {
  person: number;
  organization: number;
  place: number;
}

interface Draft {
  name: string;
  mentions: number;
  sentences: number[];
  evidence: Evidence;
  role?: string;
  affiliation?: string;
  country?: string;
  surfaces: Set<string>;
}

const STRONG = 3;
const WEAK = 1;

const CHUNK =
  /(?:(?:al|el|bin|ibn)[-‐](?=\p{Lu}))?[\p{Lu}][\p{L}\p{M}'’.\-&]*(?:\s+(?:(?:(?:al|el|bin|ibn|bint|de|da|del|van|von|der|den|of|the|and|la|le|du|di|for)[\s\-‐]+)*(?:(?:al|el)[-‐])?)?[\p{Lu}\p{N}][\p{L}\p{M}\p{N}'’.\-&]*)*/gu;

interface Chunk {
  text: string;
  start: number;
}

/** Capitalized runs in a sentence, with sentence-opening and calendar words trimmed off. */
export function nameChunks(sentence: string): Chunk[] {
  const chunks: Chunk[] = [];
  for (const m of sentence.matchAll(CHUNK)) {
    let start = m.index ?? 0;
    let parts = m[0]
      // A possessive ends the name: "Haftar's 14-month offensive".
      .replace(/['’]s\b[\s\S]*$/u, "")
      .replace(/['’]$/u, "")
      .replace(/[.,]+$/, "")
      .replace(
        /-(?:backed|led|based|born|brokered|allied|controlled|run|owned|style|era|bound|funded|sponsored)$/i,
        "",
      )
      .split(/\s+/);
    while (parts.length > 0 && (NOT_NAMES.has(parts[0] as string) || CONNECTORS.test(parts[0] as string))) {
      start += (parts[0] as string).length + 1;
      parts = parts.slice(1);
    }
    while (
      parts.length > 0 &&
      (CONNECTORS.test(parts[parts.length - 1] as string) || NOT_NAMES.has(parts[parts.length - 1] as string))
    )
      parts.pop();
    const text = parts.join(" ").replace(/['’]s$/u, "");
    if (text.length < 2 || !/\p{Lu}/u.test(text)) continue;
    chunks.push({ text, start });
  }
  return chunks;
}

/** Split "Wolfram Lacher of the Science and Politics Foundation" into the person and the organization. */
function splitOf(text: string): [string, string | undefined] {
  const m = text.match(/^(.+?)\s+of\s+(?:the\s+)?(.+)$/);
  if (!m) return [text, undefined];
  const left = m[1] as string;
  const right = m[2] as string;
  const leftTokens = left.split(" ");
  const last = leftTokens[leftTokens.length - 1] as string;
  // "Bank of England", "University of Oxford", "Duke of York", "Republic of Congo" stay whole.
  if (
    leftTokens.length < 2 ||
    ORG_WORDS.test(last) ||
    TITLE_HEADS.has(last) ||
    /^(?:Republic|Kingdom|Duke|Duchess|Earl|Isle|Gulf|Bay|Sea|City|Province|State|States|Secretary|Minister|Department|Ministry)$/.test(
      last,
    )
  )
    return [text, undefined];
  return [left, right];
}

/**
 * Split "France and Great Britain" (two places), "Northgate Bank and Sel Savings" (two organizations)
 * and the end of a list ("Corlett, Pricemart and Vandel"), but keep "Science and Politics Foundation" whole.
 */
function splitAnd(text: string, inList: boolean): string[] {
  const parts = text.split(/\s+and\s+/);
  if (parts.length < 2) return [text];
  if (inList || parts.every((p) => ORG_WORDS.test(p))) return parts;
  const known = (p: string) => isKnownPlace(p) || countryOfDemonym(p.split(" ")[0] as string) !== undefined;
  return parts.some(known) && !ORG_WORDS.test(parts[parts.length - 1] as string) ? parts : [text];
}

/** The second word of a firm's name, whose first word alone also names it ("Northgate Bank", "Halberd Foods"). */
const FIRM_WORDS =
  /^(?:Bank|Foods|Shipping|Savings|Metals|Group|Holdings|Industries|Motors|Airlines|Airways|Energy|Petroleum|Mining|Steel|Chemicals|Pharmaceuticals|Logistics|Systems|Technologies|Insurance|Securities|Telecom|Communications|Media|Capital|Partners|Corporation|Corp|Inc|Ltd|Plc|LLC|Company)$/;

/** Bodies' common nouns, capitalized only when they open a sentence or a name: "Police fined …". */
const COMMON_BODY =
  /^(?:Police|Government|Army|Navy|Court|Council|Cabinet|Ministry|Committee|Commission|Agency|Bank|Company|Union|Board|Authority|Department|Office|Group|Party|Alliance|Coalition|Movement|Forces|Guard|Federation|League|Club|Church|State|Tribunal|Chamber|Embassy|Water|Rail|Transit|Shipping|Savings|Metals|Foods|Energy|Petroleum|Mining|Minerals|Resources|Steel|Chemicals|Pharmaceuticals|Logistics|Systems|Technologies|Laboratories|Insurance|Securities|Telecom|Communications)$/;

/** Plural nouns of people that open sentences: "Investigators said", "Paramedics warned". */
const PEOPLE_PLURAL = /(?:ors|ers|ists|ians|ics|ants|ents|als)$/;

/** Peel a leading title off a chunk: "Egyptian President Fattah al-Sisi" → role + name. */
function peelTitle(text: string): { role?: string; name: string; demonymCountry?: string } {
  const tokens = text.split(" ");
  let headAt = -1;
  let demonymCountry: string | undefined;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i] as string;
    const next = tokens[i + 1] as string;
    if (TITLE_HEADS.has(t)) headAt = i;
    else if (i === 0 && countryOfDemonym(t)) demonymCountry = countryOfDemonym(t);
    // A country or body the gazetteer does not know, before a title: "Kesmari Foreign Minister".
    else if (i === 0 && TITLE_MODIFIERS.has(next) && next !== "of" && next !== "for" && next !== "the")
      continue;
    else if (!TITLE_MODIFIERS.has(t) && !countryOf(t)) break;
  }
  if (headAt < 0) return { name: text };
  const role = tokens
    .slice(0, headAt + 1)
    .join(" ")
    .replace(/\s+(?:Dr|Mr|Mrs|Ms|Prof)\.?$/, "");
  return { role, name: tokens.slice(headAt + 1).join(" "), demonymCountry };
}

function newDraft(name: string): Draft {
  return {
    name,
    mentions: 0,
    sentences: [],
    evidence: { person: 0, organization: 0, place: 0 },
    surfaces: new Set(),
  };
}

const ACRONYM = /^(?:[\p{Lu}]{2,6}|(?:\p{Lu}\.){2,4})$/u;
const PERSON_AFTER =
  /^(?:['’]s)?\s*(?:,\s*\d{1,3}\s*,|\s+(?:said|says|told|added|wrote|tweeted|argued|insisted|explained|warned|claimed|denied|admitted|announced|stressed)\b|,\s+who\b)/;
/**
 * A body named after what it is: "environmental group Blue Coast", "the Spanish company Aquamar", "a
 * criminal group calling itself Grey Lantern".
 */
const NAMED_BODY_BEFORE =
  /\b(?:group|gang|organi[sz]ation|company|firm|charity|movement|network|collective|militia|party|faction|coalition|alliance|association|broadcaster|newspaper|airline|carrier|retailer|chain|lender|insurer|operator|manufacturer|maker|supplier|developer|regulator|watchdog)\s+(?:(?:calling itself|that calls itself|called|named|known as)\s+)?$/i;
/** Kinds of body whose examples follow: "Supermarkets including Corlett, Pricemart and Vandel". */
const BODIES_LISTED =
  /\b(?:supermarkets|retailers|shops|stores|chains|companies|firms|businesses|banks|lenders|insurers|airlines|carriers|manufacturers|makers|suppliers|brands|groups|charities|unions|parties|agencies|newspapers|broadcasters|clubs|teams|universities|schools)\s+(?:including|such as|like)\s+$/i;
/** …and kinds of place: "towns such as Elbury and Marrow". */
const PLACES_LISTED =
  /\b(?:countries|nations|cities|towns|villages|states|provinces|regions|islands|ports)\s+(?:including|such as|like)\s+$/i;
/** The names, commas and "and" a list's earlier names leave before a later one. */
const LIST_SO_FAR = /(?:[\p{Lu}][\p{L}'’-]*(?:\s+[\p{Lu}][\p{L}'’-]*)*\s*,\s*(?:and\s+|or\s+)?)+$/u;
/** How far back, in characters, a list's lead is looked for. */
const LIST_REACH = 160;
/** What stands before a list's first name, from before any of its names. */
function leadOfList(before: string): string {
  // A long list's lead is far back, but a list longer than this says little of its kind.
  const start = before.slice(-LIST_REACH).replace(LIST_SO_FAR, "");
  return start.slice(Math.max(0, start.length - 40));
}
const PLACE_BEFORE =
  /\b(?:in|near|to|towards|toward|from|across|outside|inside|into|city of|town of|village of|province of|region of|capital,?|coastal city of|port city of)\s+(?:the\s+)?$/i;

export function extractEntities(sentences: string[]): Entity[] {
  const drafts = new Map<string, Draft>();
  const capitalizedMidSentence = new Set<string>();
  for (const s of sentences) {
    for (const m of s.matchAll(/(?<=[\p{L},;:]\s+)[\p{Lu}][\p{L}'’-]+/gu)) capitalizedMidSentence.add(m[0]);
  }

  const add = (
    rawName: string,
    sentence: number,
    evidence: Partial<Evidence>,
    extra: { role?: string; affiliation?: string; country?: string; surface?: string } = {},
  ) => {
    const name = rawName.trim();
    if (!name) return;
    let d = drafts.get(name);
    if (!d) {
      d = newDraft(name);
      drafts.set(name, d);
    }
    d.mentions++;
    if (d.sentences[d.sentences.length - 1] !== sentence) d.sentences.push(sentence);
    d.evidence.person += evidence.person ?? 0;
    d.evidence.organization += evidence.organization ?? 0;
    d.evidence.place += evidence.place ?? 0;
    if (extra.role && (!d.role || extra.role.length > d.role.length)) d.role = extra.role;
    d.affiliation ??= extra.affiliation;
    d.country ??= extra.country;
    if (extra.surface && extra.surface !== name) d.surfaces.add(extra.surface);
  };

  sentences.forEach((sentence, index) => {
    // "the Egyptian government", "the Turkish army": the country acting.
    for (const m of sentence.matchAll(
      /\b([\p{Lu}][\p{L}]+)\s+(government|authorities|officials|army|military|forces|president|leadership|state)\b/gu,
    )) {
      const country = countryOfDemonym(m[1] as string);
      if (country) add(country, index, { place: WEAK }, { country, surface: `${m[1]} ${m[2]}` });
    }
    const chunks = nameChunks(sentence).flatMap((c): (Chunk & { listed?: boolean; lead: string })[] => {
      // What stands before the whole list: "Supermarkets including" says what each of its names is.
      const lead = leadOfList(sentence.slice(0, c.start));
      const ofKind = BODIES_LISTED.test(lead) || PLACES_LISTED.test(lead);
      const parts = splitAnd(c.text, ofKind || /,\s*$/.test(sentence.slice(0, c.start)));
      if (parts.length === 1) return [{ ...c, lead }];
      let offset = c.start;
      return parts.map((text) => {
        const start = sentence.indexOf(text, offset);
        offset = start + text.length;
        return { text, start, listed: true, lead };
      });
    });
    for (const chunk of chunks) {
      const before = sentence.slice(Math.max(0, chunk.start - 40), chunk.start);
      const after = sentence.slice(chunk.start + chunk.text.length, chunk.start + chunk.text.length + 40);
      const atStart = chunk.start === 0 || /^["'“‘(\s-]*$/.test(sentence.slice(0, chunk.start));
      // A lone sentence-opening word never seen capitalized elsewhere is an ordinary word ("Reconquering").
      // …unless a verb follows it, as after a surname ("Lindqvist praised", "Okonkwo-Reyes said").
      const verbFollows = /^\s+(?:said|says|told|has|had|is|was|will|would|[a-z]+ed)\b/.test(after);
      if (
        atStart &&
        !chunk.text.includes(" ") &&
        !capitalizedMidSentence.has(chunk.text) &&
        !isKnownPlace(chunk.text)
      )
        if (
          !countryOfDemonym(chunk.text) &&
          !ACRONYM.test(chunk.text) &&
          (!verbFollows || (PEOPLE_PLURAL.test(chunk.text) && !ORG_WORDS.test(chunk.text)))
        )
          continue;

      const [main, affiliation] = splitOf(chunk.text);
      const peeled = peelTitle(main);
      let name = peeled.name;
      if (!name || NOT_NAMES.has(name)) continue;
      // "Police fined 37 residents": a body's common noun alone is no name ("Reuters" is).
      if (COMMON_BODY.test(name)) continue;
      if (peeled.demonymCountry)
        add(peeled.demonymCountry, index, { place: WEAK }, { surface: main.split(" ")[0] });

      // Demonyms: "Egyptian" is a mention of Egypt; "Egyptian Air Force" is an organization of Egypt.
      const firstWord = name.split(" ")[0] as string;
      const demonymOf = countryOfDemonym(firstWord);
      if (demonymOf && !name.includes(" ")) {
        add(demonymOf, index, { place: WEAK }, { surface: name });
        continue;
      }
      const country = countryOf(name);
      if (country) {
        add(country, index, { place: STRONG }, { country, surface: name });
        if (affiliation) add(affiliation, index, { organization: WEAK });
        continue;
      }

      const evidence: Evidence = { person: 0, organization: 0, place: 0 };
      let role = peeled.role;
      if (!role) {
        const cue = before.match(ROLE_CUE);
        if (cue) role = (cue[1] as string).trim();
      }
      if (role) evidence.person += STRONG;
      if (ORG_WORDS.test(name)) evidence.organization += STRONG;
      if (PLACE_WORDS.test(name) || isKnownPlace(name)) evidence.place += STRONG;
      if (ACRONYM.test(name)) evidence.organization += WEAK + 1;
      // In a list ("Corlett, Pricemart and Vandel said") the verb belongs to all of them, not to a person.
      if (PERSON_AFTER.test(after) && !chunk.listed) evidence.person += WEAK;
      // Said outright, it outweighs a place word in the name ("environmental group Blue Coast").
      if (NAMED_BODY_BEFORE.test(before)) evidence.organization += 2 * STRONG;
      if (BODIES_LISTED.test(chunk.lead)) evidence.organization += STRONG;
      if (PLACES_LISTED.test(chunk.lead)) evidence.place += STRONG;
      if (/\b(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+$/.test(before)) evidence.person += STRONG;
      if (PLACE_BEFORE.test(before) && !name.includes(" ")) evidence.place += WEAK;
      if (demonymOf && ORG_WORDS.test(name)) add(demonymOf, index, { place: WEAK }, { surface: firstWord });
      name = name.replace(/^(?:the|The)\s+/, "");
      add(name, index, evidence, {
        role,
        affiliation: role || evidence.person > 0 ? affiliation : undefined,
        country: demonymOf,
      });
      if (affiliation)
        add(affiliation, index, { organization: WEAK + (ORG_WORDS.test(affiliation) ? STRONG : 0) });
      // "Islamic State (IS)": the acronym in brackets is the same entity.
      const acronym = sentence.slice(chunk.start + chunk.text.length).match(/^\s*\(([\p{Lu}]{2,6})\)/u);
      if (acronym) add(name, index, {}, { surface: acronym[1] });
    }
  });
  return cluster([...drafts.values()]);
}

function typeOf(e: Evidence): EntityType {
  const best = Math.max(e.person, e.organization, e.place);
  if (best === 0) return "other";
  if (e.person === best) return "person";
  if (e.place === best) return "place";
  return "organization";
}

/** Acronym of a multi-word name: "United Nations" → "UN". */
function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((t) => !CONNECTORS.test(t))
    .map((t) => t[0])
    .join("")
    .toUpperCase();
}

function absorb(into: Draft, from: Draft): void {
  into.mentions += from.mentions;
  into.sentences = [...new Set([...into.sentences, ...from.sentences])].sort((a, b) => a - b);
  into.evidence.person += from.evidence.person;
  into.evidence.organization += from.evidence.organization;
  into.evidence.place += from.evidence.place;
  if (from.role && (!into.role || from.role.length > into.role.length)) into.role = from.role;
  into.affiliation ??= from.affiliation;
  into.country ??= from.country;
  into.surfaces.add(from.name);
  for (const s of from.surfaces) into.surfaces.add(s);
}

/**
 * Fold short forms into full names: a one-word name into the multi-word person (or unknown)
 * whose surname it is, transliteration variants into each other, an acronym into its name.
 */
function cluster(drafts: Draft[]): Entity[] {
  const byLength = [...drafts].sort(
    (a, b) => b.name.split(" ").length - a.name.split(" ").length || b.mentions - a.mentions,
  );
  const owner = new Map<Draft, Draft>();
  const root = (d: Draft): Draft => {
    let r = d;
    while (owner.has(r)) r = owner.get(r) as Draft;
    return r;
  };
  const multi = byLength.filter((d) => nameTokens(d.name).length > 1);
  // Transliteration variants of the same full name.
  const byKey = new Map<string, Draft>();
  for (const d of multi) {
    if (typeOf(d.evidence) === "organization" || typeOf(d.evidence) === "place") continue;
    const key = nameKey(d.name);
    const first = byKey.get(key);
    if (first && first !== d) owner.set(d, first);
    else byKey.set(key, d);
  }
  for (const d of byLength) {
    if (owner.has(d)) continue;
    const tokens = nameTokens(d.name);
    if (tokens.length === 1) {
      const token = tokens[0] as string;
      if (ACRONYM.test(token)) {
        const full = multi.find(
          (m) => initials(m.name) === token.replace(/\./g, "") && typeOf(m.evidence) !== "person",
        );
        if (full) owner.set(d, full);
        continue;
      }
      // "Northgate" after "Northgate Bank": a firm's short name, unless a role makes it a person. Civic
      // bodies are named after their places ("Dunmere Health Trust"), so only a firm's two-word name counts.
      const organization =
        !isKnownPlace(token) && typeOf(d.evidence) !== "place" && d.evidence.person < STRONG
          ? multi.find((m) => {
              const words = nameTokens(m.name);
              return words.length === 2 && words[0] === token && FIRM_WORDS.test(words[1] as string);
            })
          : undefined;
      if (organization) {
        owner.set(d, root(organization));
        continue;
      }
      if (typeOf(d.evidence) === "organization" || typeOf(d.evidence) === "place" || isKnownPlace(token))
        continue;
      const key = skeleton(token);
      const candidates = multi.filter((m) => {
        const t = typeOf(m.evidence);
        return (
          (t === "person" || t === "other") &&
          skeleton(surname(m.name)) === key &&
          bareName(surname(m.name)).length > 1
        );
      });
      const full = candidates.sort(
        (a, b) => b.evidence.person - a.evidence.person || b.mentions - a.mentions,
      )[0];
      if (full) owner.set(d, root(full));
    }
  }
  for (const [d] of owner) absorb(root(d), d);
  const kept = drafts.filter((d) => !owner.has(d));
  return kept
    .map((d): Entity => {
      const type = typeOf(d.evidence);
      const aliases = [...d.surfaces].filter((s) => s !== d.name);
      return {
        name: d.name,
        type,
        aliases,
        mentions: d.mentions,
        ...(d.role && type === "person" ? { role: d.role } : {}),
        ...(d.affiliation && type === "person" ? { affiliation: d.affiliation } : {}),
        ...(d.country && d.country !== d.name ? { country: d.country } : {}),
        sentences: d.sentences,
      };
    })
    .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
}
