import { ProblemCollector, quote } from './errors';

/** Edit distance between two names, for suggesting the field a misspelt one meant. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The known field a misspelt one most likely meant: same letters in another case, or at most two edits away. */
export function closestField(name: string, known: readonly string[]): string | undefined {
  const sameCase = known.find((k) => k.toLowerCase() === name.toLowerCase());
  if (sameCase !== undefined) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.min(3, Math.ceil(name.length / 3) + 1);
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * Reports every field of `value` that `known` does not list: a misspelt option would otherwise be ignored and its
 * default used in silence. `field` is where `value` sits in the props ('' for the props themselves); `what` names the
 * kind of object, e.g. "a version". Returns whether it reported any, so a caller can skip problems that a misspelt
 * field would only repeat (a required field reported missing because it was misspelt).
 *
 * A known field set to null is reported too, in every construct alike: null is not taken for "use the default" (a
 * YAML key left empty is null). The field's own check says it better where it refuses null (a required field, a
 * port); this problem stands where the field would otherwise take its default.
 */
export function checkKnownFields(problems: ProblemCollector, field: string, value: object, known: readonly string[], what: string): boolean {
  const before = problems.count;
  for (const key of Object.keys(value)) {
    if (known.includes(key)) {
      if ((value as Record<string, unknown>)[key] === null) {
        problems.addIfNoOther(field === '' ? key : `${field}.${key}`, null, 'is null, which is not read as "use the default"', 'leave the field out for its default, or give it a value');
      }
      continue;
    }
    const suggestion = closestField(key, known);
    problems.add(
      field === '' ? key : `${field}.${key}`,
      (value as Record<string, unknown>)[key],
      `is not a field of ${what}, so it would be ignored`,
      suggestion !== undefined ? `did you mean ${quote(suggestion)}?` : `remove it, or use one of ${quote([...known].sort())}`,
    );
  }
  return problems.count > before;
}

/** Every field of T, once, as a list for checkKnownFields: the compiler checks that the list is complete. */
export function fieldsOf<T>(fields: Record<keyof T, true>): readonly string[] {
  return Object.keys(fields);
}

/** An object that may hold props: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object written as a `{ ... }` literal, as opposed to an array, a construct or another class instance. */
export function isLiteralObject(value: unknown): value is Record<string, unknown> {
  if (!isRecord(value)) return false;
  // Object.prototype of any realm: the one prototype whose own prototype is null.
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}
