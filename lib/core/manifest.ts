/** Metadata common to every object meshlight emits. */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * A Kubernetes or Istio object as plain data, ready to serialise. Core renders these; the cdk8s and Pulumi front ends
 * only hand them to their frameworks.
 */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly [field: string]: unknown;
}

/** The label every meshlight object carries, so `kubectl get -l` finds what meshlight manages. */
export const MANAGED_BY_LABEL = { 'app.kubernetes.io/managed-by': 'meshlight' } as const;

/**
 * Orders strings by UTF-16 code units, as `Array.prototype.sort()` does: the same on every machine. `localeCompare`
 * follows the machine's locale (under LANG=lt_LT, "svc-y" sorts before "svc-j") and ICU's version, so output sorted
 * with it could differ between a laptop and CI.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders objects by name, as meshlight lists the objects of one kind. */
export function byObjectName(a: { readonly metadata: ObjectMeta }, b: { readonly metadata: ObjectMeta }): number {
  return compareText(a.metadata.name, b.metadata.name);
}

/** Returns a copy of `record` with its keys in sorted order, so emitted maps are stable across runs. */
export function sortedRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) {
    out[key] = record[key];
  }
  return out;
}
