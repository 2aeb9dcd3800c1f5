// The request-match language of rules: how a rule's conditions (headers, query parameters, cookies, caller) are
// validated, compared for shadowing, and rendered as a VirtualService `HTTPMatchRequest`.
import { ProblemCollector, quote } from './errors';
import { checkKnownFields, fieldsOf, isRecord } from './fields';
import { COOKIE_NAME, HEADER_NAME, headerNameLike, TOKEN } from './http-names';
import { sortedRecord } from './manifest';
import { checkLabelMap, isDnsLabel } from './names';
import { checkRe2, escapeRe2 } from './regex';
import { isStringMatchLike, StringMatch, StringMatchLike, toStringMatch } from './string-match';

/** The calling workload a rule may require. */
export interface SourceProps {
  /** Labels the calling pod must carry (VirtualService `match.sourceLabels`). @default - any pod */
  readonly labels?: Readonly<Record<string, string>>;
  /** Namespace the caller must run in (VirtualService `match.sourceNamespace`). @default - any namespace */
  readonly namespace?: string;
}

/**
 * Conditions of one request match; a request matches when ALL of them hold.
 * A plain string is an exact match; use StringMatch.prefix or StringMatch.regex for others.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest
 */
export interface RequestMatchProps {
  /** Request headers by lower-case name (VirtualService `match.headers`). @default - none */
  readonly headers?: Readonly<Record<string, StringMatchLike>>;
  /** Query parameters by name (VirtualService `match.queryParams`). @default - none */
  readonly query?: Readonly<Record<string, StringMatchLike>>;
  /** Cookies by name, matched inside the `cookie` header. At most one per match. @default - none */
  readonly cookies?: Readonly<Record<string, StringMatchLike>>;
  /** The calling workload. @default - any caller */
  readonly from?: SourceProps;
}

/** One condition on a request. */
export interface Condition {
  readonly on: 'header' | 'query' | 'cookie' | 'uri' | 'authority' | 'sourceLabel' | 'sourceNamespace';
  readonly key: string;
  readonly match: StringMatch;
}

/** A set of conditions that must all hold. */
export type MatchPlan = readonly Condition[];

// What a query parameter name cannot hold unencoded: whitespace, control characters and the query's own delimiters.
const UNENCODED_QUERY_NAME = /[\s\x00-\x1f\x7f&=#]/;
const UNENCODED_QUERY_NAME_ALL = /[\s\x00-\x1f\x7f&=#]+/g;

const MATCH_FIELDS = fieldsOf<RequestMatchProps>({ headers: true, query: true, cookies: true, from: true });
const SOURCE_FIELDS = fieldsOf<SourceProps>({ labels: true, namespace: true });

/**
 * Validates one request match of a rule, reporting its problems under `field`, and resolves it to the conditions
 * that must all hold; undefined when it has problems.
 */
export function planRequestMatch(problems: ProblemCollector, field: string, raw: unknown): Condition[] | undefined {
  if (!isRecord(raw)) {
    problems.add(field, raw, 'is not a match', 'use an object such as { headers: { gray: "1" } }; for several matches, any of which suffices, use anyOf: [...]');
    return undefined;
  }
  const before = new ProblemCounter(problems);
  checkKnownFields(problems, field, raw, MATCH_FIELDS, 'a request match');
  const match = raw as RequestMatchProps;
  const conditions: Condition[] = [];
  for (const [name, value] of entriesOf(problems, `${field}.headers`, match.headers)) {
    if (name === '') {
      problems.add(`${field}.headers`, name, 'has an empty header name', 'name the header, e.g. headers: { "x-gray": "1" }');
      continue;
    }
    if (TOKEN.test(name) && !HEADER_NAME.test(name)) {
      problems.add(`${field}.headers`, name, 'is not a lower-case HTTP header name', `write header names in lower case, e.g. ${quote(name.toLowerCase())}; HTTP/2 sends them that way and Istio requires it`);
      continue;
    }
    if (!HEADER_NAME.test(name)) {
      problems.add(`${field}.headers`, name, 'is not an HTTP header name: it has a space or another character header names cannot have', `use lower-case letters, digits and "-", e.g. ${quote(headerNameLike(name))}`);
      continue;
    }
    if (name === 'cookie') {
      problems.add(`${field}.headers.cookie`, name, 'matches the whole cookie header', 'use cookies: { name: value } to match one cookie');
      continue;
    }
    pushCondition(problems, conditions, `${field}.headers.${name}`, 'header', name, value);
  }
  for (const [name, value] of entriesOf(problems, `${field}.query`, match.query)) {
    if (name === '') {
      problems.add(`${field}.query`, name, 'has an empty query parameter name', 'name the parameter, e.g. query: { debug: "true" }');
      continue;
    }
    if (UNENCODED_QUERY_NAME.test(name)) {
      problems.add(`${field}.query`, name, 'is not a query parameter name that can appear unencoded in a URL (it has whitespace, a control character, "&", "=" or "#")', `use a name without them, e.g. ${quote(name.replace(UNENCODED_QUERY_NAME_ALL, '_'))}`);
      continue;
    }
    pushCondition(problems, conditions, `${field}.query.${name}`, 'query', name, value);
  }
  const cookies = entriesOf(problems, `${field}.cookies`, match.cookies);
  if (cookies.length > 1) {
    problems.add(`${field}.cookies`, match.cookies, 'has more than one cookie; Istio matches the single cookie header, so one match can test one cookie', 'use one cookie per match');
  }
  for (const [name, value] of cookies) {
    if (!COOKIE_NAME.test(name)) {
      problems.add(`${field}.cookies`, name, 'is not a cookie name', 'use letters, digits and "-", "_" or "."');
      continue;
    }
    pushCondition(problems, conditions, `${field}.cookies.${name}`, 'cookie', name, value);
  }
  if (match.from !== undefined && !isRecord(match.from)) {
    problems.add(`${field}.from`, match.from, 'is not a source', 'use an object such as { labels: { app: "tester" }, namespace: "qa" }');
  } else if (match.from !== undefined) {
    const from = match.from;
    checkKnownFields(problems, `${field}.from`, from, SOURCE_FIELDS, 'a source');
    if (from.labels !== undefined && checkLabelMap(problems, `${field}.from.labels`, from.labels, '{ app: "reviews", version: "v2" }')) {
      for (const [key, value] of Object.entries(from.labels)) {
        conditions.push({ on: 'sourceLabel', key, match: StringMatch.exact(value) });
      }
    }
    if (from.namespace !== undefined) {
      if (typeof from.namespace !== 'string' || !isDnsLabel(from.namespace)) {
        problems.add(`${field}.from.namespace`, from.namespace, 'is not a namespace name', 'use a DNS-1123 label such as "frontend"');
      } else {
        conditions.push({ on: 'sourceNamespace', key: '', match: StringMatch.exact(from.namespace) });
      }
    }
  }
  if (!before.changed() && conditions.length === 0) {
    problems.add(field, raw, 'has no conditions, so it matches every request and the weighted split would never apply', 'add a header, query, cookie or from condition');
  }
  return before.changed() ? undefined : conditions;
}

function entriesOf(problems: ProblemCollector, field: string, value: unknown): [string, StringMatchLike][] {
  if (value === undefined) {
    return [];
  }
  if (!isRecord(value)) {
    problems.add(field, value, 'is not a map from name to match', 'use an object such as { gray: "1" } or { gray: StringMatch.prefix("1") }');
    return [];
  }
  return Object.entries(value as Record<string, StringMatchLike>);
}

function pushCondition(problems: ProblemCollector, conditions: Condition[], field: string, on: Condition['on'], key: string, value: StringMatchLike): void {
  if (!isStringMatchLike(value)) {
    problems.add(field, value, 'is not a string or StringMatch', 'use "value" for an exact match, or StringMatch.prefix(...) / StringMatch.regex(...), as data { prefix: "..." } or { regex: "..." }');
    return;
  }
  const match = toStringMatch(value);
  if (match.kind === 'regex') {
    if (!checkRe2(problems, field, match.value)) return;
  }
  if (match.kind !== 'regex' && match.value === '' ) {
    problems.add(field, match.value, `is an empty ${match.kind} match`, 'give the value to compare with');
    return;
  }
  conditions.push({ on, key, match });
}

/** Notices whether problems were added since it was made. */
class ProblemCounter {
  private readonly start: number;
  public constructor(private readonly problems: ProblemCollector) {
    this.start = problems.count;
  }
  public changed(): boolean {
    return this.problems.count !== this.start;
  }
}

/** True when every request that `later` matches is matched by `earlier` first. */
export function shadows(earlier: { matches: readonly MatchPlan[] }, later: { matches: readonly MatchPlan[] }): boolean {
  return later.matches.every((specific) => earlier.matches.some((general) => matchCovers(general, specific)));
}

/** True when every request satisfying `specific` also satisfies `general`. */
export function matchCovers(general: MatchPlan, specific: MatchPlan): boolean {
  return general.every((g) => specific.some((s) => s.on === g.on && s.key === g.key && s.match.isCoveredBy(g.match)));
}

function cookieRegex(name: string, match: StringMatch): string {
  return `^(.*;\\s*)?${escapeRe2(name)}=(${match.toRegex()})(;.*)?$`;
}

/** Renders one condition set as an Istio HTTPMatchRequest. */
export function renderMatch(conditions: MatchPlan): Record<string, unknown> {
  const headers: Record<string, Record<string, string>> = {};
  const queryParams: Record<string, Record<string, string>> = {};
  const sourceLabels: Record<string, string> = {};
  const out: Record<string, unknown> = {};
  for (const c of conditions) {
    switch (c.on) {
      case 'uri':
        out.uri = c.match.toIstio();
        break;
      case 'authority':
        out.authority = c.match.toIstio();
        break;
      case 'header':
        headers[c.key] = c.match.toIstio();
        break;
      case 'cookie':
        headers.cookie = { regex: cookieRegex(c.key, c.match) };
        break;
      case 'query':
        // Istio's query parameter match has no prefix form; a prefix is the same as this anchored regex.
        queryParams[c.key] = c.match.kind === 'prefix' ? { regex: c.match.toRegex() } : c.match.toIstio();
        break;
      case 'sourceLabel':
        sourceLabels[c.key] = c.match.value;
        break;
      case 'sourceNamespace':
        out.sourceNamespace = c.match.value;
        break;
    }
  }
  if (Object.keys(headers).length > 0) out.headers = sortedRecord(headers);
  if (Object.keys(queryParams).length > 0) out.queryParams = sortedRecord(queryParams);
  if (Object.keys(sourceLabels).length > 0) out.sourceLabels = sortedRecord(sourceLabels);
  return sortedRecord(out);
}
