// The data source in the browser: queries go to the backend (`/api/ds/query`), never compiled here.
// The logic lives in query/ (pure functions); this class only wires it to Grafana's hooks.

import {
  CoreApp,
  CustomVariableSupport,
  dateTime,
  LogRowContextQueryDirection,
  SupplementaryQueryType,
} from '@grafana/data';
import type {
  AdHocVariableFilter,
  AnnotationQuery,
  DataFrame,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceGetTagKeysOptions,
  DataSourceGetTagValuesOptions,
  DataSourceInstanceSettings,
  LogRowContextOptions,
  LogRowModel,
  MetricFindValue,
  QueryFilterOptions,
  QueryFixAction,
  ScopedVars,
  SupplementaryQueryOptions,
  TimeRange,
  ToggleFilterAction,
} from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';
import { lastValueFrom, map, of } from 'rxjs';
import type { Observable } from 'rxjs';
import { AnnotationQueryEditor } from './components/AnnotationQueryEditor.tsx';
import { VariableQueryEditor } from './components/VariableQueryEditor.tsx';
import {
  addFilter,
  addStringFilter,
  baseIndex,
  contextRange,
  contextSpl,
  hasFilter,
  logsVolumeSpl,
  toggleFilter,
} from './query/edit.ts';
import type { ContextRequest } from './query/edit.ts';
import {
  framesToAnnotations,
  framesToMetricFindValues,
  logsVolumeFrames,
  toAdhocFilters,
} from './query/frames.ts';
import { interpolateSpl } from './query/interpolate.ts';
import { migrateQuery } from './query/model.ts';
import { DEFAULT_CONTEXT_FIELDS, DEFAULT_LEVEL_FIELD } from './types.ts';
import type { NexusOptions, SplQuery } from './types.ts';

/** How far "show context" looks on each side of a line. */
const CONTEXT_WINDOW_MS = 2 * 3_600_000;
/** `queryType` of the logs-volume supplementary query. */
const LOGS_VOLUME = 'logsVolume';
/** Fields every event has that are no use as ad hoc filter keys. */
const NOT_FILTER_KEYS = new Set(['_raw', '_time', '_fields']);

export class NexusVariableSupport extends CustomVariableSupport<DataSource, SplQuery> {
  editor = VariableQueryEditor;
  constructor(private readonly ds: DataSource) {
    super();
  }
  /** Runs the variable's SPL as a table; the first column gives the values, the second their text. */
  query(request: DataQueryRequest<SplQuery>): Observable<DataQueryResponse> {
    const targets = request.targets.map((t) => ({ ...migrateQuery(t), format: 'table' as const }));
    return this.ds
      .query({ ...request, targets })
      .pipe(map((r) => ({ ...r, data: framesToMetricFindValues(r.data as DataFrame[]) })));
  }
}

export class DataSource extends DataSourceWithBackend<SplQuery, NexusOptions> {
  constructor(readonly instanceSettings: DataSourceInstanceSettings<NexusOptions>) {
    super(instanceSettings);
    this.variables = new NexusVariableSupport(this);
    this.annotations = {
      QueryEditor: AnnotationQueryEditor,
      prepareAnnotation: (json: AnnotationQuery<SplQuery>) => {
        // Old annotations stored the search as `query` (a string) on the annotation itself.
        const legacy = (json as AnnotationQuery<SplQuery> & { query?: unknown }).query;
        return { ...json, target: migrateQuery(json.target ?? legacy ?? {}) };
      },
      prepareQuery: (anno: AnnotationQuery<SplQuery>) => {
        const q = migrateQuery(anno.target ?? {});
        return q.spl.trim() === '' ? undefined : { ...q, format: 'table' };
      },
      processEvents: (anno: AnnotationQuery<SplQuery>, frames: DataFrame[]) =>
        of(framesToAnnotations(frames, migrateQuery(anno.target ?? {}))),
      getDefaultQuery: () => ({ spl: '', format: 'table' }),
    };
  }

  override getDefaultQuery(app?: CoreApp): Partial<SplQuery> {
    const index = this.instanceSettings.jsonData.defaultIndex;
    const spl = index ? `index=${/^[\w.*-]+$/.test(index) ? index : JSON.stringify(index)}` : '';
    return { ...migrateQuery({ spl }), format: app === CoreApp.Explore ? 'logs' : 'auto' };
  }

  override filterQuery(query: SplQuery): boolean {
    const q = migrateQuery(query);
    return !q.hide && q.spl.trim() !== '';
  }

  override query(request: DataQueryRequest<SplQuery>): Observable<DataQueryResponse> {
    const response = super.query({
      ...request,
      targets: request.targets.map((t) => ({ ...t, ...migrateQuery(t) })),
    });
    // Logs volume (getSupplementaryQuery): one frame per level, as Explore reads them.
    const volume = new Set(request.targets.filter((t) => t.queryType === LOGS_VOLUME).map((t) => t.refId));
    if (volume.size === 0) return response;
    const level = this.instanceSettings.jsonData.levelField || DEFAULT_LEVEL_FIELD;
    return response.pipe(
      map((r) => ({
        ...r,
        data: (r.data as DataFrame[]).flatMap((f) =>
          volume.has(f.refId ?? '') ? logsVolumeFrames([f], level) : [f],
        ),
      })),
    );
  }

  /** Variables quoted for SPL (query/interpolate.ts); ad hoc filters passed structured, never pasted. */
  override applyTemplateVariables(
    query: SplQuery,
    scopedVars: ScopedVars,
    filters?: AdHocVariableFilter[],
  ): SplQuery {
    const q = { ...query, ...migrateQuery(query) };
    const srv = getTemplateSrv();
    const spl = interpolateSpl(q.spl, (target, format) => srv.replace(target, scopedVars, format));
    const adhocFilters = toAdhocFilters(filters);
    return {
      ...q,
      spl,
      ...(q.legendFormat ? { legendFormat: srv.replace(q.legendFormat, scopedVars) } : {}),
      ...(adhocFilters.length > 0 ? { adhocFilters } : {}),
    };
  }

  // ---- ad hoc filters: keys and values from nexus-api, bounded by the dashboard's time range ----

  private probeParams(timeRange: TimeRange | undefined, queries: readonly SplQuery[] | undefined) {
    const fromQuery = (queries ?? []).map((q) => baseIndex(migrateQuery(q).spl)).find((i) => i !== undefined);
    const index = fromQuery ?? this.instanceSettings.jsonData.defaultIndex ?? '*';
    return {
      index,
      ...(timeRange ? { from: timeRange.from.valueOf(), to: timeRange.to.valueOf() } : {}),
    };
  }

  override async getTagKeys(options?: DataSourceGetTagKeysOptions<SplQuery>): Promise<MetricFindValue[]> {
    const r = await this.getResource<{ fields: string[] }>(
      'fields',
      this.probeParams(options?.timeRange, options?.queries),
    );
    return r.fields.filter((f) => !NOT_FILTER_KEYS.has(f)).map((f) => ({ text: f, value: f }));
  }

  override async getTagValues(options: DataSourceGetTagValuesOptions<SplQuery>): Promise<MetricFindValue[]> {
    const r = await this.getResource<{ values: { value: unknown; count: number }[] }>('values', {
      ...this.probeParams(options.timeRange, options.queries),
      field: options.key,
    });
    return r.values
      .filter((v) => v.value !== null && v.value !== undefined)
      .map((v) => ({ text: String(v.value), value: String(v.value) }));
  }

  // ---- Explore: filter for / filter out value (edits at AST positions, query/edit.ts) ----

  override modifyQuery(query: SplQuery, action: QueryFixAction): SplQuery {
    const q = migrateQuery(query);
    const key = action.options?.['key'];
    const value = action.options?.['value'];
    switch (action.type) {
      case 'ADD_FILTER':
      case 'ADD_FILTER_OUT':
        if (key === undefined || value === undefined) return query;
        return { ...query, spl: addFilter(q.spl, key, value, action.type === 'ADD_FILTER_OUT') };
      case 'ADD_STRING_FILTER':
      case 'ADD_STRING_FILTER_OUT':
        if (value === undefined || value === '') return query;
        return { ...query, spl: addStringFilter(q.spl, value, action.type === 'ADD_STRING_FILTER_OUT') };
      default:
        return query;
    }
  }

  getSupportedQueryModifications(): string[] {
    return ['ADD_FILTER', 'ADD_FILTER_OUT', 'ADD_STRING_FILTER', 'ADD_STRING_FILTER_OUT'];
  }

  toggleQueryFilter(query: SplQuery, filter: ToggleFilterAction): SplQuery {
    const { key, value } = filter.options;
    if (key === undefined || value === undefined) return query;
    return { ...query, spl: toggleFilter(migrateQuery(query).spl, key, value, filter.type === 'FILTER_OUT') };
  }

  queryHasFilter(query: SplQuery, filter: QueryFilterOptions): boolean {
    const { key, value } = filter;
    return key !== undefined && value !== undefined && hasFilter(migrateQuery(query).spl, key, value);
  }

  // ---- Explore: logs volume over the whole range ----

  getSupportedSupplementaryQueryTypes(): SupplementaryQueryType[] {
    return [SupplementaryQueryType.LogsVolume];
  }

  getSupplementaryQuery(options: SupplementaryQueryOptions, query: SplQuery): SplQuery | undefined {
    if (options.type !== SupplementaryQueryType.LogsVolume) return undefined;
    const q = migrateQuery(query);
    if (q.hide) return undefined;
    const spl = logsVolumeSpl(q.spl, this.instanceSettings.jsonData.levelField || DEFAULT_LEVEL_FIELD);
    if (spl === undefined) return undefined;
    const { limit: _limit, legendFormat: _legend, ...rest } = q;
    return { ...rest, refId: `log-volume-${q.refId}`, spl, format: 'time_series', queryType: LOGS_VOLUME };
  }

  getSupplementaryRequest(
    type: SupplementaryQueryType,
    request: DataQueryRequest<SplQuery>,
  ): DataQueryRequest<SplQuery> | undefined {
    if (type !== SupplementaryQueryType.LogsVolume) return undefined;
    const targets = request.targets
      .map((t) => this.getSupplementaryQuery({ type }, t))
      .filter((t): t is SplQuery => t !== undefined);
    return targets.length === 0
      ? undefined
      : { ...request, targets, requestId: `${request.requestId}_log-volume` };
  }

  // ---- Explore: show context ----

  private contextRequest(row: LogRowModel, options?: LogRowContextOptions, query?: SplQuery): ContextRequest {
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(row.labels ?? {})) labels[k] = String(v);
    const index =
      (query ? baseIndex(migrateQuery(query).spl) : undefined) ?? this.instanceSettings.jsonData.defaultIndex;
    const fields = this.instanceSettings.jsonData.contextFields;
    return {
      timeMs: row.timeEpochMs,
      labels,
      streamFields: fields && fields.length > 0 ? fields : DEFAULT_CONTEXT_FIELDS,
      ...(index ? { index } : {}),
      direction: options?.direction === LogRowContextQueryDirection.Forward ? 'forward' : 'backward',
      limit: options?.limit ?? 50,
      windowMs: options?.timeWindowMs ?? CONTEXT_WINDOW_MS,
    };
  }

  async getLogRowContextQuery(
    row: LogRowModel,
    options?: LogRowContextOptions,
    query?: SplQuery,
  ): Promise<SplQuery> {
    const r = this.contextRequest(row, options, query);
    return {
      refId: `context-${query?.refId ?? 'A'}`,
      spl: contextSpl(r),
      format: 'logs',
      limit: r.limit,
      version: 1,
    };
  }

  async getLogRowContext(
    row: LogRowModel,
    options?: LogRowContextOptions,
    query?: SplQuery,
  ): Promise<DataQueryResponse> {
    const r = this.contextRequest(row, options, query);
    const target = await this.getLogRowContextQuery(row, options, query);
    const { fromMs, toMs } = contextRange(r);
    const from = dateTime(fromMs);
    const to = dateTime(toMs);
    return lastValueFrom(
      this.query({
        requestId: `context-${row.uid}`,
        app: CoreApp.Explore,
        targets: [target],
        range: { from, to, raw: { from, to } },
        interval: '1s',
        intervalMs: 1000,
        scopedVars: {},
        timezone: 'UTC',
        startTime: Date.now(),
      }),
    );
  }
}
