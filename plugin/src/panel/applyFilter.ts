// Sends a filter from the events panel to the dashboard: through the panel context's `onAddAdHocFilter`
// (what Grafana's table panel uses), else by adding it to the ad hoc variable's URL parameter.

import { getTemplateSrv, locationService } from '@grafana/runtime';
import { notifyEventsFilter, withFilter } from './filters.ts';
import type { EventsFilter } from './filters.ts';

/** The panel context's callback (@grafana/ui `PanelContext.onAddAdHocFilter`). */
export type AddAdHocFilter = (item: { key: string; operator: '=' | '!='; value: string }) => void;

/** How a filter reached the dashboard. */
export type FilterRoute = 'panel-context' | 'url' | 'none';

/** Name of the dashboard's ad hoc filter variable; `Filters` when no template service can say. */
export function adHocVariableName(): string {
  try {
    const found = getTemplateSrv()
      .getVariables()
      .find((v) => v.type === 'adhoc');
    return found?.name ?? 'Filters';
  } catch {
    // No template service (a bare harness): the name Grafana gives a new ad hoc variable.
    return 'Filters';
  }
}

const asList = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' || typeof v === 'number' ? [String(v)] : [];

/**
 * Emits `filter`: observers (`onEventsFilter`) and a `nexus-events-filter` DOM event on `window` first,
 * then the dashboard, by the panel context when it offers `onAddAdHocFilter`, else by the URL
 * (`var-Filters=host|=|web-1`, which Grafana's URL sync turns into the variable's filters).
 */
export function applyEventsFilter(filter: EventsFilter, onAddAdHocFilter?: AddAdHocFilter): FilterRoute {
  notifyEventsFilter(filter);
  if (typeof window !== 'undefined' && typeof CustomEvent === 'function') {
    window.dispatchEvent(new CustomEvent<EventsFilter>('nexus-events-filter', { detail: { ...filter } }));
  }
  if (onAddAdHocFilter) {
    onAddAdHocFilter({ key: filter.key, operator: filter.operator, value: filter.value });
    return 'panel-context';
  }
  try {
    const param = `var-${adHocVariableName()}`;
    const current = asList(locationService.getSearchObject()[param]);
    locationService.partial({ [param]: withFilter(current, filter) });
    return 'url';
  } catch (e) {
    console.warn('nexus-events-panel: no way to add a dashboard filter here', e);
    return 'none';
  }
}
