// Explore's part, for the logs features of a data source: the query editor (app `explore`), the main query,
// the logs-volume supplementary query over the whole range, "show context" around a line and "filter for /
// filter out value" from a line's details. Each step calls the data source the way Grafana 13's Explore does
// (public/app/features/explore, public/app/features/logs), described here in the harness's own code:
// - logs volume: when `hasSupplementaryQuerySupport`, the request is `getSupplementaryRequest(LogsVolume, …)`
//   of the main request; the volume interval is rounded up (1s/1m/1h/1d), the request is run with
//   `ds.query`, and every frame gets the bar style and the name and colour of ONE level, read from the first
//   number field's labels (`level`, `detected_level`, `lvl`, `loglevel`);
// - log rows: Grafana's logs model over a `log-lines` frame (timestamp, body, severity, id, labels);
// - context: `getLogRowContext(row, { direction, limit }, query-that-made-the-row)`;
// - filters: `toggleQueryFilter` (FILTER_FOR / FILTER_OUT) when the data source has toggleable filters
//   (`toggleQueryFilter` and `queryHasFilter`), else `modifyQuery` (ADD_FILTER / ADD_FILTER_OUT); the new
//   query goes back into the editor and runs.

import {
  applyFieldOverrides,
  CoreApp,
  dateTime,
  dateTimeFormat,
  dateTimeFormatTimeAgo,
  FieldColorModeId,
  FieldType,
  findCommonLabels,
  findUniqueLabels,
  getFieldDisplayName,
  hasLogsContextSupport,
  hasQueryModificationSupport,
  hasSupplementaryQuerySupport,
  hasToggleableQueryFiltersSupport,
  LoadingState,
  LogLevel,
  LogRowContextQueryDirection,
  LogsVolumeType,
  rangeUtil,
  SupplementaryQueryType,
} from '@grafana/data';
import type {
  DataFrame,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourcePlugin,
  Labels,
  LogRowModel,
  ScopedVars,
  TimeRange,
} from '@grafana/data';
import { config } from '@grafana/runtime';
import { BarAlignment, GraphDrawStyle, LegendDisplayMode, StackingMode } from '@grafana/schema';
import type { DataQuery } from '@grafana/schema';
import { Button, colors, TimeSeries } from '@grafana/ui';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ComponentType } from 'react';
import { from, lastValueFrom } from 'rxjs';
import type { ObservableInput } from 'rxjs';

export interface ExploreLoaded {
  ds: DataSourceApi;
  plugin: DataSourcePlugin<DataSourceApi>;
}

const RANGE_HOURS = 2;
/** Explore's graph width: what it gives `calculateInterval` as the resolution. */
const WIDTH = 1000;
/** Lines asked for on each side of a context line (small, so that the limit matters with the fixture). */
export const CONTEXT_LIMIT = 5;

// ---------------------------------------------------------------------------------------------------------
// Requests as Explore builds them.

function exploreRange(): TimeRange {
  const to = dateTime();
  const fromT = dateTime(to.valueOf() - RANGE_HOURS * 3_600_000);
  return { from: fromT, to, raw: { from: `now-${RANGE_HOURS}h`, to: 'now' } };
}

let counter = 0;

function exploreRequest(targets: DataQuery[], range: TimeRange): DataQueryRequest {
  const { interval, intervalMs } = rangeUtil.calculateInterval(range, WIDTH);
  return {
    requestId: `explore_left_${++counter}`,
    app: CoreApp.Explore,
    interval,
    intervalMs,
    maxDataPoints: WIDTH,
    range,
    rangeRaw: range.raw,
    scopedVars: {
      __interval: { text: interval, value: interval },
      __interval_ms: { text: String(intervalMs), value: intervalMs },
    },
    targets,
    timezone: 'utc',
    startTime: Date.now(),
    liveStreaming: false,
  };
}

async function run(ds: DataSourceApi, request: DataQueryRequest): Promise<DataQueryResponse> {
  return lastValueFrom(from(ds.query(request) as ObservableInput<DataQueryResponse>));
}

function errorsOf(r: DataQueryResponse): string[] {
  const all = r.errors ?? (r.error ? [r.error] : []);
  return all.map((e) => e.message ?? 'error');
}

// ---------------------------------------------------------------------------------------------------------
// The logs volume.

/** The volume's interval: the main request's, rounded up to a second, a minute, an hour or a day. */
function volumeInterval(scopedVars: ScopedVars, spanMs: number): { interval: string; intervalMs: number } {
  const ms = Number(scopedVars['__interval_ms']?.value ?? 0);
  if (spanMs < 5_000) return { interval: '1ms', intervalMs: 1 };
  if (ms > 3_600_000) return { interval: '1d', intervalMs: 86_400_000 };
  if (ms > 60_000) return { interval: '1h', intervalMs: 3_600_000 };
  if (ms > 1_000) return { interval: '1m', intervalMs: 60_000 };
  return { interval: '1s', intervalMs: 1_000 };
}

function levelOf(key: string | undefined): LogLevel {
  if (!key) return LogLevel.unknown;
  return (LogLevel as Record<string, LogLevel>)[key.toLowerCase()] ?? LogLevel.unknown;
}

/** One level per frame, from the first number field's labels. */
function frameLevel(frame: DataFrame): LogLevel {
  const labels = frame.fields.find((f) => f.type === FieldType.number)?.labels;
  if (!labels) return LogLevel.unknown;
  return levelOf(labels['level'] ?? labels['detected_level'] ?? labels['lvl'] ?? labels['loglevel']);
}

const LEVEL_COLOUR: Record<LogLevel, string> = {
  [LogLevel.critical]: colors[7] ?? '#705DA0',
  [LogLevel.warning]: colors[1] ?? '#EAB839',
  [LogLevel.error]: colors[4] ?? '#E24D42',
  [LogLevel.info]: colors[0] ?? '#7EB26D',
  [LogLevel.debug]: colors[5] ?? '#1F78C1',
  [LogLevel.trace]: colors[2] ?? '#6ED0E0',
  [LogLevel.unknown]: '#8e8e8e',
} as Record<LogLevel, string>;

/** A volume frame as Explore shows it: stacked bars, named and coloured by the frame's level. */
function styledVolumeFrame(frame: DataFrame, onlyFrame: boolean): DataFrame {
  const level = frameLevel(frame);
  const colour = LEVEL_COLOUR[level] ?? '#8e8e8e';
  return {
    ...frame,
    fields: frame.fields.map((f) =>
      f.type !== FieldType.number
        ? f
        : {
            ...f,
            config: {
              ...f.config,
              displayNameFromDS: onlyFrame && level === LogLevel.unknown ? 'logs' : level,
              color: { mode: FieldColorModeId.Fixed, fixedColor: colour },
              custom: {
                drawStyle: GraphDrawStyle.Bars,
                barAlignment: BarAlignment.Center,
                lineColor: colour,
                pointColor: colour,
                fillColor: colour,
                lineWidth: 1,
                fillOpacity: 100,
                stacking: { mode: StackingMode.Normal, group: 'A' },
              },
            },
          },
    ),
  };
}

interface Volume {
  frames: DataFrame[];
  errors: string[];
  /** The SPL of each volume target, for the page to show. */
  queries: DataQuery[];
}

async function logsVolume(
  ds: DataSourceApi,
  request: DataQueryRequest,
  targets: DataQuery[],
): Promise<Volume | undefined> {
  if (!hasSupplementaryQuerySupport(ds, SupplementaryQueryType.LogsVolume)) return undefined;
  const dsRequest = { ...request, requestId: `${request.requestId}_0`, targets };
  const supplementary = ds.getSupplementaryRequest?.(SupplementaryQueryType.LogsVolume, dsRequest);
  if (!supplementary) return undefined;
  const range = supplementary.range;
  const { interval, intervalMs } = volumeInterval(
    supplementary.scopedVars,
    range.to.valueOf() - range.from.valueOf(),
  );
  const volumeRequest: DataQueryRequest = {
    ...supplementary,
    interval,
    intervalMs,
    scopedVars: {
      ...supplementary.scopedVars,
      __interval: { text: interval, value: interval },
      __interval_ms: { text: String(intervalMs), value: intervalMs },
    },
    hideFromInspector: true,
  };
  const r = await run(ds, volumeRequest);
  const perRefId = new Map<string, number>();
  for (const f of r.data as DataFrame[]) perRefId.set(f.refId ?? '', (perRefId.get(f.refId ?? '') ?? 0) + 1);
  const frames = (r.data as DataFrame[]).map((f) => {
    const source = (f.refId ?? '').replace(/^log-volume-/, '');
    const styled = styledVolumeFrame(f, perRefId.get(f.refId ?? '') === 1);
    return {
      ...styled,
      meta: {
        ...styled.meta,
        custom: {
          ...styled.meta?.custom,
          logsVolumeType: LogsVolumeType.FullRange,
          absoluteRange: { from: range.from.valueOf(), to: range.to.valueOf() },
          datasourceName: ds.name,
          sourceQuery: targets.find((t) => t.refId === source),
        },
      },
    };
  });
  return { frames, errors: errorsOf(r), queries: volumeRequest.targets };
}

/** Events per series name (the level) over the whole volume. */
function volumeCounts(frames: DataFrame[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const frame of frames) {
    for (const f of frame.fields) {
      if (f.type !== FieldType.number) continue;
      const name = getFieldDisplayName(f, frame, frames);
      const sum = f.values.reduce((a: number, v: unknown) => a + (typeof v === 'number' ? v : 0), 0);
      counts.set(name, (counts.get(name) ?? 0) + sum);
    }
  }
  return counts;
}

function VolumeView({ volume, range }: { volume: Volume; range: TimeRange }) {
  const frames = useMemo(
    () =>
      applyFieldOverrides({
        data: volume.frames,
        fieldConfig: { defaults: {}, overrides: [] },
        replaceVariables: (v: string) => v,
        theme: config.theme2,
        timeZone: 'utc',
      }),
    [volume],
  );
  const counts = volumeCounts(frames);
  return (
    <div data-testid="harness-logs-volume" data-volume-spl={volume.queries.map((q) => spl(q)).join('\n')}>
      {volume.errors.length > 0 ? <div className="harness-error">{volume.errors.join('; ')}</div> : null}
      {frames.length > 0 ? (
        <TimeSeries
          frames={frames}
          width={1100}
          height={160}
          timeRange={range}
          timeZone="utc"
          legend={{ showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] }}
        />
      ) : (
        <div>No volume</div>
      )}
      <div className="harness-volume-counts">
        {[...counts].map(([level, n]) => (
          <span
            key={level}
            data-testid="harness-volume-level"
            data-level={level}
            data-count={n}
            className="harness-volume-level"
            style={{ marginRight: 16 }}
          >
            {level}: {n}
          </span>
        ))}
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Log rows, as Grafana's logs model builds them from a `log-lines` frame.

function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function attributesOf(frame: DataFrame): Labels[] | undefined {
  const field = frame.fields.find((f) => f.name === 'labels' && f.type === FieldType.other);
  if (!field) return undefined;
  return field.values.map((v: unknown) => {
    const out: Labels = {};
    if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = text(x);
    return out;
  });
}

export function logRows(frames: DataFrame[], queries: DataQuery[]): LogRowModel[] {
  const logFrames = frames.filter(
    (f) =>
      f.fields.some((x) => x.type === FieldType.time) && f.fields.some((x) => x.type === FieldType.string),
  );
  const attributes = logFrames.map(attributesOf);
  const all = attributes.flatMap((a) => a ?? []);
  const common = all.length > 0 ? findCommonLabels(all) : {};
  const rows: LogRowModel[] = [];
  logFrames.forEach((frame, k) => {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    const body =
      frame.fields.find((f) => f.name === 'body') ?? frame.fields.find((f) => f.type === FieldType.string);
    const severity = frame.fields.find((f) => f.name === 'severity');
    const id = frame.fields.find((f) => f.name === 'id');
    if (!time || !body) return;
    const datasource = queries.find((q) => q.refId === frame.refId)?.datasource;
    for (let j = 0; j < frame.length; j++) {
      const ts = Number(time.values[j]);
      const message = text(body.values[j] ?? '');
      const labels = attributes[k]?.[j] ?? {};
      const levelKey = (severity?.values[j] as string | undefined) || labels['level'];
      rows.push({
        entryFieldIndex: frame.fields.indexOf(body),
        rowIndex: j,
        dataFrame: frame,
        logLevel: levelOf(levelKey),
        timeFromNow: dateTimeFormatTimeAgo(ts),
        timeEpochMs: ts,
        timeEpochNs: `${ts}000000`,
        timeLocal: dateTimeFormat(ts, { timeZone: 'browser' }),
        timeUtc: dateTimeFormat(ts, { timeZone: 'utc' }),
        uniqueLabels: findUniqueLabels(labels, common),
        hasAnsi: false,
        hasUnescapedContent: /\\n|\\t|\\r/.test(message),
        searchWords: [],
        entry: message,
        raw: message,
        labels,
        uid: `${frame.refId}_${id ? String(id.values[j]) : String(j)}`,
        ...(id ? { rowId: String(id.values[j]) } : {}),
        ...(datasource?.type ? { datasourceType: datasource.type } : {}),
        ...(datasource?.uid ? { datasourceUid: datasource.uid } : {}),
      });
    }
  });
  return rows;
}

/** Explore's "Line limit" meta item: the frames' `meta.custom.limit` (else `meta.limit`), per refId. */
function lineLimit(
  frames: DataFrame[],
  rows: number,
  range: TimeRange,
  earliestMs: number,
): string | undefined {
  const perRef = new Map<string, number>();
  for (const f of frames) {
    const limit = Number(f.meta?.custom?.['limit'] ?? f.meta?.limit ?? 0);
    if (limit > 0) perRef.set(f.refId ?? '', limit);
  }
  const limit = [...perRef.values()].reduce((a, b) => a + b, 0);
  if (limit <= 0) return undefined;
  if (limit !== rows) return `${limit} (${rows} returned)`;
  const requested = range.to.valueOf() - range.from.valueOf();
  const visible = range.to.valueOf() - earliestMs;
  const coverage = ((visible / requested) * 100).toFixed(2);
  return `${limit} reached, received logs cover ${coverage}% (${rangeUtil.msRangeToTimeString(visible)}) of your selected time range (${rangeUtil.msRangeToTimeString(requested)})`;
}

// ---------------------------------------------------------------------------------------------------------
// The view.

interface ContextResult {
  row: LogRowModel;
  backward: LogRowModel[];
  forward: LogRowModel[];
  errors: string[];
}

function spl(q: DataQuery | undefined): string {
  const s = (q as { spl?: unknown } | undefined)?.spl;
  return typeof s === 'string' ? s : '';
}

interface EditorProps {
  datasource: DataSourceApi;
  query: DataQuery;
  onChange: (q: DataQuery) => void;
  onRunQuery: () => void;
  range: TimeRange;
  app: string;
}

function LineView({
  row,
  testId,
  direction,
}: {
  row: LogRowModel;
  testId: string;
  direction?: 'backward' | 'forward';
}) {
  return (
    <div
      data-testid={testId}
      className="harness-log-line"
      data-time={row.timeEpochMs}
      data-uid={row.uid}
      data-host={row.labels['host'] ?? ''}
      data-source={row.labels['source'] ?? ''}
      data-sourcetype={row.labels['sourcetype'] ?? ''}
      data-level={row.logLevel}
      {...(direction ? { 'data-direction': direction } : {})}
    >
      <span className="harness-log-time">{new Date(row.timeEpochMs).toISOString()}</span>{' '}
      <span className="harness-log-level">{row.logLevel}</span> <span>{row.entry}</span>
    </div>
  );
}

export function ExploreView({
  initial,
  load,
  onFatal,
}: {
  initial: DataQuery;
  load: () => Promise<ExploreLoaded>;
  onFatal: (err: unknown) => void;
}) {
  const [loaded, setLoaded] = useState<ExploreLoaded>();
  const [query, setQuery] = useState<DataQuery>(initial);
  const [frames, setFrames] = useState<DataFrame[]>();
  const [errors, setErrors] = useState<string[]>([]);
  const [volume, setVolume] = useState<Volume>();
  const [state, setState] = useState<string>('idle');
  const [open, setOpen] = useState<string>();
  const [context, setContext] = useState<ContextResult>();
  const [editorKey, setEditorKey] = useState(0);
  const range = useMemo(() => exploreRange(), []);
  const latest = useRef(query);
  latest.current = query;

  useEffect(() => {
    load().then((l) => {
      // Explore's queries name their data source; its query modifications need it.
      // A new Explore query starts from the data source's default for Explore.
      setQuery((q) => ({
        ...l.ds.getDefaultQuery?.(CoreApp.Explore),
        ...q,
        datasource: { type: l.ds.type, uid: l.ds.uid },
      }));
      setLoaded(l);
    }, onFatal);
  }, [load, onFatal]);

  const runQuery = (q: DataQuery, ds: DataSourceApi) => {
    setState('running');
    setContext(undefined);
    setOpen(undefined);
    const request = exploreRequest([q], range);
    const main = run(ds, request).then((r) => {
      setFrames(r.data as DataFrame[]);
      setErrors(errorsOf(r));
    });
    const vol = logsVolume(ds, request, [q]).then(setVolume);
    Promise.all([main, vol]).then(
      () => setState(LoadingState.Done),
      (err: unknown) => {
        setErrors([err instanceof Error ? err.message : String(err)]);
        setState(LoadingState.Error);
      },
    );
  };

  useEffect(() => {
    if (loaded && spl(latest.current).trim() !== '') runQuery(latest.current, loaded.ds);
    // Explore runs the URL's query once the data source is there.
  }, [loaded]);

  // The rows of the answer (the query only names their data source).
  const rows = useMemo(() => logRows(frames ?? [], [latest.current]), [frames]);

  if (!loaded) return <div>Loading plugin…</div>;
  const { ds } = loaded;
  const Editor = loaded.plugin.components.QueryEditor as unknown as ComponentType<EditorProps> | undefined;

  const showContext = async (row: LogRowModel) => {
    if (!hasLogsContextSupport(ds)) throw new Error('the data source has no log context');
    // The query that made the row.
    const origin = [latest.current].find((q) => q.refId === row.dataFrame.refId);
    // Explore shows the newest lines first: the forward side (newer lines, above the row) asks one more
    // line, since it starts at the row's own time; each side is shown as it comes, without the row.
    const side = async (direction: LogRowContextQueryDirection, limit: number) => {
      const r = await ds.getLogRowContext(row, { direction, limit }, origin);
      const rows = logRows(r.data as DataFrame[], []).filter(
        (x) => x.timeEpochNs !== row.timeEpochNs && x.entry !== row.entry,
      );
      return { rows, errors: errorsOf(r) };
    };
    const [forward, backward] = await Promise.all([
      side(LogRowContextQueryDirection.Forward, CONTEXT_LIMIT + 1),
      side(LogRowContextQueryDirection.Backward, CONTEXT_LIMIT),
    ]);
    setContext({
      row,
      backward: backward.rows,
      forward: forward.rows,
      errors: [...backward.errors, ...forward.errors],
    });
  };

  const filter = async (key: string, value: string, out: boolean) => {
    const q = latest.current;
    if (!q.datasource) return;
    let next: DataQuery = q;
    if (hasToggleableQueryFiltersSupport(ds)) {
      next = ds.toggleQueryFilter(q, { type: out ? 'FILTER_OUT' : 'FILTER_FOR', options: { key, value } });
    } else if (ds.modifyQuery) {
      next = ds.modifyQuery(q, { type: out ? 'ADD_FILTER_OUT' : 'ADD_FILTER', options: { key, value } });
    }
    setQuery(next);
    // The editor is mounted again with the new query, as Explore's query rows are after a modification.
    setEditorKey((k) => k + 1);
    runQuery(next, ds);
  };

  const isActive = (key: string, value: string): boolean =>
    hasToggleableQueryFiltersSupport(ds) ? ds.queryHasFilter(latest.current, { key, value }) : false;

  const earliest = rows.reduce((m, r) => Math.min(m, r.timeEpochMs), Infinity);
  const limit = frames ? lineLimit(frames, rows.length, range, earliest) : undefined;
  const notices = (frames ?? []).flatMap((f) => f.meta?.notices ?? []);

  return (
    <div data-testid="harness-explore">
      {Editor ? (
        <Editor
          key={editorKey}
          datasource={ds}
          query={query}
          onChange={setQuery}
          onRunQuery={() => runQuery(latest.current, ds)}
          range={range}
          app={CoreApp.Explore}
        />
      ) : null}
      <div className="harness-toolbar">
        <Button
          data-testid="harness-run"
          onClick={() => runQuery(latest.current, ds)}
          disabled={state === 'running'}
        >
          Run query
        </Button>
        <span data-testid="harness-state">{state}</span>
        <code data-testid="harness-explore-spl">{spl(query)}</code>
        <span data-testid="harness-modifications">
          {hasQueryModificationSupport(ds) ? ds.getSupportedQueryModifications().join(',') : ''}
        </span>
      </div>
      {volume ? <VolumeView volume={volume} range={range} /> : null}
      {errors.length > 0 ? (
        <div data-testid="harness-error" className="harness-error">
          {errors.join('; ')}
        </div>
      ) : null}
      {limit || notices.length > 0 ? (
        <div data-testid="harness-logs-meta">
          {limit ? (
            <div data-testid="harness-line-limit" className="harness-notice">
              Line limit: {limit}
            </div>
          ) : null}
          {notices.map((n, i) => (
            <div
              key={i}
              data-testid="harness-notice"
              className={`harness-notice harness-notice-${n.severity}`}
            >
              {n.text}
            </div>
          ))}
        </div>
      ) : null}
      {frames ? (
        <div data-testid="harness-logs" data-rows={rows.length}>
          {rows.map((row) => (
            <div key={row.uid} className="harness-explore-row">
              <div className="harness-toolbar">
                <Button
                  size="sm"
                  variant="secondary"
                  data-testid="harness-details-toggle"
                  onClick={() => setOpen(open === row.uid ? undefined : row.uid)}
                >
                  {open === row.uid ? '−' : '+'}
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  data-testid="harness-show-context"
                  onClick={() => void showContext(row).catch(onFatal)}
                >
                  Show context
                </Button>
                <LineView row={row} testId="harness-log-line" />
              </div>
              {open === row.uid ? (
                <table data-testid="harness-log-details" className="harness-log-details">
                  <tbody>
                    {Object.entries(row.labels).map(([key, value]) => (
                      <tr key={key} data-testid="harness-log-field" data-key={key} data-value={value}>
                        <td>
                          <Button
                            size="sm"
                            variant={isActive(key, value) ? 'primary' : 'secondary'}
                            icon="search-plus"
                            aria-label="Filter for value"
                            data-testid="harness-filter-for"
                            data-active={String(isActive(key, value))}
                            onClick={() => void filter(key, value, false).catch(onFatal)}
                          />
                          <Button
                            size="sm"
                            variant="secondary"
                            icon="search-minus"
                            aria-label="Filter out value"
                            data-testid="harness-filter-out"
                            onClick={() => void filter(key, value, true).catch(onFatal)}
                          />
                        </td>
                        <td>{key}</td>
                        <td>{value}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {context?.row.uid === row.uid ? (
                <div
                  data-testid="harness-context"
                  className="harness-context"
                  style={{ margin: '4px 0 8px 24px', paddingLeft: 8, borderLeft: '3px solid #3d71d9' }}
                >
                  {context.errors.length > 0 ? (
                    <div className="harness-error">{context.errors.join('; ')}</div>
                  ) : null}
                  {context.forward.map((r) => (
                    <LineView key={`f-${r.uid}`} row={r} testId="harness-context-line" direction="forward" />
                  ))}
                  <div style={{ background: '#22252b', fontWeight: 600 }}>
                    <LineView row={row} testId="harness-context-row" />
                  </div>
                  {context.backward.map((r) => (
                    <LineView key={`b-${r.uid}`} row={r} testId="harness-context-line" direction="backward" />
                  ))}
                </div>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
