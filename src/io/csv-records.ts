/**
 * RFC 4180 records from streamed text, with the line each record starts on. (arquero's own
 * CSV parser splits records just as well, but reports no line numbers, and a malformed row has
 * to be named by its line.) Quoted fields may
 * hold delimiters, doubled quotes and line breaks; `\n`, `\r\n` and `\r` end a record.
 *
 * Between chunks only the unfinished record is carried over and re-read with the next chunk,
 * which keeps the splitter free of cross-chunk state; a single field spanning many chunks is
 * re-read once per chunk, the one case where this costs more than a linear pass.
 */
const QUOTE = 34;
const LF = 10;
const CR = 13;

export type CsvRecord = { fields: string[]; line: number } | { error: string; line: number };

type Parsed = { fields: string[]; end: number; breaks: number } | { error: string; end: number; breaks: number } | null;

function countBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && text.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

/** Where the line containing index `i` ends (after its terminator), for resynchronising after an error. */
function skipLine(text: string, i: number): { end: number; breaks: number } {
  for (let k = i; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === LF) return { end: k + 1, breaks: 1 };
    if (c === CR) return { end: text.charCodeAt(k + 1) === LF ? k + 2 : k + 1, breaks: 1 };
  }
  return { end: text.length, breaks: 0 };
}

/** Reads one record from `start`; null when the text ends before the record does (and more may come). */
function parseRecord(text: string, start: number, delimiter: number, final: boolean): Parsed {
  const n = text.length;
  const fields: string[] = [];
  let breaks = 0;
  let i = start;
  for (;;) {
    let value: string;
    if (i < n && text.charCodeAt(i) === QUOTE) {
      value = '';
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          if (!final) return null;
          return { error: 'unterminated quoted field', end: n, breaks: breaks + countBreaks(text.slice(i)) };
        }
        value += text.slice(j, q);
        if (q + 1 >= n && !final) return null;
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      breaks += countBreaks(value);
      const c = i < n ? text.charCodeAt(i) : -1;
      if (c !== delimiter && c !== LF && c !== CR && c !== -1) {
        const rest = skipLine(text, i);
        if (rest.breaks === 0 && !final) return null;
        return { error: 'unexpected text after a closing quote', end: rest.end, breaks: breaks + rest.breaks };
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === delimiter || c === LF || c === CR) break;
        j++;
      }
      if (j >= n && !final) return null;
      value = text.slice(i, j);
      i = j;
    }
    fields.push(value);
    if (i >= n) return { fields, end: n, breaks };
    const c = text.charCodeAt(i);
    if (c === delimiter) {
      i++;
      continue;
    }
    if (c === CR) {
      if (i + 1 >= n && !final) return null; // a \n may follow in the next chunk
      return { fields, end: text.charCodeAt(i + 1) === LF ? i + 2 : i + 1, breaks: breaks + 1 };
    }
    return { fields, end: i + 1, breaks: breaks + 1 };
  }
}

/**
 * Splits streamed CSV text into records. Blank lines are not records.
 *
 * @example
 * for await (const r of csvRecords(textChunks('events.csv'))) if ('fields' in r) console.log(r.line, r.fields);
 */
export async function* csvRecords(chunks: AsyncIterable<string>, delimiter = ','): AsyncGenerator<CsvRecord> {
  const delim = delimiter.charCodeAt(0);
  let pending = '';
  let line = 1;
  const drain = function* (text: string, final: boolean): Generator<CsvRecord, number> {
    let start = 0;
    while (start < text.length) {
      const r = parseRecord(text, start, delim, final);
      if (r === null) break;
      const startLine = line;
      line += r.breaks;
      start = r.end;
      if ('error' in r) yield { error: r.error, line: startLine };
      else if (!(r.fields.length === 1 && r.fields[0] === '')) yield { fields: r.fields, line: startLine };
    }
    return start;
  };
  for await (const chunk of chunks) {
    const text = pending + chunk;
    const consumed = yield* drain(text, false);
    pending = text.slice(consumed);
  }
  if (pending) yield* drain(pending, true);
}
