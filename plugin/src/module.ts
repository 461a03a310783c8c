// The data source plugin's entry point, loaded by Grafana as `module.js`.

import { DataSourcePlugin } from '@grafana/data';
import { ConfigEditor } from './components/ConfigEditor.tsx';
import { QueryEditor } from './components/QueryEditor.tsx';
import { DataSource } from './datasource.ts';
import type { NexusOptions, SplQuery } from './types.ts';

export const plugin = new DataSourcePlugin<DataSource, SplQuery, NexusOptions>(DataSource)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
