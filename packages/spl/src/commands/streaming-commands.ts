// The commands over the results' order and their shape (accum, delta, autoregress, …), registered in
// `commands/index.ts` as one list.

import { accum } from './accum.ts';
import { autoregress } from './autoregress.ts';
import { concurrency } from './concurrency.ts';
import { delta } from './delta.ts';
import { filldown } from './filldown.ts';
import { trendline } from './trendline.ts';
import type { CommandModule } from './types.ts';

export const streamingCommands: readonly CommandModule<'generic'>[] = [
  accum,
  autoregress,
  concurrency,
  delta,
  filldown,
  trendline,
];
