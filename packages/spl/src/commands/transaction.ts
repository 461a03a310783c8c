// `transaction`: groups events into transactions.

import { bool, int, str, time } from '../analyse/options.ts';
import { transactionBody } from '../parser/commands-sources.ts';
import { transaction as group } from '../plan/transaction.ts';
import type { CommandModule } from './types.ts';

export const transaction: CommandModule<'transaction'> = {
  name: 'transaction',
  kind: 'transaction',
  status: 'partly',
  grammar: { mode: 'args', body: transactionBody },
  options: {
    placement: 'anywhere',
    options: {
      maxspan: time,
      maxpause: time,
      maxevents: { type: 'int', min: -1 },
      startswith: str,
      endswith: str,
      connected: bool,
      unifyends: bool,
      keeporphans: bool,
      keepevicted: bool,
      mvlist: str,
      delim: str,
      nullstr: str,
      mvraw: bool,
      maxopentxn: int,
      maxopenevents: int,
      name: str,
      fields: str,
    },
  },
  doc: {
    summary: 'Groups events into transactions.',
    syntax:
      'transaction <field>… [maxspan=<time>] [maxpause=<time>] [startswith=<filter>] [endswith=<filter>], <filter>: "<search>" | (<search>) | <term> | eval(<expression>)',
    example: 'index=main | transaction host maxspan=5m | table host, duration',
    differences: [
      'Time modifiers in `startswith=`/`endswith=`, `mvlist=` with fields and wildcard fields are not supported yet.',
    ],
  },
  lower: (c, s, ctx) => group(c, s, ctx.options, ctx.errors),
};
