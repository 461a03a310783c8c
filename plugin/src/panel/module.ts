// The events panel plugin's entry point, loaded by Grafana as `module.js`.

import { PanelPlugin } from '@grafana/data';
import { DEFAULT_OPTIONS, EventsPanel } from './EventsPanel.tsx';
import type { EventsOptions } from './EventsPanel.tsx';

export { onEventsFilter } from './filters.ts';

export const plugin = new PanelPlugin<EventsOptions>(EventsPanel).setPanelOptions((builder) =>
  builder
    .addNumberInput({
      path: 'pageSize',
      name: 'Events per page',
      description: 'Events on one page of the list; only the rows in view are drawn, whatever the page size.',
      defaultValue: DEFAULT_OPTIONS.pageSize,
      settings: { min: 1, max: 10000, integer: true },
    })
    .addStringArray({
      path: 'selectedFields',
      name: 'Selected fields',
      description: 'Fields listed first in the sidebar, as in Splunk.',
      defaultValue: DEFAULT_OPTIONS.selectedFields,
    })
    .addBooleanSwitch({
      path: 'wrapLines',
      name: 'Wrap lines',
      description: 'Show the whole event text over several lines instead of cutting it at the panel edge.',
      defaultValue: DEFAULT_OPTIONS.wrapLines,
    })
    .addBooleanSwitch({
      path: 'showInterestingFields',
      name: 'Show interesting fields',
      description: 'List the fields present in at least 20% of the events, with their top values.',
      defaultValue: DEFAULT_OPTIONS.showInterestingFields,
    }),
);
