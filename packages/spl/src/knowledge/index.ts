// Knowledge objects: eventtypes, tags, field aliases, calculated fields and extractions, from Splunk's .conf files.

export * from './types.ts';
export * from './conf.ts';
export { applyKnowledge, expandKnowledgeTerm, expandTree } from './apply.ts';
