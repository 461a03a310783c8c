// The events panel's styles, from the Grafana theme so it follows dark and light.

import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

/** Height of the header with the count and the page controls (fixed, so the list's viewport is known). */
export const HEADER_HEIGHT = 32;
/** Width of the field sidebar. */
export const SIDEBAR_WIDTH = 220;
/** A collapsed row on one line. */
export const ROW_HEIGHT = 24;
/** One line of the expanded fields table. */
export const FIELD_ROW_HEIGHT = 24;

export const getStyles = (theme: GrafanaTheme2) => {
  const mono = theme.typography.fontFamilyMonospace;
  const highlight = theme.components.textHighlight;
  return {
    root: css({
      display: 'flex',
      overflow: 'hidden',
      fontSize: theme.typography.bodySmall.fontSize,
      color: theme.colors.text.primary,
    }),
    message: css({
      display: 'flex',
      flexDirection: 'column',
      alignItems: 'center',
      justifyContent: 'center',
      gap: theme.spacing(1),
      height: '100%',
      padding: theme.spacing(2),
      color: theme.colors.text.secondary,
      textAlign: 'center',
    }),
    messageTitle: css({ color: theme.colors.text.primary, fontSize: theme.typography.body.fontSize }),
    sidebar: css({
      flex: `0 0 ${SIDEBAR_WIDTH}px`,
      overflowY: 'auto',
      borderRight: `1px solid ${theme.colors.border.weak}`,
      padding: theme.spacing(0.5, 1),
    }),
    sidebarTitle: css({
      margin: theme.spacing(1, 0, 0.5),
      fontSize: theme.typography.bodySmall.fontSize,
      fontWeight: theme.typography.fontWeightMedium,
      color: theme.colors.text.secondary,
      textTransform: 'uppercase',
      letterSpacing: '0.03em',
    }),
    fieldList: css({ listStyle: 'none', margin: 0, padding: 0 }),
    fieldButton: css({
      display: 'flex',
      alignItems: 'baseline',
      gap: theme.spacing(0.5),
      width: '100%',
      padding: theme.spacing(0.25, 0.5),
      border: 'none',
      borderRadius: theme.shape.radius.default,
      background: 'none',
      color: theme.colors.text.link,
      textAlign: 'left',
      cursor: 'pointer',
      '&:hover, &[aria-expanded="true"]': { background: theme.colors.action.hover },
    }),
    fieldType: css({ flex: '0 0 1em', color: theme.colors.text.secondary, fontFamily: mono }),
    fieldName: css({ flex: '1 1 auto', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
    fieldCount: css({ color: theme.colors.text.secondary }),
    values: css({
      listStyle: 'none',
      margin: theme.spacing(0.25, 0, 0.75, 1.5),
      padding: 0,
    }),
    valuesCaption: css({ color: theme.colors.text.secondary, padding: theme.spacing(0.25, 0) }),
    valueItem: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) }),
    valueButton: css({
      position: 'relative',
      flex: '1 1 auto',
      minWidth: 0,
      display: 'flex',
      gap: theme.spacing(0.5),
      padding: theme.spacing(0.25, 0.5),
      border: 'none',
      borderRadius: theme.shape.radius.default,
      background: 'none',
      color: theme.colors.text.primary,
      textAlign: 'left',
      cursor: 'pointer',
      '&:hover': { background: theme.colors.action.hover },
    }),
    valueBar: css({
      position: 'absolute',
      left: 0,
      bottom: 0,
      height: 2,
      background: theme.colors.primary.main,
      opacity: 0.6,
    }),
    valueText: css({ flex: '1 1 auto', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
    valueStats: css({ color: theme.colors.text.secondary, whiteSpace: 'nowrap' }),
    main: css({ flex: '1 1 auto', minWidth: 0, display: 'flex', flexDirection: 'column' }),
    header: css({
      flex: `0 0 ${HEADER_HEIGHT}px`,
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'space-between',
      gap: theme.spacing(1),
      padding: theme.spacing(0, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    }),
    count: css({ fontWeight: theme.typography.fontWeightMedium }),
    limit: css({ color: theme.colors.warning.text, marginLeft: theme.spacing(1) }),
    pager: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.5) }),
    pageLabel: css({ color: theme.colors.text.secondary, whiteSpace: 'nowrap' }),
    viewport: css({ position: 'relative', overflowY: 'auto', overflowX: 'hidden' }),
    row: css({
      position: 'absolute',
      left: 0,
      right: 0,
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      '&:hover': { background: theme.colors.action.hover },
    }),
    line: css({
      display: 'flex',
      alignItems: 'flex-start',
      gap: theme.spacing(1),
      minHeight: ROW_HEIGHT - 1,
      padding: theme.spacing(0.25, 1, 0.25, 0.5),
      lineHeight: '18px',
    }),
    time: css({
      flex: '0 0 auto',
      color: theme.colors.text.secondary,
      fontFamily: mono,
      whiteSpace: 'nowrap',
    }),
    raw: css({
      flex: '1 1 auto',
      minWidth: 0,
      fontFamily: mono,
      whiteSpace: 'pre',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    }),
    rawWrapped: css({ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', overflow: 'visible' }),
    match: css({ background: highlight.background, color: highlight.text, borderRadius: 2 }),
    key: css({ color: theme.colors.text.secondary }),
    value: css({ color: theme.colors.primary.text }),
    fieldValue: css({ color: theme.visualization.getColorByName('purple') }),
    fields: css({
      margin: theme.spacing(0, 1, 0.75, 4),
      borderCollapse: 'collapse',
      fontFamily: mono,
      'td, th': {
        padding: theme.spacing(0, 1),
        height: FIELD_ROW_HEIGHT,
        borderBottom: `1px solid ${theme.colors.border.weak}`,
        verticalAlign: 'middle',
      },
      th: { textAlign: 'left', color: theme.colors.text.secondary, fontWeight: 'normal' },
    }),
    action: css({
      flex: '0 0 auto',
      display: 'inline-flex',
      alignItems: 'center',
      justifyContent: 'center',
      width: 20,
      height: 20,
      padding: 0,
      border: 'none',
      borderRadius: theme.shape.radius.default,
      background: 'none',
      color: theme.colors.text.secondary,
      cursor: 'pointer',
      '&:hover:not(:disabled)': { color: theme.colors.text.primary, background: theme.colors.action.hover },
      '&:disabled': { color: theme.colors.text.disabled, cursor: 'not-allowed' },
      '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
    }),
    fieldActions: css({ display: 'flex', gap: theme.spacing(0.5), whiteSpace: 'nowrap' }),
    fieldCell: css({ wordBreak: 'break-all' }),
  };
};

export type EventsStyles = ReturnType<typeof getStyles>;
