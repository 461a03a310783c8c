// `metasearch`: the metadata (time, index, host, source, sourcetype) of the tenant's events that match a
// search over those fields and the events' terms. Its AST node lives here.

import { apply } from 'typescript-parsec';
import type { Ident, SearchExpr } from '../ast.ts';
import type { Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Body } from '../parser/commands.ts';
import { searchBody } from '../parser/commands.ts';
import type { P } from '../parser/combinators.ts';
import { lit } from '../ir/types.ts';
import { Scope } from '../plan/scope.ts';
import type { ScalarType } from '../ir/types.ts';
import { search } from './search.ts';
import type { CommandModule } from './types.ts';

/** `metasearch [<logical-expression>]`. */
export interface MetasearchCommand {
  readonly kind: 'metasearch';
  readonly name: Ident;
  readonly span: Span;
  readonly expr?: SearchExpr;
}

const metasearchBody: P<Body<MetasearchCommand>> = apply(
  searchBody,
  (body): Body<MetasearchCommand> =>
    (name, span) => {
      const { expr } = body(name, span);
      return { kind: 'metasearch', name, span, ...(expr ? { expr } : {}) };
    },
);

/** The fields metasearch returns, in the Search Reference's order. */
const metaFields: readonly { name: string; type: ScalarType }[] = [
  { name: 'index', type: 'any' },
  { name: 'splunk_server', type: 'string' },
  { name: 'host', type: 'any' },
  { name: 'source', type: 'any' },
  { name: 'sourcetype', type: 'any' },
  { name: '_time', type: 'time' },
];

/** The fields a comparison may name: the events' own metadata. */
const compared: readonly string[] = ['index', 'host', 'source', 'sourcetype'];

/** The comparisons and time modifiers in `e` that metasearch cannot run. */
function notMetadata(e: SearchExpr, out: { span: Span; message: string }[]): void {
  switch (e.kind) {
    case 'search-compare':
    case 'search-in':
      if (!compared.includes(e.field.name)) {
        out.push({
          span: e.field.span,
          message: `\`metasearch\` compares only \`index\`, \`host\`, \`source\` and \`sourcetype\`, not \`${e.field.name}\``,
        });
      }
      return;
    case 'search-time':
      // The search's range: analysis reads `earliest=`/`latest=` of a leading metasearch.
      return;
    case 'search-subsearch':
      out.push({ span: e.span, message: 'a subsearch in `metasearch` is not supported' });
      return;
    case 'search-and':
    case 'search-or':
      e.operands.forEach((o) => notMetadata(o, out));
      return;
    case 'search-not':
      notMetadata(e.operand, out);
      return;
    case 'search-group':
      notMetadata(e.inner, out);
      return;
    case 'search-term':
      return;
  }
}

export const metasearch: CommandModule<'metasearch'> = {
  name: 'metasearch',
  kind: 'metasearch',
  status: 'partly',
  generating: true,
  grammar: { mode: 'search', body: metasearchBody },
  doc: {
    summary:
      "The metadata of the tenant's events that match: `_time`, `index`, `host`, `source`, `sourcetype`, `splunk_server`.",
    syntax: '| metasearch [<logical-expression>]',
    example: '| metasearch index=main sourcetype=access* | stats count BY host',
    differences: ['Comparisons may name only `index`, `host`, `source` and `sourcetype`; no subsearches.'],
  },
  source(c, ctx) {
    const problems: { span: Span; message: string }[] = [];
    if (c.expr) notMetadata(c.expr, problems);
    for (const p of problems) ctx.errors.push(diagnostic('semantic', p.message, p.span));
    if (problems.length > 0) return undefined;
    const events = search.source?.(
      { kind: 'search', name: c.name, span: c.span, implicit: false, ...(c.expr ? { expr: c.expr } : {}) },
      ctx,
    );
    if (!events) return undefined;
    return {
      rel: {
        kind: 'project',
        input: events.rel,
        columns: metaFields.map((f) => ({
          name: f.name,
          expr: f.name === 'splunk_server' ? lit('nexus') : events.scope.resolve(f.name),
        })),
        keepRaw: false,
      },
      scope: Scope.closed(metaFields),
    };
  },
  lower(c, s, ctx) {
    ctx.errors.push(
      diagnostic(
        'semantic',
        '`metasearch` is a generating command: it must come first, after a `|`',
        c.name.span,
      ),
    );
    return s;
  },
};
