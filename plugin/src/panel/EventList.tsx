// The page's events as a windowed list: only the rows in view (plus a few) are in the DOM. Row heights are
// estimated, then measured with a ResizeObserver, so wrapped lines and expanded rows scroll correctly.

import type { TimeZone } from '@grafana/data';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { UIEvent } from 'react';
import type { NexusEvent } from './events.ts';
import { EventRow } from './EventRow.tsx';
import type { EventsFilter } from './filters.ts';
import { rowOffsets, visibleRows } from './paging.ts';
import { FIELD_ROW_HEIGHT, ROW_HEIGHT } from './styles.ts';
import type { EventsStyles } from './styles.ts';

/** Rows rendered above and below the viewport, so fast scrolling shows no blank band. */
const OVERSCAN = 6;
/** Pixels of one wrapped line, and the rough width of a monospace character, for estimates. */
const LINE_HEIGHT = 18;
const CHAR_WIDTH = 7.2;
/** Space taken by the toggle and the time column before `_raw` starts. */
const RAW_INSET = 210;

export interface EventListProps {
  /** The events of the current page. */
  readonly events: readonly NexusEvent[];
  /** Index in the whole result of `events[0]`. */
  readonly firstIndex: number;
  readonly width: number;
  readonly height: number;
  readonly expanded: ReadonlySet<string>;
  readonly wrapLines: boolean;
  readonly timeZone: TimeZone;
  readonly searchWords: readonly string[];
  readonly styles: EventsStyles;
  readonly onToggle: (id: string) => void;
  readonly onFilter: (filter: EventsFilter) => void;
}

const measureKey = (id: string, expanded: boolean): string => `${expanded ? '+' : '-'}${id}`;

/** A row's height before it has been measured. */
export function estimateRowHeight(
  e: NexusEvent,
  expanded: boolean,
  wrapLines: boolean,
  width: number,
): number {
  let h = ROW_HEIGHT;
  if (wrapLines) {
    const perLine = Math.max(20, Math.floor((width - RAW_INSET) / CHAR_WIDTH));
    const lines = e.raw.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / perLine)), 0);
    h += (lines - 1) * LINE_HEIGHT;
  }
  if (expanded) h += Math.max(1, Object.keys(e.fields).length) * FIELD_ROW_HEIGHT + 8;
  return h;
}

export function EventList(props: EventListProps) {
  const { events, firstIndex, width, height, expanded, wrapLines, styles } = props;
  // Measured heights are only valid for the width and wrapping they were measured at.
  const measured = useMemo(() => new Map<string, number>(), [width, wrapLines]);
  const [version, setVersion] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const pending = useRef(false);

  useEffect(() => {
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const el = entry.target as HTMLElement;
        const id = el.dataset['eventId'];
        if (id === undefined) continue;
        const key = measureKey(id, el.dataset['expanded'] === 'true');
        const h = entry.borderBoxSize[0]?.blockSize ?? el.getBoundingClientRect().height;
        if (h > 0 && Math.abs((measured.get(key) ?? 0) - h) > 0.5) {
          measured.set(key, h);
          changed = true;
        }
      }
      if (changed && !pending.current) {
        pending.current = true;
        requestAnimationFrame(() => {
          pending.current = false;
          setVersion((v) => v + 1);
        });
      }
    });
    observer.current = ro;
    return () => {
      ro.disconnect();
      observer.current = null;
    };
  }, [measured]);

  // One stable ref for every row (React 19 calls the returned cleanup when the row goes).
  const measureRef = useCallback((el: HTMLDivElement | null) => {
    const ro = observer.current;
    if (!el || !ro) return;
    ro.observe(el);
    return () => ro.unobserve(el);
  }, []);

  const offsets = useMemo(
    () =>
      rowOffsets(
        events.map((e) => {
          const open = expanded.has(e.id);
          return measured.get(measureKey(e.id, open)) ?? estimateRowHeight(e, open, wrapLines, width);
        }),
      ),
    // `version` changes when a row's measured height does.
    [events, expanded, measured, wrapLines, width, version],
  );
  const { start, end } = visibleRows(offsets, scrollTop, height, OVERSCAN);
  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop), []);

  const rows = [];
  for (let i = start; i < end; i++) {
    const e = events[i];
    if (!e) continue;
    rows.push(
      <EventRow
        key={e.id}
        event={e}
        index={firstIndex + i}
        top={offsets[i] ?? 0}
        expanded={expanded.has(e.id)}
        wrapLines={wrapLines}
        timeZone={props.timeZone}
        searchWords={props.searchWords}
        styles={styles}
        measureRef={measureRef}
        onToggle={props.onToggle}
        onFilter={props.onFilter}
      />,
    );
  }
  return (
    <div
      className={styles.viewport}
      style={{ height, width }}
      onScroll={onScroll}
      role="list"
      aria-label="Events"
      data-testid="nexus-events-list"
    >
      <div style={{ position: 'relative', height: offsets[offsets.length - 1] ?? 0 }}>{rows}</div>
    </div>
  );
}
