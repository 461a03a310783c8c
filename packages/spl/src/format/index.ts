// The SPL formatter: one command per line, normalised spacing; parsing its output gives the same AST.

import type {
  Aggregation,
  Command,
  CommandOption,
  EvalExpr,
  FieldPattern,
  GenericArg,
  Ident,
  OptionValue,
  Pipeline,
  SearchExpr,
  SearchValue,
} from '../ast.ts';

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function ident(i: Ident): string {
  return i.quoted ? quote(i.name) : i.name;
}

function pattern(p: FieldPattern): string {
  return p.quoted ? quote(p.pattern) : p.pattern;
}

function optionValue(v: OptionValue): string {
  return v.quoted ? quote(v.text) : v.text;
}

function option(o: CommandOption): string {
  return `${ident(o.key)}=${optionValue(o.value)}`;
}

/** Unquoted, a backslash is written doubled (the parser reads `\\` as one). */
function searchValue(v: SearchValue): string {
  return v.quoted ? quote(v.text) : v.text.replace(/\\/g, '\\\\');
}

function search(e: SearchExpr, text: string): string {
  switch (e.kind) {
    case 'search-term': {
      const v = searchValue(e.value);
      return e.term ? `TERM(${v})` : e.caseSensitive ? `CASE(${v})` : v;
    }
    case 'search-compare': {
      const v = searchValue(e.value);
      return `${ident(e.field)}${e.op}${e.caseSensitive ? `CASE(${v})` : v}`;
    }
    case 'search-in':
      return `${ident(e.field)} IN (${e.values.map(searchValue).join(', ')})`;
    case 'search-time':
      return `${e.which}=${searchValue(e.value)}`;
    case 'search-and':
      return e.operands.map((o) => search(o, text)).join(' ');
    case 'search-or':
      return e.operands.map((o) => search(o, text)).join(' OR ');
    case 'search-not':
      return `NOT ${search(e.operand, text)}`;
    case 'search-group':
      return `(${search(e.inner, text)})`;
    case 'search-subsearch':
      return subsearch(e.pipeline, text);
  }
}

function evalField(name: string, quoted: boolean): string {
  return quoted ? `'${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : name;
}

function evalExpr(e: EvalExpr): string {
  switch (e.kind) {
    case 'eval-field':
      return evalField(e.name, e.quoted);
    case 'eval-string':
      return quote(e.value);
    case 'eval-number':
      return e.raw;
    case 'eval-binary':
      return `${evalExpr(e.left)} ${e.op} ${evalExpr(e.right)}`;
    case 'eval-unary':
      return e.op === 'NOT' ? `NOT ${evalExpr(e.operand)}` : `${e.op}${evalExpr(e.operand)}`;
    case 'eval-call':
      return `${e.name.name}(${e.args.map(evalExpr).join(', ')})`;
    case 'eval-in':
      return `${evalExpr(e.operand)} ${e.negated ? 'NOT IN' : 'IN'} (${e.values.map(evalExpr).join(', ')})`;
    case 'eval-group':
      return `(${evalExpr(e.inner)})`;
  }
}

function aggregation(a: Aggregation): string {
  const arg = !a.arg
    ? ''
    : a.arg.kind === 'agg-field'
      ? `(${pattern(a.arg.field)})`
      : a.arg.kind === 'agg-eval'
        ? `(eval(${evalExpr(a.arg.expr)}))`
        : `(${aggregation(a.arg.inner)}${a.arg.timeSpan ? `, ${a.arg.timeSpan.text}` : ''})`;
  return `${a.fn.name}${arg}${a.alias ? ` AS ${ident(a.alias)}` : ''}`;
}

function generic(a: GenericArg, text: string): string {
  switch (a.kind) {
    case 'generic-word':
      return a.quoted ? quote(a.text) : a.text;
    case 'option':
      return option(a);
    case 'generic-subsearch':
      return subsearch(a.pipeline, text);
    case 'generic-group':
      return `(${a.args.map((x) => generic(x, text)).join(' ')})`;
  }
}

const words = (...parts: (string | undefined)[]): string =>
  parts.filter((p) => p !== undefined && p !== '').join(' ');

function command(c: Command, text: string): string {
  const name = c.name.name;
  // Commands the formatter does not normalise yet keep their text as written.
  const asWritten = text.slice(c.span.start, c.span.end).trim();
  switch (c.kind) {
    case 'search':
      return c.implicit
        ? c.expr
          ? search(c.expr, text)
          : ''
        : words(name, c.expr ? search(c.expr, text) : undefined);
    case 'where':
      return `${name} ${evalExpr(c.expr)}`;
    case 'eval':
      return `${name} ${c.assignments.map((a) => `${evalField(a.target.name, a.target.quoted)}=${evalExpr(a.expr)}`).join(', ')}`;
    case 'stats':
      return words(
        name,
        ...c.options.map(option),
        c.aggregations.map(aggregation).join(', '),
        c.by.length > 0 ? `BY ${c.by.map(ident).join(', ')}` : undefined,
      );
    case 'sort':
      return words(
        name,
        c.limit ? String(c.limit.value) : undefined,
        c.keys
          .map((k) => {
            const f = ident(k.field);
            return `${k.direction === 'desc' ? '-' : ''}${k.coerce ? `${k.coerce}(${f})` : f}`;
          })
          .join(', '),
        c.reverse ? 'desc' : undefined,
      );
    case 'head': {
      const limitOption = c.options.some((o) => o.key.name === 'limit');
      return words(
        name,
        c.count && !limitOption ? String(c.count.value) : undefined,
        ...c.options.map(option),
        c.expr ? evalExpr(c.expr) : undefined,
      );
    }
    case 'table':
      return words(name, c.fields.map(pattern).join(', '));
    case 'fields':
      return words(name, c.mode === 'remove' ? '-' : undefined, c.fields.map(pattern).join(', '));
    case 'rename':
      return words(name, c.renames.map((r) => `${pattern(r.from)} AS ${pattern(r.to)}`).join(', '));
    case 'makeresults':
      return words(name, ...c.options.map(option));
    case 'generic':
      return words(name, ...c.args.map((a) => generic(a, text)));
    case 'join':
      return words(
        name,
        ...c.options.map(option),
        ...c.fields.map(pattern),
        c.where ? text.slice(c.where.start, c.where.end) : undefined,
        c.subsearch ? subsearch(c.subsearch.pipeline, text) : undefined,
      );
    case 'append':
    case 'appendcols':
    case 'appendpipe':
      return words(name, ...c.options.map(option), subsearch(c.subsearch.pipeline, text));
    case 'foreach':
      return words(
        name,
        ...c.fields.map(pattern),
        ...c.options.map(option),
        subsearch(c.subsearch.pipeline, text),
      );
    default:
      return asWritten;
  }
}

function pipelineLines(p: Pipeline, text: string): string[] {
  return p.commands.map((c, i) => {
    const body = command(c, text);
    // A pipeline starting with `search` needs no pipe; generating commands (`| makeresults`) do.
    if (i === 0 && c.kind === 'search') return body;
    return `| ${body}`;
  });
}

function subsearch(p: Pipeline, text: string): string {
  return `[${pipelineLines(p, text).join(' ')}]`;
}

/**
 * Pretty-prints a parsed pipeline: one command per line, each after the first starting with `| `.
 * `text` is the query the AST was parsed from (commands without a normalised form keep their text).
 *
 * @example format(parse('index=web   status=500|stats count  by host').ast, …)
 *   // 'index=web status=500\n| stats count BY host'
 */
export function format(p: Pipeline, text: string): string {
  return pipelineLines(p, text).join('\n');
}
