// `nexus-events-panel`: Splunk's event list for raw searches: a field sidebar, a header with the count and
// the page controls, and a windowed list of the page's events.

import type { PanelProps } from '@grafana/data';
import { usePanelContext, useStyles2 } from '@grafana/ui';
import { useCallback, useMemo, useState } from 'react';
import { ActionButton } from './ActionButton.tsx';
import { applyEventsFilter } from './applyFilter.ts';
import { EventList } from './EventList.tsx';
import { eventsFromFrames } from './events.ts';
import { FieldSidebar } from './FieldSidebar.tsx';
import type { NexusEvent } from './events.ts';
import { summariseFields } from './fields.ts';
import type { EventsFilter } from './filters.ts';
import { clampPage, pageCount, pageLabel, pageRange } from './paging.ts';
import { getStyles, HEADER_HEIGHT, SIDEBAR_WIDTH } from './styles.ts';

export interface EventsOptions {
  /** Events per page. */
  pageSize: number;
  /** Fields listed first in the sidebar (Splunk's "Selected fields"). */
  selectedFields: string[];
  /** Wrap long `_raw` over several lines instead of cutting it. */
  wrapLines: boolean;
  /** List the fields present in at least 20% of the events. */
  showInterestingFields: boolean;
}

export const DEFAULT_OPTIONS: EventsOptions = {
  pageSize: 50,
  selectedFields: ['host', 'source', 'sourcetype'],
  wrapLines: false,
  showInterestingFields: true,
};

/** Below this width the sidebar would crowd the events out, so it is hidden. */
const SIDEBAR_MIN_PANEL_WIDTH = 480;

const NO_EVENTS: readonly NexusEvent[] = [];
const NO_IDS: ReadonlySet<string> = new Set();

export function EventsPanel({ data, width, height, options, timeZone }: PanelProps<EventsOptions>) {
  const styles = useStyles2(getStyles);
  const { onAddAdHocFilter } = usePanelContext();
  const result = useMemo(() => eventsFromFrames(data.series), [data.series]);
  const events = result.kind === 'events' ? result.events : NO_EVENTS;
  const searchWords = result.kind === 'events' ? result.searchWords : NO_EVENTS_WORDS;
  const selected = options.selectedFields ?? DEFAULT_OPTIONS.selectedFields;
  // O(events × fields), once per result or change of the selected fields.
  const summary = useMemo(() => summariseFields(events, selected), [events, selected]);
  const truncated = data.series.some((f) => f.meta?.custom?.['truncated'] === true);

  const size = Math.max(1, Math.floor(options.pageSize || DEFAULT_OPTIONS.pageSize));
  const [paging, setPaging] = useState<{ page: number; events: readonly NexusEvent[] }>({ page: 0, events });
  // A new result starts on page 1.
  const page = paging.events === events ? clampPage(paging.page, events.length, size) : 0;
  const pages = pageCount(events.length, size);
  const goTo = (p: number) => setPaging({ page: clampPage(p, events.length, size), events });
  const { start, end } = pageRange(page, events.length, size);
  const pageEvents = useMemo(() => events.slice(start, end), [events, start, end]);

  // Expanded rows, for this result only (a new result starts collapsed).
  const [opened, setOpened] = useState<{ ids: ReadonlySet<string>; events: readonly NexusEvent[] }>({
    ids: NO_IDS,
    events,
  });
  const expanded = opened.events === events ? opened.ids : NO_IDS;
  const onToggle = useCallback(
    (id: string) =>
      setOpened((prev) => {
        const next = new Set(prev.events === events ? prev.ids : NO_IDS);
        if (!next.delete(id)) next.add(id);
        return { ids: next, events };
      }),
    [events],
  );
  const onFilter = useCallback(
    (f: EventsFilter) => {
      applyEventsFilter(f, onAddAdHocFilter);
    },
    [onAddAdHocFilter],
  );

  if (result.kind !== 'events') {
    return (
      <div className={styles.root} style={{ width, height }} data-testid="nexus-events-panel">
        {result.kind === 'empty' ? (
          <div className={styles.message} data-testid="nexus-events-empty">
            <div className={styles.messageTitle}>No events</div>
            <div>The search returned no events in this time range.</div>
          </div>
        ) : (
          <div className={styles.message} data-testid="nexus-events-wrong-shape">
            <div className={styles.messageTitle}>These results are not events</div>
            <div>{result.message}.</div>
          </div>
        )}
      </div>
    );
  }

  const showSidebar = width >= SIDEBAR_MIN_PANEL_WIDTH;
  const mainWidth = Math.max(0, width - (showSidebar ? SIDEBAR_WIDTH : 0));
  return (
    <div className={styles.root} style={{ width, height }} data-testid="nexus-events-panel">
      {showSidebar && (
        <FieldSidebar
          events={events}
          summary={summary}
          showInteresting={options.showInterestingFields ?? true}
          height={height}
          styles={styles}
          onFilter={onFilter}
        />
      )}
      <div className={styles.main}>
        <div className={styles.header}>
          <span>
            <span className={styles.count} data-testid="nexus-events-count" data-count={events.length}>
              {events.length.toLocaleString('en-US')} {events.length === 1 ? 'event' : 'events'}
            </span>
            {truncated && (
              <span className={styles.limit} data-testid="nexus-events-limit">
                limit reached
              </span>
            )}
          </span>
          <span className={styles.pager}>
            <ActionButton
              icon="angle-left"
              label="Previous page"
              styles={styles}
              data-testid="nexus-events-page-prev"
              disabled={page === 0}
              onClick={() => goTo(page - 1)}
            />
            <span className={styles.pageLabel} data-testid="nexus-events-page-label" data-page={page + 1}>
              {pageLabel(page, events.length, size)} · page {page + 1} of {pages}
            </span>
            <ActionButton
              icon="angle-right"
              label="Next page"
              styles={styles}
              data-testid="nexus-events-page-next"
              disabled={page >= pages - 1}
              onClick={() => goTo(page + 1)}
            />
          </span>
        </div>
        <EventList
          key={page}
          events={pageEvents}
          firstIndex={start}
          width={mainWidth}
          height={Math.max(0, height - HEADER_HEIGHT)}
          expanded={expanded}
          wrapLines={options.wrapLines ?? false}
          timeZone={timeZone}
          searchWords={searchWords}
          styles={styles}
          onToggle={onToggle}
          onFilter={onFilter}
        />
      </div>
    </div>
  );
}

const NO_EVENTS_WORDS: readonly string[] = [];
