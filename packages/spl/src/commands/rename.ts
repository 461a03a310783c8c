// `rename`: renames fields; wildcards rename every matching field (`rename *_ip AS ip_*`).

import type { FieldPattern } from '../ast.ts';
import type { Span } from '../diagnostics.ts';
import { diagnostic } from '../diagnostics.ts';
import type { Expr } from '../ir/types.ts';
import { seriesColumn } from '../ir/types.ts';
import { renameBody } from '../parser/commands.ts';
import type { State } from '../plan/index.ts';
import { renameSeries } from '../plan/pivot.ts';
import { fieldPatternRegExp, fillPattern } from '../plan/scope.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { CommandModule } from './types.ts';

export const rename: CommandModule<'rename'> = {
  name: 'rename',
  kind: 'rename',
  status: 'partly',
  grammar: { mode: 'args', body: renameBody },
  doc: {
    summary: 'Renames fields.',
    syntax: 'rename <field> AS <newname> [, …]',
    example: 'index=main | rename host AS server',
    differences: [
      'Raw events shown after a wildcard rename of structured fields carry the renamed fields in their fields (as text), a renamed field replacing one of that name, also when a `fillnull`, `filldown`, `replace` or `join` changed every field afterwards.',
      'Over raw events, `rename x AS a` replaces a structured field `a` the event has: the events shown carry the renamed value as the column `a` only.',
    ],
  },
  lower: (c, s, ctx) => renameFields(c.renames, s, ctx.errors),
};

function renameFields(
  pairs: readonly { from: FieldPattern; to: FieldPattern }[],
  s: State,
  errors: Diagnostic[],
): State {
  let columns = s.scope.columns.map((c) => ({ name: c.name, expr: s.scope.resolve(c.name) as Expr }));
  // What happens to raw events' structured fields, in order.
  const ops: ({ kind: 'drop'; name: string } | { kind: 'rename'; from: string; to: string; span: Span })[] =
    [];
  for (const { from, to } of pairs) {
    const wild = from.pattern.includes('*');
    if (wild !== to.pattern.includes('*') && to.pattern.includes('*')) {
      errors.push(diagnostic('semantic', 'the new name has a wildcard but the old one does not', to.span));
      continue;
    }
    const map = columns.find((c) => c.name === seriesColumn);
    if (map && (wild || !columns.some((c) => c.name === from.pattern))) {
      // After a pivot: series are renamed inside the map.
      map.expr = renameSeries(map.expr, from.pattern, to.pattern);
      if (!wild) continue;
    }
    if (!wild) {
      const existing = columns.find((c) => c.name === from.pattern);
      const expr = existing?.expr ?? s.scope.resolve(from.pattern, from.span);
      columns = columns.filter((c) => c.name !== from.pattern && c.name !== to.pattern);
      columns.push({ name: to.pattern, expr });
      // A structured field of the new name is replaced: the events shown carry the renamed value only.
      ops.push({ kind: 'drop', name: from.pattern }, { kind: 'drop', name: to.pattern });
      continue;
    }
    // Raw events' structured field names are not known ahead: they are renamed when read.
    if (s.scope.raw) ops.push({ kind: 'rename', from: from.pattern, to: to.pattern, span: from.span });
    const re = fieldPatternRegExp(from.pattern);
    // A renamed field replaces a field that already has its new name, as Splunk's rename does.
    const renamed = columns.flatMap((c) => {
      const m = c.name === seriesColumn ? null : re.exec(c.name);
      return m ? [{ name: fillPattern(to.pattern, m.slice(1)), expr: c.expr, from: c.name }] : [];
    });
    const taken = new Set(renamed.map((r) => r.name));
    columns = columns.flatMap((c) => {
      const r = renamed.find((x) => x.from === c.name);
      if (r) return renamed.findLast((x) => x.name === r.name) === r ? [{ name: r.name, expr: r.expr }] : [];
      return taken.has(c.name) ? [] : [c];
    });
  }
  let scope = s.scope.project(
    columns.map((c) => ({ name: c.name, type: c.expr.type === 'null' ? 'any' : c.expr.type })),
    s.scope.raw,
  );
  for (const op of ops) {
    scope =
      op.kind === 'drop'
        ? scope.project(scope.columns, scope.raw, [op.name])
        : scope.withWildcardRename(op.from, op.to, op.span);
  }
  return { rel: { kind: 'project', input: s.rel, columns, keepRaw: s.scope.raw }, scope };
}
