// Data models: the registry type, lineage helpers and the shipped CIM data models.

import { cimDataModels } from './cim.ts';
import { DataModelRegistry } from './types.ts';

export * from './types.ts';
export { cimDataModels } from './cim.ts';
export * from './json.ts';

/** The CIM data models Splunk ships, as a registry (a tenant's own models are added with `with`). */
export const cimRegistry = new DataModelRegistry(cimDataModels);
