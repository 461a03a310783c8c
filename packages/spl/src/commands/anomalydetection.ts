// `anomalydetection`: finds anomalous events by the probability of their field values.

import { bool, number } from '../analyse/options.ts';
import { anomalydetectionBody } from '../parser/commands-misc.ts';
import type { CommandModule } from './types.ts';

export const anomalydetection: CommandModule<'anomalydetection'> = {
  name: 'anomalydetection',
  kind: 'anomalydetection',
  status: 'not-yet',
  reason: 'Not compiled yet (issue 21).',
  grammar: { mode: 'args', body: anomalydetectionBody },
  options: {
    placement: 'anywhere',
    options: {
      method: { type: 'enum', values: ['histogram', 'zscore', 'iqr'] },
      action: { type: 'enum', values: ['filter', 'annotate', 'summary', 'remove', 'transform'] },
      pthresh: number,
      cutoff: bool,
    },
  },
  doc: {
    summary: 'Finds anomalous events by the probability of their field values.',
    syntax: 'anomalydetection [method=histogram|zscore|iqr] [action=…] [<field>…]',
  },
};
