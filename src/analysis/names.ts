/**
 * Name normalization for alias clustering: the same name spelled by different transliteration
 * conventions ("Fajis al-Sarradsch" / "Fayez al-Sarraj", "Chalifa" / "Khalifa", "Gaddafi" /
 * "Qaddafi") reduces to the same consonant skeleton.
 */

const ARTICLE_PREFIX = /^(?:al|el|al|as|ash|at|ad|ar|az|an)[-‐‑]/;

/** Lower-case, without diacritics and without an Arabic article prefix ("al-Sisi" → "sisi"). */
export function bareName(token: string): string {
  return token
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(ARTICLE_PREFIX, "");
}

/** A spelling-independent key of one name token. */
export function skeleton(token: string): string {
  let s = bareName(token);
  s = s
    .replace(/tsch/g, "ch")
    .replace(/dsch/g, "j")
    .replace(/sch/g, "sh")
    .replace(/dj/g, "j")
    .replace(/ch/g, "kh")
    .replace(/ph/g, "f")
    .replace(/dh/g, "d")
    .replace(/th/g, "t")
    .replace(/[qgc]/g, "k")
    .replace(/z/g, "s")
    .replace(/w/g, "v")
    .replace(/y/g, "i")
    // German "j" is English "y" ("Fajis" / "Fayez"); with "dsch" already "j", both spellings of "Sarraj" agree.
    .replace(/j/g, "i")
    .replace(/ou/g, "u")
    .replace(/kh/g, "k");
  // Vowels carry most of the variation between transliterations; keep the first letter.
  const head = s.slice(0, 1);
  const rest = s.slice(1).replace(/[aeiou-]/g, "");
  return (head + rest).replace(/(.)\1+/g, "$1");
}

/** Tokens of a name that identify a person: the connectors ("bin", "al", "de", "van") left out. */
export function nameTokens(name: string): string[] {
  return name
    .split(/\s+/)
    .filter((t) => !/^(?:al|el|bin|ibn|bint|de|da|del|van|von|der|den|la|le|du|di)$/i.test(t));
}

/** The skeleton of a whole name, token by token. */
export function nameKey(name: string): string {
  return nameTokens(name).map(skeleton).join(" ");
}

/** The surname: the last token that is not a connector. */
export function surname(name: string): string {
  const tokens = nameTokens(name);
  return tokens[tokens.length - 1] ?? name;
}
