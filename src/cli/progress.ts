/**
 * A one-line progress report on stderr (rows, rows/s, elapsed), redrawn at most every 100 ms
 * and only when stderr is a terminal, so logs and pipes never see carriage returns.
 */
export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  update(rows: number): void;
  /** Clears the line. */
  done(): void;
}

const INTERVAL_MS = 100;
const number = new Intl.NumberFormat('en-US');

export function createProgress(sink: ProgressSink, label: string): Progress {
  if (!sink.isTTY) return { update() {}, done() {} };
  const started = performance.now();
  let last = -Infinity;
  let width = 0;
  return {
    update(rows) {
      const now = performance.now();
      if (now - last < INTERVAL_MS) return;
      last = now;
      const seconds = (now - started) / 1000;
      const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
      const line = `${label}: ${number.format(rows)} rows, ${number.format(rate)} rows/s, ${seconds.toFixed(1)} s`;
      sink.write(`\r${line.padEnd(width)}`);
      width = line.length;
    },
    done() {
      if (width) sink.write(`\r${' '.repeat(width)}\r`);
      width = 0;
    },
  };
}
