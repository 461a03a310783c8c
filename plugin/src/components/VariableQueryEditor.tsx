// The editor of a query variable: an SPL search whose first column gives the values, the second their text.

import type { QueryEditorProps } from '@grafana/data';
import { Field, TextArea } from '@grafana/ui';
import { useState } from 'react';
import type { DataSource } from '../datasource.ts';
import { migrateQuery } from '../query/model.ts';
import type { NexusOptions, SplQuery } from '../types.ts';

export type VariableEditorProps = QueryEditorProps<DataSource, SplQuery, NexusOptions, SplQuery>;

export function VariableQueryEditor({ query, onChange }: VariableEditorProps) {
  const current = migrateQuery(query);
  const [spl, setSpl] = useState(current.spl);
  const commit = () => {
    if (spl !== current.spl) onChange({ ...current, spl, format: 'table' });
  };
  return (
    <Field
      label="SPL"
      description="The first column gives the values, an optional second column the text shown for each"
    >
      <TextArea
        data-testid="nexus-variable-editor"
        aria-label="Variable SPL"
        rows={3}
        value={spl}
        placeholder="index=web | stats count by host | fields host"
        onChange={(e) => setSpl(e.currentTarget.value)}
        onBlur={commit}
      />
    </Field>
  );
}
