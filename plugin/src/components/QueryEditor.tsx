// The SPL query editor: Monaco through @grafana/ui's CodeEditor.

import { CodeEditor } from '@grafana/ui';
import type { QueryEditorProps } from '@grafana/data';
import type { DataSource } from '../datasource.ts';
import type { NexusOptions, SplQuery } from '../types.ts';

export type Props = QueryEditorProps<DataSource, SplQuery, NexusOptions>;

export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  return (
    <div data-testid="nexus-query-editor">
      <CodeEditor
        language="spl"
        value={query.spl ?? ''}
        height={120}
        showLineNumbers={false}
        showMiniMap={false}
        onBlur={(spl) => {
          onChange({ ...query, spl });
          onRunQuery();
        }}
      />
    </div>
  );
}
