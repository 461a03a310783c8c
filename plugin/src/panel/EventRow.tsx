// One event: expand toggle, time, highlighted `_raw`; expanded, its fields with "filter for" / "filter out".

import { dateTimeFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/data';
import { cx } from '@emotion/css';
import { memo, useMemo } from 'react';
import { ActionButton } from './ActionButton.tsx';
import type { Ref } from 'react';
import type { NexusEvent } from './events.ts';
import type { EventsFilter } from './filters.ts';
import { highlight } from './highlight.ts';
import type { SegmentKind } from './highlight.ts';
import type { EventsStyles } from './styles.ts';

/** Splunk's event time with milliseconds, in the dashboard's time zone. */
const TIME_FORMAT = 'YYYY-MM-DD HH:mm:ss.SSS';

export interface EventRowProps {
  readonly event: NexusEvent;
  /** Position in the whole result (for `data-index`). */
  readonly index: number;
  readonly top: number;
  readonly expanded: boolean;
  readonly wrapLines: boolean;
  readonly timeZone: TimeZone;
  readonly searchWords: readonly string[];
  readonly styles: EventsStyles;
  readonly measureRef: Ref<HTMLDivElement>;
  readonly onToggle: (id: string) => void;
  readonly onFilter: (filter: EventsFilter) => void;
}

function classOf(kind: SegmentKind, styles: EventsStyles): string | undefined {
  switch (kind) {
    case 'match':
      return styles.match;
    case 'key':
      return styles.key;
    case 'value':
      return styles.value;
    case 'field-value':
      return styles.fieldValue;
    case 'plain':
      return undefined;
  }
}

export const EventRow = memo(function EventRow(props: EventRowProps) {
  const { event, index, top, expanded, wrapLines, timeZone, searchWords, styles, measureRef } = props;
  const segments = useMemo(
    () => highlight(event.raw, searchWords, Object.values(event.fields)),
    [event, searchWords],
  );
  const fieldNames = useMemo(() => Object.keys(event.fields).sort(), [event]);
  const time = event.time === null ? '—' : dateTimeFormat(event.time, { timeZone, format: TIME_FORMAT });
  return (
    <div
      ref={measureRef}
      className={styles.row}
      style={{ top }}
      data-testid="nexus-event-row"
      data-index={index}
      data-event-id={event.id}
      data-expanded={expanded}
      role="listitem"
    >
      <div className={styles.line}>
        <ActionButton
          icon={expanded ? 'angle-down' : 'angle-right'}
          label={expanded ? 'Hide fields' : 'Show fields'}
          styles={styles}
          aria-expanded={expanded}
          data-testid="nexus-event-expand"
          onClick={() => props.onToggle(event.id)}
        />
        <span className={styles.time}>{time}</span>
        <span
          className={cx(styles.raw, wrapLines && styles.rawWrapped)}
          title={wrapLines ? undefined : event.raw}
        >
          {segments.map((s, i) => {
            const className = classOf(s.kind, styles);
            return className ? (
              <span key={i} className={className} data-kind={s.kind}>
                {s.text}
              </span>
            ) : (
              s.text
            );
          })}
        </span>
      </div>
      {expanded && (
        <table className={styles.fields} data-testid="nexus-event-fields">
          <tbody>
            {fieldNames.length === 0 && (
              <tr>
                <td colSpan={3}>This event has no fields besides its time and text.</td>
              </tr>
            )}
            {fieldNames.map((name) => {
              const value = event.fields[name] ?? '';
              return (
                <tr key={name} data-field={name}>
                  <td className={styles.fieldActions}>
                    <ActionButton
                      icon="search-plus"
                      label={`Filter for ${name}=${value}`}
                      styles={styles}
                      data-testid="nexus-event-filter-for"
                      onClick={() => props.onFilter({ key: name, operator: '=', value })}
                    />
                    <ActionButton
                      icon="search-minus"
                      label={`Filter out ${name}=${value}`}
                      styles={styles}
                      data-testid="nexus-event-filter-out"
                      onClick={() => props.onFilter({ key: name, operator: '!=', value })}
                    />
                  </td>
                  <th scope="row">{name}</th>
                  <td className={styles.fieldCell}>{value}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
});
