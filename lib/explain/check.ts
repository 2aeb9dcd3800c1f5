import { compareText } from '../core/internal';
import { decideAccess, throughWaypoint } from './access';
import { AuthorizationDecision } from './authorization-policy';
import { egressDecision, EgressDecision, outboundContext, OutboundContext } from './egress';
import { isExportedTo, shortHost } from './hosts';
import { applyHeaderChanges, backendShares, firstMatchingEntry, HttpRouteEntry, meshRoutesFor, MeshRoutes, modifiedPath, noBackendReason } from './http-route';
import { Mesh } from './mesh';
import { refName } from './objects';
import { MeshRequest, RequestSource, splitPathAndQuery } from './request';
import { importingEgressHost } from './sidecar';
import { describeHttpRouteEntry, describeRoute, RouteInfo, virtualServiceFor, workloadsOfDestination } from './traffic';
import { isUnknown } from './truth';
import { describeHttpMatch, HttpDestination, httpMatchTruth, HttpRoute, rewrittenPath, routeTruth } from './virtual-service';
import { authorizeAtWaypoint, waypointIdentity, waypointOf } from './waypoint';
import { Identity, identityName, KubeService, principalOf, targetPortOf, Workload } from './workloads';
import { isAmbientPod } from './ztunnel';

/** One request to check, as given on the command line. */
export interface CheckRequest {
  /** The caller: `namespace/workload` (a Deployment or other workload name) or `namespace/sa/name`. */
  readonly from: string;
  /**
   * Pod labels of a caller given as an identity (`namespace/sa/name`), for VirtualService `sourceLabels` and the
   * choice of its Sidecar. @default - unknown
   */
  readonly fromLabels?: Readonly<Record<string, string>>;
  /** The host called: a short Service name (in the caller's namespace), `name.namespace`, or a full host. */
  readonly to: string;
  /** Path, with an optional query string. @default '/' */
  readonly path?: string;
  /** @default 'GET' */
  readonly method?: string;
  /** Request headers; names are matched in lower case. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Service port called. @default - the Service's first port */
  readonly port?: number;
}

/**
 * Thrown when the request names a caller or host that the input does not have. Its message lists the known ones;
 * the CLI exits with code 1.
 */
export class UnknownNameError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'UnknownNameError';
  }
}

/** How one workload behind a destination answers the request. */
export interface CheckedWorkload {
  readonly workload: string;
  /** The path as the workload receives it (after rewrites). */
  readonly path: string;
  readonly port?: number;
  /** Set when the workload's JWT verification rejects the token the request carries (Envoy answers 401), and why. */
  readonly unauthenticated?: string;
  readonly authorization: AuthorizationDecision;
}

/** How a workload reached decides the request it receives (its port, its path after rewrites). */
export type AuthorizeAt = (workload: Workload, request: MeshRequest) => Pick<CheckedWorkload, 'authorization' | 'unauthenticated'>;

/** One destination the request may reach, with its share and the workloads' authorization. */
export interface CheckedDestination {
  readonly host: string;
  readonly subset?: string;
  readonly percent?: number;
  readonly workloads: readonly CheckedWorkload[];
}

/**
 * What a checked request comes to, in one word each: `allowed` (every workload it may reach lets it in, or it leaves
 * the mesh), `denied` (every one denies it), `blocked` (the caller's sidecar does not let it out), `not-found` (no
 * route matches: 404), `redirect` and `direct-response` (the route answers instead of a workload), `depends` (the
 * answer depends on what the request does not say, or on the version or workload it reaches), `not-evaluated`
 * (tcp/tls routes, or no workload of the input behind the host), `unauthenticated` (a RequestAuthentication rejects
 * the request's token: 401). `check` prints it; `check --expect` takes it.
 */
export const CHECK_OUTCOMES = ['allowed', 'denied', 'blocked', 'not-found', 'redirect', 'direct-response', 'depends', 'not-evaluated', 'unauthenticated'] as const;

/** One of CHECK_OUTCOMES. */
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

/** What a checked request comes to, and why, in words. */
export interface CheckVerdict {
  readonly outcome: CheckOutcome;
  readonly why: string;
}

/** What happens to one request: where it is sent and whether it is let in. */
export interface CheckResult {
  readonly caller: string;
  readonly principal: string | null;
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** `service` for a Service of the input; `external` otherwise. */
  readonly target: 'service' | 'external';
  /** Whether the caller's sidecar lets the request out, and why. */
  readonly egress: { readonly decision: EgressDecision | 'passthrough'; readonly why: string };
  readonly virtualService?: string;
  /**
   * `namespace/name` of the HTTPRoute whose rule routed the request (GAMMA), or, when none matched, of the HTTPRoutes
   * tried; then `route.position` is the match's place in precedence order across them.
   */
  readonly httpRoute?: string;
  /** The route taken, in words; undefined when there is no VirtualService or no route matched. */
  readonly route?: RouteInfo;
  /** The match entry that selected the route. */
  readonly matchedBy?: string;
  /** Earlier routes that might match, depending on what the request does not say (e.g. caller labels). */
  readonly openRoutes: readonly string[];
  /** What the route does: `routed`, `no VirtualService`, `no route matches: 404`, `direct response 503`, `redirect ...`, `blocked`. */
  readonly outcome: string;
  readonly destinations: readonly CheckedDestination[];
  readonly notes: readonly string[];
  /** What the request comes to, over every version and workload it may reach. */
  readonly verdict: CheckVerdict;
}

interface Caller {
  readonly name: string;
  readonly identity: Identity;
  readonly workload?: Workload;
  /** Pod labels: the workload's, or those given for an identity; undefined when unknown. */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * Finds the caller named by `from` (with `labels` for an identity); throws UnknownNameError listing the known
 * workloads and identities.
 */
export function resolveCaller(mesh: Mesh, from: string, labels?: Readonly<Record<string, string>>): Caller {
  const parts = from.split('/');
  if (parts.length === 3 && parts[1] === 'sa') {
    const [namespace, , serviceAccount] = parts;
    const identity = { namespace, serviceAccount, principal: principalOf(mesh.options.trustDomain, namespace, serviceAccount) };
    return { name: identityName(identity), identity, labels };
  }
  const matches = parts.length === 2
    ? mesh.workloads.filter((w) => w.namespace === parts[0] && w.name === parts[1])
    : parts.length === 1 ? mesh.workloads.filter((w) => w.name === parts[0]) : [];
  if (matches.length !== 1) {
    const known = mesh.workloads.map(refName);
    const identities = mesh.identities.map(identityName);
    const problem = matches.length > 1 ? `${JSON.stringify(from)} names several workloads` : `no workload ${JSON.stringify(from)} in the input`;
    throw new UnknownNameError(`${problem}. Fix: --from takes namespace/workload or namespace/sa/name. Known workloads: ${known.join(', ') || '(none)'}. Known identities: ${identities.join(', ') || '(none)'}`);
  }
  const w = matches[0];
  return { name: refName(w), identity: { namespace: w.namespace, serviceAccount: w.serviceAccount, principal: w.principal }, workload: w, labels: w.labels };
}

/** Resolves `to` as a caller in `namespace` would: a short name in its namespace, `name.namespace`, or a full host. */
export function resolveHost(mesh: Mesh, to: string, namespace: string): { host: string; service?: KubeService } {
  const lower = to.toLowerCase().replace(/:\d+$/, '');
  const domain = `svc.${mesh.options.clusterDomain}`;
  const candidates = lower.includes('.') ? [lower, `${lower}.${domain}`, `${lower}.${mesh.options.clusterDomain}`] : [`${lower}.${namespace}.${domain}`];
  for (const host of candidates) {
    const service = mesh.services.find((s) => s.host === host);
    if (service !== undefined) {
      return { host, service };
    }
  }
  if (!lower.includes('.')) {
    const vsHost = candidates[0];
    if (mesh.virtualServices.some((vs) => vs.hosts.includes(vsHost))) {
      return { host: vsHost };
    }
    const known = mesh.services.map((s) => shortHost(s.host, mesh.options.clusterDomain));
    throw new UnknownNameError(`no Service ${JSON.stringify(to)} in namespace ${namespace} of the input. Fix: --to takes a Service name, name.namespace or a full host. Known Services: ${known.join(', ') || '(none)'}`);
  }
  return { host: lower };
}

function serviceVisibility(namespace: string, ctx: OutboundContext, service: KubeService): { visible: boolean; why: string } {
  if (!isExportedTo(service.exportTo, service.namespace, namespace)) {
    return { visible: false, why: `Service ${refName(service)} is exported only to ${service.exportTo.join(', ')}` };
  }
  const egressHosts = ctx.sidecar?.egressHosts;
  if (egressHosts === undefined) {
    return { visible: true, why: ctx.sidecar === undefined ? 'no Sidecar: every exported host is visible' : `Sidecar ${refName(ctx.sidecar)} has no egress list` };
  }
  const by = importingEgressHost(egressHosts, namespace, service.namespace, service.host);
  return by === undefined
    ? { visible: false, why: `not in Sidecar ${refName(ctx.sidecar!)} egress hosts [${egressHosts.join(', ')}]` }
    : { visible: true, why: `Sidecar ${refName(ctx.sidecar!)} egress host ${JSON.stringify(by)}` };
}

/** How the caller's pods are in the mesh: ambient (ztunnel), with a sidecar, or not at all. */
function dataplaneOf(mesh: Mesh, caller: Caller): 'ambient' | 'sidecar' | 'none' {
  if (isAmbientPod(mesh, caller.identity.namespace, caller.labels)) return 'ambient';
  return caller.workload !== undefined && !caller.workload.hasSidecar ? 'none' : 'sidecar';
}

/**
 * Whether the caller's sidecar lets a request to `host` out: external hosts by the egress rules, in-mesh Services
 * by their visibility (exportTo, Sidecar egress hosts). A Service the Sidecar does not import is blocked under
 * REGISTRY_ONLY and passed through as plain TCP (no routing, no mTLS) under ALLOW_ANY. An ambient caller has no
 * sidecar, and ztunnel applies neither Sidecar nor outboundTrafficPolicy: it lets every request out.
 */
function checkEgress(mesh: Mesh, caller: Caller, ctx: OutboundContext, host: string, service: KubeService | undefined, port: number | undefined): { egress: CheckResult['egress']; plaintext: boolean } {
  const dataplane = dataplaneOf(mesh, caller);
  if (dataplane === 'ambient') {
    return { egress: { decision: 'allowed', why: 'the caller is in ambient mode: ztunnel carries its requests and applies no Sidecar egress scoping and no outboundTrafficPolicy' }, plaintext: false };
  }
  if (dataplane === 'none') {
    return { egress: { decision: 'allowed', why: 'the caller has no sidecar: Istio controls nothing on its way out' }, plaintext: true };
  }
  if (service === undefined) {
    // An external host is decided on the port called, when the request names one (its ServiceEntry must declare it).
    return { egress: egressDecision(mesh, caller.identity.namespace, ctx, host, port), plaintext: false };
  }
  const visibility = serviceVisibility(caller.identity.namespace, ctx, service);
  if (visibility.visible) {
    return { egress: { decision: 'allowed', why: `visible: ${visibility.why}` }, plaintext: false };
  }
  if (ctx.mode === 'REGISTRY_ONLY') {
    return { egress: { decision: 'blocked', why: `REGISTRY_ONLY (${ctx.modeFrom}): ${visibility.why}` }, plaintext: false };
  }
  const why = `ALLOW_ANY (${ctx.modeFrom}): ${visibility.why}, so the request passes through as plain TCP: no VirtualService, no mTLS`;
  return { egress: { decision: 'passthrough', why }, plaintext: true };
}

/** The first route whose match is true (Istio's order), and the earlier routes whose match is open. */
export function firstMatchingRoute(routes: readonly HttpRoute[], request: MeshRequest): { chosen?: HttpRoute; openRoutes: string[] } {
  const openRoutes: string[] = [];
  for (const route of routes) {
    const t = routeTruth(route, request);
    if (t === true) {
      return { chosen: route, openRoutes };
    }
    if (isUnknown(t)) {
      openRoutes.push(`#${route.position}${route.name === undefined ? '' : ` ${route.name}`} when ${t.when}`);
    }
  }
  return { openRoutes };
}

/**
 * What happens to one request: its route and version, then the authorization of each workload it may reach: at its
 * Service's waypoint first (with the caller's identity), then at the workload with the waypoint's identity, in
 * ambient mode; an ambient workload's ztunnel decides at L4 only.
 */
export function checkRequest(mesh: Mesh, input: CheckRequest): CheckResult {
  const direct = checkAtSidecars(mesh, input);
  const caller = resolveCaller(mesh, input.from, input.fromLabels);
  const { service } = resolveHost(mesh, input.to, caller.identity.namespace);
  // A caller outside the mesh, or a request passed through as plain TCP, is not captured: it reaches the pods directly.
  const captured = dataplaneOf(mesh, caller) !== 'none' && direct.egress.decision !== 'passthrough';
  const use = service === undefined || !captured || direct.destinations.length === 0 ? undefined : waypointOf(mesh, service);
  if (use === undefined) {
    return direct;
  }
  const { path, query } = splitPathAndQuery(input.path ?? '/');
  const request: MeshRequest = {
    source: { principal: caller.identity.principal, namespace: caller.identity.namespace }, method: direct.method, path, query, headers: direct.headers, port: input.port ?? service!.ports[0]?.port,
  };
  const atWaypoint = authorizeAtWaypoint(mesh, use, service!, request);
  const waypoint = waypointIdentity(mesh, use);
  const result = checkAtSidecars(mesh, input, (w, inbound) => ({
    authorization: throughWaypoint(use, caller.identity, atWaypoint, decideAccess(mesh, waypoint, w, inbound, 'the waypoint\'s identity')),
  }));
  const notes = [
    `${use.labelledOn} sends its traffic through waypoint ${use.waypoint}${use.gateway === undefined ? ', which the input does not have (a Gateway of class istio-waypoint)' : ''}: AuthorizationPolicies that target it decide first, with the caller's identity`,
    `waypoint ${use.waypoint} connects to the pods as ${identityName(waypoint)} (${waypoint.principal}): their own policies see that identity, not the caller's`,
  ];
  return { ...result, notes: [...result.notes, ...notes] };
}

/**
 * The request as the caller's proxy routes it, each workload reached deciding by `authorizeAt` (default: with the
 * caller's identity, as checkDestination does).
 */
function checkAtSidecars(mesh: Mesh, input: CheckRequest, authorizeAt?: AuthorizeAt): CheckResult {
  const caller = resolveCaller(mesh, input.from, input.fromLabels);
  const { host, service } = resolveHost(mesh, input.to, caller.identity.namespace);
  const { path, query } = splitPathAndQuery(input.path ?? '/');
  const method = (input.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers ?? {})) {
    headers[k.toLowerCase()] = v;
  }
  const ctx = outboundContext(mesh, caller.identity.namespace, caller.labels);
  const notes: string[] = [];
  if (caller.labels === undefined) {
    notes.push('caller given as an identity without --from-label: its pod labels are unknown, so routes matching caller labels stay open and only its namespace\'s Sidecar is considered');
  }
  if (dataplaneOf(mesh, caller) === 'ambient') {
    notes.push(`caller ${caller.name} is in ambient mode: it has no sidecar, so no Sidecar resource or outboundTrafficPolicy applies to its requests`);
  } else if (ctx.conflicting.length > 0) {
    notes.push(`Sidecars ${ctx.conflicting.map(refName).join(', ')} also select the caller; Istio uses the oldest, shown: ${refName(ctx.sidecar!)}`);
  }
  const base = {
    caller: caller.name,
    principal: caller.identity.principal,
    method,
    host,
    path: input.path ?? '/',
    headers,
    target: service === undefined ? 'external' as const : 'service' as const,
  };
  const servicePort = input.port ?? service?.ports[0]?.port;
  const source: RequestSource = { principal: caller.identity.principal, namespace: caller.identity.namespace, labels: caller.labels };
  const request: MeshRequest = { source, method, path, query, headers, authority: input.to, scheme: 'http', port: servicePort };

  const { egress, plaintext } = checkEgress(mesh, caller, ctx, host, service, input.port);
  if (egress.decision === 'blocked') {
    const verdict: CheckVerdict = { outcome: 'blocked', why: 'the caller\'s sidecar does not let it out' };
    return { ...base, egress, openRoutes: [], outcome: 'blocked', destinations: [], notes, verdict };
  }

  const vs = plaintext ? undefined : virtualServiceFor(mesh, host, caller.identity.namespace).chosen;
  const meshRoutes = plaintext || service === undefined ? undefined : meshRoutesFor(mesh.httpRoutes, service, caller.identity.namespace);
  if (meshRoutes !== undefined) {
    if (vs !== undefined) {
      notes.push(`VirtualService ${refName(vs)} also routes ${host}: Istio's precedence between it and HTTPRoutes is undefined; followed: the HTTPRoutes`);
    }
    return checkByHttpRoutes(mesh, caller, meshRoutes, request, { ...base, egress, notes }, authorizeAt);
  }
  if (vs === undefined) {
    const destinations = service === undefined ? [] : [checkDestination(mesh, caller, { host }, undefined, request, service, plaintext, authorizeAt)];
    const outcome = plaintext ? 'passthrough: no VirtualService applies' : 'no VirtualService';
    return { ...base, egress, openRoutes: [], outcome, destinations, notes, verdict: reachedVerdict(destinations, base.target, host) };
  }
  if (vs.http.length === 0) {
    const outcome = 'the VirtualService has only tcp/tls routes, which are not evaluated';
    return { ...base, egress, virtualService: refName(vs), openRoutes: [], outcome, destinations: [], notes, verdict: { outcome: 'not-evaluated', why: outcome } };
  }
  const { chosen, openRoutes } = firstMatchingRoute(vs.http, request);
  const openVerdict = openRoutes.length === 0 ? undefined : dependsOnRoutes(openRoutes);
  if (chosen === undefined) {
    const outcome = 'no route matches: Envoy answers 404';
    const verdict = openVerdict ?? { outcome: 'not-found', why: outcome };
    return { ...base, egress, virtualService: refName(vs), openRoutes, outcome, destinations: [], notes, verdict };
  }
  const route = describeRoute(mesh, chosen, caller.identity.namespace);
  const entry = chosen.matches.find((m) => httpMatchTruth(m, request) === true);
  const matchedBy = entry === undefined ? 'any request' : describeHttpMatch(entry);
  const common = { ...base, egress, virtualService: refName(vs), route, matchedBy, openRoutes, notes };
  if (chosen.directResponse !== undefined) {
    const outcome = `direct response ${chosen.directResponse.status}`;
    return { ...common, outcome, destinations: [], verdict: openVerdict ?? { outcome: 'direct-response', why: `VirtualService ${refName(vs)} answers it: ${outcome}` } };
  }
  if (chosen.redirect !== undefined) {
    const outcome = `redirect ${route.redirect}`;
    return { ...common, outcome, destinations: [], verdict: openVerdict ?? { outcome: 'redirect', why: `VirtualService ${refName(vs)} answers it: ${outcome}` } };
  }
  const forwarded = rewrittenPath(chosen, entry, path) ?? path;
  const authority = chosen.rewrite?.authority ?? input.to;
  const destinations = chosen.destinations.map((d, i) => checkDestination(mesh, caller, d, route.destinations[i].percent, { ...request, path: forwarded, authority }, undefined, false, authorizeAt));
  return { ...common, outcome: 'routed', destinations, verdict: openVerdict ?? reachedVerdict(destinations, base.target, host) };
}

/**
 * A request routed by HTTPRoutes (GAMMA): the most specific match across the routes wins; the rule then redirects,
 * answers 500 (no backend to send to), or splits the request by backend weight, with its rewrite and request header
 * changes applied to what each backend receives.
 */
function checkByHttpRoutes(mesh: Mesh, caller: Caller, routes: MeshRoutes, request: MeshRequest,
  base: Omit<CheckResult, 'openRoutes' | 'outcome' | 'destinations' | 'verdict'>, authorizeAt?: AuthorizeAt): CheckResult {
  const notes = [...base.notes];
  if (routes.kind === 'consumer') {
    notes.push(`consumer HTTPRoutes of namespace ${caller.identity.namespace} (${routes.routes.map(refName).join(', ')}) route the caller's requests instead of the Service's own`);
  }
  const { chosen, openRoutes } = firstMatchingEntry(routes.entries, request);
  const openVerdict = openRoutes.length === 0 ? undefined : dependsOnRoutes(openRoutes);
  if (chosen === undefined) {
    const outcome = 'no HTTPRoute rule matches: Envoy answers 404';
    return { ...base, notes, httpRoute: routes.routes.map(refName).join(', '), openRoutes, outcome, destinations: [], verdict: openVerdict ?? { outcome: 'not-found', why: outcome } };
  }
  const rule = chosen.rule;
  const route = describeHttpRouteEntry(mesh, chosen, routes.entries.indexOf(chosen) + 1);
  const common = { ...base, notes, httpRoute: refName(chosen.route), route, matchedBy: route.when[0], openRoutes };
  if (route.redirect !== undefined) {
    const outcome = `redirect ${route.redirect}`;
    return { ...common, outcome, destinations: [], verdict: openVerdict ?? { outcome: 'redirect', why: `HTTPRoute ${refName(chosen.route)} answers it: ${outcome}` } };
  }
  const empty = noBackendReason(rule);
  if (empty !== undefined) {
    const outcome = `direct response 500: ${empty}`;
    return { ...common, outcome, destinations: [], verdict: openVerdict ?? { outcome: 'direct-response', why: `HTTPRoute ${refName(chosen.route)} answers it: ${outcome}` } };
  }
  const destinations = checkHttpRouteBackends(mesh, caller, chosen, request, notes, authorizeAt);
  return { ...common, outcome: 'routed', destinations, verdict: openVerdict ?? reachedVerdict(destinations, base.target, base.host) };
}

/**
 * Where the rule of `entry` sends `request`: each backend with its share, and what its workloads receive (the
 * URLRewrite path and hostname, the rule's and the backend's request header changes) and decide, by `authorizeAt`
 * as checkDestination does. Backends of other kinds than Service reach no workload of the input.
 */
export function checkHttpRouteBackends(mesh: Mesh, caller: { readonly identity: Identity }, entry: HttpRouteEntry, request: MeshRequest, notes: string[],
  authorizeAt?: AuthorizeAt): CheckedDestination[] {
  const rule = entry.rule;
  const path = request.path ?? '/';
  const rewritten = rule.rewrite?.path === undefined ? path : modifiedPath(rule.rewrite.path, entry.match, path);
  if (rewritten === undefined) {
    notes.push(`HTTPRoute ${refName(entry.route)} rule ${rule.position} uses ReplacePrefixMatch on a match that is not a PathPrefix: Istio does not accept the route; the path is shown unchanged`);
  }
  const forwarded: MeshRequest = {
    ...request,
    path: rewritten ?? path,
    authority: rule.rewrite?.hostname ?? request.authority,
    headers: applyHeaderChanges(request.headers ?? {}, rule.requestHeaders),
  };
  const shares = backendShares(rule.backends);
  return rule.backends.map((b, i): CheckedDestination => (b.kind !== 'Service'
    ? { host: `${b.kind} ${b.namespace}/${b.name}`, percent: shares[i], workloads: [] }
    : checkDestination(mesh, caller, { host: b.host, port: b.port }, shares[i], { ...forwarded, headers: applyHeaderChanges(forwarded.headers ?? {}, b.requestHeaders) }, undefined, false, authorizeAt)));
}

/** The verdict when earlier routes might win, depending on what the request does not say. */
export function dependsOnRoutes(openRoutes: readonly string[]): CheckVerdict {
  return { outcome: 'depends', why: `the route depends on what the request does not say: ${openRoutes.map((r) => `earlier route ${r} would win`).join('; ')}` };
}

/**
 * The verdict of a request sent to `destinations`: the outcome at every workload it may reach when they all agree,
 * else depends. An external host whose destinations hold no workload of the input is left to the world outside the
 * mesh; a Service without workloads is decided by nothing of the input.
 */
export function reachedVerdict(destinations: readonly CheckedDestination[], target: CheckResult['target'], host: string): CheckVerdict {
  if (target === 'external' && destinations.every((d) => d.workloads.length === 0)) {
    const hosts = destinations.length === 0 ? [host] : [...new Set(destinations.map((d) => d.host))];
    return { outcome: 'allowed', why: `it leaves the mesh to ${hosts.join(', ')}` };
  }
  const reached = destinations.filter((d) => d.percent !== 0).flatMap((d): { at: string; outcome: CheckOutcome; why: string }[] => (d.workloads.length === 0
    ? [{ at: `${d.host}${d.subset === undefined ? '' : ` subset ${d.subset}`}`, outcome: 'not-evaluated', why: 'no workload of the input' }]
    : d.workloads.map((w) => ({ at: w.workload, outcome: w.unauthenticated === undefined ? w.authorization.decision : 'unauthenticated' as const, why: w.unauthenticated ?? w.authorization.why }))));
  const outcomes = [...new Set(reached.map((r) => r.outcome))];
  const at = reached.map((r) => r.at).join(', ');
  const one = reached.length === 1;
  if (outcomes.length !== 1) {
    return outcomes.length === 0
      ? { outcome: 'not-evaluated', why: 'the route sends it to no destination' }
      : { outcome: 'depends', why: `it depends on the version or workload it reaches: ${reached.map((r) => `${r.outcome === 'denied' ? 'DENIED' : r.outcome} at ${r.at}`).join(', ')}` };
  }
  switch (outcomes[0]) {
    case 'allowed':
      return { outcome: 'allowed', why: `${at} ${one ? 'lets' : 'let'} it in` };
    case 'denied':
      return { outcome: 'denied', why: `${at} ${one ? 'denies' : 'deny'} it` };
    case 'depends':
      return { outcome: 'depends', why: reached.map((r) => `at ${r.at}: ${r.why}`).join('; ') };
    case 'unauthenticated':
      return { outcome: 'unauthenticated', why: `${at} ${one ? 'rejects' : 'reject'} the token (401): ${reached[0].why}` };
    default:
      return { outcome: 'not-evaluated', why: `no workload of the input behind ${at}, so no policy decides` };
  }
}

/**
 * How one destination answers the request: its workloads (narrowed to the subset), each with the port it receives
 * the request on and its authorization, decided by `authorizeAt` (default: the caller's identity, or none when
 * `plaintext`).
 */
export function checkDestination(mesh: Mesh, caller: { readonly identity: Identity }, destination: Pick<HttpDestination, 'host' | 'subset' | 'port'>, percent: number | undefined,
  request: MeshRequest, service: KubeService | undefined, plaintext: boolean, authorizeAt?: AuthorizeAt): CheckedDestination {
  const svc = service ?? mesh.services.find((s) => s.host === destination.host);
  const names = workloadsOfDestination(mesh, destination, caller.identity.namespace);
  const port = svc?.ports.find((p) => p.port === (destination.port ?? request.port)) ?? svc?.ports[0];
  const workloads = mesh.workloads.filter((w) => names.includes(refName(w))).map((w): CheckedWorkload => {
    const targetPort = port === undefined ? undefined : targetPortOf(port, w);
    const inbound = { ...request, port: targetPort };
    return {
      workload: refName(w),
      path: request.path ?? '/',
      port: targetPort,
      ...(authorizeAt === undefined ? { authorization: decideAccess(mesh, plaintext ? undefined : caller.identity, w, inbound) } : authorizeAt(w, inbound)),
    };
  }).sort((a, b) => compareText(a.workload, b.workload));
  return { host: shortHost(destination.host, mesh.options.clusterDomain), subset: destination.subset, percent, workloads };
}
