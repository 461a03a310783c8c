// SPL commands Nexus does not compile yet, registered so that the parser, the diagnostics and the SPL
// reference know them. Compiling one means giving it its own module (see `strcat.ts`) and removing it here.

import { bin } from './bin.ts';
import type { CommandModule } from './types.ts';

/** A real SPL command that is not compiled yet: parsed with the generic grammar, `unsupported` when planned. */
function pending(
  name: string,
  summary: string,
  more: Partial<Pick<CommandModule<'generic'>, 'aliases' | 'options' | 'reason' | 'app' | 'generating'>> = {},
): CommandModule<'generic'> {
  return { name, kind: 'generic', status: 'not-yet', doc: { summary }, ...more };
}

const mltk = { app: 'Machine Learning Toolkit' };

export const pendingCommands: readonly CommandModule<'generic'>[] = [
  pending('abstract', 'Shortens each event’s text to its most relevant lines.'),
  pending('accum', 'A running total of a numeric field.'),
  pending('addcoltotals', 'Appends a row with the sum of each numeric field.'),
  pending('addinfo', 'Adds fields about the search: its time range, search time and id.'),
  pending('analyzefields', 'How well each numeric field predicts a classification field.'),
  pending('anomalies', 'Scores how unexpected each event is compared with the previous ones.'),
  pending('anomalousvalue', 'Finds values that are unusual for their field.'),
  pending('arules', 'Association rules between field values.'),
  pending('associate', 'Finds correlated fields.'),
  pending('autoregress', 'Copies earlier results’ values of a field into the current one (lags).'),
  pending('bucketdir', 'Replaces a path by a higher directory, grouping results into folders.'),
  pending('cluster', 'Groups similar events into clusters.'),
  pending('cofilter', 'How often pairs of values occur together (collaborative filtering).'),
  pending('concurrency', 'How many events overlap each event’s duration.'),
  pending('contingency', 'A contingency table of two fields (co-occurrence counts).', {
    aliases: ['ctable'],
  }),
  pending('correlate', 'The correlation of fields: how often they occur together.'),
  pending('datamodel', 'Reads a data model or searches its datasets.', {
    reason: 'Needs the CIM data models (issue 21).',
    generating: true,
  }),
  pending('delta', 'The difference between a field’s value and the previous result’s.'),
  pending('diff', 'The difference between the text of two results.'),
  // `discretize` checks `bin`'s options but is not compiled as `bin` yet.
  pending('discretize', 'Puts numeric or time values into buckets (like `bin`).', { options: bin.options }),
  pending('erex', 'Extracts fields from examples of their values (a regular expression is derived).'),
  pending('eventcount', 'The number of events in indexes.', { generating: true }),
  pending('extract', 'Extracts `key=value` fields from the events’ text.', { aliases: ['kv'] }),
  pending('fieldformat', 'Formats a field for display; later commands see the value unchanged.'),
  pending('fieldsummary', 'Statistics of every field: count, distinct values, numeric summaries.'),
  pending('filldown', 'Replaces missing values with the previous non-missing value.'),
  pending('folderize', 'Groups path-like values into folders.'),
  pending('gauge', 'Turns a value into a gauge chart’s value and ranges.'),
  pending('gentimes', 'Generates time ranges.', { generating: true }),
  pending('geom', 'Adds geographic shapes for choropleth maps.'),
  pending('geomfilter', 'Keeps the results inside a geographic bounding box.'),
  pending('kmeans', 'K-means clustering of numeric fields.'),
  pending('kvform', 'Extracts values from events laid out as forms.'),
  pending('localize', 'The time ranges in which events occur close together.'),
  pending('makecontinuous', 'Makes a field continuous by adding empty buckets.'),
  pending('metadata', 'Hosts, sources or sourcetypes with their first and last event times and counts.', {
    generating: true,
  }),
  pending('metasearch', 'Index metadata of the events that match a search.', { generating: true }),
  pending('mpreview', 'The raw metric data points of a metrics index.', { generating: true }),
  pending('msearch', 'The raw metric data points of a metrics index (alias of `mpreview`).', {
    generating: true,
  }),
  pending('multikv', 'Extracts fields from table-formatted events.'),
  pending('multisearch', 'Runs several searches at once and merges their events.', { generating: true }),
  pending('mvcombine', 'Merges results that differ only in one field into one multivalue result.'),
  pending('nomv', 'Turns a multivalue field into a single value (the values joined by newlines).'),
  pending('outlier', 'Removes or clips outlying numeric values.'),
  pending('outputtext', 'Copies the events’ text into the `_xml` field.'),
  pending('pivot', 'Runs a pivot over a data model dataset.', {
    reason: 'Needs the CIM data models (issue 21).',
    generating: true,
  }),
  pending('predict', 'Forecasts future values of a time series.'),
  pending('rangemap', 'Names the range a numeric value falls in (`low=1-10 high=11-100`).'),
  pending('reltime', 'Adds `reltime`: how long ago each event happened, in words.'),
  pending('require', 'Fails the search when it has no results.'),
  pending('scrub', 'Anonymises values in the results.'),
  pending('selfjoin', 'Joins the results with themselves on fields.'),
  pending('set', 'Union, difference or intersection of two subsearches.', { generating: true }),
  pending('setfields', 'Sets fields to constant values.'),
  pending('tags', 'Adds the tags of field values.', { reason: 'Needs Splunk’s tags (tags.conf).' }),
  pending('timewrap', 'Overlays periods of a time chart (this week against last week).'),
  pending('tojson', 'Turns the fields of each result into a JSON object in `_raw`.'),
  pending('transpose', 'Turns rows into columns.'),
  pending('trendline', 'Moving averages of fields (`sma`, `ema`, `wma`).'),
  pending('union', 'Merges the results of datasets or subsearches.', { generating: true }),
  pending('uniq', 'Removes results that repeat the one just before them.'),
  pending('x11', 'Removes the seasonal pattern of a time series.'),
  pending('xmlunescape', 'Unescapes XML entities in `_raw`.'),
  pending('xpath', 'Extracts values from XML with an XPath expression.'),
  pending('xsl', 'Transforms XML results with an XSL stylesheet.'),
  // Splunk apps
  pending('fit', 'Trains a machine-learning model on the results.', mltk),
  pending('summary', 'Describes a trained machine-learning model.', { ...mltk, generating: true }),
  pending('score', 'Scores a model’s predictions.', mltk),
  pending('cyberchef', 'Transforms values with CyberChef recipes.', { app: 'CyberChef for Splunk' }),
  pending('ldapsearch', 'Searches an LDAP directory.', {
    app: 'Splunk Supporting Add-on for Active Directory',
    generating: true,
  }),
  pending('ldapfilter', 'Looks up LDAP attributes for each result.', {
    app: 'Splunk Supporting Add-on for Active Directory',
  }),
  pending('ldapgroup', 'Expands LDAP group membership.', {
    app: 'Splunk Supporting Add-on for Active Directory',
  }),
  pending('entitymerge', 'Merges asset and identity entities.', { app: 'Splunk Enterprise Security' }),
  pending('inputintelligence', 'Reads a threat intelligence collection.', {
    app: 'Splunk Enterprise Security',
    generating: true,
  }),
];
