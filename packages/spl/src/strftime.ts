// Splunk's strftime format specifiers translated to ClickHouse formatDateTime's (where `%M` is a month name).
// Subseconds (`%3N`, `%6N`, `%9N`, `%N`, `%3Q` …), which formatDateTime cannot print at a chosen width, stay in the
// converted format as `%3N`, `%6N` or `%9N`: the printer writes them (backends/clickhouse/time-format.ts).

const specifiers: Readonly<Record<string, string>> = {
  Y: '%Y',
  y: '%y',
  m: '%m',
  d: '%d',
  e: '%e',
  H: '%H',
  I: '%I',
  M: '%i',
  S: '%S',
  p: '%p',
  j: '%j',
  a: '%a',
  A: '%W',
  b: '%b',
  h: '%b',
  B: '%M',
  F: '%F',
  T: '%T',
  D: '%D',
  R: '%R',
  u: '%u',
  w: '%w',
  V: '%V',
  G: '%G',
  g: '%g',
  C: '%C',
  z: '%z',
  n: '%n',
  t: '%t',
  '%': '%%',
  // The C locale's date and time (Splunk's Search Reference, common time format variables: `%c` is
  // `Thu Jul 18 09:30:00 2019` in US English on Linux), date (`07/18/19`) and time (`09:30:00`).
  c: '%a %b %e %H:%i:%S %Y',
  x: '%D',
  X: '%T',
};

/**
 * Converts a Splunk strftime format to ClickHouse's `formatDateTime` format.
 *
 * @example strftimeFormat('%Y-%m-%dT%H:%M:%S') // => { ok: true, format: '%Y-%m-%dT%H:%i:%S' }
 */
export function strftimeFormat(
  format: string,
): { ok: true; format: string } | { ok: false; message: string } {
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i] ?? '';
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const spec = format[i + 1];
    // Splunk's subsecond variables: `%<digits>N` or `%<digits>Q`, digits 3 (milliseconds), 6 or 9; `%N` is
    // `%9N` and `%Q` is `%3Q` (Search Reference, "Date and time format variables").
    const width = spec === 'N' ? '9' : spec === 'Q' ? '3' : undefined;
    if (width !== undefined) {
      out += `%${width}N`;
      i++;
      continue;
    }
    if (spec !== undefined && '369'.includes(spec) && (format[i + 2] === 'N' || format[i + 2] === 'Q')) {
      out += `%${spec}N`;
      i += 2;
      continue;
    }
    const mapped = spec === undefined ? undefined : specifiers[spec];
    if (mapped === undefined) {
      return { ok: false, message: `the time format specifier \`%${spec ?? ''}\` is not supported yet` };
    }
    out += mapped;
    i++;
  }
  return { ok: true, format: out };
}
