// The commands over the results' order and their shape (accum, delta, autoregress, …), registered in
// `commands/index.ts` as one list.

import { accum } from './accum.ts';
import { addcoltotals } from './addcoltotals.ts';
import { anomalies } from './anomalies.ts';
import { autoregress } from './autoregress.ts';
import { concurrency } from './concurrency.ts';
import { delta } from './delta.ts';
import { filldown } from './filldown.ts';
import { gauge } from './gauge.ts';
import { makecontinuous } from './makecontinuous.ts';
import { outlier } from './outlier.ts';
import { timewrap } from './timewrap.ts';
import { transpose } from './transpose.ts';
import { trendline } from './trendline.ts';
import { uniq } from './uniq.ts';
import type { CommandModule } from './types.ts';

export const streamingCommands: readonly CommandModule<'generic'>[] = [
  accum,
  addcoltotals,
  anomalies,
  autoregress,
  concurrency,
  delta,
  filldown,
  gauge,
  makecontinuous,
  outlier,
  timewrap,
  transpose,
  trendline,
  uniq,
];
