// The Kubernetes Gateway API's HTTPRoute (gateway.networking.k8s.io/v1), as Istio implements it for mesh traffic
// (GAMMA: a parentRef to a Service) and at gateways (a parentRef to a Gateway). Reading, matching, precedence,
// backend shares and filters; traffic.ts describes the routes and check.ts follows one request through them.
// The HTTPRoute CRD's field descriptions define the semantics.
// @see https://gateway-api.sigs.k8s.io/reference/spec/#httproute
import { fqdnOf } from './hosts';
import { MeshOptions, ObjectRef, readObject, refName } from './objects';
import { FieldReader } from './read-fields';
import { MeshRequest } from './request';
import { SourcedManifest } from './source';
import { allOf, Truth, unknown } from './truth';
import { re2FullMatch } from './value-match';
import { HeaderChanges } from './virtual-service';
import { KubeService } from './workloads';

/** How an HTTPRoute compares the path: `Exact`, `PathPrefix` (whole `/`-separated segments) or `RegularExpression` (RE2, whole path). */
export interface HttpRoutePathMatch {
  readonly type: 'Exact' | 'PathPrefix' | 'RegularExpression';
  readonly value: string;
}

/** A header or query parameter an HTTPRoute match requires: `Exact` value, or a `RegularExpression` (RE2, whole value). */
export interface HttpRouteNamedMatch {
  /** Header names lower case (they are case-insensitive); query parameter names as written (case-sensitive). */
  readonly name: string;
  readonly type: 'Exact' | 'RegularExpression';
  readonly value: string;
}

/** One entry of a rule's `matches`: every condition in it must hold (AND). A rule without matches has one: PathPrefix `/`. */
export interface HttpRouteMatch {
  readonly path: HttpRoutePathMatch;
  readonly headers: readonly HttpRouteNamedMatch[];
  readonly queryParams: readonly HttpRouteNamedMatch[];
  /** HTTP method, upper case; undefined: any. */
  readonly method?: string;
}

/** A Service an HTTPRoute sends to or mirrors to (`backendRefs[]`, `requestMirror.backendRef`). */
export interface HttpRouteBackend {
  /** `Service` unless written (group `""`); other kinds are not evaluated. */
  readonly kind: string;
  readonly name: string;
  /** The route's namespace unless written. */
  readonly namespace: string;
  /** `<name>.<namespace>.svc.<clusterDomain>` for a Service. */
  readonly host: string;
  /** The Service port. */
  readonly port?: number;
  /** The weight as written, 1 when unset. */
  readonly weight: number;
  /** The backend's own RequestHeaderModifier. */
  readonly requestHeaders: HeaderChanges;
  /** The backend's own ResponseHeaderModifier. */
  readonly responseHeaders: HeaderChanges;
}

/** URLRewrite or RequestRedirect `path`: `ReplaceFullPath` or `ReplacePrefixMatch` and its value. */
export interface HttpRoutePathModifier {
  readonly type: 'ReplaceFullPath' | 'ReplacePrefixMatch';
  readonly value: string;
}

/** One rule of an HTTPRoute: matches (OR), filters, backends and timeouts. */
export interface HttpRouteRule {
  /** Position in `spec.rules`, from 1. */
  readonly position: number;
  readonly name?: string;
  /** Never empty: a rule without `matches` has PathPrefix `/`. */
  readonly matches: readonly HttpRouteMatch[];
  readonly backends: readonly HttpRouteBackend[];
  readonly requestHeaders: HeaderChanges;
  readonly responseHeaders: HeaderChanges;
  readonly rewrite?: { readonly path?: HttpRoutePathModifier; readonly hostname?: string };
  readonly redirect?: { readonly scheme?: string; readonly hostname?: string; readonly path?: HttpRoutePathModifier; readonly port?: number; readonly statusCode: number };
  /** Mirrors, each with the percent of requests copied to it. */
  readonly mirrors: readonly { readonly backend: HttpRouteBackend; readonly percent: number }[];
  /** `timeouts.request` and `timeouts.backendRequest`, as written. */
  readonly timeouts: { readonly request?: string; readonly backendRequest?: string };
  /** Filters read but not evaluated (CORS, ExtensionRef, unknown types), by type. */
  readonly otherFilters: readonly string[];
}

/** A `parentRefs[]` entry: the Service (mesh, GAMMA) or Gateway the route attaches to. */
export interface HttpRouteParent {
  /** `Service` or `Gateway` (the default), or another kind (not evaluated). */
  readonly kind: string;
  readonly name: string;
  /** The route's namespace unless written. */
  readonly namespace: string;
  readonly sectionName?: string;
  readonly port?: number;
}

/**
 * An HTTPRoute (gateway.networking.k8s.io), as far as meshlight explain reads it. Not to be confused with
 * `HttpRoute`, one entry of a VirtualService's `http` list.
 */
export interface HttpRouteConfig extends ObjectRef {
  readonly parents: readonly HttpRouteParent[];
  /** `spec.hostnames`, lower case; empty: any host. Used at Gateways (Istio ignores them for Service parents). */
  readonly hostnames: readonly string[];
  readonly rules: readonly HttpRouteRule[];
  /** `metadata.creationTimestamp`, for precedence between routes; usually absent in files. */
  readonly creationTimestamp?: string;
}

/** The Gateway API group. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

const NO_HEADER_CHANGES: HeaderChanges = { set: {}, add: {}, remove: [] };

/** Reads an HTTPRoute. */
export function readHttpRoute(manifest: SourcedManifest, options: MeshOptions, problems: string[]): HttpRouteConfig {
  const { ref, reader } = readObject(manifest, options, problems);
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  const meta = reader.record(manifest.object.metadata, 'metadata') ?? {};
  const parents = reader.list(spec.parentRefs, 'spec.parentRefs').map((p, i): HttpRouteParent => {
    const at = `spec.parentRefs[${i}]`;
    const parent = reader.record(p, at) ?? {};
    const group = reader.string(parent.group, `${at}.group`) ?? GATEWAY_API_GROUP;
    const kind = reader.string(parent.kind, `${at}.kind`) ?? 'Gateway';
    return {
      kind: kind === 'Service' && group !== '' && group !== 'core' ? `${group}/${kind}` : kind,
      name: reader.string(parent.name, `${at}.name`) ?? '',
      namespace: reader.string(parent.namespace, `${at}.namespace`) ?? ref.namespace,
      sectionName: reader.string(parent.sectionName, `${at}.sectionName`),
      port: reader.number(parent.port, `${at}.port`),
    };
  });
  const rules = reader.list(spec.rules, 'spec.rules').map((r, i) => readRule(reader, r, `spec.rules[${i}]`, i + 1, ref.namespace, options));
  return {
    ...ref,
    parents,
    hostnames: reader.strings(spec.hostnames, 'spec.hostnames').map((h) => h.toLowerCase()),
    rules: rules.length === 0 ? [readRule(reader, {}, 'spec.rules[0]', 1, ref.namespace, options)] : rules,
    creationTimestamp: reader.string(meta.creationTimestamp, 'metadata.creationTimestamp'),
  };
}

function readRule(reader: FieldReader, value: unknown, path: string, position: number, namespace: string, options: MeshOptions): HttpRouteRule {
  const rule = reader.record(value, path) ?? {};
  const matches = reader.list(rule.matches, `${path}.matches`).map((m, i) => readMatch(reader, m, `${path}.matches[${i}]`));
  const filters = readFilters(reader, rule.filters, `${path}.filters`, namespace, options);
  const backends = reader.list(rule.backendRefs, `${path}.backendRefs`).map((b, i) => {
    const at = `${path}.backendRefs[${i}]`;
    const backend = readBackend(reader, b, at, namespace, options);
    const own = readFilters(reader, (reader.record(b, at) ?? {}).filters, `${at}.filters`, namespace, options);
    return { ...backend, requestHeaders: own.requestHeaders, responseHeaders: own.responseHeaders };
  });
  const timeouts = reader.record(rule.timeouts, `${path}.timeouts`) ?? {};
  return {
    position,
    name: reader.string(rule.name, `${path}.name`),
    matches: matches.length === 0 ? [{ path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] }] : matches,
    backends,
    requestHeaders: filters.requestHeaders,
    responseHeaders: filters.responseHeaders,
    rewrite: filters.rewrite,
    redirect: filters.redirect,
    mirrors: filters.mirrors,
    timeouts: {
      request: reader.string(timeouts.request, `${path}.timeouts.request`),
      backendRequest: reader.string(timeouts.backendRequest, `${path}.timeouts.backendRequest`),
    },
    otherFilters: filters.other,
  };
}

function checkRegex(reader: FieldReader, pattern: string, path: string): boolean {
  try {
    re2FullMatch(pattern, '');
    return true;
  } catch (e) {
    reader.problem(path, pattern, `an RE2 regex (${(e as Error).message})`, 'use RE2 syntax: no look-around, no back-references');
    return false;
  }
}

function readMatch(reader: FieldReader, value: unknown, path: string): HttpRouteMatch {
  const m = reader.record(value, path) ?? {};
  const p = reader.record(m.path, `${path}.path`) ?? {};
  const pathType = reader.oneOf(p.type, `${path}.path.type`, ['Exact', 'PathPrefix', 'RegularExpression'] as const, 'PathPrefix');
  const pathValue = reader.string(p.value, `${path}.path.value`) ?? '/';
  if (pathType === 'RegularExpression') checkRegex(reader, pathValue, `${path}.path.value`);
  const named = (field: 'headers' | 'queryParams'): HttpRouteNamedMatch[] => reader.list(m[field], `${path}.${field}`).flatMap((h, i) => {
    const at = `${path}.${field}[${i}]`;
    const entry = reader.record(h, at) ?? {};
    const name = reader.string(entry.name, `${at}.name`);
    const type = reader.oneOf(entry.type, `${at}.type`, ['Exact', 'RegularExpression'] as const, 'Exact');
    const v = reader.string(entry.value, `${at}.value`) ?? '';
    if (name === undefined || (type === 'RegularExpression' && !checkRegex(reader, v, `${at}.value`))) return [];
    return [{ name: field === 'headers' ? name.toLowerCase() : name, type, value: v }];
  });
  const method = reader.string(m.method, `${path}.method`);
  return { path: { type: pathType, value: pathValue }, headers: named('headers'), queryParams: named('queryParams'), method: method?.toUpperCase() };
}

function readBackend(reader: FieldReader, value: unknown, path: string, namespace: string, options: MeshOptions): Omit<HttpRouteBackend, 'requestHeaders' | 'responseHeaders'> {
  const b = reader.record(value, path) ?? {};
  const group = reader.string(b.group, `${path}.group`) ?? '';
  const kind = reader.string(b.kind, `${path}.kind`) ?? 'Service';
  const name = reader.string(b.name, `${path}.name`) ?? '';
  const ns = reader.string(b.namespace, `${path}.namespace`) ?? namespace;
  return {
    kind: group === '' || group === 'core' ? kind : `${group}/${kind}`,
    name,
    namespace: ns,
    host: fqdnOf(name, ns, options.clusterDomain),
    port: reader.number(b.port, `${path}.port`),
    weight: reader.number(b.weight, `${path}.weight`) ?? 1,
  };
}

function readHeaderModifier(reader: FieldReader, value: unknown, path: string): HeaderChanges {
  const mod = reader.record(value, path) ?? {};
  const pairs = (field: string): Record<string, string> => {
    const out: Record<string, string> = {};
    reader.list(mod[field], `${path}.${field}`).forEach((h, i) => {
      const entry = reader.record(h, `${path}.${field}[${i}]`) ?? {};
      const name = reader.string(entry.name, `${path}.${field}[${i}].name`);
      if (name !== undefined) out[name.toLowerCase()] = reader.string(entry.value, `${path}.${field}[${i}].value`) ?? '';
    });
    return out;
  };
  return { set: pairs('set'), add: pairs('add'), remove: reader.strings(mod.remove, `${path}.remove`).map((h) => h.toLowerCase()) };
}

function readPathModifier(reader: FieldReader, value: unknown, path: string): HttpRoutePathModifier | undefined {
  const mod = reader.record(value, path);
  if (mod === undefined) return undefined;
  const type = reader.oneOf(mod.type, `${path}.type`, ['ReplaceFullPath', 'ReplacePrefixMatch'] as const, 'ReplaceFullPath');
  const v = type === 'ReplaceFullPath' ? reader.string(mod.replaceFullPath, `${path}.replaceFullPath`) : reader.string(mod.replacePrefixMatch, `${path}.replacePrefixMatch`);
  return { type, value: v ?? '' };
}

/** The filters of a rule or a backend, merged by type (the spec allows each type once, except RequestMirror). */
function readFilters(reader: FieldReader, value: unknown, path: string, namespace: string, options: MeshOptions): Pick<HttpRouteRule, 'requestHeaders' | 'responseHeaders' | 'rewrite' | 'redirect' | 'mirrors'> & { other: string[] } {
  let requestHeaders = NO_HEADER_CHANGES;
  let responseHeaders = NO_HEADER_CHANGES;
  let rewrite: HttpRouteRule['rewrite'];
  let redirect: HttpRouteRule['redirect'];
  const mirrors: { backend: HttpRouteBackend; percent: number }[] = [];
  const other: string[] = [];
  reader.list(value, path).forEach((f, i) => {
    const at = `${path}[${i}]`;
    const filter = reader.record(f, at) ?? {};
    const type = reader.string(filter.type, `${at}.type`) ?? '';
    if (type === 'RequestHeaderModifier') {
      requestHeaders = readHeaderModifier(reader, filter.requestHeaderModifier, `${at}.requestHeaderModifier`);
    } else if (type === 'ResponseHeaderModifier') {
      responseHeaders = readHeaderModifier(reader, filter.responseHeaderModifier, `${at}.responseHeaderModifier`);
    } else if (type === 'URLRewrite') {
      const rw = reader.record(filter.urlRewrite, `${at}.urlRewrite`) ?? {};
      rewrite = { hostname: reader.string(rw.hostname, `${at}.urlRewrite.hostname`), path: readPathModifier(reader, rw.path, `${at}.urlRewrite.path`) };
    } else if (type === 'RequestRedirect') {
      const rd = reader.record(filter.requestRedirect, `${at}.requestRedirect`) ?? {};
      redirect = {
        scheme: reader.string(rd.scheme, `${at}.requestRedirect.scheme`),
        hostname: reader.string(rd.hostname, `${at}.requestRedirect.hostname`),
        path: readPathModifier(reader, rd.path, `${at}.requestRedirect.path`),
        port: reader.number(rd.port, `${at}.requestRedirect.port`),
        statusCode: reader.number(rd.statusCode, `${at}.requestRedirect.statusCode`) ?? 302,
      };
    } else if (type === 'RequestMirror') {
      const mirror = reader.record(filter.requestMirror, `${at}.requestMirror`) ?? {};
      const fraction = reader.record(mirror.fraction, `${at}.requestMirror.fraction`);
      const percent = reader.number(mirror.percent, `${at}.requestMirror.percent`)
        ?? (fraction === undefined ? 100 : (100 * (reader.number(fraction.numerator, `${at}.requestMirror.fraction.numerator`) ?? 0)) / (reader.number(fraction.denominator, `${at}.requestMirror.fraction.denominator`) ?? 100));
      mirrors.push({ backend: { ...readBackend(reader, mirror.backendRef, `${at}.requestMirror.backendRef`, namespace, options), requestHeaders: NO_HEADER_CHANGES, responseHeaders: NO_HEADER_CHANGES }, percent });
    } else {
      other.push(type === '' ? '(no type)' : type);
    }
  });
  return { requestHeaders, responseHeaders, rewrite, redirect, mirrors, other };
}

/** The path prefix of a PathPrefix match without its trailing `/` (which the spec ignores): `/` becomes ``. */
function trimmedPrefix(value: string): string {
  return value.replace(/\/+$/, '');
}

/** True when `path` matches: Exact is equality, PathPrefix compares whole segments (`/foo` matches `/foo`, `/foo/`, `/foo/bar`, not `/foobar`), RegularExpression an RE2 full match. */
export function pathMatches(match: HttpRoutePathMatch, path: string): boolean {
  switch (match.type) {
    case 'Exact':
      return path === match.value;
    case 'PathPrefix': {
      const prefix = trimmedPrefix(match.value);
      return path === prefix || path.startsWith(`${prefix}/`);
    }
    case 'RegularExpression':
      return re2FullMatch(match.value, path);
  }
}

function namedMatches(m: HttpRouteNamedMatch, value: string | undefined): boolean {
  return value !== undefined && (m.type === 'Exact' ? value === m.value : re2FullMatch(m.value, value));
}

/** Whether one match holds for `request`: path, headers, query parameters and method (AND); conditions on what the request does not say stay open. */
export function httpRouteMatchTruth(match: HttpRouteMatch, request: MeshRequest): Truth {
  const conditions: Truth[] = [request.path === undefined ? unknown(describePathMatch(match.path)) : pathMatches(match.path, request.path)];
  if (match.method !== undefined) {
    conditions.push(request.method === undefined ? unknown(`method = ${match.method}`) : request.method === match.method);
  }
  for (const h of match.headers) {
    conditions.push(request.headers === undefined ? unknown(describeNamedMatch('header', h)) : namedMatches(h, request.headers[h.name]));
  }
  for (const q of match.queryParams) {
    conditions.push(request.query === undefined ? unknown(describeNamedMatch('query', q)) : namedMatches(q, request.query[q.name]));
  }
  return allOf(conditions);
}

/** A path match in words: `path = "/a"`, `path /a (prefix)`, `path matches regex "/a.*"`. */
export function describePathMatch(path: HttpRoutePathMatch): string {
  switch (path.type) {
    case 'Exact':
      return `path = ${JSON.stringify(path.value)}`;
    case 'PathPrefix':
      return `path prefix ${JSON.stringify(path.value)}`;
    case 'RegularExpression':
      return `path matches regex ${JSON.stringify(path.value)}`;
  }
}

function describeNamedMatch(subject: string, m: HttpRouteNamedMatch): string {
  return m.type === 'Exact' ? `${subject} ${m.name} = ${JSON.stringify(m.value)}` : `${subject} ${m.name} matches regex ${JSON.stringify(m.value)}`;
}

/** One match in words, its conditions joined by AND; `any request` for PathPrefix `/` alone. */
export function describeHttpRouteMatch(match: HttpRouteMatch, port?: number): string {
  const anyPath = match.path.type === 'PathPrefix' && trimmedPrefix(match.path.value) === '';
  const parts = [
    ...(anyPath ? [] : [describePathMatch(match.path)]),
    ...(match.method === undefined ? [] : [`method = ${match.method}`]),
    ...match.headers.map((h) => describeNamedMatch('header', h)),
    ...match.queryParams.map((q) => describeNamedMatch('query', q)),
    ...(port === undefined ? [] : [`port = ${port}`]),
  ];
  return parts.length === 0 ? 'any request' : parts.join(' AND ');
}

/**
 * One match of one rule of one route, attached to a parent: the unit HTTPRoute precedence orders. `port` is the
 * parentRef's port, when the route attaches to only one port of a Service.
 */
export interface HttpRouteEntry {
  readonly route: HttpRouteConfig;
  readonly rule: HttpRouteRule;
  readonly match: HttpRouteMatch;
  readonly port?: number;
}

// Istio ranks path match types Exact > PathPrefix > RegularExpression (the spec leaves regex precedence to the
// implementation), then longer values first.
const PATH_RANK = { Exact: 3, PathPrefix: 2, RegularExpression: 1 } as const;

function pathLength(path: HttpRoutePathMatch): number {
  return path.type === 'PathPrefix' ? trimmedPrefix(path.value).length : path.value.length;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders entries as the HTTPRoute spec says, most specific first: Exact path, then the longest PathPrefix (then
 * RegularExpression, Istio's choice), a method match, more header matches, more query parameter matches; then the
 * oldest route (creationTimestamp; routes without one after those with one), route `namespace/name`, rule order
 * and match order.
 */
export function compareHttpRouteEntries(a: HttpRouteEntry, b: HttpRouteEntry): number {
  const stamp = (e: HttpRouteEntry): string => e.route.creationTimestamp ?? '\uffff';
  return PATH_RANK[b.match.path.type] - PATH_RANK[a.match.path.type]
    || pathLength(b.match.path) - pathLength(a.match.path)
    || Number(b.match.method !== undefined) - Number(a.match.method !== undefined)
    || b.match.headers.length - a.match.headers.length
    || b.match.queryParams.length - a.match.queryParams.length
    || compareStrings(stamp(a), stamp(b))
    || compareStrings(refName(a.route), refName(b.route))
    || a.rule.position - b.rule.position
    || a.rule.matches.indexOf(a.match) - b.rule.matches.indexOf(b.match);
}

/** Every match of every rule of `routes`, with the parent port each attaches on, in precedence order. */
export function entriesInPrecedenceOrder(attached: readonly { readonly route: HttpRouteConfig; readonly port?: number }[]): HttpRouteEntry[] {
  return attached.flatMap(({ route, port }) => route.rules.flatMap((rule) => rule.matches.map((match) => ({ route, rule, match, port }))))
    .sort(compareHttpRouteEntries);
}

/** Whether an entry holds for `request`: its match, and the request's port when the route attaches on one port. */
export function httpRouteEntryTruth(entry: HttpRouteEntry, request: MeshRequest): Truth {
  const port: Truth = entry.port === undefined ? true : request.port === undefined ? unknown(`port = ${entry.port}`) : request.port === entry.port;
  return allOf([port, httpRouteMatchTruth(entry.match, request)]);
}

/** `namespace/name rule N` (and the rule's name): how check and explain name the rule an entry belongs to. */
export function describeHttpRouteRule(entry: Pick<HttpRouteEntry, 'route' | 'rule'>): string {
  return `${refName(entry.route)} rule ${entry.rule.position}${entry.rule.name === undefined ? '' : ` (${entry.rule.name})`}`;
}

/** The first entry that holds (the most specific match), and the more specific ones whose match is open. */
export function firstMatchingEntry(entries: readonly HttpRouteEntry[], request: MeshRequest): { chosen?: HttpRouteEntry; openRoutes: string[] } {
  const openRoutes: string[] = [];
  for (const [i, entry] of entries.entries()) {
    const t = httpRouteEntryTruth(entry, request);
    if (t === true) return { chosen: entry, openRoutes };
    if (typeof t === 'object') openRoutes.push(`#${i + 1} ${describeHttpRouteRule(entry)} when ${t.when}`);
  }
  return { openRoutes };
}

/**
 * Each backend's share of a rule's requests in percent: its weight over the sum of the rule's weights (weight 0:
 * none). All undefined when the sum is 0: the rule then answers 500.
 */
export function backendShares(backends: readonly Pick<HttpRouteBackend, 'weight'>[]): (number | undefined)[] {
  const total = backends.reduce((sum, b) => sum + b.weight, 0);
  return backends.map((b) => (total === 0 ? undefined : Math.round((b.weight * 10000) / total) / 100));
}

/** Why a rule answers 500 instead of forwarding: no backendRefs, or every weight 0; undefined when it forwards (or redirects). */
export function noBackendReason(rule: HttpRouteRule): string | undefined {
  if (rule.redirect !== undefined) return undefined;
  if (rule.backends.length === 0) return 'the rule has no backendRefs';
  return rule.backends.every((b) => b.weight === 0) ? 'every backendRef of the rule has weight 0' : undefined;
}

/**
 * The path a rule's URLRewrite (or RequestRedirect) `path` gives a request: ReplaceFullPath replaces it;
 * ReplacePrefixMatch replaces the matched PathPrefix, whole segments, trailing `/` ignored (`/foo/bar` with prefix
 * `/foo` and `/xyz` becomes `/xyz/bar`; with `` it becomes `/bar`). Undefined when ReplacePrefixMatch meets a
 * match that is not a PathPrefix (the route is then not Accepted).
 */
export function modifiedPath(modifier: HttpRoutePathModifier, match: HttpRouteMatch, path: string): string | undefined {
  if (modifier.type === 'ReplaceFullPath') return modifier.value;
  if (match.path.type !== 'PathPrefix') return undefined;
  const rest = path.slice(trimmedPrefix(match.path.value).length);
  const result = trimmedPrefix(modifier.value) + rest;
  return result === '' ? '/' : result.startsWith('/') ? result : `/${result}`;
}

/** Applies header changes to request headers (lower-case names): set replaces, add appends with `,`, remove drops. */
export function applyHeaderChanges(headers: Readonly<Record<string, string>>, changes: HeaderChanges): Record<string, string> {
  const out: Record<string, string> = { ...headers };
  for (const [k, v] of Object.entries(changes.set)) out[k] = v;
  for (const [k, v] of Object.entries(changes.add)) out[k] = out[k] === undefined ? v : `${out[k]},${v}`;
  for (const k of changes.remove) delete out[k];
  return out;
}

/** True when the parentRef names the Service `namespace/name`: kind Service, group `""` or `core`. */
export function isServiceParent(parent: HttpRouteParent, service: Pick<ObjectRef, 'namespace' | 'name'>): boolean {
  return parent.kind === 'Service' && parent.name === service.name && parent.namespace === service.namespace;
}

/** The routes attached to a Service, as GAMMA applies them to one caller's requests. */
export interface MeshRoutes {
  /** `producer`: routes in the Service's namespace, for every caller; `consumer`: routes in the caller's namespace, for it alone. */
  readonly kind: 'producer' | 'consumer';
  readonly routes: readonly HttpRouteConfig[];
  /** Their matches in precedence order. */
  readonly entries: readonly HttpRouteEntry[];
}

/**
 * The HTTPRoutes that route requests to `service` for a caller in `callerNamespace` (undefined: any caller, so
 * producer routes only). A route attaches by a parentRef to the Service (with a port, or a sectionName naming a port
 * of the Service: only that port). GAMMA:
 * a route in the Service's namespace is a producer route, for every caller; a route in another namespace is a
 * consumer route, for callers of its own namespace only, and when a caller's namespace has consumer routes for the
 * Service they replace the producer routes for it (Istio does the same). Undefined when no route applies.
 * @see https://gateway-api.sigs.k8s.io/mesh/#producer-and-consumer-routes
 */
export function meshRoutesFor(httpRoutes: readonly HttpRouteConfig[], service: Pick<KubeService, 'namespace' | 'name' | 'ports'>, callerNamespace?: string): MeshRoutes | undefined {
  // A sectionName names a port of the Service; one it does not have attaches to no port (-1).
  const portOf = (p: HttpRouteParent): number | undefined => p.port
    ?? (p.sectionName === undefined ? undefined : service.ports.find((x) => x.name === p.sectionName)?.port ?? -1);
  const attached = (namespace: string) => httpRoutes.filter((r) => r.namespace === namespace).flatMap((route) => route.parents
    .filter((p) => isServiceParent(p, service)).map((p) => ({ route, port: portOf(p) })));
  const consumer = callerNamespace === undefined || callerNamespace === service.namespace ? [] : attached(callerNamespace);
  const chosen = consumer.length > 0 ? consumer : attached(service.namespace);
  if (chosen.length === 0) return undefined;
  // A route attached without a port covers every port: its other parentRefs to the same Service add nothing.
  const unique = chosen.filter((a, i) => !(a.port !== undefined && chosen.some((b) => b.route === a.route && b.port === undefined))
    && chosen.findIndex((b) => b.route === a.route && b.port === a.port) === i);
  return { kind: consumer.length > 0 ? 'consumer' : 'producer', routes: [...new Set(unique.map((a) => a.route))], entries: entriesInPrecedenceOrder(unique) };
}

/** The consumer routes of `service`: HTTPRoutes of other namespaces attached to it, by their (the consumers') namespace. */
export function consumerRoutesOf(httpRoutes: readonly HttpRouteConfig[], service: Pick<ObjectRef, 'namespace' | 'name'>): Map<string, HttpRouteConfig[]> {
  const out = new Map<string, HttpRouteConfig[]>();
  for (const r of httpRoutes) {
    if (r.namespace !== service.namespace && r.parents.some((p) => isServiceParent(p, service))) {
      out.set(r.namespace, [...out.get(r.namespace) ?? [], r]);
    }
  }
  return out;
}
