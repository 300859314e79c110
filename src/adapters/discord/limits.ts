/** Discord's limits on one message's embeds (characters are counted as UTF-16 units, which never undercounts). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Across every embed of one message: titles, descriptions, field names and values, footers. */
  total: 6000,
  embedsPerMessage: 10,
} as const;

/** Autocomplete answers: at most 25 choices, names and values up to 100 characters. */
export const CHOICE_LIMITS = { choices: 25, name: 100, value: 100 } as const;

/** Command and option descriptions. */
export const DESCRIPTION_LIMIT = 100;
