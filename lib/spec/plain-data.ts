// YAML nodes to the plain data of props, guided by the schema so that YAML's traps do not change what was written:
// where a string is wanted, `1.10`, `1.0`, `1`, `true` and `on` stay the text the user wrote.
import { Document, isAlias, isMap, isScalar, isSeq, Node, Scalar } from 'yaml';
import { itemSchemas, JsonSchema, propertySchemas, scalarTypes } from './schema';
import { isWholeReference } from './substitution';

/** A value whose type the schema rejects, for the reader to report at `node`. */
export interface TypeMismatch {
  /** The field inside the spec, e.g. `versions[0].weight`. */
  readonly field: string;
  readonly node: Node;
  readonly value: unknown;
  readonly wanted: string;
}

/** `field` followed by property `key`, as core names fields: `a.b`, or `a["b.c"]` when the key is not a plain name. */
export function fieldOfKey(field: string, key: string): string {
  const plain = /^[A-Za-z_$][\w$-]*$|^\d+$/.test(key);
  if (field === '') return plain ? key : `[${JSON.stringify(key)}]`;
  return plain ? `${field}.${key}` : `${field}[${JSON.stringify(key)}]`;
}

/** The text a plain scalar was written as, for map keys and for strings the YAML core schema would read otherwise. */
function sourceText(node: Scalar): string {
  return typeof node.source === 'string' ? node.source : String(node.value);
}

/**
 * The plain data `node` holds, read against `schemas` (the schema of its position): a number or boolean scalar where
 * only a string is accepted becomes the text as written, map keys are always their text, and a string where a number or
 * boolean is wanted is recorded in `mismatches` (kept as it is, never coerced).
 */
export function plainDataOf(node: unknown, schemas: readonly JsonSchema[], doc: Document, field: string, mismatches: TypeMismatch[]): unknown {
  if (isAlias(node)) return plainDataOf(node.resolve(doc), schemas, doc, field, mismatches);
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? sourceTextOfKey(pair.key) : String((pair.key as Node | null)?.toJSON?.() ?? pair.key);
      // Defined, not assigned: a key `__proto__` is a key like any other, not the object's prototype.
      Object.defineProperty(out, key, {
        value: plainDataOf(pair.value, propertySchemas(schemas, key), doc, fieldOfKey(field, key), mismatches), enumerable: true, writable: true, configurable: true,
      });
    }
    return out;
  }
  if (isSeq(node)) {
    const items = itemSchemas(schemas);
    return node.items.map((item, i) => plainDataOf(item, items, doc, `${field}[${i}]`, mismatches));
  }
  if (isScalar(node)) {
    const types = scalarTypes(schemas);
    const value = node.value;
    if (types === undefined || schemas.length === 0) return value;
    const kind = value === null ? 'null' : typeof value;
    if ((kind === 'number' || kind === 'boolean') && !types.has(kind) && types.has('string')) return sourceText(node);
    // A fleet's `$(cluster.values.replicas)` is a number once the cluster's value is filled in.
    if (kind === 'string' && !types.has('string') && (types.has('number') || types.has('boolean')) && !isWholeReference(value as string)) {
      mismatches.push({ field, node, value, wanted: types.has('number') ? 'number' : 'boolean' });
    }
    return value;
  }
  return null;
}

/** A map key as written: `1.10:` is the key "1.10", not 1.1. */
function sourceTextOfKey(key: Scalar): string {
  return key.value === null ? '' : typeof key.value === 'string' ? key.value : sourceText(key);
}
