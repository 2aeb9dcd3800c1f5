import { authorize, AuthorizationDecision } from './authorization-policy';
import {
  CheckedDestination, CheckedWorkload, checkDestination, checkHttpRouteBackends, CheckVerdict, dependsOnRoutes, firstMatchingRoute, reachedVerdict, UnknownNameError,
} from './check';
import { csrfDecision, envoyFiltersFor } from './envoy-filter';
import { gatewayPodsOf, GatewayPods, gatewayPolicies, routesAtGateway } from './edge';
import { GatewayConfig, GatewayServer, hostsExposedBy, hostWithoutPort, isHttpServer, serverFor, virtualServicesOf } from './gateway';
import { hostMatches } from './hosts';
import { isWaypoint, KubeGatewayConfig, listenerFor, routesOfListener } from './gateway-api';
import { entriesInPrecedenceOrder, firstMatchingEntry, noBackendReason } from './http-route';
import { Mesh } from './mesh';
import { refName, selects } from './objects';
import { effectiveMtls } from './peer-authentication';
import { MeshRequest, splitPathAndQuery } from './request';
import { JwtToken, JwtVerdict, requestAuthenticationsFor, verifyToken } from './request-authentication';
import { describeHttpRouteEntry, describeRoute, RouteInfo } from './traffic';
import { describeHttpMatch, httpMatchTruth, rewrittenPath, VirtualServiceConfig } from './virtual-service';
import { principalOf, Workload } from './workloads';
import { authorizeAtZtunnel, isAmbientWorkload } from './ztunnel';

/** One request from the internet to a gateway, as given on the command line. */
export interface EdgeCheckRequest {
  /** The gateway: a Gateway `namespace/name`, or the gateway workload `namespace/workload`. */
  readonly via: string;
  /** The Host header as the client sends it: any case, with or without a port. */
  readonly to: string;
  /** Path, with an optional query string. @default '/' */
  readonly path?: string;
  /** @default 'GET' */
  readonly method?: string;
  /** Request headers; names are matched in lower case. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The gateway port the client connects to. @default - 443 when an HTTPS server accepts the host, else 80 */
  readonly port?: number;
  /** The token the request carries; null: none. @default - not known: what depends on it stays open */
  readonly token?: JwtToken | null;
}

/** What happens to one request from the internet: the gateway's server, login, policies and route, then the backend. */
export interface EdgeCheckResult {
  readonly method: string;
  /** The Host header as sent. */
  readonly host: string;
  /** The path as sent, and as Istio normalises it (BASE: `.` and `..` segments resolved) before policies and routes. */
  readonly path: string;
  readonly normalisedPath: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly port: number;
  /** The token in words: `none`, `unknown`, or `issuer ... audience ... subject ...`. */
  readonly token: string;
  /** `namespace/name` of the gateway pods (a workload of the input, or the assumed default gateway). */
  readonly gatewayPods: string;
  /** The gateway pods' mTLS principal: the caller the backends see. */
  readonly gatewayPrincipal: string;
  /** The Gateway and server that accept the request, in words; undefined when none does. */
  readonly server?: string;
  /** JWT verification at the gateway. */
  readonly authentication?: JwtVerdict;
  /** Authorization at the gateway (a request from the internet: no principal, no namespace). */
  readonly authorization?: AuthorizationDecision;
  /** Envoy's CSRF filter at the gateway, when an EnvoyFilter inserts it. */
  readonly csrf?: { readonly filter: string; readonly allowed: boolean; readonly why: string };
  readonly virtualService?: string;
  /** `namespace/name` of the HTTPRoute that routed it, at a Gateway of the Gateway API. */
  readonly httpRoute?: string;
  readonly route?: RouteInfo;
  readonly matchedBy?: string;
  readonly openRoutes: readonly string[];
  /** What the gateway does: `routed`, `no route matches: 404`, `redirect ...`, `direct response ...`, or the step that stops it. */
  readonly outcome: string;
  /** Whether the backends receive the token: only a verified one with forwardOriginalToken (else Envoy removes it). */
  readonly forwardsToken?: boolean;
  readonly destinations: readonly CheckedDestination[];
  readonly notes: readonly string[];
  readonly verdict: CheckVerdict;
}

/** Istio's default path normalisation (BASE): `.` and `..` segments resolved, as RFC 3986 says; `%2F` is not decoded. */
export function normaliseBasePath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/').slice(1)) {
    if (segment === '..') {
      out.pop();
    } else if (segment !== '.') {
      out.push(segment);
    }
  }
  return `/${out.join('/')}`;
}

/** The gateway pods named by `via`, and the Gateways that configure them; throws UnknownNameError listing the known ones. */
function resolveGateway(mesh: Mesh, via: string): { pods: GatewayPods; gateways: GatewayConfig[] } {
  const named = mesh.gateways.find((g) => refName(g) === via || (!via.includes('/') && g.name === via));
  const pods = named !== undefined ? gatewayPodsOf(mesh, named)[0]
    : mesh.gateways.flatMap((g) => gatewayPodsOf(mesh, g)).find((p) => p.workload === via || (!via.includes('/') && p.asWorkload.name === via));
  if (pods === undefined) {
    const known = [...mesh.gateways.map(refName), ...mesh.kubeGateways.filter((g) => !isWaypoint(g)).map(refName), ...new Set(mesh.gateways.flatMap((g) => gatewayPodsOf(mesh, g).flatMap((p) => (p.workload === undefined ? [] : [p.workload]))))];
    const problem = named !== undefined ? `Gateway ${via} selects no workload of the input, and its selector is not Istio's default gateway's` : `no Gateway or gateway workload ${JSON.stringify(via)} in the input`;
    throw new UnknownNameError(`${problem}. Fix: --via takes a Gateway namespace/name or the gateway's namespace/workload. Known: ${known.join(', ') || '(none)'}`);
  }
  // Envoy on the gateway pods serves every Gateway that selects them, whatever namespace it is in.
  const gateways = mesh.gateways.filter((g) => Object.keys(g.selector).length > 0 && selects(g.selector, pods.labels));
  return { pods, gateways };
}

/** The Gateway server that accepts the Host on `port`, among all the Gateways on the pods (exact hosts first). */
function acceptingServer(gateways: readonly GatewayConfig[], authority: string, port: number): { gateway: GatewayConfig; server: GatewayServer } | undefined {
  const found = gateways.flatMap((gateway) => {
    const s = serverFor(gateway, authority, port);
    return s === undefined ? [] : [{ gateway, server: s.server, exact: s.host.host === hostWithoutPort(authority) }];
  });
  return found.find((f) => f.exact) ?? found[0];
}

function defaultPort(gateways: readonly GatewayConfig[], authority: string): number {
  const https = gateways.some((g) => g.servers.some((s) => s.protocol === 'HTTPS' && s.port === 443 && serverFor(g, authority, 443) !== undefined));
  return https ? 443 : 80;
}

/** The VirtualService bound to the Gateway that routes `host` on `server`: exact hosts first, then by name. */
function gatewayVirtualService(mesh: Mesh, gateway: GatewayConfig, server: GatewayServer, host: string): { chosen?: VirtualServiceConfig; ignored: VirtualServiceConfig[] } {
  const candidates = virtualServicesOf(gateway, mesh.virtualServices)
    .filter((vs) => hostsExposedBy(server, gateway, vs).some((h) => hostMatches(h, host)))
    .sort((a, b) => Number(!a.writtenHosts.includes(host)) - Number(!b.writtenHosts.includes(host)));
  return { chosen: candidates[0], ignored: candidates.slice(1) };
}

function describeToken(token: JwtToken | null | undefined): string {
  if (token === undefined) return 'unknown';
  if (token === null) return 'none';
  return `issuer ${token.issuer}, ${token.audience === undefined ? 'no audience' : `audience ${token.audience}`}, subject ${token.subject}`;
}

/**
 * What a backend's proxy does with a request the gateway forwards: JWT verification of the forwarded token (a
 * rejected one: 401), then authorization with the gateway's identity and the request principal. An ambient backend
 * has no proxy: its ztunnel decides at L4 with the gateway's identity, and verifies no token.
 */
function atBackend(mesh: Mesh, pods: GatewayPods, token: JwtToken | null | undefined, workload: Workload, request: MeshRequest): Pick<CheckedWorkload, 'authorization' | 'unauthenticated'> {
  if (isAmbientWorkload(mesh, workload)) {
    return { authorization: authorizeAtZtunnel(mesh, { namespace: pods.namespace, serviceAccount: pods.serviceAccount, principal: pods.principal }, workload, request, 'the gateway\'s identity') };
  }
  if (!workload.hasSidecar) {
    return { authorization: { decision: 'allowed', policy: 'no sidecar', why: 'the workload has no sidecar: Istio enforces nothing there', notes: [] } };
  }
  const authn = verifyToken(token, requestAuthenticationsFor(workload, mesh.requestAuthentications, mesh.options));
  if (authn.kind === 'rejected') {
    return { unauthenticated: authn.why, authorization: { decision: 'denied', policy: 'RequestAuthentication', why: authn.why, notes: [] } };
  }
  const mtls = effectiveMtls(workload, mesh.peerAuthentications, mesh.options);
  const plaintext = mtls.mode === 'DISABLE';
  const requestPrincipal = authn.kind === 'verified' ? authn.requestPrincipal : authn.kind === 'none' ? null : undefined;
  const source = plaintext ? { principal: null, namespace: null, requestPrincipal } : { principal: pods.principal, namespace: pods.namespace, requestPrincipal };
  const decision = authorize(workload, { ...request, source }, mesh.authorizationPolicies, mesh.options);
  const notes = [
    ...(plaintext ? [`mTLS DISABLE (PeerAuthentication ${mtls.by ?? '?'}): the gateway arrives without a principal`] : []),
    ...(authn.kind === 'verified' ? [`token ${authn.why}`] : authn.kind === 'unknown' ? [`token: ${authn.why}`] : []),
  ];
  return { authorization: { ...decision, notes: [...notes, ...decision.notes] } };
}

/** Whether the backends receive the token: only a verified one with forwardOriginalToken (else Envoy removes it). */
function forwardedToken(authentication: JwtVerdict, token: JwtToken | null | undefined, notes: string[]): { forwardsToken?: boolean; forwarded: JwtToken | null | undefined } {
  const jwtRule = authentication.kind === 'verified' ? authentication.rule : undefined;
  const forwardsToken = token === undefined ? undefined : jwtRule === undefined ? token !== null : jwtRule.forwardOriginalToken;
  if (jwtRule !== undefined && !jwtRule.forwardOriginalToken) notes.push('the gateway removes the verified token (no forwardOriginalToken): the backends see no token');
  return { forwardsToken, forwarded: forwardsToken === true ? token : forwardsToken === false ? null : undefined };
}

/** The labels of a namespace: those of its Namespace object in the input, and `kubernetes.io/metadata.name`, which Kubernetes sets on every one. */
function namespaceLabelsOf(mesh: Mesh, namespace: string): Record<string, string> {
  return { ...mesh.namespaceLabels[namespace], 'kubernetes.io/metadata.name': namespace };
}

/** The request as the gateway sees it, and the fields every edge result starts with. */
function edgeRequest(input: EdgeCheckRequest, pods: GatewayPods, defaultPortOf: (authority: string) => number) {
  const method = (input.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers ?? {})) {
    headers[k.toLowerCase()] = v;
  }
  const { path: rawPath, query } = splitPathAndQuery(input.path ?? '/');
  const path = normaliseBasePath(rawPath);
  const authority = input.to;
  const port = input.port ?? defaultPortOf(authority);
  const notes: string[] = [];
  if (pods.assumed !== undefined) notes.push(pods.assumed);
  if (path !== rawPath) notes.push(`the path ${rawPath} is normalised to ${path} (Istio's default, BASE) before policies and routes`);
  const base = {
    method, host: authority, path: input.path ?? '/', normalisedPath: path, headers, port, token: describeToken(input.token),
    gatewayPods: pods.workload ?? `${pods.asWorkload.namespace}/${pods.asWorkload.name}`, gatewayPrincipal: pods.principal, openRoutes: [] as string[], destinations: [], notes,
  };
  return { base, query, authority, host: hostWithoutPort(authority) };
}

type EdgeBase = Omit<EdgeCheckResult, 'outcome' | 'verdict'>;

/**
 * What the gateway pods do before routing, in Envoy's order: JWT verification (a token of a wrong issuer or
 * audience: 401), their AuthorizationPolicies (CUSTOM, DENY, ALLOW), Envoy's CSRF filter. Either the result that
 * stops the request, or what routing needs: the request as the gateway routes it, and the open gateway decision.
 */
function atGatewayPods(mesh: Mesh, pods: GatewayPods, withServer: EdgeBase, token: JwtToken | null | undefined,
  request: { method: string; path: string; query: Record<string, string>; headers: Record<string, string>; authority: string; scheme: string; port: number }):
  EdgeCheckResult | { withCsrf: EdgeBase; gatewayRequest: MeshRequest; gatewayDepends?: CheckVerdict; authentication: JwtVerdict } {
  const { method, headers, authority, port } = request;
  const authentication = verifyToken(token, requestAuthenticationsFor(pods, mesh.requestAuthentications, mesh.options));
  if (authentication.kind === 'rejected') {
    return { ...withServer, authentication, outcome: 'rejected by JWT verification', verdict: { outcome: 'unauthenticated', why: `the gateway answers ${authentication.why}` } };
  }
  const requestPrincipal = authentication.kind === 'verified' ? authentication.requestPrincipal : authentication.kind === 'none' ? null : undefined;
  const gatewayRequest: MeshRequest = { ...request, source: { principal: null, namespace: null, requestPrincipal }, port: pods.podPort(port) };
  const authorization = authorize(pods.asWorkload, gatewayRequest, gatewayPolicies(mesh, pods), mesh.options);
  const withAuthz = { ...withServer, authentication, authorization };
  if (authorization.decision === 'denied') {
    return { ...withAuthz, outcome: 'denied at the gateway', verdict: { outcome: 'denied', why: `the gateway denies it: ${authorization.policy}: ${authorization.why}` } };
  }
  const gatewayDepends: CheckVerdict | undefined = authorization.decision === 'depends'
    ? { outcome: 'depends', why: `at the gateway: ${authorization.why} (${authorization.policy})` } : undefined;

  const csrfFilter = envoyFiltersFor(pods.namespace, pods.labels, mesh.envoyFilters, mesh.options).find((f) => f.csrf !== undefined && f.csrfContext !== 'SIDECAR_INBOUND' && f.csrfContext !== 'SIDECAR_OUTBOUND');
  const csrf = csrfFilter === undefined ? undefined : { filter: `EnvoyFilter ${refName(csrfFilter)}`, ...csrfDecision(csrfFilter.csrf!, method, headers, authority) };
  const withCsrf = { ...withAuthz, csrf };
  if (csrf !== undefined && !csrf.allowed) {
    return { ...withCsrf, outcome: 'refused by the CSRF filter', verdict: gatewayDepends ?? { outcome: 'denied', why: `the gateway's CSRF filter (${csrf.filter}) answers ${csrf.why}` } };
  }
  return { withCsrf, gatewayRequest, gatewayDepends, authentication };
}

/**
 * Follows one request from the internet through a gateway, in Envoy's order: the Gateway server that accepts its
 * Host on the port, JWT verification (a token of a wrong issuer or audience: 401), the gateway's AuthorizationPolicies
 * (CUSTOM, DENY, ALLOW), Envoy's CSRF filter, the gateway-bound route, then, at each backend workload it may reach,
 * JWT verification of the forwarded token and authorization with the gateway's identity as the caller.
 */
export function checkThroughGateway(mesh: Mesh, input: EdgeCheckRequest): EdgeCheckResult {
  const kubeGateway = mesh.kubeGateways.find((g) => !isWaypoint(g) && (refName(g) === input.via || (!input.via.includes('/') && g.name === input.via)));
  if (kubeGateway !== undefined) {
    return checkThroughKubeGateway(mesh, kubeGateway, input);
  }
  const { pods, gateways } = resolveGateway(mesh, input.via);
  const { base, query, authority, host } = edgeRequest(input, pods, (a) => defaultPort(gateways, a));
  const { method, headers, normalisedPath: path, port, notes } = base;

  const accepted = acceptingServer(gateways, authority, port);
  if (accepted === undefined) {
    const outcome = `no server of Gateways ${gateways.map(refName).join(', ') || '(none)'} accepts host ${host} on port ${port}`;
    return { ...base, outcome, verdict: { outcome: 'not-found', why: `${outcome}: the TLS handshake fails (no certificate for the name) or Envoy answers 404` } };
  }
  const { gateway, server } = accepted;
  const serverText = `Gateway ${refName(gateway)} port ${server.port} ${server.protocol} hosts ${server.hosts.map((h) => `${h.namespace}/${h.host}`).join(', ')}${server.tls?.credentialName === undefined ? '' : ` (credential ${server.tls.credentialName})`}`;
  const withServer = { ...base, server: serverText };
  if (!isHttpServer(server)) {
    const outcome = `the server carries ${server.protocol}${server.tls?.mode === undefined ? '' : ` ${server.tls.mode}`}, whose tcp/tls routes are not evaluated`;
    return { ...withServer, outcome, verdict: { outcome: 'not-evaluated', why: outcome } };
  }

  const filtered = atGatewayPods(mesh, pods, withServer, input.token, { method, path, query, headers, authority, scheme: server.protocol === 'HTTP' ? 'http' : 'https', port });
  if ('outcome' in filtered) {
    return filtered;
  }
  const { withCsrf, gatewayRequest, gatewayDepends, authentication } = filtered;
  if (server.tls?.httpsRedirect === true) {
    const outcome = `redirect 301 to https://${host}${input.path ?? '/'}`;
    return { ...withCsrf, outcome, verdict: gatewayDepends ?? { outcome: 'redirect', why: `${serverText} redirects HTTP to HTTPS` } };
  }

  const { chosen: vs, ignored } = gatewayVirtualService(mesh, gateway, server, host);
  if (ignored.length > 0) notes.push(`VirtualServices ${ignored.map(refName).join(', ')} also route ${host} on Gateway ${refName(gateway)}; shown: ${refName(vs!)}`);
  if (vs === undefined) {
    const outcome = `no VirtualService bound to Gateway ${refName(gateway)} routes ${host}: Envoy answers 404`;
    return { ...withCsrf, outcome, verdict: gatewayDepends ?? { outcome: 'not-found', why: outcome } };
  }
  // At gateways, Istio matches `@request.auth.claims.*` headers against the verified token.
  const claims: Record<string, string> = authentication.kind === 'verified' && input.token
    ? { '@request.auth.claims.iss': input.token.issuer, '@request.auth.claims.sub': input.token.subject, ...(input.token.audience === undefined ? {} : { '@request.auth.claims.aud': input.token.audience }) } : {};
  const routeRequest: MeshRequest = { ...gatewayRequest, headers: { ...headers, ...claims }, port };
  const routes = routesAtGateway(vs, gateway);
  const { chosen, openRoutes } = firstMatchingRoute(routes, routeRequest);
  const routeVerdict = gatewayDepends ?? (openRoutes.length === 0 ? undefined : dependsOnRoutes(openRoutes));
  const withVs = { ...withCsrf, virtualService: refName(vs), openRoutes };
  if (chosen === undefined) {
    const outcome = 'no route matches: Envoy answers 404';
    return { ...withVs, outcome, verdict: routeVerdict ?? { outcome: 'not-found', why: outcome } };
  }
  const route = describeRoute(mesh, chosen);
  const entry = chosen.matches.find((m) => httpMatchTruth(m, routeRequest) === true);
  const withRoute = { ...withVs, route, matchedBy: entry === undefined ? 'any request' : describeHttpMatch(entry) };
  if (chosen.directResponse !== undefined) {
    const outcome = `direct response ${chosen.directResponse.status}`;
    return { ...withRoute, outcome, verdict: routeVerdict ?? { outcome: 'direct-response', why: `VirtualService ${refName(vs)} answers it: ${outcome}` } };
  }
  if (chosen.redirect !== undefined) {
    const outcome = `redirect ${route.redirect}`;
    return { ...withRoute, outcome, verdict: routeVerdict ?? { outcome: 'redirect', why: `VirtualService ${refName(vs)} answers it: ${outcome}` } };
  }

  const { forwardsToken, forwarded } = forwardedToken(authentication, input.token, notes);
  const forwardedPath = rewrittenPath(chosen, entry, path) ?? path;
  const backendRequest: MeshRequest = { ...gatewayRequest, path: forwardedPath, authority: chosen.rewrite?.authority ?? authority, scheme: 'http' };
  const caller = { identity: { namespace: pods.namespace, serviceAccount: pods.serviceAccount, principal: pods.principal } };
  const destinations = chosen.destinations.map((d, i) => checkDestination(mesh, caller, d, route.destinations[i].percent, { ...backendRequest, port: d.port }, undefined, false,
    (w, request) => atBackend(mesh, pods, forwarded, w, request)));
  return { ...withRoute, outcome: 'routed', forwardsToken, destinations, verdict: routeVerdict ?? reachedVerdict(destinations, 'service', host) };
}

/**
 * The pods Istio deploys for a Gateway of the Gateway API: the workload of the input labelled
 * `gateway.networking.k8s.io/gateway-name: <name>` in its namespace, else the Deployment `<name>-<class>` Istio
 * creates (service account `<name>-<class>`, its Service's ports arriving on the same pod ports).
 */
export function kubeGatewayPods(mesh: Mesh, gateway: KubeGatewayConfig): GatewayPods {
  const selector = { 'gateway.networking.k8s.io/gateway-name': gateway.name };
  const found = gatewayPodsOf(mesh, { selector }).find((p) => p.namespace === gateway.namespace);
  if (found !== undefined) return found;
  const name = `${gateway.name}-${gateway.gatewayClassName || 'istio'}`;
  const principal = principalOf(mesh.options.trustDomain, gateway.namespace, name);
  const asWorkload: Workload = {
    kind: 'Deployment', namespace: gateway.namespace, name, source: { file: '(assumed)', document: 0, line: 0 }, labels: selector,
    serviceAccount: name, principal, hasSidecar: true, containerPorts: [],
  };
  return {
    namespace: gateway.namespace, labels: selector, serviceAccount: name, principal, asWorkload,
    assumed: `no workload of the input is labelled gateway.networking.k8s.io/gateway-name=${gateway.name}: assumed the Deployment ${gateway.namespace}/${name} Istio creates (service account ${name})`,
    podPort: (port: number) => port,
  };
}

/**
 * Follows one request from the internet through a Gateway of the Gateway API: the listener that accepts its Host
 * on the port, the HTTPRoutes attached to that listener for the host (allowedRoutes, hostnames), the most specific
 * match across them, then each backend with the gateway's identity as the caller. AuthorizationPolicies and
 * RequestAuthentications at the gateway (targetRefs) are not evaluated.
 */
function checkThroughKubeGateway(mesh: Mesh, gateway: KubeGatewayConfig, input: EdgeCheckRequest): EdgeCheckResult {
  const pods = kubeGatewayPods(mesh, gateway);
  const https = (authority: string): boolean => gateway.listeners.some((l) => l.port === 443 && l.protocol === 'HTTPS' && (l.hostname === undefined || hostMatches(l.hostname, hostWithoutPort(authority))));
  const { base, query, authority, host } = edgeRequest(input, pods, (a) => (https(a) ? 443 : 80));
  const { method, headers, normalisedPath: path, port, notes } = base;
  const listener = listenerFor(gateway, host, port);
  if (listener === undefined) {
    const outcome = `no listener of Gateway ${refName(gateway)} accepts host ${host} on port ${port}`;
    return { ...base, outcome, verdict: { outcome: 'not-found', why: `${outcome}: the TLS handshake fails (no certificate for the name) or Envoy answers 404` } };
  }
  const serverText = `Gateway ${refName(gateway)} (class ${gateway.gatewayClassName}) listener ${listener.name} port ${listener.port} ${listener.protocol} hostname ${listener.hostname ?? '(any)'}`;
  const withServer = { ...base, server: serverText };
  if (!['HTTP', 'HTTPS'].includes(listener.protocol) || listener.tlsMode === 'Passthrough') {
    const outcome = `the listener carries ${listener.protocol}${listener.tlsMode === undefined ? '' : ` ${listener.tlsMode}`}, whose routes are not evaluated`;
    return { ...withServer, outcome, verdict: { outcome: 'not-evaluated', why: outcome } };
  }
  const targeting = [...mesh.authorizationPolicies, ...mesh.requestAuthentications].filter((p) => p.hasTargetRefs && p.namespace === gateway.namespace);
  if (targeting.length > 0) {
    notes.push(`policies with targetRefs in namespace ${gateway.namespace} (${targeting.map((p) => `${p.kind} ${refName(p)}`).join(', ')}) are not evaluated at the gateway; those that select its pods are`);
  }
  const filtered = atGatewayPods(mesh, pods, withServer, input.token, { method, path, query, headers, authority, scheme: listener.protocol === 'HTTP' ? 'http' : 'https', port });
  if ('outcome' in filtered) {
    return filtered;
  }
  const { withCsrf, gatewayRequest, gatewayDepends, authentication } = filtered;
  const routes = routesOfListener(gateway, listener, mesh.httpRoutes, host, (namespace) => namespaceLabelsOf(mesh, namespace), notes);
  if (routes.length === 0) {
    const outcome = `no HTTPRoute attached to listener ${listener.name} of Gateway ${refName(gateway)} routes ${host}: Envoy answers 404`;
    return { ...withCsrf, outcome, verdict: gatewayDepends ?? { outcome: 'not-found', why: outcome } };
  }
  const entries = entriesInPrecedenceOrder(routes.map((route) => ({ route })));
  const routeRequest: MeshRequest = { ...gatewayRequest, port };
  const { chosen, openRoutes } = firstMatchingEntry(entries, routeRequest);
  const routeVerdict = gatewayDepends ?? (openRoutes.length === 0 ? undefined : dependsOnRoutes(openRoutes));
  if (chosen === undefined) {
    const outcome = 'no HTTPRoute rule matches: Envoy answers 404';
    return { ...withCsrf, httpRoute: routes.map(refName).join(', '), openRoutes, outcome, verdict: routeVerdict ?? { outcome: 'not-found', why: outcome } };
  }
  const rule = chosen.rule;
  const route = describeHttpRouteEntry(mesh, chosen, entries.indexOf(chosen) + 1);
  const withRoute = { ...withCsrf, httpRoute: refName(chosen.route), route, matchedBy: route.when[0], openRoutes };
  if (route.redirect !== undefined) {
    const outcome = `redirect ${route.redirect}`;
    return { ...withRoute, outcome, verdict: routeVerdict ?? { outcome: 'redirect', why: `HTTPRoute ${refName(chosen.route)} answers it: ${outcome}` } };
  }
  const empty = noBackendReason(rule);
  if (empty !== undefined) {
    const outcome = `direct response 500: ${empty}`;
    return { ...withRoute, outcome, verdict: routeVerdict ?? { outcome: 'direct-response', why: `HTTPRoute ${refName(chosen.route)} answers it: ${outcome}` } };
  }
  const { forwardsToken, forwarded } = forwardedToken(authentication, input.token, notes);
  const caller = { identity: { namespace: pods.namespace, serviceAccount: pods.serviceAccount, principal: pods.principal } };
  // The backend port is the backendRef's (checkDestination takes it from there), not the gateway's.
  const destinations = checkHttpRouteBackends(mesh, caller, chosen, { ...gatewayRequest, scheme: 'http', port: undefined }, notes,
    (w, request) => atBackend(mesh, pods, forwarded, w, request));
  return { ...withRoute, outcome: 'routed', forwardsToken, destinations, verdict: routeVerdict ?? reachedVerdict(destinations, 'service', host) };
}
