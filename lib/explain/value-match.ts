import { RE2JS } from 're2js';
import { escapeRe2, quote, re2SyntaxError, StringMatch } from '../core/internal';
import { FieldReader } from './read-fields';

/**
 * How a VirtualService compares one request attribute: an Istio StringMatch (exact, prefix, or RE2 regex matching
 * the whole value), or `present` for an empty match (`{}`), which requires only that the attribute exists.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#StringMatch
 */
export type ValueMatch = StringMatch | 'present';

/** Reads an Istio StringMatch (`{ exact: v }`, `{ prefix: v }`, `{ regex: p }` or `{}`); undefined when absent. */
export function readValueMatch(reader: FieldReader, value: unknown, path: string): ValueMatch | undefined {
  const record = reader.record(value, path);
  if (record === undefined) {
    return undefined;
  }
  const kinds = Object.keys(record);
  if (kinds.length === 0) {
    return 'present';
  }
  if (kinds.length > 1 || !['exact', 'prefix', 'regex'].includes(kinds[0])) {
    reader.problem(path, value, 'exactly one of exact, prefix or regex', 'write e.g. { exact: "jason" }');
    return undefined;
  }
  const text = reader.string(record[kinds[0]], `${path}.${kinds[0]}`);
  if (text === undefined) {
    return undefined;
  }
  if (kinds[0] === 'regex') {
    const error = re2SyntaxError(text);
    if (error !== undefined) {
      reader.problem(`${path}.regex`, text, `an RE2 regex (${error})`, 'use RE2 syntax: no look-around, no back-references');
      return undefined;
    }
    return StringMatch.regex(text);
  }
  return kinds[0] === 'exact' ? StringMatch.exact(text) : StringMatch.prefix(text);
}

const compiled = new Map<string, RE2JS>();

/** True when `pattern` (RE2) matches the whole of `value`, as Envoy's safe_regex does. */
export function re2FullMatch(pattern: string, value: string): boolean {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = RE2JS.compile(pattern);
    compiled.set(pattern, re);
  }
  return re.matches(value);
}

/** True when `value` (undefined: absent) satisfies `match`; `ignoreCase` for VirtualService `ignoreUriCase`. */
export function valueMatches(match: ValueMatch, value: string | undefined, ignoreCase = false): boolean {
  if (value === undefined) {
    return false;
  }
  if (match === 'present') {
    return true;
  }
  const v = ignoreCase ? value.toLowerCase() : value;
  const m = ignoreCase ? match.value.toLowerCase() : match.value;
  switch (match.kind) {
    case 'exact':
      return v === m;
    case 'prefix':
      return v.startsWith(m);
    case 'regex':
      return re2FullMatch(match.value, value);
  }
}

/** The condition in words: `header end-user = "jason"`, `uri starts with "/v1/"`, `header x present`. */
export function describeValueMatch(subject: string, match: ValueMatch): string {
  if (match === 'present') {
    return `${subject} present`;
  }
  switch (match.kind) {
    case 'exact':
      return `${subject} = ${quote(match.value)}`;
    case 'prefix':
      return `${subject} starts with ${quote(match.value)}`;
    case 'regex':
      return `${subject} matches regex ${quote(match.value)}`;
  }
}

/**
 * True when `value` matches an AuthorizationPolicy string: `*` matches any non-empty value, `abc*` is a prefix,
 * `*abc` a suffix, and a path template `/a/{*}/b` or `/a/{**}` matches one or any number of path segments; anything
 * else matches exactly.
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/#Operation
 */
export function wildcardMatches(pattern: string, value: string): boolean {
  if (pattern === '*') {
    return value !== '';
  }
  if (pattern.includes('{*}') || pattern.includes('{**}')) {
    const re = pattern.split(/(\{\*\*\}|\{\*\})/).map((part) => (part === '{**}' ? '.+' : part === '{*}' ? '[^/]+' : escapeRe2(part))).join('');
    return re2FullMatch(re, value);
  }
  if (pattern.startsWith('*')) {
    return value.endsWith(pattern.slice(1));
  }
  if (pattern.endsWith('*')) {
    return value.startsWith(pattern.slice(0, -1));
  }
  return pattern === value;
}
