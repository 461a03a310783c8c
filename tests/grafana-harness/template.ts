// The harness's template service: Grafana's variable syntax and formatting rules, as the host applies them
// before a data source sees a query (public/app/features/templating/template_srv.ts is the behaviour
// copied in spirit: `$var`, `${var}`, `${var:format}`, `[[var]]`, scoped variables first, multi-value
// variables handed to a format function as arrays, `All` as every option's value).

import type { ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

export interface HarnessVariable {
  readonly name: string;
  readonly type: 'custom' | 'query' | 'constant' | 'adhoc' | 'textbox';
  readonly multi?: boolean;
  readonly includeAll?: boolean;
  /** The selected value(s); `$__all` selects every option. */
  current: string | string[];
  options: { text: string; value: string }[];
  /** Ad hoc variables: the filters. */
  filters?: { key: string; operator: string; value: string }[];
}

type FormatFn = (value: string | string[], variable: unknown, fallback?: unknown) => string;

const VARIABLE = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;

/** Grafana's built-in named formats that the harness needs (the rest are not used by this plugin). */
function builtinFormat(value: string | string[], format: string | undefined): string {
  const list = Array.isArray(value) ? value : [value];
  switch (format) {
    case 'csv':
      return list.join(',');
    case 'pipe':
      return list.join('|');
    case 'json':
      return JSON.stringify(value);
    case 'singlequote':
      return list.map((v) => `'${v.replace(/'/g, "\\'")}'`).join(',');
    case 'doublequote':
      return list.map((v) => `"${v.replace(/"/g, '\\"')}"`).join(',');
    case 'raw':
    case undefined:
    default:
      return Array.isArray(value) ? (value.length === 1 ? (value[0] ?? '') : `{${value.join(',')}}`) : value;
  }
}

export class HarnessTemplateSrv implements TemplateSrv {
  private variables: HarnessVariable[] = [];
  private range: TimeRange | undefined;

  setVariables(vars: HarnessVariable[]): void {
    this.variables = vars;
  }

  variable(name: string): HarnessVariable | undefined {
    return this.variables.find((v) => v.name === name);
  }

  getVariables(): TypedVariableModel[] {
    return this.variables.map(
      (v) =>
        ({
          id: v.name,
          name: v.name,
          type: v.type,
          multi: v.multi ?? false,
          includeAll: v.includeAll ?? false,
          current: { text: v.current, value: v.current, selected: true },
          options: v.options.map((o) => ({ ...o, selected: false })),
          filters: v.filters ?? [],
        }) as unknown as TypedVariableModel,
    );
  }

  containsTemplate(target: string | undefined): boolean {
    if (!target) return false;
    VARIABLE.lastIndex = 0;
    const found = VARIABLE.exec(target);
    VARIABLE.lastIndex = 0;
    return found !== null;
  }

  updateTimeRange(timeRange: TimeRange): void {
    this.range = timeRange;
  }

  /** The selected values, `All` expanded. */
  private valueOf(v: HarnessVariable): string | string[] {
    const all = (x: string): boolean => x === '$__all';
    if (Array.isArray(v.current)) {
      return v.current.some(all) ? v.options.map((o) => o.value) : v.current;
    }
    return all(v.current) ? v.options.map((o) => o.value) : v.current;
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: string | FormatFn): string {
    if (!target) return target ?? '';
    return target.replace(
      VARIABLE,
      (match, g1?: string, g2?: string, g3?: string, g4?: string, _g5?: string, g6?: string) => {
        const name = g1 ?? g2 ?? g4 ?? '';
        const fmt = g3 ?? g6 ?? format;
        let value: string | string[] | undefined;
        let variable: unknown;
        const scoped = scopedVars?.[name];
        if (scoped) {
          value = typeof scoped.value === 'string' ? scoped.value : String(scoped.value);
          variable = { name, type: 'scoped' };
        } else if (name === '__from' && this.range) {
          value = String(this.range.from.valueOf());
        } else if (name === '__to' && this.range) {
          value = String(this.range.to.valueOf());
        } else {
          const v = this.variable(name);
          if (!v || v.type === 'adhoc') return match;
          value = this.valueOf(v);
          variable = {
            name: v.name,
            type: v.type,
            multi: v.multi ?? false,
            includeAll: v.includeAll ?? false,
          };
        }
        if (typeof fmt === 'function') return fmt(value, variable, builtinFormat);
        return builtinFormat(value, fmt);
      },
    );
  }

  getAdhocFilters(): { key: string; operator: string; value: string }[] {
    return this.variables.flatMap((v) => (v.type === 'adhoc' ? (v.filters ?? []) : []));
  }
}
