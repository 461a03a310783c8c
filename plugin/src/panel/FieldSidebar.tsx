// Splunk's field sidebar: selected fields, interesting fields (≥ 20% of events) with their distinct-value
// counts; a field opens its top 10 values, and a value adds a dashboard filter.

import { memo, useMemo, useState } from 'react';
import { ActionButton } from './ActionButton.tsx';
import type { NexusEvent } from './events.ts';
import type { FieldSummary, FieldsSummary } from './fields.ts';
import { formatPercent, topValues } from './fields.ts';
import type { EventsFilter } from './filters.ts';
import type { EventsStyles } from './styles.ts';

export interface FieldSidebarProps {
  readonly events: readonly NexusEvent[];
  readonly summary: FieldsSummary;
  readonly showInteresting: boolean;
  readonly height: number;
  readonly styles: EventsStyles;
  readonly onFilter: (filter: EventsFilter) => void;
}

/** How many values a field shows when opened (Splunk's "Top 10 values"). */
const TOP_VALUES = 10;

function TopValues(props: {
  events: readonly NexusEvent[];
  field: FieldSummary;
  styles: EventsStyles;
  onFilter: (f: EventsFilter) => void;
}) {
  const { events, field, styles, onFilter } = props;
  // O(events) once per opening; the list is closed again when the result changes.
  const values = useMemo(() => topValues(events, field.name, TOP_VALUES), [events, field.name]);
  return (
    <ul className={styles.values} aria-label={`Top values of ${field.name}`} data-testid="nexus-field-values">
      <li className={styles.valuesCaption}>
        {field.distinct > TOP_VALUES
          ? `Top ${TOP_VALUES} of ${field.distinct} values`
          : `${field.distinct} values`}
        , {formatPercent(field.coverage * 100)} of events
      </li>
      {values.map((v) => (
        <li key={v.value} className={styles.valueItem}>
          <button
            type="button"
            className={styles.valueButton}
            data-testid="nexus-field-value"
            data-field={field.name}
            data-value={v.value}
            title={`Filter for ${field.name}=${v.value}`}
            onClick={() => onFilter({ key: field.name, operator: '=', value: v.value })}
          >
            <span className={styles.valueBar} style={{ width: `${v.percent}%` }} />
            <span className={styles.valueText}>{v.value === '' ? '(empty)' : v.value}</span>
            <span className={styles.valueStats}>
              {v.count.toLocaleString('en-US')} · {formatPercent(v.percent)}
            </span>
          </button>
          <ActionButton
            icon="search-minus"
            label={`Filter out ${field.name}=${v.value}`}
            styles={styles}
            data-testid="nexus-field-value-exclude"
            onClick={() => onFilter({ key: field.name, operator: '!=', value: v.value })}
          />
        </li>
      ))}
    </ul>
  );
}

function FieldItem(props: {
  field: FieldSummary;
  testId: string;
  open: boolean;
  onOpen: (name: string) => void;
  children: React.ReactNode;
  styles: EventsStyles;
}) {
  const { field, styles } = props;
  return (
    <li>
      <button
        type="button"
        className={styles.fieldButton}
        data-testid={props.testId}
        data-field={field.name}
        aria-expanded={props.open}
        title={`${field.name}: ${field.distinct} distinct values in ${formatPercent(field.coverage * 100)} of events`}
        onClick={() => props.onOpen(field.name)}
      >
        <span className={styles.fieldType} aria-hidden>
          {field.numeric ? '#' : 'a'}
        </span>
        <span className={styles.fieldName}>{field.name}</span>
        <span className={styles.fieldCount}>{field.distinct.toLocaleString('en-US')}</span>
      </button>
      {props.open && props.children}
    </li>
  );
}

export const FieldSidebar = memo(function FieldSidebar(props: FieldSidebarProps) {
  const { events, summary, styles } = props;
  const [open, setOpen] = useState<{ name: string; events: readonly NexusEvent[] } | null>(null);
  // A field opened on an earlier result is closed: its values would be stale.
  const openName = open?.events === events ? open.name : null;
  const toggle = (name: string) => setOpen(openName === name ? null : { name, events });
  const item = (f: FieldSummary, testId: string) => (
    <FieldItem
      key={f.name}
      field={f}
      testId={testId}
      open={openName === f.name}
      onOpen={toggle}
      styles={styles}
    >
      <TopValues events={events} field={f} styles={styles} onFilter={props.onFilter} />
    </FieldItem>
  );
  return (
    <nav
      className={styles.sidebar}
      style={{ height: props.height }}
      aria-label="Fields"
      data-testid="nexus-field-sidebar"
    >
      <h4 className={styles.sidebarTitle}>Selected fields</h4>
      <ul className={styles.fieldList}>{summary.selected.map((f) => item(f, 'nexus-selected-field'))}</ul>
      {props.showInteresting && (
        <>
          <h4 className={styles.sidebarTitle}>Interesting fields</h4>
          <ul className={styles.fieldList}>
            {summary.interesting.length === 0 && (
              <li className={styles.valuesCaption}>No other field is in 20% of the events.</li>
            )}
            {summary.interesting.map((f) => item(f, 'nexus-interesting-field'))}
          </ul>
          <div className={styles.valuesCaption} data-testid="nexus-all-fields-count">
            {summary.all.length} fields in all
          </div>
        </>
      )}
    </nav>
  );
});
