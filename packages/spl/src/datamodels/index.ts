// Data models: the registry type, lineage helpers and the shipped CIM data models.

import { cimDataModels } from './cim.ts';
import { DataModelRegistry } from './types.ts';
import type { KnowledgeObjects } from '../knowledge/types.ts';

export * from './types.ts';
export { cimDataModels } from './cim.ts';
export * from './json.ts';

/** The CIM data models Splunk ships, as a registry (a tenant's own models are added with `with`). */
export const cimRegistry = new DataModelRegistry(cimDataModels);

/** The data models a search of this tenant can name: `registry` (the CIM) with the tenant's own added. */
export function tenantRegistry(
  knowledge?: KnowledgeObjects,
  registry: DataModelRegistry = cimRegistry,
): DataModelRegistry {
  return registry.with(knowledge?.datamodels ?? []);
}
