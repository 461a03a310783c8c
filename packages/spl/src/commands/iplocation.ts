// `iplocation`: adds location fields from an IP address.

import { bool, str } from '../analyse/options.ts';
import { iplocationBody } from '../parser/commands-data.ts';
import type { CommandModule } from './types.ts';

export const iplocation: CommandModule<'iplocation'> = {
  name: 'iplocation',
  kind: 'iplocation',
  status: 'not-yet',
  reason: 'Needs an IP geolocation database loaded into ClickHouse (issue 21).',
  grammar: { mode: 'args', body: iplocationBody },
  options: { placement: 'leading', options: { prefix: str, allfields: bool, lang: str } },
  doc: {
    summary: 'Adds location fields from an IP address.',
    syntax: 'iplocation <field>',
    example: 'index=main | iplocation clientip',
  },
};
