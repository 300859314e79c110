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

export function decodeText(body: Buffer, contentType = ""): string {
  const label = declaredCharset(body, contentType) ?? "utf-8";
  try {
    return new TextDecoder(label).decode(body);
  } catch {
    // An unknown charset name: UTF-8 is the most likely truth.
    return new TextDecoder("utf-8").decode(body);
  }
}
