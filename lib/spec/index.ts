// meshlight's YAML spec: documents that declare constructs as plain data, read with positions for every problem.
export * from './errors';
export * from './documents';
export { specSchema } from './schema';
export * from './declare';
export { checkedSpec, checkSpec, specProblems } from './check';
export type { CheckedSpec } from './check';
export * from './fleet';
