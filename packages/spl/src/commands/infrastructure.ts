// SPL commands that only make sense inside Splunk (its indexes, jobs, knowledge objects, scripts, alert
// actions): registered with the reason and, where there is one, the Grafana or Nexus way to do the same.

import type { CommandModule } from './types.ts';

function splunkOnly(
  name: string,
  summary: string,
  reason: string,
  instead?: string,
  more: Partial<Pick<CommandModule<'generic'>, 'aliases' | 'app' | 'generating'>> = {},
): CommandModule<'generic'> {
  return {
    name,
    kind: 'generic',
    status: 'infrastructure',
    doc: { summary },
    reason,
    ...(instead === undefined ? {} : { instead }),
    ...more,
  };
}

const alerting = 'Grafana alerting: an alert rule on the SPL query, with a contact point';
const geomap = 'Grafana’s Geomap panel over `iplocation` or `geostats` results';
const summaryIndex =
  'Splunk’s summary indexes: Nexus computes from the events themselves, so the command without `si` gives the result';

export const infrastructureCommands: readonly CommandModule<'generic'>[] = [
  splunkOnly(
    'audit',
    'Reads Splunk’s audit trail.',
    'Reads Splunk’s own audit index.',
    'the service’s request logs and metrics (`/metrics`)',
    { generating: true },
  ),
  splunkOnly(
    'awssnsalert',
    'Sends results to Amazon SNS.',
    'An alert action of Splunk’s AWS add-on.',
    alerting,
    {
      app: 'Splunk Add-on for AWS',
    },
  ),
  splunkOnly(
    'collect',
    'Writes the results into a summary index.',
    'Writes into a Splunk index from a search.',
    'send events through the HEC endpoint (`/services/collector/event`)',
  ),
  splunkOnly(
    'datamodelsimple',
    'Lists data models for Splunk Web’s editor.',
    'An internal command of Splunk Web.',
    undefined,
    { generating: true },
  ),
  splunkOnly(
    'dbinspect',
    'Information about the buckets of an index.',
    'Reads Splunk’s index buckets.',
    'ClickHouse’s `system.parts` (the `logs` table is partitioned by day)',
    { generating: true },
  ),
  splunkOnly(
    'dbxquery',
    'Runs SQL on an external database.',
    'Splunk DB Connect’s connection to an external database.',
    'a Grafana data source for that database',
    { app: 'Splunk DB Connect', generating: true },
  ),
  splunkOnly(
    'delete',
    'Makes events unsearchable.',
    'Marks events deleted in Splunk’s index (a privileged role).',
    'retention (`TTL`), or `ALTER TABLE logs DROP PARTITION` by an operator',
  ),
  splunkOnly('findtypes', 'Suggests event types.', 'Creates Splunk event types (eventtypes.conf).'),
  splunkOnly(
    'geom',
    'Adds geographic shapes for choropleth maps.',
    'Reads the polygons of Splunk’s geospatial lookups (KMZ feature collections installed in a Splunk app).',
    geomap,
  ),
  splunkOnly(
    'geomfilter',
    'Keeps the shapes inside a geographic bounding box.',
    'Clips the polygons that `geom` adds from Splunk’s geospatial (KMZ) lookups.',
    geomap,
  ),
  splunkOnly(
    'highlight',
    'Highlights terms in Splunk Web.',
    'Display only, in Splunk Web.',
    'Grafana’s logs panel highlights the search terms',
  ),
  splunkOnly(
    'history',
    'The searches run before.',
    'Reads Splunk’s search history.',
    'Grafana Explore’s query history',
    { generating: true },
  ),
  splunkOnly('iconify', 'Shows an icon per distinct value in Splunk Web.', 'Display only, in Splunk Web.'),
  splunkOnly(
    'inputcsv',
    'Reads a CSV file of Splunk’s dispatch or lookup folder.',
    'Reads files on the Splunk server.',
    '`inputlookup` (lookup tables are uploaded through the API)',
    { generating: true },
  ),
  splunkOnly(
    'kvform',
    'Extracts values from events laid out as forms.',
    'Reads the `.form` template files of a Splunk app’s configuration.',
    '`rex`, `extract` or `multikv`, or field extractions in the tenant’s props.conf',
  ),
  splunkOnly(
    'loadjob',
    'Loads the results of a finished search job.',
    'Reads Splunk’s search job artifacts.',
    'a Grafana dashboard or library panel with the search',
    { generating: true },
  ),
  splunkOnly(
    'localop',
    'Runs the rest of the search on the search head.',
    'Splunk’s distributed search (search head and indexers).',
    'not needed: one SQL statement runs where the data is',
  ),
  splunkOnly(
    'mcollect',
    'Writes the results into a metrics index.',
    'Writes into a Splunk index from a search.',
    'send metrics through Prometheus remote-write',
  ),
  splunkOnly(
    'meventcollect',
    'Writes events into a metrics index.',
    'Writes into a Splunk index from a search.',
    'send metrics through Prometheus remote-write',
  ),
  splunkOnly(
    'outputcsv',
    'Writes the results to a CSV file.',
    'Writes files on the Splunk server.',
    '`outputlookup`, or Grafana’s CSV download of a panel',
  ),
  splunkOnly('overlap', 'Finds overlapping events in a summary index.', summaryIndex),
  splunkOnly(
    'redistribute',
    'Spreads the search over intermediate reducers.',
    'Splunk’s parallel reduce search processing.',
    'not needed: ClickHouse parallelises the statement',
  ),
  splunkOnly(
    'rest',
    'Reads Splunk’s REST API.',
    'Reads the Splunk server’s REST endpoints.',
    'the Nexus HTTP API, or Grafana’s Infinity data source',
    { generating: true },
  ),
  splunkOnly(
    'rtorder',
    'Buffers real-time events into time order.',
    'Splunk’s real-time searches.',
    'Grafana’s dashboard refresh interval',
  ),
  splunkOnly(
    'savedsearch',
    'Runs a saved search.',
    'Reads Splunk’s saved searches (savedsearches.conf).',
    'search macros (`nexus macros`) and Grafana library panels',
    { generating: true },
  ),
  splunkOnly('script', 'Runs an external Python script.', 'Runs programs on the Splunk server.', undefined, {
    aliases: ['run'],
  }),
  splunkOnly(
    'searchtxn',
    'Finds transactions of a transaction type.',
    'Reads Splunk’s transaction types (transactiontypes.conf).',
    '`transaction` with the type’s fields and options',
    { generating: true },
  ),
  splunkOnly('sendalert', 'Runs an alert action.', 'Runs Splunk alert actions.', alerting),
  splunkOnly(
    'sendemail',
    'E-mails the results.',
    'Sends mail from the Splunk server.',
    `${alerting} (e-mail)`,
  ),
  splunkOnly('sichart', 'Summary-indexing version of `chart`.', summaryIndex, '`chart`'),
  splunkOnly('sirare', 'Summary-indexing version of `rare`.', summaryIndex, '`rare`'),
  splunkOnly('sistats', 'Summary-indexing version of `stats`.', summaryIndex, '`stats`'),
  splunkOnly('sitimechart', 'Summary-indexing version of `timechart`.', summaryIndex, '`timechart`'),
  splunkOnly('sitop', 'Summary-indexing version of `top`.', summaryIndex, '`top`'),
  splunkOnly('tscollect', 'Writes the results into tsidx files.', 'Writes Splunk’s tsidx files.', undefined),
  splunkOnly(
    'typeahead',
    'Completions for a search prefix.',
    'Reads Splunk’s index lexicon.',
    'the Grafana editor’s completion (`/query/editor`)',
    { generating: true },
  ),
  splunkOnly('typelearner', 'Suggests event types.', 'Creates Splunk event types (eventtypes.conf).'),
  splunkOnly('typer', 'Adds the event types of each event.', 'Reads Splunk event types (eventtypes.conf).'),
  splunkOnly(
    'walklex',
    'Lists the terms of an index’s lexicon.',
    'Reads Splunk’s tsidx lexicon.',
    undefined,
    { generating: true },
  ),
  splunkOnly(
    'xsl',
    'Transforms XML results with an XSL stylesheet.',
    'Applies an XSL stylesheet file from a Splunk app’s directory.',
    '`xpath`, `xmlkv` or `spath` to read XML fields',
  ),
];
