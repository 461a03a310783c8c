// SPL commands Nexus does not compile yet, registered so that the parser, the diagnostics and the SPL
// reference know them. Compiling one means giving it its own module (see `strcat.ts`) and removing it here.

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
  // Splunk apps
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
