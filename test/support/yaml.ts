import { stringify } from 'yaml';

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeysDeep((value as Record<string, unknown>)[k])]));
}

/** The identity of a Kubernetes object: apiVersion, kind, namespace and name. */
export function identityOf(object: any): string {
  return `${object.apiVersion}|${object.kind}|${object.metadata?.namespace ?? ''}|${object.metadata?.name}`;
}

/**
 * Objects as one multi-document YAML string, keys sorted and objects ordered by identity (Pulumi registers
 * resources concurrently, so its order carries no meaning): two sets of objects are the same exactly when these are.
 */
export function canonicalYaml(objects: readonly unknown[]): string {
  return [...objects]
    .sort((a, b) => identityOf(a).localeCompare(identityOf(b)))
    .map((o) => stringify(sortKeysDeep(o)))
    .join('---\n');
}
