/**
 * Small text pictures for terminal output: a sparkline (▁▂▃▄▅▆▇█) of a series, and an instant
 * written as ISO 8601 in a time zone (the local clock and its offset, as the window grid sees it).
 */

const BARS = '▁▂▃▄▅▆▇█';

/** Characters a sparkline is at most; a longer series is shown as means of consecutive values. */
export const SPARKLINE_WIDTH = 60;

/**
 * One character per value, scaled from min(0, smallest) to the largest; null is a space.
 *
 * @example
 * sparkline([0, 1, 4, 8, null, 2]); // '▁▂▄█ ▃'
 */
export function sparkline(values: readonly (number | null)[], width = SPARKLINE_WIDTH): string {
  const series = values.length > width ? squeeze(values, width) : values;
  const present = series.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return ' '.repeat(series.length);
  const lo = Math.min(0, ...present);
  const hi = Math.max(...present);
  const span = hi - lo;
  return series
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      return BARS[span === 0 ? 0 : Math.round(((v - lo) / span) * (BARS.length - 1))];
    })
    .join('');
}

/** `width` values, each the mean of the present values of its share of `values` (null when none). */
function squeeze(values: readonly (number | null)[], width: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < width; i++) {
    const part = values.slice(Math.floor((i * values.length) / width), Math.floor(((i + 1) * values.length) / width));
    const present = part.filter((v): v is number => v !== null && Number.isFinite(v));
    out.push(present.length ? present.reduce((a, b) => a + b, 0) / present.length : null);
  }
  return out;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/**
 * An epoch-ms instant as ISO 8601 on the zone's local clock with its offset (`Z` in UTC);
 * milliseconds only when there are any.
 *
 * @example
 * isoInZone(Date.UTC(2026, 10, 1), 'Europe/Berlin'); // '2026-11-01T01:00:00+01:00'
 */
export function isoInZone(ms: number, timeZone = 'UTC'): string {
  const parts = Object.fromEntries(
    zoneFormat(timeZone)
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  const year = Number(parts.year);
  const at = new Date(
    Date.UTC(2000, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)),
  );
  // Date.UTC reads years 0–99 as 1900–1999: set the year on its own.
  const local = at.setUTCFullYear(year);
  const millis = ((ms % 1000) + 1000) % 1000;
  const offset = Math.round((local + millis - ms) / 60_000);
  const zone =
    timeZone === 'UTC' && offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  const date = `${year < 0 ? '-' : ''}${pad(year, 4)}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  return `${date}${millis ? `.${pad(millis, 3)}` : ''}${zone}`;
}
