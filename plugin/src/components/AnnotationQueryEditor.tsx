// The editor of an annotation query: SPL, and which fields give each annotation's title, text and tags.

import type { AnnotationQuery, QueryEditorProps } from '@grafana/data';
import { Field, Input, Stack, TextArea } from '@grafana/ui';
import { useState } from 'react';
import type { DataSource } from '../datasource.ts';
import { migrateQuery } from '../query/model.ts';
import type { NexusOptions, SplQuery } from '../types.ts';

export type AnnotationEditorProps = QueryEditorProps<DataSource, SplQuery, NexusOptions> & {
  annotation?: AnnotationQuery<SplQuery>;
  onAnnotationChange?: (annotation: AnnotationQuery<SplQuery>) => void;
};

type FieldKey = 'titleField' | 'textField' | 'tagsField';

const FIELDS: readonly { key: FieldKey; label: string; placeholder: string }[] = [
  { key: 'titleField', label: 'Title field', placeholder: 'title, else the first text column' },
  { key: 'textField', label: 'Text field', placeholder: 'text, else _raw' },
  { key: 'tagsField', label: 'Tags field', placeholder: 'tags (multivalue or comma list)' },
];

export function AnnotationQueryEditor({ query, onChange }: AnnotationEditorProps) {
  const current = migrateQuery(query);
  const [spl, setSpl] = useState(current.spl);
  return (
    <div data-testid="nexus-annotation-editor">
      <Field label="SPL" description="Each result row with a `_time` becomes an annotation">
        <TextArea
          data-testid="nexus-annotation-spl"
          rows={3}
          value={spl}
          placeholder="index=deploys | table _time title text tags"
          onChange={(e) => setSpl(e.currentTarget.value)}
          onBlur={() => onChange({ ...current, spl })}
        />
      </Field>
      <Stack direction="row" gap={1}>
        {FIELDS.map((f) => (
          <Field key={f.key} label={f.label}>
            <Input
              data-testid={`nexus-annotation-${f.key}`}
              width={28}
              defaultValue={current[f.key] ?? ''}
              placeholder={f.placeholder}
              onBlur={(e) => {
                const v = e.currentTarget.value.trim();
                const { [f.key]: _old, ...rest } = current;
                onChange(v === '' ? { ...rest, spl } : { ...rest, spl, [f.key]: v });
              }}
            />
          </Field>
        ))}
      </Stack>
    </div>
  );
}
