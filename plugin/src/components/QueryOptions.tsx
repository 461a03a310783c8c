// The query options row: result format, row limit and (for time series) the legend format.

import type { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, Select } from '@grafana/ui';
import { useState } from 'react';
import type { ResultFormat, SplQuery } from '../types.ts';
import { RESULT_FORMATS } from '../types.ts';

const FORMAT_LABELS: Readonly<Record<ResultFormat, string>> = {
  auto: 'Auto',
  time_series: 'Time series',
  table: 'Table',
  logs: 'Logs',
};

const FORMAT_OPTIONS: Array<SelectableValue<ResultFormat>> = RESULT_FORMATS.map((f) => ({
  label: FORMAT_LABELS[f],
  value: f,
}));

/** A row limit as typed: empty → none, a positive integer → it, anything else → invalid. */
export function parseLimit(text: string): { ok: true; limit: number | undefined } | { ok: false } {
  const t = text.trim();
  if (t === '') return { ok: true, limit: undefined };
  if (!/^\d+$/.test(t)) return { ok: false };
  const n = Number(t);
  return n >= 1 && Number.isSafeInteger(n) ? { ok: true, limit: n } : { ok: false };
}

export interface QueryOptionsProps {
  query: SplQuery;
  onChange: (q: SplQuery) => void;
  onRunQuery: () => void;
}

export function QueryOptions({ query, onChange, onRunQuery }: QueryOptionsProps) {
  const format = query.format ?? 'auto';
  const [limitText, setLimitText] = useState(query.limit === undefined ? '' : String(query.limit));
  const [limitInvalid, setLimitInvalid] = useState(false);
  const [legend, setLegend] = useState(query.legendFormat ?? '');

  const commitLimit = (): void => {
    const parsed = parseLimit(limitText);
    setLimitInvalid(!parsed.ok);
    if (!parsed.ok || parsed.limit === query.limit) return;
    const { limit: _old, ...rest } = query;
    onChange(parsed.limit === undefined ? rest : { ...rest, limit: parsed.limit });
    onRunQuery();
  };

  const commitLegend = (): void => {
    if (legend === (query.legendFormat ?? '')) return;
    const { legendFormat: _old, ...rest } = query;
    onChange(legend === '' ? rest : { ...rest, legendFormat: legend });
    onRunQuery();
  };

  return (
    <InlineFieldRow>
      <InlineField
        label="Format"
        labelWidth={10}
        tooltip="How results are shaped; Auto picks from the columns"
      >
        <div data-testid="nexus-format-select">
          <Select<ResultFormat>
            inputId="nexus-format-select-input"
            aria-label="Result format"
            width={16}
            options={FORMAT_OPTIONS}
            value={format}
            onChange={(v) => {
              if (v.value === undefined || v.value === format) return;
              onChange({ ...query, format: v.value });
              onRunQuery();
            }}
          />
        </div>
      </InlineField>
      <InlineField
        label="Limit"
        labelWidth={8}
        tooltip="Rows to return; empty: the panel's max data points"
        invalid={limitInvalid}
        error={limitInvalid ? 'a whole number of rows, at least 1' : undefined}
      >
        <Input
          data-testid="nexus-limit"
          aria-label="Row limit"
          width={12}
          placeholder="auto"
          inputMode="numeric"
          value={limitText}
          onChange={(e) => setLimitText(e.currentTarget.value)}
          onBlur={commitLimit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitLimit();
          }}
        />
      </InlineField>
      {(format === 'auto' || format === 'time_series') && (
        <InlineField label="Legend" labelWidth={8} tooltip="Series names, e.g. {{host}}: {{status}}" grow>
          <Input
            data-testid="nexus-legend"
            aria-label="Legend format"
            placeholder="{{field}}"
            value={legend}
            onChange={(e) => setLegend(e.currentTarget.value)}
            onBlur={commitLegend}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitLegend();
            }}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}
