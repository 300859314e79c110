/**
 * The Block Kit subset newsbrief sends, and a builder that keeps every message inside Slack's limits:
 * a message that breaks one is refused whole (`invalid_blocks`, `msg_blocks_too_long`), so the builder
 * cuts text and stops adding blocks instead, and says so in a closing note.
 * All text handed to the builder is already escaped (see escape.ts).
 */
import { truncateEscaped } from "./escape.js";

export interface PlainText {
  type: "plain_text";
  text: string;
}

export interface Mrkdwn {
  type: "mrkdwn";
  text: string;
  /** Always true: Slack must not turn plain words into links or mentions on its own. */
  verbatim: true;
}

export type Block =
  | { type: "header"; text: PlainText }
  | { type: "section"; text: Mrkdwn; fields?: Mrkdwn[] }
  | { type: "context"; elements: Mrkdwn[] }
  | { type: "divider" };

export const LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  contextElements: 10,
  /** Our own cap per context element, well under the 3,000 of a text object: a context line is a footnote. */
  contextText: 1000,
  /** Slack refuses messages whose block text nears ~13k characters; this leaves a safe margin. */
  totalText: 11_000,
  /** The message's `text`: the notification preview and what shows where blocks cannot. */
  fallbackText: 2000,
} as const;

const SHORTENED_NOTE = "_Shortened to fit Slack's message limits._";

export function mrkdwn(text: string): Mrkdwn {
  return { type: "mrkdwn", text, verbatim: true };
}

/** The characters of text a block carries, as Slack counts them against a message. */
export function blockTextLength(block: Block): number {
  switch (block.type) {
    case "header":
      return block.text.text.length;
    case "section":
      return block.text.text.length + (block.fields ?? []).reduce((n, f) => n + f.text.length, 0);
    case "context":
      return block.elements.reduce((n, e) => n + e.text.length, 0);
    case "divider":
      return 0;
  }
}

export class BlockBuilder {
  private readonly blocks: Block[] = [];
  private used = 0;
  private shortened = false;
  private footer?: Block;

  /** Room for one more block of `chars` characters, keeping space for the footer and the shortening note. */
  private fits(chars: number): boolean {
    const reservedBlocks = 1 + (this.footer ? 1 : 0);
    const reservedChars = SHORTENED_NOTE.length + (this.footer ? blockTextLength(this.footer) : 0);
    return (
      !this.shortened &&
      this.blocks.length + 1 + reservedBlocks <= LIMITS.blocks &&
      this.used + chars + reservedChars <= LIMITS.totalText
    );
  }

  private add(block: Block): boolean {
    const chars = blockTextLength(block);
    if (!this.fits(chars)) {
      this.shortened = true;
      return false;
    }
    this.blocks.push(block);
    this.used += chars;
    return true;
  }

  header(escaped: string): this {
    const text = truncateEscaped(escaped.trim(), LIMITS.headerText) || "newsbrief";
    this.add({ type: "header", text: { type: "plain_text", text } });
    return this;
  }

  section(escaped: string): this {
    const text = truncateEscaped(escaped.trim(), LIMITS.sectionText);
    if (text) this.add({ type: "section", text: mrkdwn(text) });
    return this;
  }

  /** A bold title followed by lines, packed into as few sections as the limits allow. */
  list(title: string, lines: string[]): this {
    let current = title ? `*${title}*` : "";
    const flush = () => {
      if (current.trim()) this.add({ type: "section", text: mrkdwn(current) });
      current = "";
    };
    for (const raw of lines) {
      const line = truncateEscaped(raw, LIMITS.sectionText / 2);
      const candidate = current ? `${current}\n${line}` : line;
      if (candidate.length <= LIMITS.sectionText && this.fits(candidate.length)) {
        current = candidate;
        continue;
      }
      flush();
      if (!this.fits(line.length)) {
        this.shortened = true;
        return this;
      }
      current = line;
    }
    flush();
    return this;
  }

  /** A titled section of two-column fields (up to ten per section). */
  fields(title: string, fields: string[]): this {
    for (let i = 0; i < fields.length; i += LIMITS.fields) {
      const chunk = fields
        .slice(i, i + LIMITS.fields)
        .map((f) => truncateEscaped(f.trim(), LIMITS.fieldText) || "—");
      const text = i === 0 ? `*${title}*` : `*${title}* (continued)`;
      if (!this.add({ type: "section", text: mrkdwn(text), fields: chunk.map(mrkdwn) })) break;
    }
    return this;
  }

  context(elements: string[]): this {
    const block = contextBlock(elements);
    if (block) this.add(block);
    return this;
  }

  /** A context line kept at the very end whatever else has to be cut (topic and time). */
  setFooter(elements: string[]): this {
    this.footer = contextBlock(elements);
    return this;
  }

  build(): Block[] {
    const blocks = [...this.blocks];
    if (this.shortened) blocks.push({ type: "context", elements: [mrkdwn(SHORTENED_NOTE)] });
    if (this.footer) blocks.push(this.footer);
    return blocks;
  }
}

function contextBlock(elements: string[]): Block | undefined {
  const texts = elements
    .map((e) => truncateEscaped(e.trim(), LIMITS.contextText))
    .filter(Boolean)
    .slice(0, LIMITS.contextElements);
  return texts.length > 0 ? { type: "context", elements: texts.map(mrkdwn) } : undefined;
}
