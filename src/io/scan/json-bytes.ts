/**
 * The bytes the NDJSON walk (./ndjson.ts) and its row templates (./ndjson-template.ts) look for.
 */
export const QUOTE = 34,
  BACKSLASH = 92,
  COMMA = 44,
  COLON = 58,
  LBRACE = 123,
  RBRACE = 125,
  LBRACKET = 91,
  RBRACKET = 93,
  LF = 10,
  CR = 13;

/** JSON's whitespace: space, tab, CR, LF. */
export function isWs(b: number): boolean {
  return b === 32 || b === 9 || b === 13 || b === 10;
}
