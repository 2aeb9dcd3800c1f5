import { CheckResult } from './check';
import { Explanation } from './explain';

/** JSON format version, raised when a field is removed or changes meaning. */
export const EXPLAIN_JSON_VERSION = 1;

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
 * The explanation as JSON for tools: `{ version, access, egress, notes, traffic }`, keys sorted at every level and
 * arrays in the model's order (sorted by host, caller, target, workload), so equal configs give equal bytes.
 */
export function renderExplanationJson(explanation: Explanation): string {
  return toJson(explanation);
}

/** One checked request as JSON: `{ version, ...result }`, keys sorted. */
export function renderCheckJson(result: CheckResult): string {
  return toJson(result);
}
