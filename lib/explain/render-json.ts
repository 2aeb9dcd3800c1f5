import { CheckResult } from './check';
import { Explanation } from './explain';
import { MeshSummary } from './summary';

/** JSON format version, raised when a field is removed or changes meaning. */
export const EXPLAIN_JSON_VERSION = 2;

/** A deep copy of `value` with every object's keys sorted, so equal models give equal bytes. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeysDeep);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const record = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(record).sort().filter((k) => record[k] !== undefined).map((k) => [k, sortKeysDeep(record[k])]));
}

function toJson(model: object): string {
  return `${JSON.stringify({ version: EXPLAIN_JSON_VERSION, ...(sortKeysDeep(model) as object) }, null, 2)}\n`;
}

/**
 * The explanation (`--detail`, or a scope) as JSON for tools: `{ version, access, edge, egress, notes, serviceEntries, traffic }`, keys sorted at every level and
 * arrays in the model's order (sorted by host, caller, target, workload), so equal configs give equal bytes.
 */
export function renderExplanationJson(explanation: Explanation): string {
  return toJson(explanation);
}

/** The summary as JSON: `{ version, notes, summary }`, keys sorted. */
export function renderSummaryJson(summary: MeshSummary, notes: readonly string[]): string {
  return toJson({ summary, notes });
}

/** One checked request as JSON: `{ version, ...result }`, keys sorted. */
export function renderCheckJson(result: CheckResult): string {
  return toJson(result);
}
