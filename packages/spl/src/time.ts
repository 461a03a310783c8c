// Splunk time modifiers (`-24h@h`, `@d`, `now`, epoch seconds, `%m/%d/%Y:%H:%M:%S`) resolved to epoch ms.

/** Wall-clock parts in a time zone; `month` is 1-based, `dow` is 0 = Sunday. */
interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  dow: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  return f;
}

const weekdays: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** True when `tz` is a time zone name this runtime knows (`UTC`, `Europe/Paris`). */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

function toWall(epochMs: number, tz: string): WallClock {
  if (tz === 'UTC') {
    const d = new Date(epochMs);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      ms: d.getUTCMilliseconds(),
      dow: d.getUTCDay(),
    };
  }
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(epochMs))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    ms: ((epochMs % 1000) + 1000) % 1000,
    dow: weekdays[parts.weekday ?? 'Sun'] ?? 0,
  };
}

/** Epoch ms of a wall-clock time in `tz` (fields may overflow: month 13, day 0 … are normalised). */
function fromWall(w: Omit<WallClock, 'dow'>, tz: string): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  if (tz === 'UTC') return asUtc;
  // The zone offset at the guess, applied twice to settle across DST transitions.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const seen = toWall(guess, tz);
    const seenUtc = Date.UTC(
      seen.year,
      seen.month - 1,
      seen.day,
      seen.hour,
      seen.minute,
      seen.second,
      seen.ms,
    );
    guess = asUtc - (seenUtc - guess);
  }
  return guess;
}

/** Splunk's time units: `m` is minute, `mon` is month. */
export type TimeUnit = 's' | 'm' | 'h' | 'd' | 'w' | 'mon' | 'q' | 'y';
type Unit = TimeUnit;

const unitNames: Record<string, Unit> = {
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
  w: 'w',
  week: 'w',
  weeks: 'w',
  mon: 'mon',
  month: 'mon',
  months: 'mon',
  q: 'q',
  qtr: 'q',
  qtrs: 'q',
  quarter: 'q',
  quarters: 'q',
  y: 'y',
  yr: 'y',
  yrs: 'y',
  year: 'y',
  years: 'y',
};

/** Parses a time-unit word (`m` is minute, `mon` is month), or undefined. */
export function parseTimeUnit(word: string): Unit | undefined {
  return unitNames[word.toLowerCase()];
}

/**
 * The length of a month on the calendar key (IR `month_ms`): more than any month's milliseconds (31 days and a
 * daylight-saving hour), so `N` months back on that key is the same point of the month `N` months before.
 */
export const MONTH_KEY_MS = 32 * 86_400_000;

/** `span=90s`, `span=1h`, `span=30` (seconds). */
export function parseSpan(text: string): { count: number; unit: TimeUnit } | undefined {
  if (/^\d+$/.test(text)) return Number(text) > 0 ? { count: Number(text), unit: 's' } : undefined;
  const m = /^(\d*)([a-zA-Z]+)$/.exec(text);
  const unit = m ? parseTimeUnit(m[2] ?? '') : undefined;
  const count = m && m[1] !== '' ? Number(m[1]) : 1;
  return unit && count > 0 ? { count, unit } : undefined;
}

const fixedMs: Partial<Record<Unit, number>> = { s: 1000, m: 60_000, h: 3_600_000 };

function addUnits(epochMs: number, n: number, unit: Unit, tz: string): number {
  const fixed = fixedMs[unit];
  if (fixed !== undefined) return epochMs + n * fixed;
  const w = toWall(epochMs, tz);
  switch (unit) {
    case 'd':
      return fromWall({ ...w, day: w.day + n }, tz);
    case 'w':
      return fromWall({ ...w, day: w.day + 7 * n }, tz);
    case 'mon':
      return fromWall({ ...w, month: w.month + n }, tz);
    case 'q':
      return fromWall({ ...w, month: w.month + 3 * n }, tz);
    case 'y':
      return fromWall({ ...w, year: w.year + n }, tz);
    default:
      return epochMs;
  }
}

/** Rounds down to the start of `unit`; `weekday` (0–6) for `@w0`…`@w6` (`@w` = Sunday). */
function snap(epochMs: number, unit: Unit, tz: string, weekday = 0): number {
  const w = toWall(epochMs, tz);
  const base = { ...w, ms: 0 };
  switch (unit) {
    case 's':
      return fromWall(base, tz);
    case 'm':
      return fromWall({ ...base, second: 0 }, tz);
    case 'h':
      return fromWall({ ...base, minute: 0, second: 0 }, tz);
    case 'd':
      return fromWall({ ...base, hour: 0, minute: 0, second: 0 }, tz);
    case 'w': {
      const back = (w.dow - weekday + 7) % 7;
      return fromWall({ ...base, day: w.day - back, hour: 0, minute: 0, second: 0 }, tz);
    }
    case 'mon':
      return fromWall({ ...base, day: 1, hour: 0, minute: 0, second: 0 }, tz);
    case 'q':
      return fromWall(
        { ...base, month: w.month - ((w.month - 1) % 3), day: 1, hour: 0, minute: 0, second: 0 },
        tz,
      );
    case 'y':
      return fromWall({ ...base, month: 1, day: 1, hour: 0, minute: 0, second: 0 }, tz);
  }
}

/** One step of a relative time: `-2h` (offset) or `@d`, `@w1` (snap down; `weekday` 0 = Sunday). */
export type RelativeStep =
  | { readonly kind: 'offset'; readonly n: number; readonly unit: TimeUnit }
  | { readonly kind: 'snap'; readonly unit: TimeUnit; readonly weekday: number };

/**
 * Parses a relative time such as `-1d@d+8h` into its steps, applied left to right. The message of an
 * error contains `{spec}` where the caller's text goes.
 */
export function parseRelativeSteps(
  text: string,
): { ok: true; steps: RelativeStep[] } | { ok: false; message: string } {
  const steps: RelativeStep[] = [];
  let rest = text.trim();
  if (rest === '') return { ok: false, message: 'empty time modifier' };
  while (rest.length > 0) {
    const step = relativeStep.exec(rest);
    if (step) {
      const [whole, sign, digits, unitWord] = step;
      const unit = parseTimeUnit(unitWord ?? '');
      if (!unit) return { ok: false, message: `unknown time unit \`${unitWord}\` in \`{spec}\`` };
      const n = digits === '' ? 1 : Number(digits);
      steps.push({ kind: 'offset', n: sign === '-' ? -n : n, unit });
      rest = rest.slice(whole.length);
      continue;
    }
    const sn = snapStep.exec(rest);
    if (sn) {
      const [whole, unitWord, day] = sn;
      const unit = parseTimeUnit(unitWord ?? '');
      if (!unit) return { ok: false, message: `unknown snap unit \`${unitWord}\` in \`{spec}\`` };
      if (day !== '' && unit !== 'w')
        return { ok: false, message: 'only `@w` takes a day number, in `{spec}`' };
      steps.push({ kind: 'snap', unit, weekday: day === '' ? 0 : Number(day) % 7 });
      rest = rest.slice(whole.length);
      continue;
    }
    return {
      ok: false,
      message:
        'invalid time modifier `{spec}`: expected `now`, epoch seconds, `%m/%d/%Y:%H:%M:%S` or a relative time such as `-24h@h`',
    };
  }
  return { ok: true, steps };
}

export type TimeResult = { ok: true; epochMs: number } | { ok: false; message: string };

const absolutePattern = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?::(\d{1,2}):(\d{1,2}):(\d{1,2}))?$/;
const relativeStep = /^([+-])(\d*)([a-zA-Z]+)/;
const snapStep = /^@([a-zA-Z]+?)(\d?)(?=$|[+-])/;

/**
 * Resolves a Splunk time modifier to epoch milliseconds.
 *
 * Accepts `now`, `now()`, epoch seconds (`1700000000`, `1700000000.5`), `%m/%d/%Y:%H:%M:%S` in `tz`,
 * ISO 8601, and relative chains such as `-24h`, `-7d@d`, `@w1`, `-1mon@mon+8h` (snap rounds down;
 * `m` is minute and `mon` is month).
 *
 * @example resolveTime('-1d@d', Date.UTC(2024, 0, 10, 15), 'UTC') // => { ok: true, epochMs: Date.UTC(2024, 0, 9) }
 */
export function resolveTime(spec: string, nowMs: number, tz = 'UTC'): TimeResult {
  const text = spec.trim();
  if (text === '') return { ok: false, message: 'empty time modifier' };
  if (text === 'now' || text === 'now()') return { ok: true, epochMs: nowMs };
  if (/^\d+(\.\d+)?$/.test(text)) return { ok: true, epochMs: Math.round(Number(text) * 1000) };
  const abs = absolutePattern.exec(text);
  if (abs) {
    const [, mo, d, y, h, mi, s] = abs;
    const epochMs = fromWall(
      {
        year: Number(y),
        month: Number(mo),
        day: Number(d),
        hour: Number(h ?? 0),
        minute: Number(mi ?? 0),
        second: Number(s ?? 0),
        ms: 0,
      },
      tz,
    );
    return { ok: true, epochMs };
  }
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) {
    const iso = /[T ]/.test(text) ? text.replace(' ', 'T') : `${text}T00:00:00`;
    const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(iso);
    const ms = Date.parse(hasZone ? iso : `${iso}Z`);
    if (Number.isNaN(ms)) return { ok: false, message: `invalid date \`${spec}\`` };
    if (hasZone) return { ok: true, epochMs: ms };
    const w = toWall(ms, 'UTC');
    return { ok: true, epochMs: fromWall(w, tz) };
  }
  if (text.startsWith('rt')) {
    return { ok: false, message: `real-time modifier \`${spec}\` is not allowed in a search` };
  }
  const steps = parseRelativeSteps(text);
  if (!steps.ok) return { ok: false, message: steps.message.replace('{spec}', spec) };
  let t = nowMs;
  for (const step of steps.steps) {
    t = step.kind === 'offset' ? addUnits(t, step.n, step.unit, tz) : snap(t, step.unit, tz, step.weekday);
  }
  return { ok: true, epochMs: t };
}
