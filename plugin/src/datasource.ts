// The data source in the browser: queries go to the backend (`/api/ds/query`), never compiled here.

import type { DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';
import type { NexusOptions, SplQuery } from './types.ts';

export class DataSource extends DataSourceWithBackend<SplQuery, NexusOptions> {
  constructor(readonly instanceSettings: DataSourceInstanceSettings<NexusOptions>) {
    super(instanceSettings);
  }

  override getDefaultQuery(): Partial<SplQuery> {
    const index = this.instanceSettings.jsonData.defaultIndex;
    return { spl: index ? `index=${index}` : '', format: 'auto' };
  }

  override filterQuery(query: SplQuery): boolean {
    return !query.hide && typeof query.spl === 'string' && query.spl.trim() !== '';
  }

  override applyTemplateVariables(query: SplQuery, scopedVars: ScopedVars): SplQuery {
    return { ...query, spl: getTemplateSrv().replace(query.spl, scopedVars) };
  }
}
