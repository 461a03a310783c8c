// The SPL query editor: Monaco through @grafana/ui's CodeEditor, with completion, inline errors, format,
// the compiled SQL/PromQL, and the query options. Works in panels, Explore and alert rules alike.

import type { GrafanaTheme2, QueryEditorProps } from '@grafana/data';
import { css } from '@emotion/css';
import { Button, CodeEditor, InlineSwitch, Stack, Text, useStyles2 } from '@grafana/ui';
import type { Monaco, MonacoEditor } from '@grafana/ui';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DataSource } from '../datasource.ts';
import type { SplCatalog } from '../language/catalog.ts';
import { EMPTY_CATALOG } from '../language/catalog.ts';
import { attachSources, registerSpl, showDiagnostics, validateOnChange } from '../language/monaco.ts';
import { SPL_LANGUAGE_ID } from '../language/monarch.ts';
import type { ResourceClient, TimeBounds } from '../language/sources.ts';
import { catalogOf, completionSources, explainSpl, formatSpl, validateSpl } from '../language/sources.ts';
import type { NexusOptions, SplQuery } from '../types.ts';
import { QueryOptions } from './QueryOptions.tsx';

export type Props = QueryEditorProps<DataSource, SplQuery, NexusOptions>;

const HOUR_MS = 3_600_000;

function boundsOf(range: Props['range']): TimeBounds {
  if (range) return { fromMs: range.from.valueOf(), toMs: range.to.valueOf() };
  // Alert rule editors may give no range: probes still need a bound.
  const toMs = Date.now();
  return { fromMs: toMs - HOUR_MS, toMs };
}

function clientOf(ds: DataSource): ResourceClient {
  return {
    uid: ds.uid,
    getResource: (path, params) => ds.getResource(path, params),
    postResource: (path, data) => ds.postResource(path, data),
  };
}

const getStyles = (theme: GrafanaTheme2) => ({
  compiled: css({
    margin: 0,
    padding: theme.spacing(1),
    maxHeight: 240,
    overflow: 'auto',
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'pre-wrap',
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
});

type Compiled = { language: 'sql' | 'promql'; query: string } | { error: string } | undefined;

export function QueryEditor({ query, onChange, onRunQuery, datasource, range }: Props) {
  const styles = useStyles2(getStyles);
  const client = useMemo(() => clientOf(datasource), [datasource]);
  const bounds = boundsOf(range);
  const [catalog, setCatalog] = useState<SplCatalog>(EMPTY_CATALOG);
  const [showCompiled, setShowCompiled] = useState(false);
  const [compiled, setCompiled] = useState<Compiled>(undefined);
  const [formatError, setFormatError] = useState<string | undefined>(undefined);
  const [formatting, setFormatting] = useState(false);

  // Monaco's commands and providers outlive renders: they read the latest props through refs.
  const latest = useRef({ query, onChange, onRunQuery, bounds });
  latest.current = { query, onChange, onRunQuery, bounds };
  const editorRef = useRef<{ editor: MonacoEditor; monaco: Monaco } | undefined>(undefined);
  const disposeRef = useRef<(() => void) | undefined>(undefined);

  useEffect(() => {
    let live = true;
    void catalogOf(client).then((c) => {
      if (live) setCatalog(c);
    });
    return () => {
      live = false;
    };
  }, [client]);

  const defaultIndex = datasource.instanceSettings?.jsonData?.defaultIndex;
  const sources = useMemo(
    () =>
      completionSources(client, catalog, () => ({
        spl: editorRef.current?.editor.getValue() ?? latest.current.query.spl ?? '',
        range: latest.current.bounds,
        ...(defaultIndex ? { defaultIndex } : {}),
      })),
    [client, catalog, defaultIndex],
  );

  useEffect(() => {
    const e = editorRef.current;
    const model = e?.editor.getModel();
    if (e && model) attachSources(e.monaco, model, sources);
  }, [sources]);

  useEffect(() => () => disposeRef.current?.(), []);

  const commit = useCallback((spl: string): boolean => {
    const { query: q, onChange: change } = latest.current;
    if (spl === q.spl) return false;
    change({ ...q, spl });
    return true;
  }, []);

  const onEditorDidMount = useCallback(
    (editor: MonacoEditor, monaco: Monaco) => {
      editorRef.current = { editor, monaco };
      const model = editor.getModel();
      if (model) attachSources(monaco, model, sources);
      editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => {
        commit(editor.getValue());
        latest.current.onRunQuery();
      });
      disposeRef.current?.();
      disposeRef.current = validateOnChange(monaco, editor, (spl) => validateSpl(client, spl));
    },
    [client, commit, sources],
  );

  const onFormat = async (): Promise<void> => {
    const spl = editorRef.current?.editor.getValue() ?? query.spl ?? '';
    if (spl.trim() === '') return;
    setFormatting(true);
    const r = await formatSpl(client, spl);
    setFormatting(false);
    if (!r.ok) {
      setFormatError(r.message);
      const e = editorRef.current;
      if (e && r.errors.length > 0) showDiagnostics(e.monaco, e.editor, r.errors);
      return;
    }
    setFormatError(undefined);
    const e = editorRef.current;
    if (e && e.editor.getValue() !== r.spl) e.editor.setValue(r.spl);
    commit(r.spl);
  };

  const spl = query.spl ?? '';
  const bucket = Math.floor(bounds.fromMs / 60_000);
  useEffect(() => {
    if (!showCompiled) return;
    if (spl.trim() === '') {
      setCompiled({ error: 'no query' });
      return;
    }
    let live = true;
    void explainSpl(client, spl, latest.current.bounds).then((r) => {
      if (!live) return;
      setCompiled(r.ok ? { language: r.language, query: r.query } : { error: r.message });
    });
    return () => {
      live = false;
    };
  }, [showCompiled, spl, client, bucket]);

  return (
    <div data-testid="nexus-query-editor">
      <CodeEditor
        language={SPL_LANGUAGE_ID}
        value={spl}
        height={120}
        showLineNumbers={false}
        showMiniMap={false}
        monacoOptions={{ fixedOverflowWidgets: true, scrollBeyondLastLine: false, wordWrap: 'on' }}
        onBeforeEditorMount={registerSpl}
        onEditorDidMount={onEditorDidMount}
        onBlur={(value) => {
          commit(value);
        }}
      />
      <Stack direction="row" gap={1} alignItems="center">
        <Button
          data-testid="nexus-format"
          size="sm"
          variant="secondary"
          icon="brackets-curly"
          disabled={formatting}
          onClick={() => void onFormat()}
        >
          Format
        </Button>
        <InlineSwitch
          data-testid="nexus-show-compiled"
          label="Show compiled"
          showLabel
          transparent
          value={showCompiled}
          onChange={(e) => setShowCompiled(e.currentTarget.checked)}
        />
        <Text variant="bodySmall" color="secondary">
          Shift+Enter to run
        </Text>
        {formatError && (
          <Text variant="bodySmall" color="error">
            <span data-testid="nexus-format-error">{formatError}</span>
          </Text>
        )}
      </Stack>
      {showCompiled && compiled !== undefined && (
        <div>
          {'error' in compiled ? (
            <Text variant="bodySmall" color="error">
              <span data-testid="nexus-compiled-error">{compiled.error}</span>
            </Text>
          ) : (
            <>
              <Text variant="bodySmall" color="secondary">
                <span data-testid="nexus-compiled-language">
                  {compiled.language === 'promql' ? 'PromQL (VictoriaMetrics)' : 'ClickHouse SQL'}
                </span>
              </Text>
              <pre data-testid="nexus-compiled" data-language={compiled.language} className={styles.compiled}>
                {compiled.query}
              </pre>
            </>
          )}
        </div>
      )}
      <QueryOptions query={query} onChange={onChange} onRunQuery={onRunQuery} />
    </div>
  );
}
