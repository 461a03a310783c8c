// `apply`: applies a trained Machine Learning Toolkit model.

import { bool, number } from '../analyse/options.ts';
import { applyBody } from '../parser/commands-misc.ts';
import type { CommandModule } from './types.ts';

export const apply: CommandModule<'apply'> = {
  name: 'apply',
  kind: 'apply',
  status: 'not-yet',
  reason: 'Needs models trained with the Machine Learning Toolkit (`fit`).',
  grammar: { mode: 'args', body: applyBody },
  options: {
    placement: 'anywhere',
    options: {
      threshold: number,
      lower_threshold: number,
      upper_threshold: number,
      show_density: bool,
      sample: bool,
      full_sample: bool,
    },
  },
  doc: {
    summary: 'Applies a trained Machine Learning Toolkit model.',
    syntax: 'apply <model> [AS <field>]',
    page: 'apply (MLTK)',
  },
};
