// The Gateway API dialect of a GrayscaleService: its routes as an HTTPRoute attached to the Service (the Gateway API's
// mesh support, GAMMA) with a Service per version, translated from the VirtualService routes core renders, so that both
// dialects route by one model. What HTTPRoute cannot say is refused with the reason; traffic policies may be kept as
// Istio DestinationRules beside it when asked.
import { ProblemCollector } from './errors';
import { isRecord } from './fields';
import { Manifest } from './manifest';
import { escapeRe2 } from './regex';

/**
 * The API a GrayscaleService's routing is written in:
 * - `istio`: a VirtualService, and a DestinationRule with a subset per version.
 * - `gateway-api`: an HTTPRoute attached to the Service (Kubernetes Gateway API, GAMMA), a Service per version as
 *   its backends.
 * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/#mesh-traffic
 */
export type RoutingDialect = 'istio' | 'gateway-api';

/** The dialect of a service, resolved. */
export interface DialectPlan {
  readonly dialect: RoutingDialect;
  /** With gateway-api: traffic policies are kept as DestinationRules per version Service. */
  readonly istioFallback: boolean;
}

/** The props the dialect reads or refuses. */
interface DialectInput {
  readonly dialect?: unknown;
  readonly istioFallback?: unknown;
  readonly retries?: unknown;
  readonly rules?: unknown;
  readonly majors?: unknown;
  readonly versions?: unknown;
  readonly connectionPool?: unknown;
  readonly circuitBreaker?: unknown;
  readonly loadBalancer?: unknown;
  readonly locality?: unknown;
}

/** The traffic-policy props, on the service and on versions: DestinationRule fields HTTPRoute has no word for. */
const POLICY_FIELDS = ['connectionPool', 'circuitBreaker', 'loadBalancer', 'locality'] as const;

/** Why HTTPRoute cannot say what a field asks, for the problem. */
const STANDARD_CHANNEL = 'in the Gateway API\'s standard channel, which meshlight emits,';

/**
 * The service's dialect, and, with gateway-api, a problem for every prop the HTTPRoute standard channel cannot
 * express: retries, fault injection, matches on the caller, majors by host, and (unless `istioFallback`) traffic
 * policies.
 */
export function planDialect(problems: ProblemCollector, input: DialectInput): DialectPlan {
  const dialect = input.dialect === undefined ? 'istio' : input.dialect;
  if (dialect !== 'istio' && dialect !== 'gateway-api') {
    problems.add('dialect', dialect, 'is not a routing dialect', 'use "istio" (VirtualService, DestinationRule) or "gateway-api" (HTTPRoute, a Service per version)');
    return { dialect: 'istio', istioFallback: false };
  }
  const istioFallback = input.istioFallback === undefined ? false : input.istioFallback;
  if (typeof istioFallback !== 'boolean') {
    problems.add('istioFallback', istioFallback, 'is not true or false', 'write true to keep traffic policies as DestinationRules beside the HTTPRoute, or leave it out');
  } else if (istioFallback && dialect !== 'gateway-api') {
    problems.add('istioFallback', istioFallback, 'keeps what HTTPRoute cannot say as Istio objects, and the service is written in Istio\'s dialect already', 'leave istioFallback out, or set dialect: "gateway-api"');
  }
  if (dialect === 'gateway-api') refuseWhatHttpRouteCannotSay(problems, input, istioFallback === true);
  return { dialect, istioFallback: istioFallback === true };
}

function refuseWhatHttpRouteCannotSay(problems: ProblemCollector, input: DialectInput, istioFallback: boolean): void {
  if (input.retries !== undefined) {
    problems.add('retries', input.retries, `has no HTTPRoute field ${STANDARD_CHANNEL} (HTTPRoute retries are experimental)`, 'leave retries out (Istio\'s default retry policy applies), or use dialect "istio"');
  }
  if (Array.isArray(input.rules)) {
    input.rules.forEach((rule: unknown, i: number) => {
      if (!isRecord(rule)) return;
      if (rule.fault !== undefined) {
        problems.add(`rules[${i}].fault`, rule.fault, `has no HTTPRoute filter ${STANDARD_CHANNEL} and no Istio object can inject it beside an HTTPRoute`, 'test faults with dialect "istio", or leave fault out');
      }
      const matches = rule.match !== undefined ? [['match', rule.match]] : Array.isArray(rule.anyOf) ? rule.anyOf.map((m: unknown, j: number) => [`anyOf[${j}]`, m]) : [];
      for (const [field, match] of matches as [string, unknown][]) {
        if (isRecord(match) && match.from !== undefined) {
          problems.add(`rules[${i}].${field}.from`, match.from, 'matches the calling workload, which an HTTPRoute cannot (it matches path, headers, query parameters and method)', 'match on a header the caller sends, or use dialect "istio"');
        }
      }
    });
  }
  if (isRecord(input.majors)) {
    for (const [key, major] of Object.entries(input.majors)) {
      if (isRecord(major) && major.host !== undefined) {
        problems.add(`majors.${key}.host`, major.host, 'selects the major by host, which a mesh HTTPRoute cannot (it is attached to the Service and ignores hostnames)', 'serve the major under a path, or use dialect "istio"');
      }
    }
  }
  if (istioFallback) return;
  const fix = 'set istioFallback: true to keep it as a DestinationRule per version Service beside the HTTPRoute, or use dialect "istio"';
  for (const field of POLICY_FIELDS) {
    if (input[field] !== undefined) problems.add(field, input[field], `is a traffic policy (DestinationRule), which the Gateway API has no field for`, fix);
  }
  if (Array.isArray(input.versions)) {
    input.versions.forEach((version: unknown, i: number) => {
      if (!isRecord(version)) return;
      for (const field of POLICY_FIELDS) {
        if (version[field] !== undefined) problems.add(`versions[${i}].${field}`, version[field], 'is a traffic policy (DestinationRule), which the Gateway API has no field for', fix);
      }
    });
  }
}

/** What the translation needs of a service. */
export interface HttpRouteService {
  readonly name: string;
  readonly namespace: string;
  readonly host: string;
  readonly port: number;
  /** The Service's port as it is written, which the version Services copy. */
  readonly servicePort: Readonly<Record<string, unknown>>;
  readonly metadata: (name: string) => Manifest['metadata'];
  /** Every version's subset name and pod labels, in version order. */
  readonly versions: readonly { readonly subset: string; readonly labels: Readonly<Record<string, string>> }[];
  /** The traffic policy of each version's Service (the service's completed by the version's), with istioFallback. */
  readonly policyOf?: (subset: string) => Record<string, unknown> | undefined;
}

/** The Gateway API objects of a service, and its routes as a VirtualService on another proxy (an edge) writes them. */
export interface RenderedHttpRoute {
  /** A Service per version, the DestinationRules kept with istioFallback, then the HTTPRoute (unless `passesThrough`). */
  readonly manifests: readonly Manifest[];
  /** The VirtualService routes with each subset replaced by its version's Service: what MeshIngress serves. */
  readonly edgeRoutes: readonly Record<string, unknown>[];
  /** The hosts of the version Services, which a caller's proxy must see. */
  readonly backendHosts: readonly string[];
}

/** The most rules an HTTPRoute holds, and matches a rule holds (the CRD's maxItems). */
const MAX_RULES = 16;
const MAX_MATCHES = 64;

/** The name of the Service of a version: `<service>-<subset>`, such as `cart-v1-0`. */
export function versionServiceName(service: string, subset: string): string {
  return `${service}-${subset}`;
}

/**
 * Translates a service's VirtualService routes (`routes`, as core renders them, in evaluation order) to an HTTPRoute
 * attached to the Service, with a Service per version. Problems (added to `problems`) for what cannot be written so
 * that an HTTPRoute picks the same route for every request: a route that the Gateway API's precedence (most specific
 * match first, not the order written) would let another take over, too many routes, a name too long for a version's
 * Service. `emitRoute` is false when the VirtualService would only pass requests on.
 */
export function renderHttpRoute(problems: ProblemCollector, service: HttpRouteService, routes: readonly Record<string, unknown>[], emitRoute: boolean): RenderedHttpRoute {
  const subsetHost = new Map(service.versions.map((v) => [v.subset, `${versionServiceName(service.name, v.subset)}.${service.host.slice(service.name.length + 1)}`]));
  const destinations = routes.flatMap((r) => [...((r.route as { destination: Record<string, unknown> }[] | undefined) ?? []).map((d) => d.destination), ...(isRecord(r.mirror) ? [r.mirror] : [])]);
  const usesSubsets = destinations.some((d) => typeof d.subset === 'string');
  const manifests: Manifest[] = [];
  // `<service>-<subset>` is each version's Deployment name too, which planning has checked.
  if (usesSubsets) {
    for (const v of service.versions) {
      const name = versionServiceName(service.name, v.subset);
      manifests.push({
        apiVersion: 'v1', kind: 'Service', metadata: service.metadata(name), spec: { ports: [{ ...service.servicePort }], selector: { ...v.labels } },
      });
    }
    for (const v of service.versions) {
      const policy = service.policyOf?.(v.subset);
      if (policy === undefined) continue;
      const name = versionServiceName(service.name, v.subset);
      manifests.push({
        apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: service.metadata(name), spec: { host: subsetHost.get(v.subset), trafficPolicy: policy },
      });
    }
  } else {
    const policy = service.policyOf?.('');
    if (policy !== undefined) {
      manifests.push({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: service.metadata(service.name), spec: { host: service.host, trafficPolicy: policy } });
    }
  }
  const rules = httpRouteRulesOf(problems, 'rules', routes, (destination) => backendOf(service, destination));
  if (emitRoute) {
    manifests.push({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: service.metadata(service.name),
      spec: { parentRefs: [{ group: '', kind: 'Service', name: service.name, port: service.port }], rules },
    });
  }
  const edgeRoutes = routes.map((route) => withVersionHosts(route, subsetHost));
  return { manifests, edgeRoutes, backendHosts: usesSubsets ? [...subsetHost.values()] : [] };
}

/** A route whose destinations and mirror name each version's Service instead of its subset. */
function withVersionHosts(route: Record<string, unknown>, hosts: ReadonlyMap<string, string>): Record<string, unknown> {
  const host = (destination: Record<string, unknown>) => (typeof destination.subset === 'string'
    ? { host: hosts.get(destination.subset), port: destination.port } : destination);
  const out: Record<string, unknown> = { ...route };
  if (Array.isArray(route.route)) {
    out.route = route.route.map((d: Record<string, unknown>) => ({ ...d, destination: host(d.destination as Record<string, unknown>) }));
  }
  if (isRecord(route.mirror)) out.mirror = host(route.mirror);
  return out;
}

/**
 * A rule of the HTTPRoute, with the matches it was translated from, for the precedence check. A route that answers
 * 404 has no rule (an HTTPRoute answers 404 to a request no rule matches), as long as no later rule takes its requests.
 */
interface TranslatedRule {
  readonly name: string;
  readonly rule?: Record<string, unknown>;
  readonly matches: readonly HttpMatch[];
}

/** An HTTPRoute match. */
interface HttpMatch {
  readonly path: { readonly type: 'Exact' | 'PathPrefix' | 'RegularExpression'; readonly value: string };
  readonly headers: readonly { readonly name: string; readonly type: 'Exact' | 'RegularExpression'; readonly value: string }[];
  readonly queryParams: readonly { readonly name: string; readonly type: 'Exact' | 'RegularExpression'; readonly value: string }[];
}

/** The backendRef (group, kind, name, namespace when another, port) of a VirtualService destination or mirror. */
export type BackendOf = (destination: Record<string, unknown>) => Record<string, unknown>;

/**
 * VirtualService routes, in evaluation order, as HTTPRoute rules that pick the same route for every request, each
 * rule with `filters` given (such as CORS) added. Problems at `field`: too many rules or matches for one HTTPRoute, and
 * routes the Gateway API's precedence would reorder.
 */
export function httpRouteRulesOf(problems: ProblemCollector, field: string, routes: readonly Record<string, unknown>[], backend: BackendOf, filters: readonly Record<string, unknown>[] = []): Record<string, unknown>[] {
  const translated = routes.map((route) => ruleOf(problems, field, route, backend));
  checkPrecedence(problems, field, translated);
  const rules = translated.flatMap((r) => (r.rule === undefined ? [] : splitForRewrite(r.rule)));
  if (rules.length > MAX_RULES) {
    problems.add(field, rules.length, `make ${rules.length} HTTPRoute rules (rules, sticky versions and a split per major), more than the ${MAX_RULES} one HTTPRoute holds`, 'declare fewer rules or majors, or use dialect "istio"');
  }
  return rules.map((rule) => (filters.length === 0 ? rule : { ...rule, filters: [...filters, ...((rule.filters as unknown[] | undefined) ?? [])] }));
}

/**
 * A rule that rewrites its path prefix, split into one rule per match (`<name>`, `<name>-2`, ...): the Gateway API
 * takes ReplacePrefixMatch only in a rule of exactly one PathPrefix match. The rules do the same, one after another,
 * so which of them a request takes changes nothing.
 */
function splitForRewrite(rule: Record<string, unknown>): Record<string, unknown>[] {
  const matches = rule.matches as readonly Record<string, unknown>[] | undefined;
  const rewrites = (rule.filters as readonly Record<string, unknown>[] | undefined)?.some((f) => f.type === 'URLRewrite') === true;
  if (!rewrites || matches === undefined || matches.length < 2) return [rule];
  return matches.map((match, i) => ({ ...rule, name: i === 0 ? rule.name : `${String(rule.name)}-${i + 1}`, matches: [match] }));
}

/** One VirtualService route as HTTPRoute rules: none for the 404 catch-all, which is what a request no rule matches gets. */
function ruleOf(problems: ProblemCollector, field: string, route: Record<string, unknown>, backend: BackendOf): TranslatedRule {
  const name = String(route.name);
  const matches = matchesOf(name, route.match as readonly Record<string, unknown>[] | undefined);
  const every: HttpMatch[] = matches.length > 0 ? matches : [{ path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] }];
  if (isRecord(route.directResponse) && route.directResponse.status === 404) return { name, matches: every };
  if (!Array.isArray(route.route)) {
    // meshlight's routes send to destinations or answer 404; any other answer is a bug of its own.
    throw new Error(`meshlight: route ${name} neither sends to a destination nor answers 404; please report this`);
  }
  if (matches.length > MAX_MATCHES) {
    problems.add(field, name, `makes ${matches.length} HTTPRoute matches in one rule, more than the ${MAX_MATCHES} it holds`, 'give the rule fewer anyOf matches, or use dialect "istio"');
  }
  const filters: Record<string, unknown>[] = [];
  if (isRecord(route.rewrite) && typeof route.rewrite.uri === 'string') {
    filters.push({ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: route.rewrite.uri } } });
  }
  if (isRecord(route.mirror)) {
    const percent = (route.mirrorPercentage as { value?: number } | undefined)?.value ?? 100;
    filters.push({ type: 'RequestMirror', requestMirror: { backendRef: backend(route.mirror), ...mirrorShare(percent) } });
  }
  const rule: Record<string, unknown> = { name };
  if (matches.length > 0) rule.matches = matches.map(renderHttpMatch);
  if (filters.length > 0) rule.filters = filters;
  rule.backendRefs = (route.route as Record<string, unknown>[]).map((d) => backendRefOf(backend, d));
  if (typeof route.timeout === 'string') rule.timeouts = { request: gatewayDuration(route.timeout) };
  return { name, rule, matches: every };
}

/** A backendRef to the Service of a destination's version (or the service itself). */
function backendOf(service: HttpRouteService, destination: Record<string, unknown>): Record<string, unknown> {
  const name = typeof destination.subset === 'string' ? versionServiceName(service.name, destination.subset) : service.name;
  return { group: '', kind: 'Service', name, port: service.port };
}

function backendRefOf(backend: BackendOf, destination: Record<string, unknown>): Record<string, unknown> {
  const ref: Record<string, unknown> = backend(destination.destination as Record<string, unknown>);
  if (typeof destination.weight === 'number') ref.weight = destination.weight;
  const response = (destination.headers as { response?: { set?: Record<string, string>; add?: Record<string, string> } } | undefined)?.response;
  if (response !== undefined) {
    const headers = (values: Record<string, string> | undefined) => Object.entries(values ?? {}).map(([header, value]) => ({ name: header, value }));
    const modifier: Record<string, unknown> = {};
    if (response.add !== undefined) modifier.add = headers(response.add);
    if (response.set !== undefined) modifier.set = headers(response.set);
    ref.filters = [{ type: 'ResponseHeaderModifier', responseHeaderModifier: modifier }];
  }
  return ref;
}

/** A mirror's share: a whole percent, or a fraction of a power of ten. */
function mirrorShare(percent: number): Record<string, unknown> {
  if (Number.isInteger(percent)) return { percent };
  const decimals = String(percent).split('.')[1]?.length ?? 0;
  const denominator = 100 * 10 ** decimals;
  return { fraction: { numerator: Math.round(percent * 10 ** decimals), denominator } };
}

/** An Istio duration (`1500ms`, `5s`, `2m`, `1h`) in the Gateway API's form (`1s500ms`, at most 5 digits a unit). */
export function gatewayDuration(istio: string): string {
  const units: [string, number][] = [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];
  const found = /^(\d+)(h|m|s|ms)$/.exec(istio);
  let millis = found === null ? 0 : Number(found[1]) * units.find(([u]) => u === found[2])![1];
  const parts: string[] = [];
  for (const [unit, size] of units) {
    const count = Math.floor(millis / size);
    if (count > 0) parts.push(`${count}${unit}`);
    millis -= count * size;
  }
  return parts.length === 0 ? '0s' : parts.join('');
}

/**
 * A route's VirtualService matches as HTTPRoute matches. meshlight writes a context path as two matches, `exact: /v1`
 * and `prefix: /v1/`, which are one PathPrefix `/v1` (matched path segment by path segment).
 */
function matchesOf(route: string, matches: readonly Record<string, unknown>[] | undefined): HttpMatch[] {
  const out: HttpMatch[] = [];
  const rest = (m: Record<string, unknown>) => JSON.stringify({ ...m, uri: undefined });
  const used = new Set<number>();
  (matches ?? []).forEach((m, i) => {
    if (used.has(i)) return;
    const uri = m.uri as { exact?: string; prefix?: string; regex?: string } | undefined;
    let path: HttpMatch['path'] = { type: 'PathPrefix', value: '/' };
    if (uri?.exact !== undefined) {
      const pair = (matches ?? []).findIndex((o, j) => j > i && !used.has(j) && (o.uri as { prefix?: string } | undefined)?.prefix === `${uri.exact}/` && rest(o) === rest(m));
      if (pair >= 0) {
        used.add(pair);
        path = { type: 'PathPrefix', value: uri.exact! };
      } else {
        path = { type: 'Exact', value: uri.exact };
      }
    } else if (uri?.regex !== undefined) {
      path = { type: 'RegularExpression', value: uri.regex };
    } else if (uri?.prefix !== undefined && uri.prefix !== '/') {
      // A prefix of characters, not of path segments: what an Istio prefix is, written as an expression.
      path = { type: 'RegularExpression', value: `${escapeRe2(uri.prefix)}.*` };
    }
    const unsaid = Object.keys(m).filter((key) => !['uri', 'headers', 'queryParams'].includes(key));
    // Matches on the caller or the host are refused with the props (planDialect), so none is left here.
    if (unsaid.length > 0) throw new Error(`meshlight: route ${route} matches on ${unsaid.join(', ')}, which planDialect refuses; please report this`);
    out.push({ path, headers: valueMatchesOf(m.headers), queryParams: valueMatchesOf(m.queryParams) });
  });
  return out;
}

/** Istio string matches by name as HTTPRoute header or query matches: a prefix is a regular expression. */
function valueMatchesOf(values: unknown): HttpMatch['headers'] {
  if (!isRecord(values)) return [];
  return Object.entries(values).map(([name, match]) => {
    const m = match as { exact?: string; prefix?: string; regex?: string };
    if (m.exact !== undefined) return { name, type: 'Exact' as const, value: m.exact };
    if (m.prefix !== undefined) return { name, type: 'RegularExpression' as const, value: `${escapeRe2(m.prefix)}.*` };
    return { name, type: 'RegularExpression' as const, value: m.regex! };
  });
}

function renderHttpMatch(m: HttpMatch): Record<string, unknown> {
  const out: Record<string, unknown> = { path: { type: m.path.type, value: m.path.value } };
  if (m.headers.length > 0) out.headers = m.headers.map((h) => ({ name: h.name, type: h.type, value: h.value }));
  if (m.queryParams.length > 0) out.queryParams = m.queryParams.map((q) => ({ name: q.name, type: q.type, value: q.value }));
  return out;
}

/**
 * The Gateway API's precedence of a match, highest first as compared left to right: an exact path, the length of a
 * path prefix, the number of header matches, the number of query parameter matches. Ties go to the rule written
 * first. (Method matches count too; meshlight writes none.)
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouterule
 */
function precedenceOf(m: HttpMatch): number[] {
  return [m.path.type === 'Exact' ? 1 : 0, m.path.type === 'RegularExpression' ? -1 : m.path.value.replace(/\/$/, '').length, m.headers.length, m.queryParams.length];
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Whether some request can satisfy both matches (conservatively: true unless they plainly exclude each other). */
function mayOverlap(a: HttpMatch, b: HttpMatch): boolean {
  const segments = (p: string) => p.replace(/\/$/, '');
  const under = (path: string, prefix: string) => segments(prefix) === '' || path === segments(prefix) || path.startsWith(`${segments(prefix)}/`);
  if (a.path.type !== 'RegularExpression' && b.path.type !== 'RegularExpression') {
    const [pa, pb] = [segments(a.path.value), segments(b.path.value)];
    const aCoversB = a.path.type === 'PathPrefix' && under(pb, pa);
    const bCoversA = b.path.type === 'PathPrefix' && under(pa, pb);
    if (!aCoversB && !bCoversA && pa !== pb) return false;
  }
  const excludes = (x: HttpMatch['headers'], y: HttpMatch['headers'], caseless: boolean) => x.some((h) => y.some((g) => (caseless ? h.name.toLowerCase() === g.name.toLowerCase() : h.name === g.name)
    && h.type === 'Exact' && g.type === 'Exact' && h.value !== g.value));
  return !excludes(a.headers, b.headers, true) && !excludes(a.queryParams, b.queryParams, false);
}

/** Whether two rules do the same with a request: the same backends, filters and timeouts. */
function sameAction(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const action = ({ backendRefs, filters, timeouts }: Record<string, unknown>) => JSON.stringify({ backendRefs, filters, timeouts });
  return action(a) === action(b);
}

/**
 * Refuses routes whose order the HTTPRoute would not keep: where a route written later has a match more specific than
 * an earlier one's, and some request matches both, the Gateway API sends it by the later one, Istio's VirtualService
 * by the earlier.
 */
function checkPrecedence(problems: ProblemCollector, field: string, rules: readonly TranslatedRule[]): void {
  rules.forEach((earlier, i) => {
    for (const later of rules.slice(i + 1)) {
      // A request either takes where both go alike is served alike.
      if (earlier.rule !== undefined && later.rule !== undefined && sameAction(earlier.rule, later.rule)) continue;
      // A 404 is an HTTPRoute's answer to what no rule matches: any later rule that matches its requests takes them.
      const sink = earlier.rule === undefined && later.rule !== undefined;
      const taken = earlier.matches.some((a) => later.matches.some((b) => mayOverlap(a, b) && (sink || compare(precedenceOf(b), precedenceOf(a)) > 0)));
      if (taken && sink) {
        problems.add(field, earlier.name, `answers 404 to requests that route ${later.name} would take in an HTTPRoute, which has no rule that answers 404 (a request no rule matches gets it)`, 'serve the paths of one host so that none is under another\'s (e.g. no service on "/" beside one under a path), or use dialect "istio"');
        return;
      }
      if (taken) {
        problems.add(field, earlier.name, `would lose requests to route ${later.name} in an HTTPRoute: the Gateway API picks the most specific match (exact path, longest path prefix, most header matches, most query matches), not the first`, 'give the rule the same path scope and at least as many header matches as the routes after it (a query-only rule loses to sticky-version cookies), or use dialect "istio"');
        return;
      }
    }
  });
}
