// `nexus-events-panel`: Splunk's event list for raw searches.

import type { PanelProps } from '@grafana/data';

export interface EventsOptions {
  /** Events per page. */
  pageSize: number;
}

export function EventsPanel({ data, width, height }: PanelProps<EventsOptions>) {
  const frame = data.series[0];
  return (
    <div data-testid="nexus-events-panel" style={{ width, height, overflow: 'auto' }}>
      {frame ? `${frame.length} events` : 'No events'}
    </div>
  );
}
