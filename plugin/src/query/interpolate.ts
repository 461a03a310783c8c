// Template variables in SPL: every `$var` is replaced by a value quoted for the place it stands in.
//
// Rules (the values come from Grafana's template service; this module decides how they are written):
// - A single value is a double-quoted SPL string with `\` and `"` escaped (`a "b" c\` → `"a \"b\" c\\"`),
//   except a plain decimal number (`500`, `-1.5`), which is written as it is so `| head $n` and
//   `status>$code` keep working. Nothing else is left bare: in `eval`/`where` a bare word is a field name.
// - A multi-value variable written as `field=$var` becomes `field IN ("a", "b")` (`field!=$var` →
//   `NOT field IN (…)`); inside `IN ( … )` it becomes the quoted list `"a", "b"`; anywhere else the
//   search terms `("a" OR "b")`.
// - Inside a double-quoted string the value is escaped but not quoted again (multi-values joined by `,`).
// - Inside a ```` ``` ```` comment nothing is replaced (a value could end the comment early).
// - `$__interval`, `$__interval_ms`, `$__from` and `$__to` are left for the backend, which expands them for
//   dashboards and alert rules alike (plugin/backend/query.ts `expandMacros`), so both always agree.
// - An explicit Grafana format (`${var:raw}`, `${var:csv}`) is the user's choice and is not quoted here.
// Quoted values cannot break out: SPL strings end only at an unescaped `"`, and `|`, `]`, backquotes,
// newlines and `$` are plain characters inside them (the backend does not expand macros inside strings).

/** Formats the value of one variable (Grafana calls it with a string, or an array for multi-value). */
export type Formatter = (value: string | string[]) => string;

/** `getTemplateSrv().replace(target, scopedVars, formatter)` with the scoped variables bound. */
export type ReplaceFn = (target: string, format: Formatter) => string;

/** Grafana's variable reference syntaxes: `$var`, `[[var:fmt]]`, `${var.path:fmt}`. */
const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/y;

/** Expanded by the backend from the request's interval and range. */
export const BACKEND_MACROS: ReadonlySet<string> = new Set(['__interval', '__interval_ms', '__from', '__to']);

const NUMBER = /^-?\d+(?:\.\d+)?$/;

/** The body of an SPL double-quoted string holding `v`. */
export const escapeInString = (v: string): string => v.replace(/[\\"]/g, (c) => `\\${c}`);

/** `v` as an SPL string literal. @example quoteSpl('a "b"') // '"a \\"b\\""' */
export const quoteSpl = (v: string): string => `"${escapeInString(v)}"`;

/** A single value as written outside strings: plain numbers bare, everything else quoted. */
export const splValue = (v: string): string => (NUMBER.test(v) ? v : quoteSpl(v));

/** `field=` / `field!=` right before a variable: group 1 the field, group 2 the operator. */
const FIELD_BEFORE = /([A-Za-z_][\w.]*|"(?:[^"\\]|\\.)*")\s*(!=|==|=)\s*$/;
/** Inside an `IN ( … )` list, after zero or more values. */
const IN_BEFORE = /\bIN\s*\(\s*(?:(?:"(?:[^"\\]|\\.)*"|[^\s(),"]+)\s*,?\s*)*$/i;

type Place = 'string' | 'code';

/**
 * Replaces the template variables of `spl` (see the rules above).
 *
 * @example interpolateSpl('index=web host=$host | where status IN ($code)', replace)
 *   // host = ['a', 'b'], code = ['500']: 'index=web host IN ("a", "b") | where status IN (500)'
 */
export function interpolateSpl(spl: string, replace: ReplaceFn): string {
  let out = '';
  /** Where the text copied as written starts in `out` (after the last substitution). */
  let literalFrom = 0;
  let copied = 0;
  let inString = false;
  const copyTo = (i: number): void => {
    out += spl.slice(copied, i);
    copied = i;
  };
  for (let i = 0; i < spl.length; i++) {
    const c = spl[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inString) {
      if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      continue;
    } else if (c === '`' && spl.startsWith('```', i)) {
      const close = spl.indexOf('```', i + 3);
      i = close < 0 ? spl.length : close + 2;
      continue;
    }
    if (c !== '$' && c !== '[') continue;
    VARIABLE.lastIndex = i;
    const m = VARIABLE.exec(spl);
    if (!m) continue;
    const ref = m[0];
    const name = m[1] ?? m[2] ?? m[4] ?? '';
    const explicit = m[3] !== undefined || m[5] !== undefined || m[6] !== undefined;
    if (BACKEND_MACROS.has(name) && !explicit) {
      i += ref.length - 1;
      continue;
    }
    let captured: string | string[] | undefined;
    const replaced = replace(ref, (v) => {
      captured = v;
      return ref;
    });
    copyTo(i);
    if (captured === undefined) {
      // Unknown variable (left as written) or an explicit format chosen by the user.
      out += replaced;
    } else {
      const place: Place = inString ? 'string' : 'code';
      const spliced = render(captured, place, out.slice(literalFrom));
      out = out.slice(0, out.length - spliced.consumed) + spliced.text;
    }
    literalFrom = out.length;
    copied = i + ref.length;
    i += ref.length - 1;
  }
  copyTo(spl.length);
  return out;
}

/** The text for one value, and how many characters of the text before it it replaces. */
function render(
  value: string | string[],
  place: Place,
  literalBefore: string,
): { text: string; consumed: number } {
  const values = Array.isArray(value) ? value : [value];
  if (place === 'string') return { text: values.map(escapeInString).join(','), consumed: 0 };
  if (IN_BEFORE.test(literalBefore)) return { text: values.map(splValue).join(', '), consumed: 0 };
  const single = values.length === 1 ? values[0] : undefined;
  if (single !== undefined) return { text: splValue(single), consumed: 0 };
  const list = values.map(splValue).join(', ');
  const field = FIELD_BEFORE.exec(literalBefore);
  if (field?.[1] !== undefined) {
    const text = `${field[2] === '!=' ? 'NOT ' : ''}${field[1]} IN (${list})`;
    return { text, consumed: field[0].length };
  }
  return { text: values.length === 0 ? '()' : `(${values.map(splValue).join(' OR ')})`, consumed: 0 };
}
