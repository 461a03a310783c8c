// The page that plays Grafana's part in the browser. It shares the real React, @grafana/data, @grafana/ui
// and @grafana/runtime with the plugins, loads each plugin's built dist/<id>/module.js as Grafana does (an
// AMD module over the shared modules), sets up @grafana/runtime's services (backend, data sources,
// templates, app events, location) and mounts one view at a time. Tests drive it through
// `window.harness` and the DOM; every request goes to the harness server, which calls the built
// backend executable over gRPC.

import * as emotionCss from '@emotion/css';
import * as emotionReact from '@emotion/react';
import * as grafanaData from '@grafana/data';
import {
  applyFieldOverrides,
  dateTime,
  EventBusSrv,
  FieldColorModeId,
  getDefaultTimeRange,
  LoadingState,
  ThemeContext,
} from '@grafana/data';
import type {
  AdHocVariableFilter,
  DataFrame,
  DataQueryRequest,
  DataSourceInstanceSettings,
  DataSourcePlugin,
  DataSourcePluginMeta,
  DataSourceApi,
  MetricFindValue,
  PanelData,
  PanelPlugin,
  TimeRange,
} from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import { config, setAppEvents, setBackendSrv, setDataSourceSrv, setTemplateSrv } from '@grafana/runtime';
import type { BackendSrv, BackendSrvRequest, DataSourceSrv, FetchResponse } from '@grafana/runtime';
import { initializeLoggersRegistry } from '@grafana/runtime/unstable';
import * as grafanaSchema from '@grafana/schema';
import type { DataQuery } from '@grafana/schema';
import * as grafanaUi from '@grafana/ui';
import { Button, GlobalStyles, PanelContextProvider, Table, TimeSeries } from '@grafana/ui';
import * as lodash from 'lodash';
import * as monaco from 'monaco-editor';
import * as React from 'react';
import { useEffect, useMemo, useState } from 'react';
import type { ComponentType } from 'react';
import * as ReactDOM from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import * as jsxRuntime from 'react/jsx-runtime';
import * as rxjs from 'rxjs';
import { from, lastValueFrom } from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';
import { ExploreView } from './explore.tsx';
import { HarnessTemplateSrv } from './template.ts';
import type { HarnessVariable } from './template.ts';

// ---------------------------------------------------------------------------------------------------------
// The modules Grafana shares with plugins, and an AMD loader for module.js.

const shared: Record<string, unknown> = {
  '@emotion/css': emotionCss,
  '@emotion/react': emotionReact,
  '@grafana/data': grafanaData,
  '@grafana/runtime': grafanaRuntime,
  '@grafana/schema': grafanaSchema,
  '@grafana/ui': grafanaUi,
  lodash,
  react: React,
  'react-dom': ReactDOM,
  'react/jsx-runtime': jsxRuntime,
  rxjs,
  'rxjs/operators': rxjsOperators,
};

type Factory = (...deps: unknown[]) => unknown;
interface AmdDefine {
  (deps: string[], factory: Factory): void;
  amd: object;
}

/** Loads one AMD module by URL with a script tag, as SystemJS's AMD extra does. */
function loadAmd(url: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let defined: { deps: string[]; factory: Factory } | undefined;
    const define = ((deps: string[], factory: Factory) => {
      defined = { deps, factory };
    }) as AmdDefine;
    define.amd = {};
    (window as unknown as { define: AmdDefine }).define = define;
    const script = document.createElement('script');
    script.src = url;
    script.onload = () => {
      if (!defined) return reject(new Error(`${url} did not call define()`));
      const missing = defined.deps.filter((d) => !(d in shared));
      if (missing.length > 0)
        return reject(new Error(`${url} needs unshared modules: ${missing.join(', ')}`));
      try {
        resolve(defined.factory(...defined.deps.map((d) => shared[d])) as Record<string, unknown>);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    script.onerror = () => reject(new Error(`could not load ${url}`));
    document.head.appendChild(script);
  });
}

// ---------------------------------------------------------------------------------------------------------
// @grafana/runtime's services.

/** Requests the page made, for tests to inspect (`window.harness.requests`). */
const requests: { url: string; method: string; body: unknown }[] = [];

class HarnessBackendSrv {
  fetch<T>(options: BackendSrvRequest): rxjs.Observable<FetchResponse<T>> {
    return from(this.send<T>(options));
  }

  private async send<T>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    const method = (options.method ?? 'GET').toUpperCase();
    let url = options.url;
    if (options.params && Object.keys(options.params as object).length > 0) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(options.params as Record<string, unknown>)) {
        if (v !== undefined && v !== null) q.set(k, String(v));
      }
      url += (url.includes('?') ? '&' : '?') + q.toString();
    }
    const body = options.data === undefined ? undefined : JSON.stringify(options.data);
    requests.push({ url, method, body: options.data });
    const res = await fetch(url, {
      method,
      headers: { 'Content-Type': 'application/json', ...(options.headers as Record<string, string>) },
      ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
    });
    const text = await res.text();
    let data: unknown = text;
    try {
      data = text === '' ? {} : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    const response = {
      data: data as T,
      status: res.status,
      statusText: res.statusText,
      ok: res.ok,
      headers: res.headers,
      redirected: res.redirected,
      type: res.type,
      url: res.url,
      config: options,
    } satisfies FetchResponse<T>;
    // Grafana's backend service rejects non-2xx answers with the response as the error.
    if (!res.ok) throw { ...response, message: errorMessage(data) ?? res.statusText };
    return response;
  }

  async get<T>(url: string, params?: Record<string, unknown>): Promise<T> {
    return (await this.send<T>({ url, method: 'GET', ...(params ? { params } : {}) })).data;
  }
  async post<T>(url: string, data?: unknown): Promise<T> {
    return (await this.send<T>({ url, method: 'POST', data })).data;
  }
  async put<T>(url: string, data?: unknown): Promise<T> {
    return (await this.send<T>({ url, method: 'PUT', data })).data;
  }
  async delete<T>(url: string): Promise<T> {
    return (await this.send<T>({ url, method: 'DELETE' })).data;
  }
  async request<T>(options: BackendSrvRequest): Promise<T> {
    return (await this.send<T>(options)).data;
  }
  async datasourceRequest<T>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return this.send<T>(options);
  }
  resolveCancelerIfExists(): void {}
}

function errorMessage(data: unknown): string | undefined {
  if (typeof data === 'object' && data !== null) {
    const d = data as { message?: unknown; error?: unknown };
    if (typeof d.message === 'string') return d.message;
    if (typeof d.error === 'string') return d.error;
  }
  return undefined;
}

const templateSrv = new HarnessTemplateSrv();
const appEvents = new EventBusSrv();
const instances = new Map<string, DataSourceApi>();
const settingsByUid = new Map<string, DataSourceInstanceSettings>();

const dataSourceSrv = {
  async get(ref?: string | { uid?: string } | null): Promise<DataSourceApi> {
    const uid = typeof ref === 'string' ? ref : (ref?.uid ?? 'nexus');
    const ds = instances.get(uid);
    if (!ds) throw new Error(`no data source ${uid}`);
    return ds;
  },
  getList: () => [...settingsByUid.values()],
  getInstanceSettings: (ref?: string | { uid?: string } | null) =>
    settingsByUid.get(typeof ref === 'string' ? ref : (ref?.uid ?? 'nexus')),
  reload: async () => {},
  registerRuntimeDataSource: () => {},
} as unknown as DataSourceSrv;

// Grafana's boot sets up @grafana/runtime's loggers (its data source lookups log through them).
initializeLoggersRegistry();
setBackendSrv(new HarnessBackendSrv() as unknown as BackendSrv);
setTemplateSrv(templateSrv);
setDataSourceSrv(dataSourceSrv);
setAppEvents(appEvents);

// ---------------------------------------------------------------------------------------------------------
// Plugins.

interface Loaded {
  ds: DataSourceApi;
  plugin: DataSourcePlugin<DataSourceApi>;
  settings: DataSourceInstanceSettings;
}

let loadedDs: Loaded | undefined;
let loadedPanel: PanelPlugin | undefined;

async function loadDataSource(): Promise<Loaded> {
  if (loadedDs) return loadedDs;
  const base = '/public/plugins/nexus-spl-datasource';
  const meta = (await (await fetch(`${base}/plugin.json`)).json()) as DataSourcePluginMeta;
  const stored = (await (await fetch('/api/datasources/uid/nexus')).json()) as {
    url: string;
    jsonData: Record<string, unknown>;
    secureJsonFields: Record<string, boolean>;
  };
  const mod = await loadAmd(`${base}/module.js`);
  const plugin = mod['plugin'] as DataSourcePlugin<DataSourceApi>;
  plugin.meta = { ...meta, baseUrl: base, module: `${base}/module.js` };
  const settings = {
    id: 1,
    uid: 'nexus',
    type: meta.id,
    name: 'Nexus',
    meta: plugin.meta,
    jsonData: stored.jsonData,
    url: stored.url,
    access: 'proxy',
    readOnly: false,
  } as unknown as DataSourceInstanceSettings;
  const Ctor = plugin.DataSourceClass as unknown as new (s: DataSourceInstanceSettings) => DataSourceApi;
  const ds = new Ctor(settings);
  ds.meta = plugin.meta;
  ds.components = plugin.components;
  settingsByUid.set('nexus', settings);
  instances.set('nexus', ds);
  loadedDs = { ds, plugin, settings };
  return loadedDs;
}

async function loadPanel(): Promise<PanelPlugin> {
  if (loadedPanel) return loadedPanel;
  const mod = await loadAmd('/public/plugins/nexus-events-panel/module.js');
  loadedPanel = mod['plugin'] as PanelPlugin;
  return loadedPanel;
}

// ---------------------------------------------------------------------------------------------------------
// Running queries as a dashboard panel or Explore does.

const DEFAULT_RANGE_HOURS = 2;

function rangeOf(hours = DEFAULT_RANGE_HOURS): TimeRange {
  const to = dateTime();
  const fromT = dateTime(to.valueOf() - hours * 3_600_000);
  return { from: fromT, to, raw: { from: `now-${hours}h`, to: 'now' } };
}

let requestCounter = 0;

async function runQueries(
  ds: DataSourceApi,
  targets: DataQuery[],
  range: TimeRange,
  app = 'dashboard',
): Promise<PanelData> {
  templateSrv.updateTimeRange(range);
  const intervalMs = 60_000;
  const filters = templateSrv.getAdhocFilters() as AdHocVariableFilter[];
  const request = {
    requestId: `harness-${++requestCounter}`,
    interval: '1m',
    intervalMs,
    maxDataPoints: 1000,
    range,
    rangeRaw: range.raw,
    scopedVars: {
      __interval: { text: '1m', value: '1m' },
      __interval_ms: { text: '60000', value: 60000 },
    },
    targets,
    timezone: 'utc',
    app,
    startTime: Date.now(),
    filters,
  } as unknown as DataQueryRequest;
  const response = await lastValueFrom(rxjs.from(ds.query(request) as rxjs.ObservableInput<unknown>));
  const r = response as { data: DataFrame[]; error?: { message?: string }; errors?: { message?: string }[] };
  const errors = r.errors ?? (r.error ? [r.error] : []);
  return {
    state: errors.length > 0 ? LoadingState.Error : LoadingState.Done,
    series: r.data,
    timeRange: range,
    ...(errors.length > 0 ? { errors: errors.map((e) => ({ message: e.message ?? 'error' })) } : {}),
  } as PanelData;
}

// ---------------------------------------------------------------------------------------------------------
// Result views (Grafana's own panels are not in @grafana/ui except the table and the time series graph).

function LogsView({ frame }: { frame: DataFrame }) {
  const time = frame.fields.find((f) => f.type === 'time');
  const body = frame.fields.find((f) => f.name === 'body') ?? frame.fields.find((f) => f.type === 'string');
  const level = frame.fields.find((f) => f.name === 'severity' || f.name === 'level');
  return (
    <div data-testid="harness-logs">
      {Array.from({ length: frame.length }, (_, i) => (
        <div key={i} data-testid="harness-log-line" className="harness-log-line">
          <span className="harness-log-time">
            {time ? new Date(Number(time.values[i])).toISOString() : ''}
          </span>{' '}
          {level ? <span className="harness-log-level">{String(level.values[i] ?? '')}</span> : null}{' '}
          <span>{String(body?.values[i] ?? '')}</span>
        </div>
      ))}
    </div>
  );
}

function Notices({ frame }: { frame: DataFrame }) {
  const notices = frame.meta?.notices ?? [];
  if (notices.length === 0) return null;
  return (
    <div data-testid="harness-notices">
      {notices.map((n, i) => (
        <div key={i} className={`harness-notice harness-notice-${n.severity}`}>
          {n.text}
        </div>
      ))}
    </div>
  );
}

function Results({ data }: { data: PanelData }) {
  const theme = config.theme2;
  const frames = useMemo(
    () =>
      applyFieldOverrides({
        data: data.series,
        // The time series panel's default: the classic palette, one colour per series.
        fieldConfig: { defaults: { color: { mode: FieldColorModeId.PaletteClassic } }, overrides: [] },
        replaceVariables: (v: string) => v,
        theme,
        timeZone: 'utc',
      }),
    [data, theme],
  );
  if (data.errors && data.errors.length > 0) {
    return (
      <div data-testid="harness-error" className="harness-error">
        {data.errors.map((e) => e.message).join('; ')}
      </div>
    );
  }
  if (frames.length === 0) return <div data-testid="harness-no-data">No data</div>;
  return (
    <div data-testid="harness-results">
      {frames.map((frame, i) => {
        const kind = frame.meta?.preferredVisualisationType;
        const view =
          kind === 'logs' ? (
            <LogsView frame={frame} />
          ) : kind === 'graph' ? (
            <div data-testid="harness-timeseries">
              <TimeSeries
                frames={[frame]}
                width={900}
                height={260}
                timeRange={data.timeRange}
                timeZone="utc"
                legend={{
                  showLegend: true,
                  displayMode: grafanaSchema.LegendDisplayMode.List,
                  placement: 'bottom',
                  calcs: [],
                }}
              />
            </div>
          ) : (
            <div data-testid="harness-table">
              <Table data={frame} width={900} height={260} />
            </div>
          );
        return (
          <div key={i} data-testid="harness-frame" data-kind={kind ?? 'table'}>
            <Notices frame={frame} />
            {view}
          </div>
        );
      })}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------
// A provisioned dashboard (dashboards/*.json): its variables, then every panel on the nexus data source run
// as Grafana runs a dashboard panel, shown with the harness' result views; its nexus annotations counted.
// Panels on other data sources (Prometheus, ClickHouse) are listed, not run: the harness has only Nexus.

interface DashboardJson {
  title: string;
  panels: {
    id: number;
    title: string;
    type: string;
    datasource?: { uid?: string; type?: string };
    targets?: DataQuery[];
  }[];
  templating?: {
    list: {
      name: string;
      type: string;
      query?: unknown;
      current?: { value?: string | string[] };
      datasource?: { uid?: string };
      includeAll?: boolean;
      multi?: boolean;
    }[];
  };
  annotations?: { list: { name: string; datasource?: { uid?: string }; target?: DataQuery }[] };
}

interface PanelResult {
  id: number;
  title: string;
  data?: PanelData;
  other?: string;
}

function DashboardView({ dashboard }: { dashboard: DashboardJson }) {
  const [panels, setPanels] = useState<PanelResult[]>();
  const [annotations, setAnnotations] = useState<{ name: string; events: number }[]>([]);
  const range = useMemo(() => rangeOf(), []);
  useEffect(() => {
    (async () => {
      const { ds } = await loadDataSource();
      const vars: HarnessVariable[] = [];
      for (const v of dashboard.templating?.list ?? []) {
        const options =
          v.datasource?.uid === 'nexus'
            ? (await runVariableQuery(ds, v.query)).map((o) => ({
                text: String(o.text),
                value: String(o.value ?? o.text),
              }))
            : [];
        const current = v.current?.value ?? (typeof v.query === 'string' ? v.query : '');
        vars.push({
          name: v.name,
          type: v.type === 'textbox' ? 'textbox' : 'query',
          multi: v.multi ?? false,
          includeAll: v.includeAll ?? false,
          current,
          options: options.length > 0 ? options : [{ text: String(current), value: String(current) }],
        });
      }
      templateSrv.setVariables(vars);
      const results: PanelResult[] = [];
      for (const p of dashboard.panels) {
        if (p.datasource?.uid !== 'nexus') {
          results.push({ id: p.id, title: p.title, other: p.datasource?.type ?? 'unknown' });
          continue;
        }
        results.push({ id: p.id, title: p.title, data: await runQueries(ds, p.targets ?? [], range) });
      }
      const anns: { name: string; events: number }[] = [];
      for (const a of dashboard.annotations?.list ?? []) {
        if (a.datasource?.uid !== 'nexus' || !a.target) continue;
        const data = await runQueries(ds, [{ ...a.target, refId: 'Anno' }], range);
        anns.push({ name: a.name, events: data.series.reduce((n, f) => n + f.length, 0) });
      }
      setAnnotations(anns);
      setPanels(results);
    })().catch(showFatal);
  }, [dashboard, range]);
  if (!panels) return <div>Loading…</div>;
  return (
    <div data-testid="harness-dashboard" style={{ width: 1240 }}>
      <h2 data-testid="harness-dashboard-title">{dashboard.title}</h2>
      <div data-testid="harness-variables">
        {(dashboard.templating?.list ?? []).map((v) => (
          <span key={v.name} className="harness-variable">
            {v.name} = {JSON.stringify(templateSrv.replace(`$${v.name}`))}{' '}
          </span>
        ))}
      </div>
      <div data-testid="harness-annotations">
        {annotations.map((a) => (
          <span key={a.name} data-testid="harness-annotation" data-events={a.events}>
            annotations “{a.name}”: {a.events} events{' '}
          </span>
        ))}
      </div>
      {panels.map((p) => (
        <section
          key={p.id}
          data-testid="harness-dashboard-panel"
          data-panel-title={p.title}
          data-other={p.other ?? ''}
          data-rows={p.data ? p.data.series.reduce((n, f) => n + f.length, 0) : 0}
        >
          <h3>{p.title}</h3>
          {p.data ? (
            <Results data={p.data} />
          ) : (
            <div className="harness-other">{p.other} data source: not run by the harness</div>
          )}
        </section>
      ))}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Views.

interface EditorProps {
  datasource: DataSourceApi;
  query: DataQuery;
  onChange: (q: DataQuery) => void;
  onRunQuery: () => void;
  range: TimeRange;
  app: string;
  data?: PanelData;
}

function QueryEditorView({ initial, app }: { initial: DataQuery; app: string }) {
  const [loaded, setLoaded] = useState<Loaded>();
  const [query, setQuery] = useState<DataQuery>(initial);
  const [data, setData] = useState<PanelData>();
  const [running, setRunning] = useState(false);
  const range = useMemo(() => rangeOf(), []);
  useEffect(() => {
    loadDataSource().then(setLoaded, (err: unknown) => showFatal(err));
  }, []);
  if (!loaded) return <div>Loading plugin…</div>;
  const Editor = loaded.plugin.components.QueryEditor as unknown as ComponentType<EditorProps> | undefined;
  if (!Editor) return <div className="harness-error">the plugin has no query editor</div>;
  const run = (q: DataQuery = query) => {
    setRunning(true);
    runQueries(loaded.ds, [q], range, app)
      .then(setData, (err: unknown) =>
        setData({
          state: LoadingState.Error,
          series: [],
          timeRange: range,
          errors: [{ message: String(err) }],
        } as PanelData),
      )
      .finally(() => setRunning(false));
  };
  harness.currentQuery = () => query;
  harness.interpolated = () =>
    (
      loaded.ds as unknown as { applyTemplateVariables?: (q: DataQuery, s: object, f: unknown) => DataQuery }
    ).applyTemplateVariables?.(query, {}, templateSrv.getAdhocFilters()) ?? query;
  return (
    <div>
      <Editor
        datasource={loaded.ds}
        query={query}
        onChange={(q) => {
          setQuery(q);
          harness.currentQuery = () => q;
        }}
        onRunQuery={() => {
          // Grafana runs the latest query the editor reported.
          setQuery((q) => {
            run(q);
            return q;
          });
        }}
        range={range}
        app={app}
        {...(data ? { data } : {})}
      />
      <div className="harness-toolbar">
        <Button data-testid="harness-run" onClick={() => run()} disabled={running}>
          Run query
        </Button>
        <span data-testid="harness-state">{running ? 'running' : (data?.state ?? 'idle')}</span>
      </div>
      {data ? <Results data={data} /> : null}
    </div>
  );
}

interface ConfigProps {
  options: Record<string, unknown>;
  onOptionsChange: (o: Record<string, unknown>) => void;
}

function ConfigEditorView() {
  const [loaded, setLoaded] = useState<Loaded>();
  const [options, setOptions] = useState<Record<string, unknown>>();
  const [result, setResult] = useState<{ status: string; message: string }>();
  useEffect(() => {
    Promise.all([loadDataSource(), fetch('/api/datasources/uid/nexus').then((r) => r.json())]).then(
      ([l, stored]) => {
        setLoaded(l);
        setOptions({ ...(stored as Record<string, unknown>), secureJsonData: {} });
      },
      (err: unknown) => showFatal(err),
    );
  }, []);
  if (!loaded || !options) return <div>Loading plugin…</div>;
  const Editor = loaded.plugin.components.ConfigEditor as unknown as ComponentType<ConfigProps> | undefined;
  if (!Editor) return <div className="harness-error">the plugin has no config editor</div>;
  const saveAndTest = async () => {
    setResult(undefined);
    // As Grafana's settings page: save (PUT), then reload the instance and run its health check.
    const saved = (await (
      await fetch('/api/datasources/uid/nexus', { method: 'PUT', body: JSON.stringify(options) })
    ).json()) as Record<string, unknown>;
    setOptions({ ...saved, secureJsonData: {} });
    loadedDs = undefined;
    const fresh = await loadDataSource();
    try {
      const r = (await fresh.ds.testDatasource()) as { status: string; message: string };
      setResult(r);
    } catch (err) {
      // A failed check is thrown (HealthCheckError, or the fetch error), as Grafana's settings page sees it.
      const e = err as { message?: unknown; data?: unknown };
      setResult({
        status: 'error',
        message: typeof e.message === 'string' ? e.message : (errorMessage(e.data) ?? String(err)),
      });
    }
  };
  return (
    <div>
      <Editor options={options} onOptionsChange={setOptions} />
      <Button data-testid="harness-save-test" onClick={() => void saveAndTest()}>
        Save &amp; test
      </Button>
      {result ? (
        <div
          data-testid="harness-health"
          data-status={result.status}
          className={`harness-health-${result.status}`}
        >
          {result.message}
        </div>
      ) : null}
    </div>
  );
}

interface VariableSupportLike {
  editor?: ComponentType<{ query: unknown; onChange: (q: unknown) => void; datasource: DataSourceApi }>;
  query?: (request: DataQueryRequest) => rxjs.Observable<{ data: MetricFindValue[] | DataFrame[] }>;
}

/** Runs a variable's query as Grafana does: through the data source's variable support, else metricFindQuery. */
async function runVariableQuery(datasource: DataSourceApi, query: unknown): Promise<MetricFindValue[]> {
  const support = (datasource as unknown as { variables?: VariableSupportLike }).variables;
  const ds = datasource as unknown as {
    metricFindQuery?: (q: unknown, o: object) => Promise<MetricFindValue[]>;
  };
  if (support?.query) {
    const range = rangeOf();
    const r = await lastValueFrom(
      support.query({
        targets: [query],
        range,
        rangeRaw: range.raw,
        scopedVars: {},
        requestId: 'variable',
        interval: '1m',
        intervalMs: 60000,
        timezone: 'utc',
        app: 'dashboard',
        startTime: Date.now(),
      } as unknown as DataQueryRequest),
    );
    return r.data as MetricFindValue[];
  }
  if (ds.metricFindQuery) return ds.metricFindQuery(query, { range: rangeOf() });
  throw new Error('the data source has no variable support');
}

function VariableEditorView({ initial }: { initial: DataQuery }) {
  const [loaded, setLoaded] = useState<Loaded>();
  const [query, setQuery] = useState<unknown>(initial);
  const [options, setOptions] = useState<MetricFindValue[]>();
  const [selected, setSelected] = useState<string[]>([]);
  useEffect(() => {
    loadDataSource().then(setLoaded, (err: unknown) => showFatal(err));
  }, []);
  if (!loaded) return <div>Loading plugin…</div>;
  const support = (loaded.ds as unknown as { variables?: VariableSupportLike }).variables;
  const Editor = support?.editor;
  const preview = async () => {
    const values = await runVariableQuery(loaded.ds, query);
    setOptions(values);
    harness.variableOptions = values;
  };
  return (
    <div>
      {Editor ? (
        <Editor query={query} onChange={setQuery} datasource={loaded.ds} />
      ) : (
        <div className="harness-error">the data source has no variable editor</div>
      )}
      <Button data-testid="harness-variable-run" onClick={() => void preview().catch(showFatal)}>
        Run variable query
      </Button>
      {options ? (
        <div data-testid="harness-variable-options">
          {options.map((o) => (
            <label key={String(o.value ?? o.text)} className="harness-option">
              <input
                type="checkbox"
                data-testid="harness-variable-option"
                data-value={String(o.value ?? o.text)}
                checked={selected.includes(String(o.value ?? o.text))}
                onChange={(e) => {
                  const v = String(o.value ?? o.text);
                  const checked = e.currentTarget.checked;
                  setSelected((s) => (checked ? [...s, v] : s.filter((x) => x !== v)));
                }}
              />
              {o.text}
            </label>
          ))}
        </div>
      ) : null}
      <div data-testid="harness-variable-selected">{JSON.stringify(selected)}</div>
    </div>
  );
}

function EventsPanelView({ initial }: { initial: DataQuery }) {
  const [loaded, setLoaded] = useState<{ ds: Loaded; panel: PanelPlugin }>();
  const [data, setData] = useState<PanelData>();
  const [filtersRev, setFiltersRev] = useState(0);
  const range = useMemo(() => rangeOf(), []);
  useEffect(() => {
    Promise.all([loadDataSource(), loadPanel()]).then(([ds, panel]) => setLoaded({ ds, panel }), showFatal);
  }, []);
  useEffect(() => {
    if (!loaded) return;
    runQueries(loaded.ds.ds, [initial], range).then(setData, showFatal);
  }, [loaded, filtersRev, initial, range]);
  if (!loaded || !data) return <div>Loading…</div>;
  const Panel = loaded.panel.panel as unknown as ComponentType<Record<string, unknown>>;
  const options = { ...defaultsOf(loaded.panel), ...harness.panelOptions };
  // As a dashboard does: a panel's "add filter" lands in the dashboard's ad hoc variable and every panel
  // runs its queries again.
  const onAddAdHocFilter = (f: AdHocVariableFilter) => {
    const v = templateSrv.variable('Filters');
    if (!v) throw new Error('the dashboard has no ad hoc variable `Filters`');
    v.filters = [
      ...(v.filters ?? []).filter((x) => x.key !== f.key),
      { key: f.key, operator: f.operator, value: f.value },
    ];
    setFiltersRev((n) => n + 1);
  };
  return (
    <PanelContextProvider value={{ eventsScope: 'global', eventBus: appEvents, onAddAdHocFilter }}>
      <div data-testid="harness-panel" style={{ width: 1100, height: 700 }}>
        <div data-testid="harness-filters">{JSON.stringify(templateSrv.getAdhocFilters())}</div>
        <Panel
          id={1}
          data={data}
          timeRange={range}
          timeZone="utc"
          options={options}
          fieldConfig={{ defaults: {}, overrides: [] }}
          transparent={false}
          width={1100}
          height={660}
          renderCounter={filtersRev}
          title="Events"
          eventBus={appEvents}
          onOptionsChange={() => {}}
          onFieldConfigChange={() => {}}
          replaceVariables={(s: string) => templateSrv.replace(s)}
          onChangeTimeRange={() => {}}
        />
      </div>
    </PanelContextProvider>
  );
}

function defaultsOf(panel: PanelPlugin): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const registry = (
    panel as unknown as { optionEditors?: { list(): { path: string; defaultValue?: unknown }[] } }
  ).optionEditors;
  for (const item of registry?.list() ?? [])
    if (item.defaultValue !== undefined) out[item.path] = item.defaultValue;
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Mounting.

let root: Root | undefined;

function showFatal(err: unknown): void {
  const el = document.getElementById('fatal');
  if (el) el.textContent = err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err);
  console.error(err);
}

type View = 'query-editor' | 'config-editor' | 'variable-editor' | 'events-panel' | 'explore' | 'dashboard';

const harness = {
  requests,
  /** The Monaco that @grafana/ui's CodeEditor uses (one instance in the page), to read tokens and markers. */
  monaco,
  templateSrv,
  variableOptions: [] as MetricFindValue[],
  panelOptions: {} as Record<string, unknown>,
  currentQuery: (): DataQuery | undefined => undefined,
  interpolated: (): DataQuery | undefined => undefined,
  setVariables(vars: HarnessVariable[]): void {
    templateSrv.setVariables(vars);
  },
  mount(view: View, props: { query?: DataQuery; app?: string; dashboard?: DashboardJson } = {}): void {
    const el = document.getElementById('root');
    if (!el) throw new Error('no #root');
    root?.unmount();
    root = createRoot(el);
    const query = props.query ?? ({ refId: 'A' } as DataQuery);
    const body =
      view === 'query-editor' ? (
        <QueryEditorView initial={query} app={props.app ?? 'dashboard'} />
      ) : view === 'config-editor' ? (
        <ConfigEditorView />
      ) : view === 'variable-editor' ? (
        <VariableEditorView initial={query} />
      ) : view === 'explore' ? (
        <ExploreView initial={query} load={loadDataSource} onFatal={showFatal} />
      ) : view === 'dashboard' ? (
        <DashboardView dashboard={props.dashboard ?? { title: '', panels: [] }} />
      ) : (
        <EventsPanelView initial={query} />
      );
    root.render(
      <ThemeContext.Provider value={config.theme2}>
        <GlobalStyles />
        <div className="harness-view" data-view={view}>
          {body}
        </div>
      </ThemeContext.Provider>,
    );
  },
  defaultRange: () => getDefaultTimeRange(),
};

declare global {
  interface Window {
    harness: typeof harness;
  }
}
window.harness = harness;
document.body.dataset['harnessReady'] = 'true';
