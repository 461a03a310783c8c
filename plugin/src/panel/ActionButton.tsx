// A small icon button with a fixed size, so it stays visible and clickable even where icons load late
// (Grafana fetches icon SVGs on demand); the label is its accessible name and tooltip.

import type { IconName } from '@grafana/data';
import { Icon } from '@grafana/ui';
import type { ButtonHTMLAttributes } from 'react';
import type { EventsStyles } from './styles.ts';

export interface ActionButtonProps extends Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'children' | 'className'
> {
  readonly icon: IconName;
  readonly label: string;
  readonly styles: EventsStyles;
  readonly 'data-testid': string;
}

export function ActionButton({ icon, label, styles, ...rest }: ActionButtonProps) {
  return (
    <button type="button" className={styles.action} aria-label={label} title={label} {...rest}>
      <Icon name={icon} size="sm" aria-hidden />
    </button>
  );
}
