// The frontend unit tests' setup (test/helpers/dom.ts, loaded with --import) gives @grafana/ui a DOM.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Button } from '@grafana/ui';
import { render, screen } from '@testing-library/react';
import { createElement } from 'react';

test('@grafana/ui renders under jsdom', () => {
  render(createElement(Button, { type: 'button', children: 'Hello' }));
  assert.equal(screen.getByText('Hello').closest('button')?.tagName, 'BUTTON');
});
