import { brief, isRecord } from './source';

/**
 * Reads fields of one parsed object with the types meshlight expects. A field of the wrong type is recorded as a
 * problem naming the object, the field path and the value, and read as absent, so that every problem of the input
 * is reported at once.
 */
export class FieldReader {
  public constructor(
    /** Names the object in messages, e.g. `mesh.yaml document 3 (line 20) VirtualService bookinfo/reviews`. */
    private readonly where: string,
    private readonly problems: string[],
  ) {}

  /** Records that `path` holds `value`, which is not `expected`; `fix` says what to write instead. */
  public problem(path: string, value: unknown, expected: string, fix: string): void {
    this.problems.push(`${this.where}: ${path} = ${brief(value)}: expected ${expected}. Fix: ${fix}`);
  }

  /** A mapping, or undefined when absent or wrong. */
  public record(value: unknown, path: string): Record<string, unknown> | undefined {
    if (value === undefined || value === null) {
      return undefined;
    }
    if (!isRecord(value)) {
      this.problem(path, value, 'a mapping', 'write "key: value" lines under it');
      return undefined;
    }
    return value;
  }

  /** A list, or an empty list when absent or wrong. */
  public list(value: unknown, path: string): unknown[] {
    if (value === undefined || value === null) {
      return [];
    }
    if (!Array.isArray(value)) {
      this.problem(path, value, 'a list', 'write its entries as "- ..." lines');
      return [];
    }
    return value;
  }

  /** A string, or undefined when absent or wrong. */
  public string(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value !== 'string') {
      this.problem(path, value, 'a string', `quote it: "${String(value)}"`);
      return undefined;
    }
    return value;
  }

  /** A number (or a string of digits, as Kubernetes accepts for ports), or undefined when absent or wrong. */
  public number(value: unknown, path: string): number | undefined {
    if (value === undefined || value === null) {
      return undefined;
    }
    if (typeof value === 'number' && Number.isFinite(value)) {
      return value;
    }
    if (typeof value === 'string' && /^\d+$/.test(value)) {
      return Number(value);
    }
    this.problem(path, value, 'a number', 'write a whole number such as 80');
    return undefined;
  }

  /** A list of strings; wrong entries are reported and dropped. */
  public strings(value: unknown, path: string): string[] {
    const out: string[] = [];
    this.list(value, path).forEach((entry, i) => {
      const s = this.string(entry, `${path}[${i}]`);
      if (s !== undefined) {
        out.push(s);
      }
    });
    return out;
  }

  /** A map of string values (labels, selectors, headers), or undefined when absent; wrong values are dropped. */
  public stringMap(value: unknown, path: string): Record<string, string> | undefined {
    const map = this.record(value, path);
    if (map === undefined) {
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [key, v] of Object.entries(map)) {
      const s = this.string(v, `${path}.${key}`);
      if (s !== undefined) {
        out[key] = s;
      }
    }
    return out;
  }

  /** One of `allowed` (or `fallback` when absent); anything else is reported and read as `fallback`. */
  public oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[], fallback: T): T {
    if (value === undefined || value === null) {
      return fallback;
    }
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.problem(path, value, `one of ${allowed.join(', ')}`, `use one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
      return fallback;
    }
    return value as T;
  }
}
