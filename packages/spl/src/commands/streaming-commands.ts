// The commands over the results' order and their shape (accum, delta, autoregress, …), registered in
// `commands/index.ts` as one list.

import { accum } from './accum.ts';
import { autoregress } from './autoregress.ts';
import { delta } from './delta.ts';
import type { CommandModule } from './types.ts';

export const streamingCommands: readonly CommandModule<'generic'>[] = [accum, autoregress, delta];
