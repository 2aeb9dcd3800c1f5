import {
  durationProblem, fqdnProblem, headerMatchNameProblem, headerNameProblem, headerOperationNameProblem, headerSetNameProblem,
  headerValueProblem, hostsOverlap, hostSubsetOf, ipSubnetProblem, isDNS1123Label, isIPAddress, isJwtClaimRoute, isKnownProtocol,
  labelsProblem, namespaceSlashHostProblems, parseGoDuration, portProblem, protocolKind, regexProblem, wildcardDomainProblem,
} from './istiod-formats';
import { Finding, formatFinding } from './finding';

type Obj = Record<string, any>;

// The checks of istiod's validating webhook (istio/istio pkg/config/validation: validation.go, virtualservice.go and
// agent/validation.go, read from recent source, as Istio 1.30 has them) for the kinds below, each under the Go
// function it mirrors. None is stricter than istiod; what istiod only warns about is left out.

const VS = 'istiod ValidateVirtualService (pkg/config/validation/validation.go)';
const ROUTE_CONFLICT = 'istiod validateHTTPRouteConflict (pkg/config/validation/virtualservice.go)';
const MATCH = 'istiod validateHTTPRouteMatchRequest (pkg/config/validation/virtualservice.go)';
const HEADERS = 'istiod validateHTTPRoute header manipulation (pkg/config/validation/virtualservice.go)';
const DESTINATIONS = 'istiod validateHTTPRouteDestinations, validateRouteDestinations (pkg/config/validation/validation.go)';
const DESTINATION = 'istiod validateDestination (pkg/config/validation/validation.go)';
const DURATION = 'istiod agent.ValidateDuration (pkg/config/validation/agent/validation.go)';
const STRING_MATCH = 'istiod validateStringMatch, validateStringRegexp (pkg/config/validation/validation.go)';
const HTTP_ROUTE = 'istiod validateHTTPRoute (pkg/config/validation/virtualservice.go)';
const TLS_ROUTE = 'istiod validateTLSRoute, validateSniHost (pkg/config/validation/validation.go)';
const TCP_ROUTE = 'istiod validateTCPRoute (pkg/config/validation/validation.go)';
const EXPORT_TO = 'istiod validateExportTo (pkg/config/validation/validation.go)';
const GATEWAY_NAMES = 'istiod validateGatewayNames (pkg/config/validation/validation.go)';
const SE = 'istiod ValidateServiceEntry (pkg/config/validation/validation.go)';
const DR = 'istiod ValidateDestinationRule, validateTrafficPolicy (pkg/config/validation/validation.go)';
const LOCALITY = 'istiod agent.ValidateLocalityLbSetting, validateLocalities (pkg/config/validation/agent/validation.go)';
const SIDECAR = 'istiod ValidateSidecar (pkg/config/validation/validation.go)';
const GATEWAY = 'istiod ValidateGateway, validateServer, validateTLSOptions (pkg/config/validation/validation.go)';
const AUTHZ = 'istiod ValidateAuthorizationPolicy (pkg/config/validation/validation.go)';
const PEER_AUTHN = 'istiod ValidatePeerAuthentication (pkg/config/validation/validation.go)';

const DURATION_FIX = 'write a duration of at least 1ms in whole milliseconds, e.g. "250ms" or "1.5s"';
const HOST_FIX = 'write a DNS name such as "reviews.shop.svc.cluster.local", optionally with a wildcard first label ("*.example.com")';

/** Collects the findings on one object. */
class Findings {
  public readonly all: Finding[] = [];

  public add(rule: string, field: string, problem: string | undefined, fix: string): void {
    if (problem !== undefined) this.all.push({ rule, field, problem, fix });
  }
}

const list = (value: unknown): any[] => (Array.isArray(value) ? value : []);
const entries = (value: unknown): [string, any][] => (typeof value === 'object' && value !== null ? Object.entries(value) : []);

/** Every reason istiod's validating webhook would reject `object`; empty when it would accept it. */
export function istiodFindings(object: Obj): Finding[] {
  const f = new Findings();
  // Only Istio's kinds: a Gateway of the Kubernetes Gateway API is no concern of ValidateGateway.
  if (!/^(networking|security)\.istio\.io\//.test(String(object?.apiVersion))) return f.all;
  const spec: Obj = object?.spec ?? {};
  switch (object?.kind) {
    case 'VirtualService': checkVirtualService(f, spec, object); break;
    case 'DestinationRule': checkDestinationRule(f, spec, object); break;
    case 'ServiceEntry': checkServiceEntry(f, spec, object); break;
    case 'Sidecar': checkSidecar(f, spec); break;
    case 'Gateway': checkGateway(f, spec, object); break;
    case 'AuthorizationPolicy': checkAuthorizationPolicy(f, spec); break;
    case 'PeerAuthentication': checkPeerAuthentication(f, spec); break;
    default: break;
  }
  return f.all;
}

/** The findings as lines, e.g. `istiod: /spec/http/0/timeout: only durations to ms precision are supported`. */
export function istiodProblems(object: Obj): string[] {
  return istiodFindings(object).map(formatFinding);
}

function checkVirtualService(f: Findings, spec: Obj, object: Obj): void {
  const hosts: string[] = list(spec.hosts);
  const gateways: string[] = list(spec.gateways);
  const delegate = hosts.length === 0;
  if (delegate) {
    // A VirtualService without hosts is a delegate, which istiod accepts with these limits.
    if (gateways.length > 0) f.add(VS, '/spec/gateways', 'delegate virtual service must have no gateways specified', 'leave out gateways, or give the VirtualService hosts');
    if (list(spec.tls).length > 0) f.add(VS, '/spec/tls', 'delegate virtual service must have no tls route specified', 'leave out tls routes, or give the VirtualService hosts');
    if (list(spec.tcp).length > 0) f.add(VS, '/spec/tcp', 'delegate virtual service must have no tcp route specified', 'leave out tcp routes, or give the VirtualService hosts');
  }
  const appliesToGateway = gateways.length > 0 && !gateways.includes('mesh');
  gateways.forEach((g, i) => gatewayNameProblems(g).forEach((p) => f.add(GATEWAY_NAMES, `/spec/gateways/${i}`, p, 'name a gateway as "namespace/name", or "mesh"')));
  if (!appliesToGateway) {
    list(spec.http).forEach((route, i) => list(route?.match).forEach((m, j) => {
      for (const key of [...Object.keys(m?.headers ?? {}), ...Object.keys(m?.withoutHeaders ?? {})]) {
        if (isJwtClaimRoute(key)) f.add(VS, `/spec/http/${i}/match/${j}`, `JWT claim based routing (key: ${key}) is only supported for gateway, found no gateways: [${gateways.join(' ')}]`, 'bind the VirtualService to an ingress gateway, or match on a header');
      }
    }));
  }
  let allHostsValid = true;
  hosts.forEach((host, i) => {
    const problem = appliesToGateway && /^outbound_/.test(host) ? undefined : wildcardDomainProblem(host);
    if (problem !== undefined) {
      if (!isIPAddress(host)) {
        f.add(VS, `/spec/hosts/${i}`, problem, HOST_FIX);
        allHostsValid = false;
      }
    } else if (!appliesToGateway && host === '*') {
      f.add(VS, `/spec/hosts/${i}`, 'wildcard host * is not allowed for virtual services bound to the mesh gateway', 'name the hosts the VirtualService routes for');
      allHostsValid = false;
    }
  });
  if (allHostsValid) {
    for (let i = 0; i < hosts.length; i++) {
      for (let j = i + 1; j < hosts.length; j++) {
        if (hostsOverlap(hosts[i], hosts[j])) f.add(VS, `/spec/hosts/${j}`, `duplicate hosts in virtual service: ${hosts[i]} & ${hosts[j]}`, 'list each host once, and no host a wildcard host already covers');
      }
    }
  }
  if (list(spec.http).length === 0 && list(spec.tcp).length === 0 && list(spec.tls).length === 0) {
    f.add(VS, '/spec', 'http, tcp or tls must be provided in virtual service', 'give the VirtualService at least one route');
  }
  list(spec.http).forEach((route, i) => checkHTTPRoute(f, route, `/spec/http/${i}`, delegate));
  // validateSniHost reads hosts as gateway-bound unless the gateways include "mesh" (isGateway), none listed included.
  list(spec.tls).forEach((route, i) => checkTLSRoute(f, route, `/spec/tls/${i}`, hosts, !gateways.includes('mesh')));
  list(spec.tcp).forEach((route, i) => {
    const at = `/spec/tcp/${i}`;
    list(route?.match).forEach((m, j) => checkL4Match(f, m, `${at}/match/${j}`, TCP_ROUTE));
    if (list(route?.route).length === 0) f.add(TCP_ROUTE, at, 'TCP route is required', 'give the TCP route a destination');
    checkDestinations(f, list(route?.route), `${at}/route`);
  });
  checkExportTo(f, object, false);
}

function checkHTTPRoute(f: Findings, route: Obj, at: string, inDelegate: boolean): void {
  if (route === null || typeof route !== 'object') {
    f.add(VS, at, 'http route may not be null', 'remove the empty route');
    return;
  }
  // validateHTTPRouteConflict: a root route (with a delegate) only delegates; any other route has one action.
  if (!inDelegate && route.delegate !== undefined) {
    if (route.redirect !== undefined) f.add(ROUTE_CONFLICT, `${at}/redirect`, `root HTTP route ${route.name ?? ''} must not specify redirect`, 'leave the redirect to the delegate');
    if (route.route !== undefined) f.add(ROUTE_CONFLICT, `${at}/route`, `root HTTP route ${route.name ?? ''} must not specify route`, 'leave the destinations to the delegate');
  } else {
    if (inDelegate && route.delegate !== undefined) f.add(ROUTE_CONFLICT, `${at}/delegate`, 'delegate HTTP route cannot contain delegate', 'delegate only from a root VirtualService');
    const hasRoute = list(route.route).length > 0;
    for (const [action, other] of [['redirect', 'direct_response'], ['directResponse', 'redirect']] as const) {
      if (route[action] === undefined) continue;
      const name = action === 'redirect' ? 'redirect' : 'direct_response';
      if (hasRoute) f.add(ROUTE_CONFLICT, at, `HTTP route cannot contain both route and ${name}`, `keep either the destinations or the ${name}`);
      if (route.fault !== undefined) f.add(ROUTE_CONFLICT, at, `HTTP route cannot contain both fault and ${name}`, 'leave out the fault');
      if (route.rewrite !== undefined) f.add(ROUTE_CONFLICT, at, `HTTP route rule cannot contain both rewrite and ${name}`, 'leave out the rewrite');
      if (route[action === 'redirect' ? 'directResponse' : 'redirect'] !== undefined) f.add(ROUTE_CONFLICT, at, `HTTP route rule cannot contain both ${other} and ${name}`, 'keep one of them');
      break;
    }
    if (route.redirect === undefined && route.directResponse === undefined && !hasRoute) f.add(ROUTE_CONFLICT, at, 'HTTP route, redirect or direct_response is required', 'give the route destinations, a redirect or a direct response');
  }
  if (route.mirror !== undefined && list(route.mirrors).length > 0) f.add(ROUTE_CONFLICT, at, 'HTTP route cannot contain both mirror and mirrors', 'move the mirror into mirrors');

  list(route.match).forEach((m, j) => checkHTTPMatch(f, m, `${at}/match/${j}`));
  checkHeaderOperations(f, route.headers, `${at}/headers`);
  checkCorsPolicy(f, route.corsPolicy, `${at}/corsPolicy`);
  checkFault(f, route.fault, `${at}/fault`);
  if (route.mirrorPercent !== undefined && route.mirrorPercent > 100) f.add(HTTP_ROUTE, `${at}/mirrorPercent`, `mirror_percent must have a max value of 100 (it has ${route.mirrorPercent})`, 'write a percentage up to 100');
  const mirrorPercentage = route.mirrorPercentage?.value;
  if (typeof mirrorPercentage === 'number' && (mirrorPercentage > 100 || mirrorPercentage < 0)) f.add(HTTP_ROUTE, `${at}/mirrorPercentage`, `mirror_percentage must be between 0 and 100 (it has ${mirrorPercentage})`, 'write a percentage from 0 to 100');
  if (route.mirror !== undefined) checkDestination(f, route.mirror, `${at}/mirror`);
  list(route.mirrors).forEach((mirror, k) => {
    if (mirror?.destination === undefined) f.add(HTTP_ROUTE, `${at}/mirrors/${k}`, 'destination is required for mirrors', 'give the mirror a destination');
    else checkDestination(f, mirror.destination, `${at}/mirrors/${k}/destination`);
    const value = mirror?.percentage?.value;
    if (typeof value === 'number' && (value > 100 || value < 0)) f.add(HTTP_ROUTE, `${at}/mirrors/${k}/percentage`, `mirror percentage must be between 0 and 100 (it has ${value})`, 'write a percentage from 0 to 100');
  });
  checkRedirect(f, route.redirect, `${at}/redirect`);
  if (route.directResponse !== undefined) {
    const status = route.directResponse.status;
    if (typeof status === 'number' && (status < 200 || status > 600)) f.add(HTTP_ROUTE, `${at}/directResponse/status`, `HTTP status ${status} is not in range 200-599`, 'write an HTTP status from 200 to 599');
    const body = route.directResponse.body?.string ?? route.directResponse.body?.bytes;
    if (typeof body === 'string' && body.length > 1024 * 1024) f.add(HTTP_ROUTE, `${at}/directResponse/body`, 'large direct_responses may impact control plane performance, must be less than 1MB', 'serve large bodies from a backend');
  }
  checkRetries(f, route.retries, `${at}/retries`);
  checkRewrite(f, route, at);
  checkHTTPDestinations(f, list(route.route), `${at}/route`);
  if (route.timeout !== undefined) f.add(DURATION, `${at}/timeout`, durationProblem(route.timeout), DURATION_FIX);
}

function checkHTTPMatch(f: Findings, m: Obj, at: string): void {
  if (m === null || typeof m !== 'object') return;
  for (const [name, sm] of entries(m.headers)) {
    if (sm === null) f.add(MATCH, `${at}/headers`, `header match ${name} cannot be null`, 'give the header an exact, prefix or regex match');
    f.add(MATCH, `${at}/headers`, headerMatchNameProblem(name), 'name the header with letters, digits, "-" and "_" only');
    checkStringMatch(f, sm, `${at}/headers/${name}`, 'headers');
  }
  for (const [name, sm] of entries(m.withoutHeaders)) {
    f.add(MATCH, `${at}/withoutHeaders`, headerMatchNameProblem(name), 'name the header with letters, digits, "-" and "_" only');
    // `*` is no RE2 regex here: istiod reads it as "header present".
    if (sm !== null && sm?.regex !== '*') checkStringMatch(f, sm, `${at}/withoutHeaders/${name}`, 'withoutHeaders');
  }
  // An empty uri prefix is allowed (Envoy matches every path); scheme, method and authority need a non-empty one.
  if (m.uri?.regex !== undefined) checkStringMatch(f, m.uri, `${at}/uri`, 'uri');
  for (const field of ['scheme', 'method', 'authority']) checkStringMatch(f, m[field], `${at}/${field}`, field);
  for (const [name, sm] of entries(m.queryParams)) checkStringMatch(f, sm, `${at}/queryParams/${name}`, 'queryParams');
  if (m.port !== undefined && m.port !== 0) f.add(MATCH, `${at}/port`, portProblem(m.port), 'write a port from 1 to 65535');
  f.add(MATCH, `${at}/sourceLabels`, labelsProblem(m.sourceLabels), 'write Kubernetes label keys and values');
  list(m.gateways).forEach((g, i) => gatewayNameProblems(g).forEach((p) => f.add(GATEWAY_NAMES, `${at}/gateways/${i}`, p, 'name a gateway as "namespace/name", or "mesh"')));
  if (m.sourceNamespace !== undefined && m.sourceNamespace !== '' && !isDNS1123Label(m.sourceNamespace)) f.add(MATCH, `${at}/sourceNamespace`, `sourceNamespace match ${m.sourceNamespace} is invalid`, 'write a namespace name');
}

function checkStringMatch(f: Findings, sm: Obj | undefined, at: string, where: string): void {
  if (sm === null || typeof sm !== 'object') return;
  if (sm.prefix !== undefined && sm.prefix === '') f.add(STRING_MATCH, at, `${JSON.stringify(where)}: prefix string match should not be empty`, 'write a non-empty prefix, or leave out the match');
  if (sm.regex !== undefined) {
    if (sm.regex === '') f.add(STRING_MATCH, at, `${JSON.stringify(where)}: regex string match should not be empty`, 'write a non-empty regex, or leave out the match');
    else f.add(STRING_MATCH, `${at}/regex`, regexProblem(String(sm.regex), where), 'write the regex in RE2 syntax, at most 1024 characters');
  }
}

function checkHeaderOperations(f: Findings, headers: Obj | undefined, at: string): void {
  for (const [direction, nameProblem] of [['request', headerSetNameProblem], ['response', headerOperationNameProblem]] as const) {
    for (const op of ['add', 'set']) {
      for (const [name, value] of entries(headers?.[direction]?.[op])) {
        f.add(HEADERS, `${at}/${direction}/${op}`, nameProblem(name), 'name a header other than Host and pseudo-headers (":path", ...)');
        f.add(HEADERS, `${at}/${direction}/${op}/${name}`, headerValueProblem(value), 'leave control characters out of header values');
      }
    }
    list(headers?.[direction]?.remove).forEach((name, i) => f.add(HEADERS, `${at}/${direction}/remove/${i}`, headerOperationNameProblem(String(name)), 'name a header other than Host and pseudo-headers (":path", ...)'));
  }
}

function checkCorsPolicy(f: Findings, cors: Obj | undefined, at: string): void {
  if (cors === undefined || cors === null) return;
  const rule = 'istiod validateCORSPolicy (pkg/config/validation/validation.go)';
  list(cors.allowOrigins).forEach((origin, i) => {
    const match = origin?.exact ?? origin?.prefix ?? origin?.regex;
    if (match === undefined || match === '') f.add(rule, `${at}/allowOrigins/${i}`, `'${match ?? ''}' is not a valid match type for CORS allow origins`, 'write an exact, prefix or regex origin');
    else if (origin.regex !== undefined) f.add(rule, `${at}/allowOrigins/${i}/regex`, regexProblem(origin.regex, 'corsPolicy.allowOrigins'), 'write the regex in RE2 syntax');
  });
  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE'];
  list(cors.allowMethods).forEach((m, i) => {
    if (!methods.includes(m)) f.add(rule, `${at}/allowMethods/${i}`, `${JSON.stringify(m)} is not a supported HTTP method`, `write one of ${methods.join(', ')}`);
  });
  for (const field of ['allowHeaders', 'exposeHeaders']) {
    list(cors[field]).forEach((name, i) => f.add(rule, `${at}/${field}/${i}`, name === '*' ? undefined : headerNameProblem(String(name)), 'name the header with letters, digits, "-" and "_" only, or "*"'));
  }
  if (cors.maxAge !== undefined) {
    f.add(DURATION, `${at}/maxAge`, durationProblem(cors.maxAge), DURATION_FIX);
    const nanos = parseGoDuration(String(cors.maxAge));
    if (nanos !== undefined && nanos % 1000000000n !== 0n) f.add(rule, `${at}/maxAge`, 'max_age duration is accurate only to seconds precision', 'write whole seconds, e.g. "600s" or "24h"');
  }
}

function checkFault(f: Findings, fault: Obj | undefined, at: string): void {
  if (fault === undefined || fault === null) return;
  const rule = 'istiod validateHTTPFaultInjection (pkg/config/validation/validation.go)';
  if (fault.abort === undefined && fault.delay === undefined) f.add(rule, at, 'HTTP fault injection must have an abort and/or a delay', 'give the fault an abort or a delay');
  for (const kind of ['abort', 'delay']) {
    const value = fault[kind]?.percentage?.value;
    if (typeof value === 'number' && (value < 0 || value > 100 || (value > 0 && value < 0.0001))) f.add(rule, `${at}/${kind}/percentage`, `percentage ${value} is neither 0.0, nor in range [0.0001, 100.0]`, 'write a percentage from 0.0001 to 100, or 0');
  }
  const abort = fault.abort;
  if (abort?.httpStatus !== undefined && (abort.httpStatus < 200 || abort.httpStatus > 600)) f.add(rule, `${at}/abort/httpStatus`, `HTTP status ${abort.httpStatus} is not in range 200-599`, 'write an HTTP status from 200 to 599');
  if (abort?.http2Error !== undefined) f.add(rule, `${at}/abort/http2Error`, 'HTTP/2 abort fault injection not supported yet', 'abort with an httpStatus or grpcStatus');
  const grpc = ['OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED', 'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED'];
  if (abort?.grpcStatus !== undefined && !grpc.includes(abort.grpcStatus)) f.add(rule, `${at}/abort/grpcStatus`, `gRPC status ${JSON.stringify(abort.grpcStatus)} is not supported`, 'write a gRPC status name such as "NOT_FOUND"');
  if (fault.delay?.fixedDelay !== undefined) f.add(DURATION, `${at}/delay/fixedDelay`, durationProblem(fault.delay.fixedDelay), DURATION_FIX);
  if (fault.delay?.exponentialDelay !== undefined) f.add(rule, `${at}/delay/exponentialDelay`, 'exponentialDelay not supported yet', 'use a fixedDelay');
}

function checkRedirect(f: Findings, redirect: Obj | undefined, at: string): void {
  if (redirect === undefined || redirect === null) return;
  const rule = 'istiod validateHTTPRedirect (pkg/config/validation/validation.go)';
  if (!redirect.uri && !redirect.authority && redirect.port === undefined && redirect.derivePort === undefined && !redirect.scheme) {
    f.add(rule, at, 'redirect must specify URI, authority, scheme, or port', 'say where to redirect to');
  } else if (redirect.redirectCode !== undefined && redirect.redirectCode !== 0 && (redirect.redirectCode < 300 || redirect.redirectCode > 399)) {
    f.add(rule, `${at}/redirectCode`, `${redirect.redirectCode} is not a valid redirect code, must be 3xx`, 'write a 3xx code, e.g. 301');
  } else if (redirect.scheme && redirect.scheme !== 'http' && redirect.scheme !== 'https') {
    f.add(rule, `${at}/scheme`, 'invalid redirect scheme, must be "http" or "https"', 'write "http" or "https"');
  } else if (typeof redirect.port === 'number' && redirect.port > 0) {
    f.add(rule, `${at}/port`, portProblem(redirect.port), 'write a port from 1 to 65535');
  }
}

function checkRetries(f: Findings, retries: Obj | undefined, at: string): void {
  if (retries === undefined || retries === null) return;
  const rule = 'istiod validateHTTPRetry (pkg/config/validation/validation.go)';
  const attempts = retries.attempts ?? 0;
  if (attempts < 0) f.add(rule, `${at}/attempts`, 'attempts cannot be negative', 'write 0 or more attempts');
  if (attempts === 0 && (retries.perTryTimeout !== undefined || (retries.retryOn ?? '') !== '' || retries.retryRemoteLocalities !== undefined)) {
    f.add(rule, at, 'http retry policy configured when attempts are set to 0 (disabled)', 'set attempts, or leave out the retry policy');
  }
  if (retries.perTryTimeout !== undefined) f.add(DURATION, `${at}/perTryTimeout`, durationProblem(retries.perTryTimeout), DURATION_FIX);
}

function checkRewrite(f: Findings, route: Obj, at: string): void {
  const rewrite = route.rewrite;
  if (rewrite !== undefined && rewrite !== null) {
    const rule = 'istiod validateHTTPRewrite (pkg/config/validation/validation.go)';
    if (rewrite.uri && rewrite.uriRegexRewrite !== undefined) f.add(rule, `${at}/rewrite`, 'rewrite may only contain one of URI or UriRegexRewrite', 'keep one of them');
    else if (!rewrite.uri && rewrite.uriRegexRewrite === undefined && !rewrite.authority) f.add(rule, `${at}/rewrite`, 'rewrite must specify at least one of URI, UriRegexRewrite, or authority', 'say what to rewrite, or leave out the rewrite');
    else if (rewrite.uriRegexRewrite !== undefined) {
      const { match, rewrite: to } = rewrite.uriRegexRewrite ?? {};
      if (!match || !to) f.add(rule, `${at}/rewrite/uriRegexRewrite`, 'UriRegexRewrite requires both Rewrite and Match fields to be specified', 'give both match and rewrite');
      else f.add(rule, `${at}/rewrite/uriRegexRewrite/match`, regexProblem(match, 'HTTPRewrite.UriRegexRewrite.Match'), 'write the regex in RE2 syntax');
    }
  }
  // validateAuthorityRewrite: the authority is rewritten in one place only.
  let authorities = rewrite?.authority ? 1 : 0;
  for (const op of ['set', 'add']) {
    for (const name of Object.keys(route.headers?.request?.[op] ?? {})) {
      if (['host', ':authority'].includes(name.toLowerCase())) authorities++;
    }
  }
  if (authorities > 1) f.add('istiod validateAuthorityRewrite (pkg/config/validation/virtualservice.go)', `${at}/headers/request`, 'authority header cannot be set multiple times', 'rewrite the authority in one place only');
}

function checkHTTPDestinations(f: Findings, destinations: Obj[], at: string): void {
  destinations.forEach((d, i) => checkHeaderOperations(f, d?.headers, `${at}/${i}/headers`));
  checkDestinations(f, destinations, at);
}

function checkDestinations(f: Findings, destinations: Obj[], at: string): void {
  let total = 0;
  destinations.forEach((d, i) => {
    if (d === null || typeof d !== 'object') {
      f.add(DESTINATIONS, `${at}/${i}`, 'weight may not be nil', 'remove the empty destination');
      return;
    }
    if (d.destination === undefined || d.destination === null) f.add(DESTINATIONS, `${at}/${i}`, 'destination is required', 'give the route a destination host');
    else checkDestination(f, d.destination, `${at}/${i}/destination`);
    const weight = d.weight ?? 0;
    if (weight < 0) f.add(DESTINATIONS, `${at}/${i}/weight`, `weight ${weight} < 0`, 'write a weight of 0 or more; weights are relative to their sum');
    total += typeof weight === 'number' ? weight : 0;
  });
  // Weights are relative: only a split whose weights are all 0 is rejected (istiod dropped "weights sum to 100" in 2022).
  if (destinations.length > 1 && total === 0) f.add(DESTINATIONS, at, 'total destination weight = 0', 'give at least one destination a weight above 0');
}

function checkDestination(f: Findings, d: Obj, at: string): void {
  const host = String(d.host ?? '');
  if (host === '*') f.add(DESTINATION, `${at}/host`, `invalid destination host ${host}`, 'name the destination service');
  else f.add(DESTINATION, `${at}/host`, wildcardDomainProblem(host), HOST_FIX);
  if (d.subset !== undefined && d.subset !== '') f.add(DESTINATION, `${at}/subset`, isDNS1123Label(d.subset) ? undefined : `subset name is invalid: ${d.subset}`, 'name subsets with letters, digits and "-", as DNS labels');
  if (d.port !== undefined) f.add(DESTINATION, `${at}/port/number`, portProblem(d.port?.number), 'write a port from 1 to 65535');
}

function checkTLSRoute(f: Findings, route: Obj, at: string, hosts: string[], isGateway: boolean): void {
  if (route === null || typeof route !== 'object') return;
  const matches = list(route.match);
  if (matches.length === 0) f.add(TLS_ROUTE, at, 'TLS route must have at least one match condition', 'match on the SNI hosts the route serves');
  matches.forEach((m, j) => {
    const mat = `${at}/match/${j}`;
    if (m === null || typeof m !== 'object') {
      f.add(TLS_ROUTE, mat, 'TLS match may not be null', 'remove the empty match');
      return;
    }
    const snis: string[] = list(m.sniHosts);
    if (snis.length === 0) f.add(TLS_ROUTE, mat, 'TLS match must have at least one SNI host', 'list the SNI hosts to match');
    snis.forEach((sni, k) => {
      const problem = isGateway && /^outbound_/.test(sni) ? undefined : wildcardDomainProblem(sni);
      if (problem !== undefined) {
        if (!isIPAddress(sni)) f.add(TLS_ROUTE, `${mat}/sniHosts/${k}`, problem, HOST_FIX);
      } else if (!hosts.some((h) => hostSubsetOf(sni, h))) {
        f.add(TLS_ROUTE, `${mat}/sniHosts/${k}`, `SNI host ${JSON.stringify(sni)} is not a compatible subset of any of the virtual service hosts: [${hosts.join(', ')}]`, 'match SNI hosts the VirtualService\'s hosts cover');
      }
    });
    checkL4Match(f, m, mat, TLS_ROUTE);
  });
  if (list(route.route).length === 0) f.add(TLS_ROUTE, at, 'TLS route is required', 'give the TLS route a destination');
  checkDestinations(f, list(route.route), `${at}/route`);
}

function checkL4Match(f: Findings, m: Obj, at: string, rule: string): void {
  if (m === null || typeof m !== 'object') {
    f.add(rule, at, 'tcp match may not be nil', 'remove the empty match');
    return;
  }
  list(m.destinationSubnets).forEach((s, i) => f.add(rule, `${at}/destinationSubnets/${i}`, ipSubnetProblem(String(s)), 'write an IP address or CIDR block'));
  if (m.port !== undefined && m.port !== 0) f.add(rule, `${at}/port`, portProblem(m.port), 'write a port from 1 to 65535');
  f.add(rule, `${at}/sourceLabels`, labelsProblem(m.sourceLabels), 'write Kubernetes label keys and values');
  list(m.gateways).forEach((g, i) => gatewayNameProblems(g).forEach((p) => f.add(GATEWAY_NAMES, `${at}/gateways/${i}`, p, 'name a gateway as "namespace/name", or "mesh"')));
}

function gatewayNameProblems(name: string): string[] {
  const slash = String(name).indexOf('/');
  if (slash < 0) {
    const problem = fqdnProblem(String(name));
    return problem === undefined ? [] : [problem];
  }
  const [namespace, gateway] = [name.slice(0, slash), name.slice(slash + 1)];
  const problems: string[] = [];
  if (namespace === '' || gateway === '') problems.push('config namespace and gateway name cannot be empty');
  if (!isDNS1123Label(namespace)) problems.push(`invalid value for namespace: ${JSON.stringify(namespace)}`);
  if (!isDNS1123Label(gateway)) problems.push(`invalid value for gateway name: ${JSON.stringify(gateway)}`);
  return problems;
}

function checkExportTo(f: Findings, object: Obj, isServiceEntry: boolean, destinationRuleWithSelector = false): void {
  const exportTo: string[] = list(object.spec?.exportTo);
  if (exportTo.length === 0) return;
  const namespace = object.metadata?.namespace ?? '';
  const seen = new Set<string>();
  exportTo.forEach((e, i) => {
    const key = e === '.' ? namespace : e;
    if (seen.has(key)) {
      f.add(EXPORT_TO, `/spec/exportTo/${i}`, key !== e ? `duplicate entries in exportTo: . and current namespace ${namespace}` : `duplicate entries in exportTo for entry ${e}`, 'list each namespace once');
    } else if (isServiceEntry && e === '~') {
      seen.add(key);
    } else if (e !== '.' && key !== '*' && !isDNS1123Label(key)) {
      f.add(EXPORT_TO, `/spec/exportTo/${i}`, `only . or * or namespaces are allowed in exportTo, got ${JSON.stringify(key)}`, 'write ".", "*" or a namespace name');
    } else {
      seen.add(key);
    }
  });
  if (destinationRuleWithSelector && seen.size > 0) {
    if (!seen.has(namespace)) f.add(EXPORT_TO, '/spec/exportTo', 'destination rule with workload selector cannot have exportTo beyond current namespace', 'export it to "." only');
    else if (seen.size > 1) f.add(EXPORT_TO, '/spec/exportTo', 'destination rule with workload selector cannot have multiple entries in exportTo', 'export it to "." only');
  }
  if (seen.has('*') && exportTo.length > 1) f.add(EXPORT_TO, '/spec/exportTo', 'cannot have both public (*) and non-public exportTo values for a resource', 'write "*" alone');
  if (seen.has('~') && exportTo.length > 1) f.add(EXPORT_TO, '/spec/exportTo', 'cannot export service entry to no one (~) and someone', 'write "~" alone');
}

function checkWorkloadSelector(f: Findings, labels: Obj | undefined, at: string, rule: string): void {
  for (const [k, v] of entries(labels)) {
    if (k === '') f.add(rule, at, `empty key is not supported in selector: "=${v}"`, 'write a label key');
    if (k.includes('*') || String(v).includes('*')) f.add(rule, at, `wildcard is not supported in selector: "${k}=${v}"`, 'select pods by exact label values');
  }
}

function checkDestinationRule(f: Findings, spec: Obj, object: Obj): void {
  f.add(DR, '/spec/host', wildcardDomainProblem(String(spec.host ?? '')), HOST_FIX);
  checkTrafficPolicy(f, spec.trafficPolicy, '/spec/trafficPolicy');
  const names = new Set<string>();
  list(spec.subsets).forEach((subset, i) => {
    const at = `/spec/subsets/${i}`;
    if (subset === null || typeof subset !== 'object') {
      f.add(DR, at, 'subset may not be null', 'remove the empty subset');
      return;
    }
    if (names.has(subset.name)) f.add(DR, `${at}/name`, `duplicate subset names: ${subset.name}`, 'name each subset once');
    names.add(subset.name);
    if (!subset.name) f.add(DR, `${at}/name`, 'subset name cannot be empty', 'name the subset');
    else if (!isDNS1123Label(subset.name)) f.add(DR, `${at}/name`, `subset name is invalid: ${subset.name}`, 'name subsets with letters, digits and "-", as DNS labels');
    f.add(DR, `${at}/labels`, labelsProblem(subset.labels), 'write Kubernetes label keys and values');
    checkTrafficPolicy(f, subset.trafficPolicy, `${at}/trafficPolicy`);
  });
  checkExportTo(f, object, false, spec.workloadSelector !== undefined);
  checkWorkloadSelector(f, spec.workloadSelector?.matchLabels, '/spec/workloadSelector', DR);
}

function checkTrafficPolicy(f: Findings, policy: Obj | undefined, at: string, portLevel = false): void {
  if (policy === undefined || policy === null) return;
  const fields = portLevel ? ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'] : ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls', 'portLevelSettings', 'tunnel', 'proxyProtocol'];
  if (fields.every((k) => policy[k] === undefined)) {
    f.add(DR, at, portLevel ? 'port traffic policy must have at least one field' : 'traffic policy must have at least one field', 'set a policy field, or leave out the traffic policy');
    return;
  }
  if (policy.tunnel !== undefined && policy.proxyProtocol !== undefined) {
    f.add(DR, at, 'tunnel and proxyProtocol must not be set together', 'keep one of them');
    return;
  }
  const outlier = policy.outlierDetection;
  if (outlier) {
    for (const field of ['baseEjectionTime', 'interval']) if (outlier[field] !== undefined) f.add(DURATION, `${at}/outlierDetection/${field}`, durationProblem(outlier[field]), DURATION_FIX);
    if (!outlier.splitExternalLocalOriginErrors && (outlier.consecutiveLocalOriginFailures ?? 0) > 0) f.add(DR, `${at}/outlierDetection`, 'outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false', 'set splitExternalLocalOriginErrors: true');
    for (const field of ['maxEjectionPercent', 'minHealthPercent']) {
      const v = outlier[field];
      if (typeof v === 'number' && (v < 0 || v > 100)) f.add(DR, `${at}/outlierDetection/${field}`, `percentage ${v} is not in range 0..100`, 'write a percentage from 0 to 100');
    }
  }
  const pool = policy.connectionPool;
  if (pool) {
    if (pool.http === undefined && pool.tcp === undefined) f.add(DR, `${at}/connectionPool`, 'connection pool must have at least one field', 'set http or tcp settings');
    for (const [field, value] of entries(pool.http)) {
      if (['http1MaxPendingRequests', 'http2MaxRequests', 'maxRequestsPerConnection', 'maxRetries', 'maxConcurrentStreams'].includes(field) && value < 0) f.add(DR, `${at}/connectionPool/http/${field}`, `${field} must be non-negative`, 'write 0 or more');
    }
    if (pool.http?.idleTimeout !== undefined) f.add(DURATION, `${at}/connectionPool/http/idleTimeout`, durationProblem(pool.http.idleTimeout), DURATION_FIX);
    if (pool.http?.h2UpgradePolicy === 'UPGRADE' && pool.http?.useClientProtocol) f.add(DR, `${at}/connectionPool/http`, 'use client protocol must not be true when H2UpgradePolicy is UPGRADE', 'keep one of them');
    if (pool.tcp?.maxConnections < 0) f.add(DR, `${at}/connectionPool/tcp/maxConnections`, 'max connections must be non-negative', 'write 0 or more');
    for (const field of ['connectTimeout', 'maxConnectionDuration', 'idleTimeout']) if (pool.tcp?.[field] !== undefined) f.add(DURATION, `${at}/connectionPool/tcp/${field}`, durationProblem(pool.tcp[field]), DURATION_FIX);
    for (const field of ['time', 'interval']) if (pool.tcp?.tcpKeepalive?.[field] !== undefined) f.add(DURATION, `${at}/connectionPool/tcp/tcpKeepalive/${field}`, durationProblem(pool.tcp.tcpKeepalive[field]), DURATION_FIX);
  }
  const lb = policy.loadBalancer;
  if (lb?.consistentHash?.httpCookie !== undefined && !lb.consistentHash.httpCookie.name) f.add(DR, `${at}/loadBalancer/consistentHash/httpCookie`, 'name required for HttpCookie', 'name the cookie');
  if (lb?.warmupDurationSecs !== undefined) f.add(DURATION, `${at}/loadBalancer/warmupDurationSecs`, durationProblem(lb.warmupDurationSecs), DURATION_FIX);
  checkLocalityLbSetting(f, lb?.localityLbSetting, `${at}/loadBalancer/localityLbSetting`);
  const tls = policy.tls;
  if (tls) {
    const rule = 'istiod agent.ValidateTLS (pkg/config/validation/agent/validation.go)';
    if (['SIMPLE', 'MUTUAL'].includes(tls.mode) && tls.credentialName) {
      if (tls.clientCertificate || tls.caCertificates || tls.privateKey || tls.caCrl) f.add(rule, `${at}/tls`, 'cannot specify client certificates or CA certificate or CA CRL If credentialName is set', 'take them all from the credential');
    } else if (tls.mode === 'MUTUAL') {
      if (!tls.clientCertificate) f.add(rule, `${at}/tls`, 'client certificate required for mutual tls', 'set clientCertificate, or a credentialName');
      if (!tls.privateKey) f.add(rule, `${at}/tls`, 'private key required for mutual tls', 'set privateKey, or a credentialName');
    }
  }
  list(policy.portLevelSettings).forEach((p, i) => {
    if (p?.port === undefined) f.add(DR, `${at}/portLevelSettings/${i}`, 'portTrafficPolicy must have valid port', 'say which port the policy is for');
    checkTrafficPolicy(f, p, `${at}/portLevelSettings/${i}`, true);
  });
}

const LOCALITY_FIX = 'write region, region/zone or region/zone/subzone, "*" only as the last part, each place once';

function checkLocalityLbSetting(f: Findings, lb: Obj | undefined, at: string): void {
  if (lb === undefined || lb === null) return;
  const distribute = list(lb.distribute);
  const failover = list(lb.failover);
  if (distribute.length > 0 && failover.length > 0) {
    f.add(LOCALITY, at, 'can not simultaneously specify \'distribute\' and \'failover\'', 'keep one of them');
    return;
  }
  const topology = ['topology.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.istio.io/subzone'];
  const topologyLabel = failover.length > 0 ? list(lb.failoverPriority).find((l) => topology.includes(l)) : undefined;
  if (topologyLabel !== undefined) {
    f.add(LOCALITY, at, `can not simultaneously set 'failover' and topology label '${topologyLabel}' in 'failover_priority'`, 'drop failover, or the topology labels');
    return;
  }
  const sources: string[] = [];
  for (const d of distribute) {
    sources.push(String(d?.from ?? ''));
    let total = 0;
    for (const [, weight] of entries(d?.to)) {
      if (!(weight > 0 && weight <= 100)) {
        f.add(LOCALITY, at, 'locality weight must be in range [1, 100]', 'give each locality a weight from 1 to 100');
        return;
      }
      total += weight;
    }
    if (total !== 100) {
      f.add(LOCALITY, at, `total locality weight ${total} != 100`, 'make the weights of each distribute entry add up to 100');
      return;
    }
    f.add(LOCALITY, at, localitiesProblem(entries(d?.to).map(([locality]) => locality)), LOCALITY_FIX);
  }
  f.add(LOCALITY, at, localitiesProblem(sources), LOCALITY_FIX);
  for (const fo of failover) {
    const [from, to] = [String(fo?.from ?? ''), String(fo?.to ?? '')];
    if (from === to) f.add(LOCALITY, at, 'locality lb failover settings must specify different regions', 'fail over to another region');
    if (from.includes('/') || to.includes('/')) f.add(LOCALITY, at, 'locality lb failover only specify region', 'name regions only');
    if (from.includes('*') || to.includes('*')) f.add(LOCALITY, at, 'locality lb failover region should not contain \'*\' wildcard', 'name regions without "*"');
  }
}

/** istiod's validateLocalities: one trailing '*' at most, no empty part, no locality inside one given before it. */
function localitiesProblem(localities: readonly string[]): string | undefined {
  const regions = new Map<string, Map<string, Set<string>>>();
  for (const locality of localities) {
    const stars = locality.split('*').length - 1;
    if (stars > 1 || (stars === 1 && !locality.endsWith('*'))) return `locality ${locality} wildcard '*' number can not exceed 1 and must be in the end`;
    const overlap = `locality ${locality} overlap with previous specified ones`;
    if (regions.has('*')) return overlap;
    // Go's strings.SplitN(locality, "/", 3): the subzone keeps any further '/'.
    const parts = locality.split('/');
    const items = parts.length > 3 ? [parts[0], parts[1], parts.slice(2).join('/')] : parts;
    if (items.some((item) => item === '')) return `locality ${locality} must not contain empty region/zone/subzone info`;
    const [region, zone, subzone] = items;
    const zones = regions.get(region);
    if (items.length === 1) {
      if (zones !== undefined) return overlap;
      regions.set(region, new Map([['*', new Set(['*'])]]));
    } else if (items.length === 2) {
      if (zones?.has('*') || zones?.has(zone)) return overlap;
      if (zones === undefined) regions.set(region, new Map([[zone, new Set(['*'])]]));
      else zones.set(zone, new Set(['*']));
    } else {
      if (zones?.has('*')) return overlap;
      const subzones = zones?.get(zone);
      if (subzones?.has('*') || subzones?.has(subzone)) return overlap;
      if (zones === undefined) regions.set(region, new Map([[zone, new Set([subzone])]]));
      else if (subzones === undefined) zones.set(zone, new Set([subzone]));
      else subzones.add(subzone);
    }
  }
  return undefined;
}

function checkServiceEntry(f: Findings, spec: Obj, object: Obj): void {
  checkWorkloadSelector(f, spec.workloadSelector?.labels, '/spec/workloadSelector', SE);
  if (spec.workloadSelector !== undefined && list(spec.endpoints).length > 0) f.add(SE, '/spec', 'only one of WorkloadSelector or Endpoints is allowed in Service Entry', 'keep either the workload selector or the endpoints');
  const hosts: string[] = list(spec.hosts);
  if (hosts.length === 0) f.add(SE, '/spec/hosts', 'service entry must have at least one host', 'list the hosts the entry stands for');
  hosts.forEach((host, i) => {
    // A partial wildcard (`*x`) gets a warning only.
    f.add(SE, `/spec/hosts/${i}`, host === '*' ? `invalid host ${host}` : wildcardDomainProblem(String(host)), HOST_FIX);
  });
  const addresses: string[] = list(spec.addresses);
  addresses.forEach((a, i) => f.add(SE, `/spec/addresses/${i}`, ipSubnetProblem(String(a)), 'write an IP address or CIDR block'));
  const resolution = spec.resolution ?? 'NONE';
  if (addresses.some((a) => String(a).includes('/')) && !['NONE', 'STATIC'].includes(resolution)) f.add(SE, '/spec/addresses', 'CIDR addresses are allowed only for NONE/STATIC resolution types', 'write single addresses, or use resolution NONE or STATIC');
  const portNames = new Set<string>();
  const portNumbers = new Set<number>();
  list(spec.ports).forEach((port, i) => {
    const at = `/spec/ports/${i}`;
    if (port === null || typeof port !== 'object') {
      f.add(SE, at, 'service entry port may not be null', 'remove the empty port');
      return;
    }
    if (portNames.has(port.name)) f.add(SE, `${at}/name`, `service entry port name ${JSON.stringify(port.name)} already defined`, 'name each port once');
    portNames.add(port.name);
    if (portNumbers.has(port.number)) f.add(SE, `${at}/number`, `service entry port ${port.number} already defined`, 'list each port number once');
    portNumbers.add(port.number);
    if (port.targetPort !== undefined && port.targetPort !== 0) f.add(SE, `${at}/targetPort`, portProblem(port.targetPort), 'write a port from 1 to 65535');
    f.add(SE, `${at}/name`, isDNS1123Label(String(port.name ?? '')) ? undefined : `invalid port name: ${port.name ?? ''}`, 'name ports as DNS labels, e.g. "https"');
    f.add(SE, `${at}/protocol`, !port.protocol || isKnownProtocol(port.protocol) ? undefined : `unsupported protocol: ${port.protocol}`, 'write a protocol such as HTTP, HTTPS, TLS, TCP or GRPC');
    f.add(SE, `${at}/number`, portProblem(port.number), 'write a port from 1 to 65535');
  });
  const endpoints = list(spec.endpoints);
  switch (resolution) {
    case 'NONE':
      if (endpoints.length > 0) f.add(SE, '/spec/endpoints', 'no endpoints should be provided for resolution type none', 'leave out the endpoints, or resolve by STATIC or DNS');
      break;
    case 'STATIC':
      endpoints.forEach((e, i) => checkEndpoint(f, e, `/spec/endpoints/${i}`, portNames, false));
      break;
    case 'DNS':
    case 'DNS_ROUND_ROBIN':
      if (endpoints.length === 0) {
        hosts.forEach((host, i) => {
          if (fqdnProblem(String(host)) !== undefined) f.add(SE, `/spec/hosts/${i}`, `hosts must be FQDN if no endpoints are provided for resolution mode ${resolution}`, 'name hosts without wildcards, or give endpoints, or use resolution NONE (or DYNAMIC_DNS for wildcard hosts)');
        });
      }
      if (resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1) f.add(SE, '/spec/endpoints', `there must only be 0 or 1 endpoint for resolution mode ${resolution}`, 'give one endpoint, or resolve by DNS');
      endpoints.forEach((e, i) => checkEndpoint(f, e, `/spec/endpoints/${i}`, portNames, true));
      break;
    case 'DYNAMIC_DNS': {
      // DYNAMIC_DNS resolves the name each connection carries (SNI or Host header), so it is for wildcard hosts
      // only, with no endpoints or addresses (istio/api ServiceEntry.Resolution, istio/api#3565; istiod's
      // ValidateServiceEntry from Istio 1.30, istio/istio#58688).
      const fixed = hosts.filter((h) => !String(h).startsWith('*.'));
      if (fixed.length > 0) f.add(SE, '/spec/hosts', `DYNAMIC_DNS resolution is for wildcard hosts only, not ${fixed.join(', ')}`, 'resolve fixed hosts by DNS');
      if (endpoints.length > 0) f.add(SE, '/spec/endpoints', 'DYNAMIC_DNS resolution cannot have endpoints', 'leave out the endpoints');
      if (addresses.length > 0) f.add(SE, '/spec/addresses', 'DYNAMIC_DNS resolution cannot have addresses', 'leave out the addresses');
      break;
    }
    default:
      f.add(SE, '/spec/resolution', `unsupported resolution type ${resolution}`, 'write NONE, STATIC, DNS, DNS_ROUND_ROBIN or DYNAMIC_DNS');
  }
  // Plain TCP carries no name to tell several hosts apart.
  if (resolution !== 'NONE' && hosts.length > 1 && list(spec.ports).some((p) => protocolKind(p?.protocol) === 'other')) {
    f.add(SE, '/spec/ports', 'multiple hosts provided with non-HTTP, non-TLS ports', 'give each TCP host its own ServiceEntry');
  }
  checkExportTo(f, object, true);
}

function checkEndpoint(f: Findings, e: Obj, at: string, servicePorts: Set<string>, allowFQDN: boolean): void {
  const rule = 'istiod ValidateServiceEntry, validateWorkloadEntry (pkg/config/validation/validation.go)';
  if (e === null || typeof e !== 'object') {
    f.add(rule, at, 'endpoint cannot be nil', 'remove the empty endpoint');
    return;
  }
  const address = String(e.address ?? '');
  if (address === '' && !e.network) f.add(rule, at, 'address is required', 'give the endpoint an address');
  else if (address.startsWith('unix://')) {
    const path = address.slice('unix://'.length);
    if (path === '' || (!path.startsWith('@') && (!path.startsWith('/') || path.endsWith('/')))) f.add(rule, `${at}/address`, `${path} is not an absolute path to a file`, 'write unix:///absolute/path');
    if (Object.keys(e.ports ?? {}).length > 0) f.add(rule, `${at}/ports`, `unix endpoint ${address} must not include ports`, 'leave out the ports');
  } else if (address !== '' && !isIPAddress(address)) {
    if (!allowFQDN) f.add(rule, `${at}/address`, `endpoint address ${JSON.stringify(address)} is not a valid IP address`, 'write an IP address, or resolve by DNS');
    else if (fqdnProblem(address) !== undefined) f.add(rule, `${at}/address`, `endpoint address ${JSON.stringify(address)} is not a valid FQDN or an IP address`, 'write an IP address or a DNS name');
  }
  for (const [name, port] of entries(e.ports)) {
    if (!servicePorts.has(name)) f.add(rule, `${at}/ports/${name}`, `endpoint port ${port} is not defined by the service entry`, 'name a port of the entry');
    f.add(rule, `${at}/ports/${name}`, isDNS1123Label(name) ? portProblem(port) : `invalid port name: ${name}`, 'name a port of the entry and write a port from 1 to 65535');
  }
  f.add(rule, `${at}/labels`, labelsProblem(e.labels), 'write Kubernetes label keys and values');
}

function checkSidecar(f: Findings, spec: Obj): void {
  checkWorkloadSelector(f, spec.workloadSelector?.labels, '/spec/workloadSelector', SIDECAR);
  const egress = list(spec.egress);
  if (egress.length === 0 && list(spec.ingress).length === 0 && spec.outboundTrafficPolicy === undefined && spec.inboundConnectionPool === undefined) {
    f.add(SIDECAR, '/spec', 'sidecar: empty configuration provided', 'give the Sidecar egress, ingress or an outbound traffic policy');
    return;
  }
  const ports = new Set<number>();
  let catchAll = false;
  egress.forEach((listener, i) => {
    const at = `/spec/egress/${i}`;
    if (listener === null || typeof listener !== 'object') {
      f.add(SIDECAR, at, 'egress listener may not be null', 'remove the empty listener');
      return;
    }
    if (listener.port === undefined) {
      if (catchAll) f.add(SIDECAR, at, 'sidecar: egress can have only one listener with empty port', 'merge the listeners without a port');
      else if (i === egress.length - 1) catchAll = true;
      else f.add(SIDECAR, at, 'sidecar: the egress listener with empty port should be the last listener in the list', 'move the listener without a port last');
    } else if (listener.port.number !== 0 && listener.port.number !== undefined) {
      if (ports.has(listener.port.number)) f.add(SIDECAR, `${at}/port`, 'sidecar: ports on IP bound listeners must be unique', 'give each listener its own port');
      ports.add(listener.port.number);
      f.add(SIDECAR, `${at}/port/number`, portProblem(listener.port.number), 'write a port from 1 to 65535');
    }
    const hosts = list(listener.hosts);
    if (hosts.length === 0) f.add(SIDECAR, `${at}/hosts`, 'sidecar: egress listener must contain at least one host', 'list the hosts as "namespace/dnsName"');
    hosts.forEach((host, k) => namespaceSlashHostProblems(String(host), false).forEach((p) => f.add(SIDECAR, `${at}/hosts/${k}`, p, 'write the host as "namespace/dnsName", e.g. "./*" or "istio-system/*.example.com"')));
  });
  const tp = spec.outboundTrafficPolicy;
  if (tp?.egressProxy !== undefined) {
    if (tp.mode !== 'ALLOW_ANY') f.add(SIDECAR, '/spec/outboundTrafficPolicy', 'sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode', 'set mode ALLOW_ANY, or leave out the egress proxy');
    else {
      f.add(SIDECAR, '/spec/outboundTrafficPolicy/egressProxy/host', fqdnProblem(String(tp.egressProxy.host ?? '')), HOST_FIX);
      if (tp.egressProxy.port === undefined) f.add(SIDECAR, '/spec/outboundTrafficPolicy/egressProxy', 'sidecar: egress_proxy port must be non-nil', 'give the egress proxy a port');
    }
  }
}

function checkGateway(f: Findings, spec: Obj, object: Obj): void {
  const name = String(object.metadata?.name ?? '');
  if (!isDNS1123Label(name)) f.add(GATEWAY, '/metadata/name', `invalid gateway name: ${JSON.stringify(name)}`, 'name the Gateway as a DNS label, without dots');
  const servers = list(spec.servers);
  if (servers.length === 0) f.add(GATEWAY, '/spec/servers', 'gateway must have at least one server', 'give the Gateway a server');
  const portNames = new Set<string>();
  servers.forEach((server, i) => {
    const at = `/spec/servers/${i}`;
    if (server === null || typeof server !== 'object') {
      f.add(GATEWAY, at, 'server may not be nil', 'remove the empty server');
      return;
    }
    const hosts = list(server.hosts);
    if (hosts.length === 0) f.add(GATEWAY, `${at}/hosts`, 'server config must contain at least one host', 'list the hosts the server accepts');
    hosts.forEach((host, k) => namespaceSlashHostProblems(String(host), true).forEach((p) => f.add(GATEWAY, `${at}/hosts/${k}`, p, 'write the host as "namespace/dnsName" or "dnsName", e.g. "*/apps.example.com"')));
    const port = server.port;
    let portValid = true;
    if (port === undefined || port === null) {
      f.add(GATEWAY, `${at}/port`, 'port is required', 'give the server a port');
      portValid = false;
    } else {
      if (!isKnownProtocol(String(port.protocol ?? ''))) {
        f.add(GATEWAY, `${at}/port/protocol`, `invalid protocol ${JSON.stringify(port.protocol ?? '')}, supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP`, 'write a protocol such as HTTP, HTTPS or TLS');
        portValid = false;
      }
      if ((port.number ?? 0) > 0 || !String(server.bind ?? '').startsWith('unix://')) {
        const problem = portProblem(port.number);
        f.add(GATEWAY, `${at}/port/number`, problem, 'write a port from 1 to 65535');
        portValid &&= problem === undefined;
      }
      if ((port.targetPort ?? 0) > 0) f.add(GATEWAY, `${at}/port/targetPort`, 'targetPort has no impact on Gateways', 'leave out targetPort');
      if (!port.name) {
        f.add(GATEWAY, `${at}/port/name`, 'port name must be set', 'name the port');
        portValid = false;
      }
      if (portNames.has(port.name)) f.add(GATEWAY, `${at}/port/name`, `port names in servers must be unique: duplicate name ${port.name}`, 'name each server port once');
      portNames.add(port.name);
    }
    const tls = server.tls;
    checkServerTLS(f, tls, `${at}/tls`);
    if (portValid) {
      const kind = protocolKind(port.protocol);
      if (kind === 'tls' && tls === undefined) f.add(GATEWAY, at, 'server must have TLS settings for HTTPS/TLS protocols', 'give the server tls settings');
      else if (kind !== 'tls' && tls !== undefined) {
        // gateway.IsPassThroughServer: the mode is PASSTHROUGH (the default) or AUTO_PASSTHROUGH, e.g. for httpsRedirect.
        const passthrough = [undefined, 'PASSTHROUGH', 'AUTO_PASSTHROUGH'].includes(tls.mode) && !tls.caCertificates && !tls.privateKey && !tls.serverCertificate;
        if (kind === 'http' && !passthrough) f.add(GATEWAY, `${at}/tls`, 'server cannot have TLS settings for plain text HTTP ports', 'serve TLS on an HTTPS port, or keep only httpsRedirect');
        else if (kind !== 'http') f.add(GATEWAY, `${at}/tls`, 'server cannot have TLS settings for non HTTPS/TLS ports', 'serve TLS on an HTTPS or TLS port');
      }
    }
  });
}

function checkServerTLS(f: Findings, tls: Obj | undefined, at: string): void {
  if (tls === undefined || tls === null) return;
  if (tls.mode === 'ISTIO_MUTUAL') {
    for (const [field, what] of [['serverCertificate', 'server certificate'], ['privateKey', 'private key'], ['caCertificates', 'CA bundle'], ['credentialName', 'credentialName']]) {
      if (tls[field]) f.add(GATEWAY, `${at}/${field}`, `ISTIO_MUTUAL TLS cannot have associated ${what}`, 'leave certificates out: Istio issues them for ISTIO_MUTUAL');
    }
    return;
  }
  if (['SIMPLE', 'MUTUAL', 'OPTIONAL_MUTUAL'].includes(tls.mode) && tls.credentialName) return;
  if (tls.mode === 'SIMPLE') {
    if (!tls.serverCertificate) f.add(GATEWAY, at, 'SIMPLE TLS requires a server certificate', 'set a credentialName, or serverCertificate and privateKey');
    if (!tls.privateKey) f.add(GATEWAY, at, 'SIMPLE TLS requires a private key', 'set a credentialName, or serverCertificate and privateKey');
  } else if (tls.mode === 'MUTUAL' || tls.mode === 'OPTIONAL_MUTUAL') {
    if (!tls.serverCertificate) f.add(GATEWAY, at, 'MUTUAL TLS requires a server certificate', 'set a credentialName, or the certificate files');
    if (!tls.privateKey) f.add(GATEWAY, at, 'MUTUAL TLS requires a private key', 'set a credentialName, or the certificate files');
    if (!tls.caCertificates) f.add(GATEWAY, at, 'MUTUAL TLS requires a client CA bundle', 'set a credentialName, or the certificate files');
  }
  if (tls.caCrl) {
    if (tls.credentialName) f.add(GATEWAY, `${at}/caCrl`, 'CRL is not supported with credentialName. CRL has to be specified in the credential', 'put the CRL in the credential');
    if (tls.mode === 'SIMPLE') f.add(GATEWAY, `${at}/caCrl`, 'CRL is not supported with SIMPLE TLS', 'leave out caCrl');
  }
}

function checkAuthorizationPolicy(f: Findings, spec: Obj): void {
  const selectors = [spec.selector !== undefined, spec.targetRef !== undefined, list(spec.targetRefs).length > 0].filter(Boolean).length;
  if (selectors > 1) f.add(AUTHZ, '/spec', 'only one of targetRefs or workloadSelector can be set', 'keep one way to select what the policy applies to');
  checkWorkloadSelector(f, spec.selector?.matchLabels, '/spec/selector', AUTHZ);
  const action = spec.action ?? 'ALLOW';
  const rules = spec.rules;
  // Kubernetes' JSON reaches istiod through protojson, which reads an empty list as none.
  const noRules = list(rules).length === 0;
  if (action === 'CUSTOM') {
    if (noRules) f.add(AUTHZ, '/spec/rules', 'CUSTOM action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request', 'add rules, or an empty rule {}');
    else if (!spec.provider?.name) f.add(AUTHZ, '/spec/provider', '`provider.name` must not be empty', 'name the extension provider');
  }
  if (spec.provider !== undefined && action !== 'CUSTOM') f.add(AUTHZ, '/spec/provider', `\`provider\` must not be with non CUSTOM action, found ${action}`, 'leave out provider, or use action CUSTOM');
  if (action === 'DENY' && noRules) f.add(AUTHZ, '/spec/rules', 'DENY action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request', 'add rules, or an empty rule {}');
  list(rules).forEach((rule, i) => {
    const at = `/spec/rules/${i}`;
    if (rule === null || typeof rule !== 'object') {
      f.add(AUTHZ, at, `\`rule\` must not be nil, found at rule ${i}`, 'remove the empty rule, or write {}');
      return;
    }
    list(rule.from).forEach((from, j) => {
      const source = from?.source;
      if (source === undefined || source === null) f.add(AUTHZ, `${at}/from/${j}`, `\`from.source\` must not be nil, found at rule ${i}`, 'give the source a field');
      else {
        if (Object.values(source).every((v) => !Array.isArray(v) || v.length === 0)) f.add(AUTHZ, `${at}/from/${j}/source`, `\`from.source\` must not be empty, found at rule ${i}`, 'give the source a field');
        for (const [field, values] of entries(source)) {
          list(values).forEach((v, k) => {
            if (v === '') f.add(AUTHZ, `${at}/from/${j}/source/${field}/${k}`, `empty value not allowed, found in ${field}`, 'remove the empty value');
            else if (/ipBlocks$|IpBlocks$/.test(field)) f.add(AUTHZ, `${at}/from/${j}/source/${field}/${k}`, ipSubnetProblem(String(v)), 'write an IP address or CIDR block');
          });
        }
      }
    });
    list(rule.to).forEach((to, j) => {
      const op = to?.operation;
      if (op === undefined || op === null) f.add(AUTHZ, `${at}/to/${j}`, `\`to.operation\` must not be nil, found at rule ${i}`, 'give the operation a field');
      else {
        if (Object.values(op).every((v) => !Array.isArray(v) || v.length === 0)) f.add(AUTHZ, `${at}/to/${j}/operation`, `\`to.operation\` must not be empty, found at rule ${i}`, 'give the operation a field');
        for (const [field, values] of entries(op)) {
          list(values).forEach((v, k) => {
            if (v === '') f.add(AUTHZ, `${at}/to/${j}/operation/${field}/${k}`, `empty value not allowed, found in ${field}`, 'remove the empty value');
          });
        }
      }
    });
    list(rule.when).forEach((when, j) => {
      if (!when?.key) f.add(AUTHZ, `${at}/when/${j}`, '`key` must not be empty', 'name the attribute');
      else if (list(when.values).length === 0 && list(when.notValues).length === 0) f.add(AUTHZ, `${at}/when/${j}`, `at least one of \`values\` or \`notValues\` must be set for key ${when.key}`, 'give values or notValues');
    });
  });
}

function checkPeerAuthentication(f: Findings, spec: Obj): void {
  const emptySelector = Object.keys(spec.selector?.matchLabels ?? {}).length === 0;
  const portLevel = spec.portLevelMtls;
  if (emptySelector && Object.keys(portLevel ?? {}).length > 0) f.add(PEER_AUTHN, '/spec/portLevelMtls', 'mesh/namespace peer authentication cannot have port level mTLS', 'select workloads to set port-level mTLS');
  if (portLevel !== undefined && Object.keys(portLevel).length === 0) f.add(PEER_AUTHN, '/spec/portLevelMtls', 'port level mTLS, if defined, must have at least one element', 'leave out portLevelMtls');
  for (const port of Object.keys(portLevel ?? {})) {
    if (!(Number(port) > 0 && Number(port) <= 65535)) f.add(PEER_AUTHN, `/spec/portLevelMtls/${port}`, 'port must be in range 1..65535', 'write a port from 1 to 65535');
  }
  checkWorkloadSelector(f, spec.selector?.matchLabels, '/spec/selector', PEER_AUTHN);
}
