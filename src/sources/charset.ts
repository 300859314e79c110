/**
 * Bytes to text in the charset the response declares: the Content-Type header first, then a byte
 * order mark, then the XML declaration or an HTML meta tag; UTF-8 when none says.
 */

function declaredCharset(body: Buffer, contentType: string): string | undefined {
  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1];
  if (fromHeader) return fromHeader;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return "utf-8";
  if (body[0] === 0xff && body[1] === 0xfe) return "utf-16le";
  if (body[0] === 0xfe && body[1] === 0xff) return "utf-16be";
  const head = body.subarray(0, 2048).toString("latin1");
  return (
    /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1]
  );
}

/** What windows-1252 puts at 0x80–0x9F (curly quotes, dashes, €); unassigned bytes stay as they are. */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/** Labels that mean windows-1252 on the web (a page that says ISO-8859-1 is read as windows-1252 by browsers). */
const CP1252_LABELS = new Set([
  "windows-1252",
  "cp1252",
  "x-cp1252",
  "iso-8859-1",
  "iso8859-1",
  "latin1",
  "l1",
  "us-ascii",
  "ascii",
]);

/** Node 20's TextDecoder reads windows-1252 as plain Latin-1 (C1 controls for curly quotes), so it is done here. */
function decodeWindows1252(body: Buffer): string {
  const latin = body.toString("latin1");
  return latin.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] as string);
}

export function decodeText(body: Buffer, contentType = ""): string {
  const label = declaredCharset(body, contentType) ?? "utf-8";
  if (CP1252_LABELS.has(label.toLowerCase())) return decodeWindows1252(body);
  try {
    return new TextDecoder(label).decode(body);
  } catch {
    // An unknown charset name: UTF-8 is the most likely truth.
    return new TextDecoder("utf-8").decode(body);
  }
}
