// A fleet's documents name what differs per cluster as `$(cluster.<field>)`: the cluster's name, region, network,
// wave, whether the release has reached it, or a value of its own. `$$(` writes `$(` itself.
import { FleetCluster } from '../core/internal';
import { fieldOfKey } from './plain-data';

/** A string that is one reference and nothing else: it becomes the value itself, a number stays a number. */
const WHOLE = /^\$\(cluster\.[^()]*\)$/;

/** A reference, or the escape `$$(`. */
const REFERENCE = /\$\$\(|\$\(cluster\.([^()]*)\)/g;

/** Whether `text` is one reference and nothing else (whose type the schema cannot know before the cluster is). */
export function isWholeReference(text: string): boolean {
  return WHOLE.test(text);
}

/** Whether `text` holds a reference to a cluster's values (which only a fleet can fill in). */
export function hasReference(text: string): boolean {
  return [...text.matchAll(REFERENCE)].some((m) => m[1] !== undefined);
}

/** A reference that names nothing of the cluster. */
export interface UnknownReference {
  readonly field: string;
  readonly value: string;
  readonly reference: string;
}

/** What `$(cluster.<name>)` stands for in `cluster`, or undefined when the cluster has no such value. */
function valueOf(cluster: FleetCluster, name: string): string | number | boolean | undefined {
  switch (name) {
    case 'name': return cluster.name;
    case 'region': return cluster.region;
    case 'network': return cluster.network;
    case 'wave': return cluster.wave;
    case 'released': return cluster.released;
    default: return name.startsWith('values.') ? cluster.values[name.slice('values.'.length)] : undefined;
  }
}

/**
 * `data` with every reference in its strings replaced by the cluster's value (map keys are left as written); a
 * string that is one reference becomes the value with its type. References that name nothing are recorded in
 * `unknown` and left as written.
 */
export function substitute(data: unknown, cluster: FleetCluster, field: string, unknown: UnknownReference[]): unknown {
  if (typeof data === 'string') {
    if (!data.includes('$(')) return data;
    const whole = isWholeReference(data) ? valueOf(cluster, data.slice('$(cluster.'.length, -1)) : undefined;
    if (whole !== undefined) return whole;
    return data.replace(REFERENCE, (text: string, name: string | undefined) => {
      if (name === undefined) return '$(';
      const value = valueOf(cluster, name);
      if (value !== undefined) return String(value);
      unknown.push({ field, value: data, reference: text });
      return text;
    });
  }
  if (Array.isArray(data)) return data.map((item, i) => substitute(item, cluster, `${field}[${i}]`, unknown));
  if (data !== null && typeof data === 'object') {
    return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, substitute(value, cluster, fieldOfKey(field, key), unknown)]));
  }
  return data;
}

/** Every reference in the strings of `data`, with its field: what a spec without a fleet cannot fill in. */
export function referencesIn(data: unknown, field: string): { field: string; value: string }[] {
  if (typeof data === 'string') return hasReference(data) ? [{ field, value: data }] : [];
  if (Array.isArray(data)) return data.flatMap((item, i) => referencesIn(item, `${field}[${i}]`));
  if (data !== null && typeof data === 'object') return Object.entries(data).flatMap(([key, value]) => referencesIn(value, fieldOfKey(field, key)));
  return [];
}
