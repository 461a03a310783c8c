// A PromQL series selector (`name{label="v", other=~"re"}`) parsed and turned into a WHERE clause on `metrics`.

/** One label matcher of a selector. */
export interface Matcher {
  readonly name: string;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}

const IDENT = /^[A-Za-z_:][A-Za-z0-9_:.]*/;
const LABEL = /^[A-Za-z_][A-Za-z0-9_.]*/;

/**
 * The matchers of a series selector (`match[]` of the labels and series APIs). Only selectors: no
 * functions, ranges or offsets. A metric name before `{` is `__name__="name"`.
 *
 * @example parseSelector('up{job=~"a|b"}') // => [{ name: '__name__', op: '=', value: 'up' }, { name: 'job', op: '=~', value: 'a|b' }]
 */
export function parseSelector(text: string): Matcher[] {
  let s = text.trim();
  const out: Matcher[] = [];
  const name = IDENT.exec(s)?.[0];
  if (name !== undefined) {
    out.push({ name: '__name__', op: '=', value: name });
    s = s.slice(name.length).trimStart();
  }
  if (s === '') {
    if (out.length === 0) throw new SelectorError('empty selector');
    return out;
  }
  if (!s.startsWith('{') || !s.endsWith('}'))
    throw new SelectorError(`expected a series selector, got ${JSON.stringify(text)}`);
  s = s.slice(1, -1).trim();
  while (s !== '') {
    const label = LABEL.exec(s)?.[0];
    if (label === undefined)
      throw new SelectorError(`expected a label name at ${JSON.stringify(s.slice(0, 20))}`);
    s = s.slice(label.length).trimStart();
    const op = (['=~', '!~', '!=', '='] as const).find((o) => s.startsWith(o));
    if (op === undefined) throw new SelectorError(`expected =, !=, =~ or !~ after ${label}`);
    s = s.slice(op.length).trimStart();
    const quote = s[0];
    if (quote !== '"' && quote !== "'")
      throw new SelectorError(`expected a quoted value after ${label}${op}`);
    let i = 1;
    let value = '';
    for (; i < s.length && s[i] !== quote; i++) {
      if (s[i] === '\\') {
        i++;
        const c = s[i];
        value += c === 'n' ? '\n' : c === 't' ? '\t' : (c ?? '');
      } else value += s[i];
    }
    if (i >= s.length) throw new SelectorError(`unterminated string after ${label}${op}`);
    out.push({ name: label, op, value });
    s = s.slice(i + 1).trimStart();
    if (s.startsWith(',')) s = s.slice(1).trimStart();
    else if (s !== '') throw new SelectorError(`expected , or } at ${JSON.stringify(s.slice(0, 20))}`);
  }
  if (out.length === 0) throw new SelectorError('a selector needs at least one matcher');
  return out;
}

/**
 * A WHERE condition for the matchers on the `metrics` table, every value a query parameter (`{mN:String}`
 * added to `params`). `__name__`, `index` and `org_id` are columns; other names are `labels` keys (an absent
 * key reads as '', as Prometheus treats an absent label). Regexes are anchored, as PromQL's are.
 */
export function matchersSql(matchers: readonly Matcher[], params: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const m of matchers) {
    const p = `m${Object.keys(params).length}`;
    const column =
      m.name === '__name__'
        ? 'metric_name'
        : m.name === 'index'
          ? '`index`'
          : m.name === 'org_id'
            ? 'org_id'
            : `labels[{${p}k:String}]`;
    if (column.startsWith('labels')) params[`${p}k`] = m.name;
    params[p] = m.op === '=~' || m.op === '!~' ? `^(?:${m.value})$` : m.value;
    const v = `{${p}:String}`;
    parts.push(
      m.op === '='
        ? `${column} = ${v}`
        : m.op === '!='
          ? `${column} != ${v}`
          : m.op === '=~'
            ? `match(${column}, ${v})`
            : `NOT match(${column}, ${v})`,
    );
  }
  return parts.join(' AND ');
}
