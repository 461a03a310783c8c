// The events panel plugin's entry point, loaded by Grafana as `module.js`.

import { PanelPlugin } from '@grafana/data';
import { EventsPanel } from './EventsPanel.tsx';
import type { EventsOptions } from './EventsPanel.tsx';

export const plugin = new PanelPlugin<EventsOptions>(EventsPanel).setPanelOptions((builder) =>
  builder.addNumberInput({ path: 'pageSize', name: 'Events per page', defaultValue: 50 }),
);
