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
      'transaction <field>… [maxspan=<time>] [maxpause=<time>] [maxevents=<int>] [startswith=<filter>] [endswith=<filter>] [connected=<bool>] [unifyends=<bool>] [keeporphans=<bool>] [keepevicted=<bool>] [maxopentxn=<int>] [maxopenevents=<int>] [mvlist=<bool>] [mvraw=<bool>] [delim=<string>] [nullstr=<string>], <filter>: "<search>" | (<search>) | <term> | eval(<expression>)',
    example: 'index=main | transaction host maxspan=5m | table host, duration',
    differences: [
      'Time modifiers in `startswith=`/`endswith=`, `mvlist=` with fields, `name=` and wildcard fields are not supported yet.',
      '`mvraw=t`: `_raw` is the members’ texts, oldest first, joined by `delim=` (a space by default), as the page says `delim` delimits the values of `_raw`; it stays one text for later commands (searching it, `rex`), so `mvcount(_raw)` is 1. Without `mvraw=t` the texts are joined by newlines and `delim=` changes nothing: the other merged fields are lists of values, which `delim` would only render.',
      'Where the page is silent, Nexus chooses: an event joins the most recently used open transaction it agrees with; a transaction past `maxspan`/`maxpause` at a later event’s time is closed (with several fields, orphans or the pool limits); `keeporphans=t` also returns, as orphans, the events of transactions dropped as evicted; `maxopentxn`/`maxopenevents` evict the least recently used transaction (`closed_txn=0`).',
      'When some event has only some of several fields, or with `maxopentxn`/`maxopenevents`, one fold takes every event, at about 1 ms an event (10,000 events: about 10 s); otherwise several fields cost about as one (100,000 events: under half a second).',
    ],
  },
  lower: (c, s, ctx) => group(c, s, ctx.options, ctx.errors),
};
