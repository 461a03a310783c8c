// The wire types nexus-api and the Grafana plugins share: a search's result, a positioned diagnostic, a request.

/** One column of a search result: its name and ClickHouse type. */
export interface ResultColumn {
  readonly name: string;
  readonly type: string;
}

/** The body of `POST /query/spl`: columns, rows (multivalue fields as arrays) and what ran. */
export interface SplResponse {
  readonly columns: ResultColumn[];
  readonly rows: unknown[][];
  readonly meta: {
    readonly queryId: string;
    readonly sql: string;
    readonly params: Record<string, unknown>;
    /** The Prometheus API requests that ran (a search that starts with `mstats`, with METRICS_URL). */
    readonly promql?: readonly string[];
    readonly elapsedMs: number;
    readonly rowsRead: number;
    readonly truncated: boolean;
    readonly earliest: string | null;
    readonly latest: string | null;
    /** What a final `outputlookup` wrote. */
    readonly lookup?: { readonly name: string; readonly rows: number; readonly columns: readonly string[] };
    /** What each `outputlookup` before the end (in a subsearch, or followed by more commands) wrote, in order. */
    readonly lookupWrites?: readonly {
      readonly name: string;
      readonly rows: number;
      readonly columns: readonly string[];
    }[];
    /** The models a `fit … into` saved, with their number of groups. */
    readonly models?: readonly { readonly name: string; readonly groups: number }[];
    /** The models a `| deletemodel` deleted. */
    readonly deletedModels?: readonly string[];
    /** Informational messages of the search, as Splunk shows a job's (the expression each `erex` learned). */
    readonly messages?: readonly { readonly type: 'info'; readonly text: string }[];
  };
}

/** One positioned diagnostic of nexus-api's `400 { errors }`: line and column are 1-based, offsets 0-based. */
export interface WireDiagnostic {
  readonly code: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly start?: number;
  readonly end?: number;
  readonly hints?: readonly string[];
}

/** An ad hoc filter, added by nexus-api to the base search of the parsed query. */
export interface WireFilter {
  readonly key: string;
  readonly operator: string;
  readonly value?: string;
  readonly values?: readonly string[];
}

/** The body of `POST /query/spl`. */
export interface SplRequestBody {
  readonly query: string;
  readonly earliest?: string;
  readonly latest?: string;
  readonly limit?: number;
  readonly timeout?: number;
  readonly timezone?: string;
  readonly filters?: readonly WireFilter[];
}
