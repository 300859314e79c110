/** Article texts for feed tests: distinct stories, and lightly edited copies of one (a wire story reprinted). */

const PLACES = [
  "Tripoli",
  "Sirte",
  "Benghazi",
  "Misrata",
  "Geneva",
  "Cairo",
  "Ankara",
  "Tunis",
  "Rome",
  "Algiers",
];
const PEOPLE = ["Fayez al-Sarraj", "Khalifa Haftar", "Aguila Saleh", "Stephanie Williams", "Ghassan Salame"];
const SUBJECTS = [
  "water supplies",
  "oil exports",
  "the central bank",
  "power cuts",
  "prisoner exchanges",
  "airport reopening",
  "fuel prices",
  "school exams",
  "hospital funding",
  "port security",
];

const VOCABULARY = (
  "minister council budget harbour convoy tanker election court judge senator envoy drought harvest wheat " +
  "factory strike union militia border checkpoint refinery pipeline tribe elder mayor governor parliament " +
  "committee treaty sanction embargo currency inflation salary pension clinic vaccine teacher student " +
  "railway bridge tunnel airport runway satellite radio newspaper editor lawyer witness verdict appeal"
).split(" ");

/** A sentence of words picked by a small deterministic generator, different for every `seed`. */
function filler(seed: number): string {
  let x = (seed * 2654435761) >>> 0;
  const words: string[] = [];
  for (let i = 0; i < 24; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    words.push(VOCABULARY[(x >>> 8) % VOCABULARY.length] as string);
  }
  return `Witnesses mentioned the ${words.join(" ")}.`;
}

/** Seven paragraphs about story `n`: its own place, person, subject and wording, so that stories differ. */
export function story(n: number): string[] {
  return template(n).map((p, i) => `${p} ${filler(n * 31 + i)} ${filler(n * 31 + i + 1000)}`);
}

function template(n: number): string[] {
  const place = PLACES[n % PLACES.length] as string;
  const person = PEOPLE[n % PEOPLE.length] as string;
  const subject = SUBJECTS[Math.floor(n / PLACES.length) % SUBJECTS.length] as string;
  return [
    `Officials in ${place} said on Monday that talks on ${subject} had resumed after a pause of ${n + 2} weeks. ` +
      `${person} told reporters that story number ${n} would be settled before the end of the month.`,
    `Residents described long queues and rising costs in district ${n}, where ${subject} have dominated local politics. ` +
      `A spokesman for the council in ${place} declined to give a date for a final agreement.`,
    `Observers noted that previous rounds in ${place} had collapsed over disputes about ${subject}. ` +
      `Diplomats expect a further meeting, code-named round ${n * 7 + 3}, to take place in the coming days.`,
    `Trade figures for ${place} published last week showed exports falling by ${(n % 9) + 3} per cent, ` +
      `and analysts blamed uncertainty over ${subject} for much of the decline in quarter ${(n % 4) + 1}.`,
    `${person} has repeatedly argued that any settlement must include guarantees for the ${n + 11} families ` +
      `displaced from the outskirts of ${place} during the fighting earlier in the year.`,
    `Aid agencies working near ${place} warned that stocks would last only ${(n % 6) + 2} more weeks without ` +
      `new deliveries, and called on all parties to keep the coastal road open for convoys number ${n + 40}.`,
    `Local newspapers in ${place} reported that volunteers had organised ${n + 5} kitchens and clinics, ` +
      `while teachers in district ${n} said classes on ${subject} had been cancelled for the season.`,
  ];
}

/** A wire story as a second outlet prints it: the same text, one sentence appended and a word changed. */
export function reprint(paragraphs: string[]): string[] {
  const copy = [...paragraphs];
  copy[0] = (copy[0] as string).replace("said on Monday", "said Monday");
  copy.push("This report was written with material from a news agency.");
  return copy;
}
