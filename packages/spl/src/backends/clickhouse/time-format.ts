// Times printed and parsed with a converted strftime format (strftime.ts), including Splunk's subsecond
// variables, which ClickHouse's formatDateTime cannot print at a chosen width.

import type { Params } from './quote.ts';

/** The pieces of a converted format: formatDateTime text, or a subsecond width (3, 6 or 9 digits). */
function pieces(format: string): (string | number)[] {
  const out: (string | number)[] = [];
  let text = '';
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '%' && format[i + 1] === '%') {
      text += '%%';
      i++;
    } else if (ch === '%' && '369'.includes(format[i + 1] ?? '') && format[i + 2] === 'N') {
      if (text !== '') out.push(text);
      text = '';
      out.push(Number(format[i + 1]));
      i += 2;
    } else text += ch;
  }
  if (text !== '') out.push(text);
  return out;
}

/**
 * `time` (a DateTime64(3) in SQL) as text in the converted `format`, in time zone `tz` (SQL). Subseconds are
 * the time's milliseconds, padded to their width with zeros (the store keeps milliseconds).
 *
 * @example formatTimeSql('t', '%S.%3N', "'UTC'", params) // concat(formatDateTime(t, {p0:String}, 'UTC'), …)
 */
export function formatTimeSql(time: string, format: string, tz: string, params: Params): string {
  const parts = pieces(format);
  if (parts.every((p) => typeof p === 'string'))
    return `formatDateTime(${time}, ${params.string(format)}, ${tz})`;
  const sql = parts.map((p) =>
    typeof p === 'string'
      ? `formatDateTime(${time}, ${params.string(p)}, ${tz})`
      : `rightPad(leftPad(toString(toMillisecond(${time})), 3, '0'), ${p}, '0')`,
  );
  return `concat(${sql.join(', ')})`;
}

/**
 * `text` (SQL) parsed with the converted `format` in time zone `tz` (SQL): epoch seconds, with the fraction a
 * subsecond variable read (any number of digits); NULL when it does not parse.
 */
export function parseTimeSql(text: string, format: string, tz: string, params: Params): string {
  const parts = pieces(format);
  if (parts.every((p) => typeof p === 'string'))
    return `toUnixTimestamp(parseDateTimeOrNull(${text}, ${params.string(format)}, ${tz}))`;
  const withFraction = parts.map((p) => (typeof p === 'string' ? p : '%f')).join('');
  return `(toUnixTimestamp64Milli(parseDateTime64OrNull(${text}, ${params.string(withFraction)}, ${tz})) / 1000)`;
}
