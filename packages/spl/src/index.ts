// @nexus/spl: the SPL language — lexer, parser, AST, analysis, planner, IR, ClickHouse and PromQL backends,
// formatter, catalogue and wire types. No I/O and no imports from the service (enforced by the package boundary).

export * from './compile.ts';
export * from './diagnostics.ts';
export type * from './ast.ts';
export * from './parser/index.ts';
export * from './lexer/index.ts';
export * from './analyse/index.ts';
export { commandByName, commands, commandSpecs } from './commands/index.ts';
export type { CommandDoc, CommandModule, CommandStatus } from './commands/types.ts';
export type { OptionType } from './analyse/options.ts';
export * from './plan/index.ts';
export type { LookupOutput } from './plan/lookup.ts';
export type { ErexLearned, ErexTask, ErexTraining, LearnedRegex } from './plan/erex-learn.ts';
export { learnErex } from './plan/erex-learn.ts';
export type { SubsearchText } from './plan/subsearch-text.ts';
export { MATCHES_NOTHING, MAX_INSERTED_CHARS, subsearchSearchText } from './plan/subsearch-text.ts';
export { formatSpec } from './plan/format.ts';
export type { FormatSpec } from './plan/format.ts';
export { TRAINER_COLUMN, erexMessage } from './commands/erex.ts';
export { seriesColumn } from './ir/types.ts';
export type * from './ir/metrics.ts';
export * from './format/index.ts';
export * from './lookups.ts';
export * from './csv.ts';
export * from './models.ts';
export type { ModelSave } from './plan/density.ts';
export { geoipDictionary } from './geoip.ts';
export * from './macros/index.ts';
export * from './time.ts';
export * from './filters.ts';
export { quoteIdent } from './backends/clickhouse/quote.ts';
export { sameLengthSpellings } from './backends/clickhouse/search.ts';
export { MAX_LAYERS } from './backends/clickhouse/print.ts';
export * from './backends/promql/lower.ts';
export * from './backends/promql/print.ts';
export * from './backends/promql/requests.ts';
export * from './editor-catalog.ts';
export type * from './wire.ts';
export * from './knowledge/index.ts';
export * from './datamodels/index.ts';
export {
  SUMMARY_TABLE,
  accelerationOf,
  acceleratedModels,
  compileSummaryBuild,
  compileSummaryCheck,
  compileSummaryView,
  summaryDefinition,
} from './acceleration.ts';
export type { ModelAcceleration, SummaryBuild, SummaryCluster, SummaryCoverage } from './acceleration.ts';
