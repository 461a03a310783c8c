// Splunk's printf format: `%[flags][width][.precision]conversion`, parsed when the search is compiled.

/** One piece of a format: text, or a conversion of the next argument. */
export type FormatPiece =
  | { readonly text: string }
  | {
      readonly flags: string;
      readonly width?: number;
      readonly precision?: number;
      readonly conversion: 's' | 'd' | 'i' | 'u' | 'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' | 'c';
    };

type Conversion = Exclude<FormatPiece, { text: string }>['conversion'];
const conversions: readonly Conversion[] = [
  's',
  'd',
  'i',
  'u',
  'f',
  'F',
  'e',
  'E',
  'g',
  'G',
  'x',
  'X',
  'o',
  'c',
];
const isConversion = (c: string): c is Conversion => (conversions as readonly string[]).includes(c);

const SPEC = /%([-+ 0#']*)(\d+)?(?:\.(\d+))?([sdiufFeEgGxXoc%])?/y;

/** The pieces of `format`, or the problem (an unknown conversion, `*` widths). */
export function parsePrintf(
  format: string,
): { ok: true; pieces: FormatPiece[] } | { ok: false; message: string } {
  const pieces: FormatPiece[] = [];
  let text = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c !== '%') {
      text += c;
      i++;
      continue;
    }
    SPEC.lastIndex = i;
    const m = SPEC.exec(format);
    const conversion = m?.[4];
    if (!m || conversion === undefined) {
      const next = format.slice(i, i + 3);
      return {
        ok: false,
        message: `\`printf\`: \`${next}\` is not a conversion (use %s %d %i %u %f %e %g %x %o %c or %%)`,
      };
    }
    i += m[0].length;
    if (conversion === '%') {
      text += '%';
      continue;
    }
    if (!isConversion(conversion)) throw new Error(`unreachable conversion ${conversion}`);
    if (text !== '') pieces.push({ text });
    text = '';
    pieces.push({
      flags: m[1] ?? '',
      ...(m[2] === undefined ? {} : { width: Number(m[2]) }),
      ...(m[3] === undefined ? {} : { precision: Number(m[3]) }),
      conversion,
    });
  }
  if (text !== '') pieces.push({ text });
  return { ok: true, pieces };
}
