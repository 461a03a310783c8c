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
  pending('anomalies', 'Scores how unexpected each event is compared with the previous ones.'),
  pending('arules', 'Association rules between field values.'),
  pending('associate', 'Finds correlated fields.'),
  pending('cluster', 'Groups similar events into clusters.'),
  pending('cofilter', 'How often pairs of values occur together (collaborative filtering).'),
  pending('diff', 'The difference between the text of two results.'),
  // `discretize` checks `bin`'s options but is not compiled as `bin` yet.
  pending('discretize', 'Puts numeric or time values into buckets (like `bin`).', { options: bin.options }),
  pending('geom', 'Adds geographic shapes for choropleth maps.'),
  pending('geomfilter', 'Keeps the results inside a geographic bounding box.'),
  pending('kmeans', 'K-means clustering of numeric fields.'),
  pending('kvform', 'Extracts values from events laid out as forms.'),
  pending('outputtext', 'Copies the events’ text into the `_xml` field.'),
  pending('require', 'Fails the search when it has no results.'),
  pending('tags', 'Adds the tags of field values.', { reason: 'Needs Splunk’s tags (tags.conf).' }),
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
