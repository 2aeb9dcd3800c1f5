import { escapeRe2 } from './regex';

/** How a StringMatch compares. */
export type StringMatchKind = 'exact' | 'prefix' | 'regex';

/**
 * How a request attribute (header, query parameter, cookie, path) is compared. A plain string in props means
 * `StringMatch.exact(value)`.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#StringMatch
 */
export class StringMatch {
  /** Matches the value exactly. */
  public static exact(value: string): StringMatch {
    return new StringMatch('exact', value);
  }

  /** Matches values that start with `value`. */
  public static prefix(value: string): StringMatch {
    return new StringMatch('prefix', value);
  }

  /** Matches values that RE2 `pattern` matches in full (Envoy anchors it at both ends). */
  public static regex(pattern: string): StringMatch {
    return new StringMatch('regex', pattern);
  }

  private constructor(
    /** How the value is compared. */
    public readonly kind: StringMatchKind,
    /** The literal, prefix or pattern. */
    public readonly value: string,
  ) {}

  /** True when every string this matches is also matched by `general`; false when that cannot be shown. */
  public isCoveredBy(general: StringMatch): boolean {
    if (general.kind === this.kind && general.value === this.value) {
      return true;
    }
    return general.kind === 'prefix' && this.kind !== 'regex' && this.value.startsWith(general.value);
  }

  /** The same condition as an RE2 pattern that must match the whole value. */
  public toRegex(): string {
    switch (this.kind) {
      case 'exact':
        return escapeRe2(this.value);
      case 'prefix':
        return `${escapeRe2(this.value)}.*`;
      case 'regex':
        return this.value;
    }
  }

  /** The Istio StringMatch object for this condition. */
  public toIstio(): Record<string, string> {
    return { [this.kind]: this.value };
  }
}

/**
 * A StringMatch as plain data, as Istio writes it and as YAML gives it: exactly one of `exact`, `prefix` or `regex`.
 */
export type StringMatchData = { readonly exact: string } | { readonly prefix: string } | { readonly regex: string };

/** A StringMatch, its plain-data form, or a plain string, which means an exact match. */
export type StringMatchLike = string | StringMatch | StringMatchData;

const KINDS: readonly StringMatchKind[] = ['exact', 'prefix', 'regex'];

/** Whether `value` is a StringMatchLike: a string, a StringMatch, or an object of exactly one kind with a string. */
export function isStringMatchLike(value: unknown): value is StringMatchLike {
  if (typeof value === 'string' || value instanceof StringMatch) return true;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (KINDS as readonly string[]).includes(keys[0]) && typeof (value as Record<string, unknown>)[keys[0]] === 'string';
}

/** Normalises a StringMatchLike to a StringMatch. */
export function toStringMatch(value: StringMatchLike): StringMatch {
  if (typeof value === 'string') return StringMatch.exact(value);
  if (value instanceof StringMatch) return value;
  const [kind, text] = Object.entries(value)[0] as [StringMatchKind, string];
  return kind === 'exact' ? StringMatch.exact(text) : kind === 'prefix' ? StringMatch.prefix(text) : StringMatch.regex(text);
}
