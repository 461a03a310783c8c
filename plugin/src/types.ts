// The query model and the data source's settings, shared by the editors, the data source and the panel.

import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

/** How results are shaped: `auto` lets the backend choose from the columns (events → logs, `_time` + numbers → time series). */
export type ResultFormat = 'auto' | 'time_series' | 'table' | 'logs';

export const RESULT_FORMATS: readonly ResultFormat[] = ['auto', 'time_series', 'table', 'logs'];

/** One query as Grafana stores it in a panel, Explore or an alert rule (`DataQuery.json` on the backend). */
export interface SplQuery extends DataQuery {
  /** The SPL search. */
  spl: string;
  /** `auto` when absent. */
  format?: ResultFormat;
  /** Rows to return; the panel's max data points when absent. */
  limit?: number;
  /** Series names for time series, with `{{field}}` placeholders. */
  legendFormat?: string;
  /** Seconds the search may run. */
  timeout?: number;
  /**
   * Dashboard ad hoc filters, sent structured: the backend forwards them to nexus-api (`filters`), which adds
   * them to the base search of the parsed SPL. Set by `applyTemplateVariables`, never stored in a panel.
   */
  adhocFilters?: AdhocFilter[];
  /** Version of this model; `migrateQuery` brings older shapes up to it. */
  version?: number;
  /** Annotation queries: the fields that give the title, text and tags (see `framesToAnnotations`). */
  titleField?: string;
  textField?: string;
  tagsField?: string;
}

/** The comparison of an ad hoc filter, as nexus-api takes it (`=|` / `!=|`: one of `values`). */
export type AdhocOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '=|' | '!=|';

export const ADHOC_OPERATORS: readonly AdhocOperator[] = ['=', '!=', '<', '<=', '>', '>=', '=|', '!=|'];

/** One ad hoc filter: a search term `key<op>"value"` in the base search. */
export interface AdhocFilter {
  key: string;
  /** One of `ADHOC_OPERATORS`; others (`=~`) reach nexus-api, which rejects them with a message. */
  operator: AdhocOperator | (string & {});
  value: string;
  /** For `=|` and `!=|`. */
  values?: string[];
}

/** `jsonData` of the data source. The URL is the instance's own `url`. */
export interface NexusOptions extends DataSourceJsonData {
  /** Forward the signed-in user's OAuth identity to nexus-api instead of the service token. */
  oauthPassThru?: boolean;
  /** New queries start with `index=<it>`; completion and ad hoc filters read its fields when a query names no index. */
  defaultIndex?: string;
  /** Seconds a search may run (nexus-api caps it). */
  timeout?: number;
  /** Fields that identify one stream of events, for "show context" (default host, source, sourcetype). */
  contextFields?: string[];
  /** The field the logs-volume histogram splits by (default `level`). */
  levelField?: string;
}

/** `secureJsonData`: never sent back to the browser, only `secureJsonFields.serviceToken` says it is set. */
export interface NexusSecureOptions {
  serviceToken?: string;
}

export const DEFAULT_CONTEXT_FIELDS: readonly string[] = ['host', 'source', 'sourcetype'];

export const DEFAULT_LEVEL_FIELD = 'level';

/** The current `SplQuery.version`. */
export const QUERY_VERSION = 1;
