/**
 * Reading progress on stderr. On a terminal, one line redrawn at most every 100 ms: percent of
 * the input's bytes (when its size is known), rows, MB/s and the time left; pipes and logs never
 * see carriage returns. Whatever stderr is, {@link summaryLine} gives the one line printed when
 * the read is done.
 */
export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** Rows so far, and bytes read of `totalBytes` when the reader knows them. */
  update(rows: number, bytes?: number, totalBytes?: number): void;
  /** Clears the line. */
  done(): void;
}

const INTERVAL_MS = 100;
/**
 * A whole number with a comma between each three digits, as `Intl.NumberFormat('en-US')` writes
 * it: making that formatter cost the main thread about 11 ms (ICU's first load), on the way to
 * the command's first row.
 */
const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
const MB = 1e6;

export function createProgress(sink: ProgressSink, label: string): Progress {
  if (!sink.isTTY) return { update() {}, done() {} };
  const started = performance.now();
  let last = -Infinity;
  let width = 0;
  return {
    update(rows, bytes, totalBytes) {
      const now = performance.now();
      if (now - last < INTERVAL_MS) return;
      last = now;
      const seconds = (now - started) / 1000;
      const parts = [`${grouped(rows)} rows`];
      if (bytes !== undefined && seconds > 0) {
        const rate = bytes / MB / seconds;
        if (totalBytes) {
          parts.unshift(`${Math.min(100, Math.floor((100 * bytes) / totalBytes))}%`);
          parts.push(`${rate.toFixed(0)} MB/s`);
          if (rate > 0) parts.push(`ETA ${((totalBytes - bytes) / MB / rate).toFixed(1)} s`);
        } else parts.push(`${rate.toFixed(0)} MB/s`);
      } else parts.push(`${grouped(seconds > 0 ? Math.round(rows / seconds) : 0)} rows/s`);
      parts.push(`${seconds.toFixed(1)} s`);
      const line = `${label}: ${parts.join(', ')}`;
      sink.write(`\r${line.padEnd(width)}`);
      width = line.length;
    },
    done() {
      if (width) sink.write(`\r${' '.repeat(width)}\r`);
      width = 0;
    },
  };
}

/**
 * The line a command prints on stderr once an input is read.
 * @example summaryLine('events.ndjson', { rows: 5_000_000, skipped: 2, bytes: 537e6, seconds: 1.5 })
 * // 'read events.ndjson: 5,000,000 rows, 2 skipped, 537.0 MB in 1.50 s (358 MB/s)'
 */
export function summaryLine(input: string, s: { rows: number; skipped: number; bytes: number; seconds: number }): string {
  const rate = s.seconds > 0 ? ` (${(s.bytes / MB / s.seconds).toFixed(0)} MB/s)` : '';
  return `read ${input}: ${grouped(s.rows)} rows, ${grouped(s.skipped)} skipped, ${(s.bytes / MB).toFixed(1)} MB in ${s.seconds.toFixed(2)} s${rate}`;
}
