// Splunk's strftime format specifiers translated to ClickHouse formatDateTime's (where `%M` is a month name).

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
    const mapped = spec === undefined ? undefined : specifiers[spec];
    if (mapped === undefined) {
      return { ok: false, message: `the time format specifier \`%${spec ?? ''}\` is not supported yet` };
    }
    out += mapped;
    i++;
  }
  return { ok: true, format: out };
}
