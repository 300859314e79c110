/**
 * Transliteration keys for names: news from different languages spells the same person differently
 * ("Khalifa"/"Chalifa" Haftar, "al-Sarraj"/"al-Sarradsch"). Terms that share a key are treated as
 * spellings of one name when a question is expanded.
 */

/** A rough sound key of a stemmed term, or "" for words too short to compare safely. */
export function nameKey(term: string): string {
  if (term.length < 5 || !/^[\p{L}]+$/u.test(term)) return "";
  const key = term
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/dsch|dzh|dj/g, "j")
    .replace(/tsch|tch/g, "c")
    .replace(/sch|sh/g, "s")
    .replace(/kh|ch|ck|q/g, "k")
    .replace(/c(?=[aou])/g, "k")
    .replace(/ph/g, "f")
    .replace(/w/g, "v")
    .replace(/y/g, "i")
    .replace(/ou|oo/g, "u")
    .replace(/ee/g, "i")
    .replace(/(.)\1+/g, "$1");
  return key.length >= 4 ? key : "";
}
