import { compareText } from '../core/internal';
import { DestinationRuleConfig } from './destination-rule';
import { hostMatches, isExportedTo, isWildcardHost, shortHost } from './hosts';
import {
  backendShares, consumerRoutesOf, describeHttpRouteMatch, describeHttpRouteRule, HttpRouteEntry, HttpRouteRule, meshRoutesFor, noBackendReason,
} from './http-route';
import { Mesh } from './mesh';
import { inFile, ObjectRef, refName, selects } from './objects';
import { appliesToSidecars, describeRouteMatch, HeaderChanges, HttpDestination, HttpRoute, VirtualServiceConfig } from './virtual-service';
import { KubeService, workloadsOfService } from './workloads';

/** A version of a service: a DestinationRule subset, its labels and the workloads they select. */
export interface VersionInfo {
  readonly subset: string;
  readonly labels: Readonly<Record<string, string>>;
  /** `namespace/name` of the workloads of the service that carry the subset's labels. */
  readonly workloads: readonly string[];
}

/** Where one share of a route's traffic goes. */
export interface DestinationInfo {
  /** The destination host, short for Services (`reviews.bookinfo`). */
  readonly host: string;
  readonly subset?: string;
  /** Share of the route's requests in percent; undefined when Envoy balances across endpoints instead. */
  readonly percent?: number;
  readonly port?: number;
  /** Response header changes in effect: `name: value` for set, `+name: value` for add, `-name` for remove. */
  readonly responseHeaders: readonly string[];
  /** `namespace/name` of the workloads that serve it. */
  readonly workloads: readonly string[];
}

/** One HTTP route of a service, in words. */
export interface RouteInfo {
  /** Position in evaluation order, from 1. */
  readonly position: number;
  readonly name?: string;
  /** The route's match entries, any of which suffices (OR); each entry's conditions joined by AND. */
  readonly when: readonly string[];
  readonly destinations: readonly DestinationInfo[];
  readonly timeout?: string;
  readonly retries?: string;
  readonly rewrite?: string;
  readonly directResponse?: { readonly status: number; readonly body?: string };
  readonly redirect?: string;
  readonly fault?: string;
  readonly mirror?: string;
  readonly delegate?: string;
  /** Request header changes (HTTPRoute RequestHeaderModifier), in the form of `responseHeaders`. */
  readonly requestHeaders?: readonly string[];
}

/** How in-mesh requests to one host are routed. */
export interface ServiceTraffic {
  /** Fully qualified host. */
  readonly host: string;
  /** The host as tables name it: `reviews.bookinfo` for a Service, the host itself otherwise. */
  readonly shortHost: string;
  /** `namespace/name` of the Service, when the host is one. */
  readonly service?: string;
  /** `namespace/name` of the ServiceEntries that register the host (external hosts, or hosts outside the cluster's Services). */
  readonly serviceEntries?: readonly string[];
  /** `namespace/name` of the VirtualService that routes it; undefined: plain load balancing. */
  readonly virtualService?: string;
  /** `namespace/name` of the HTTPRoutes (producer routes, GAMMA) that route it, when they do instead of a VirtualService. */
  readonly httpRoutes?: readonly string[];
  readonly versions: readonly VersionInfo[];
  /** Every workload behind the Service. */
  readonly workloads: readonly string[];
  readonly routes: readonly RouteInfo[];
  readonly notes: readonly string[];
  /** The files of the objects shown for this host (Service, ServiceEntries, VirtualService, DestinationRule), sorted. */
  readonly files: readonly string[];
}

/** The config chosen for a host, and the others that also match it (Istio then uses only the oldest). */
export interface Chosen<T> {
  readonly chosen?: T;
  readonly ignored: readonly T[];
}

/**
 * The VirtualService that routes sidecar traffic to `host` for callers in `callerNamespace` (undefined: any caller):
 * among those that apply to sidecars, are exported to the caller and name the host, an exact host beats a wildcard,
 * and then the caller's namespace, the host's namespace, then name order (Istio keeps the oldest, which the input
 * does not tell).
 */
export function virtualServiceFor(mesh: Mesh, host: string, callerNamespace?: string): Chosen<VirtualServiceConfig> {
  const hostNamespace = mesh.services.find((s) => s.host === host)?.namespace;
  const rank = (vs: VirtualServiceConfig): number => {
    const exact = vs.hosts.includes(host) ? 0 : 3;
    const ns = vs.namespace === callerNamespace ? 0 : vs.namespace === hostNamespace ? 1 : 2;
    return exact + ns;
  };
  const candidates = mesh.virtualServices
    .filter((vs) => appliesToSidecars(vs) && vs.hosts.some((h) => hostMatches(h, host)))
    .filter((vs) => callerNamespace === undefined || isExportedTo(vs.exportTo, vs.namespace, callerNamespace))
    .sort((a, b) => rank(a) - rank(b) || compareText(refName(a), refName(b)));
  return { chosen: candidates[0], ignored: candidates.slice(1) };
}

/** The DestinationRule whose subsets define `host`'s versions, chosen like virtualServiceFor. */
export function destinationRuleFor(mesh: Mesh, host: string, callerNamespace?: string): Chosen<DestinationRuleConfig> {
  const candidates = mesh.destinationRules
    .filter((dr) => hostMatches(dr.host, host))
    .filter((dr) => callerNamespace === undefined || isExportedTo(dr.exportTo, dr.namespace, callerNamespace))
    .sort((a, b) => Number(a.host !== host) - Number(b.host !== host)
      || Number(a.namespace !== callerNamespace) - Number(b.namespace !== callerNamespace)
      || compareText(refName(a), refName(b)));
  return { chosen: candidates[0], ignored: candidates.slice(1) };
}

/** The versions of `host`: its DestinationRule's subsets, with the workloads of `service` that each selects. */
export function versionsOf(mesh: Mesh, host: string, service: KubeService | undefined, callerNamespace?: string): VersionInfo[] {
  const dr = destinationRuleFor(mesh, host, callerNamespace).chosen;
  const behind = service === undefined ? [] : workloadsOfService(service, mesh.workloads);
  return (dr?.subsets ?? []).map((s) => ({
    subset: s.name,
    labels: s.labels,
    workloads: behind.filter((w) => selects(s.labels, w.labels)).map(refName),
  }));
}

/** Header changes in words: `name: value` for set, `+name: value` for add, `-name` for remove; the destination's win. */
export function describeHeaders(route: HeaderChanges, destination: HeaderChanges): string[] {
  const set = { ...route.set, ...destination.set };
  const add = { ...route.add, ...destination.add };
  return [
    ...Object.keys(set).sort(compareText).map((k) => `${k}: ${set[k]}`),
    ...Object.keys(add).sort(compareText).map((k) => `+${k}: ${add[k]}`),
    ...[...route.remove, ...destination.remove].sort(compareText).map((k) => `-${k}`),
  ];
}

/** Each destination's share in percent: 100 for a single one, else its weight over the sum of weights. */
export function percentages(destinations: readonly HttpDestination[]): (number | undefined)[] {
  if (destinations.length === 1) {
    return [100];
  }
  const total = destinations.reduce((sum, d) => sum + (d.weight ?? 0), 0);
  return destinations.map((d) => (total === 0 ? undefined : Math.round(((d.weight ?? 0) * 10000) / total) / 100));
}

/** A route in words, with the workloads each destination reaches. */
export function describeRoute(mesh: Mesh, route: HttpRoute, callerNamespace?: string): RouteInfo {
  const shares = percentages(route.destinations);
  const destinations = route.destinations.map((d, i): DestinationInfo => ({
    host: shortHost(d.host, mesh.options.clusterDomain),
    subset: d.subset,
    percent: shares[i],
    port: d.port,
    responseHeaders: describeHeaders(route.responseHeaders, d.responseHeaders),
    workloads: workloadsOfDestination(mesh, d, callerNamespace),
  }));
  const rw = route.rewrite;
  const rewrite = rw === undefined ? undefined : [
    rw.uri === undefined ? undefined : `uri ${JSON.stringify(rw.uri)}`,
    rw.authority === undefined ? undefined : `authority ${JSON.stringify(rw.authority)}`,
    rw.uriRegex === undefined ? undefined : `uri regex ${JSON.stringify(rw.uriRegex.match)} -> ${JSON.stringify(rw.uriRegex.rewrite)}`,
  ].filter((p) => p !== undefined).join(', ');
  return {
    position: route.position,
    name: route.name,
    when: describeRouteMatch(route),
    destinations,
    timeout: route.timeout,
    retries: route.retries,
    rewrite,
    directResponse: route.directResponse,
    redirect: route.redirect === undefined ? undefined : `${route.redirect.code} to ${route.redirect.authority ?? ''}${route.redirect.uri ?? ''}`,
    fault: route.fault,
    mirror: route.mirror,
    delegate: route.delegate,
  };
}

/**
 * One HTTPRoute match, with its rule, in the words of a VirtualService route: `position` is its place in
 * precedence order (from 1), `name` the route and rule, `when` the match.
 */
export function describeHttpRouteEntry(mesh: Mesh, entry: HttpRouteEntry, position: number): RouteInfo {
  const rule = entry.rule;
  const shares = backendShares(rule.backends);
  const empty = noBackendReason(rule);
  const destinations = rule.backends.map((b, i): DestinationInfo => ({
    host: shortHost(b.host, mesh.options.clusterDomain),
    percent: shares[i],
    port: b.port,
    responseHeaders: describeHeaders(rule.responseHeaders, b.responseHeaders),
    workloads: workloadsOfDestination(mesh, b),
  }));
  const requestHeaders = describeHeaders(rule.requestHeaders, { set: {}, add: {}, remove: [] });
  return {
    position,
    name: describeHttpRouteRule(entry),
    when: [describeHttpRouteMatch(entry.match, entry.port)],
    destinations: empty === undefined ? destinations : [],
    timeout: describeHttpRouteTimeouts(rule),
    rewrite: rule.rewrite === undefined ? undefined : [
      rule.rewrite.path === undefined ? undefined : `${rule.rewrite.path.type === 'ReplaceFullPath' ? 'path' : 'path prefix'} ${JSON.stringify(rule.rewrite.path.value)}`,
      rule.rewrite.hostname === undefined ? undefined : `hostname ${JSON.stringify(rule.rewrite.hostname)}`,
    ].filter((p) => p !== undefined).join(', '),
    directResponse: empty === undefined ? undefined : { status: 500, body: empty },
    redirect: rule.redirect === undefined ? undefined : describeHttpRouteRedirect(rule.redirect),
    mirror: rule.mirrors.length === 0 ? undefined : rule.mirrors.map((m) => `${shortHost(m.backend.host, mesh.options.clusterDomain)}${m.backend.port === undefined ? '' : `:${m.backend.port}`} (${m.percent}%)`).join('; '),
    requestHeaders: requestHeaders.length === 0 ? undefined : requestHeaders,
  };
}

/** `timeouts` in words: the request timeout, and the timeout of each try to a backend. */
function describeHttpRouteTimeouts(rule: HttpRouteRule): string | undefined {
  const { request, backendRequest } = rule.timeouts;
  if (backendRequest === undefined) return request;
  return `${request ?? 'none'} (backend request ${backendRequest})`;
}

/** A RequestRedirect in words: `302 to https://host:port/path` (parts not written are the request's). */
function describeHttpRouteRedirect(redirect: NonNullable<HttpRouteRule['redirect']>): string {
  const path = redirect.path === undefined ? '' : redirect.path.type === 'ReplaceFullPath' ? redirect.path.value : `${redirect.path.value} (prefix)`;
  return `${redirect.statusCode} to ${redirect.scheme === undefined ? '' : `${redirect.scheme}://`}${redirect.hostname ?? ''}${redirect.port === undefined ? '' : `:${redirect.port}`}${path}`;
}

/** The workloads a destination's requests reach: the Service's workloads, narrowed to the subset's labels. */
export function workloadsOfDestination(mesh: Mesh, destination: Pick<HttpDestination, 'host' | 'subset'>, callerNamespace?: string): string[] {
  const service = mesh.services.find((s) => s.host === destination.host);
  if (service === undefined) {
    return [];
  }
  const behind = workloadsOfService(service, mesh.workloads);
  if (destination.subset === undefined) {
    return behind.map(refName);
  }
  const subset = destinationRuleFor(mesh, destination.host, callerNamespace).chosen?.subsets.find((s) => s.name === destination.subset);
  return subset === undefined ? [] : behind.filter((w) => selects(subset.labels, w.labels)).map(refName);
}

/**
 * Every host that Services or ServiceEntries define or sidecar VirtualServices route, with its routes in evaluation
 * order (wildcard hosts are left out: they are patterns, not hosts one calls).
 */
export function explainTraffic(mesh: Mesh): ServiceTraffic[] {
  const hosts = new Set(mesh.services.map((s) => s.host));
  for (const se of mesh.serviceEntries) {
    se.hosts.filter((h) => !isWildcardHost(h)).forEach((h) => hosts.add(h));
  }
  for (const vs of mesh.virtualServices.filter(appliesToSidecars)) {
    vs.hosts.filter((h) => !isWildcardHost(h)).forEach((h) => hosts.add(h));
  }
  return [...hosts].sort(compareText).map((host) => explainHost(mesh, host));
}

function refWithFile(ref: ObjectRef): string {
  return `${refName(ref)}${inFile(ref)}`;
}

function explainHost(mesh: Mesh, host: string): ServiceTraffic {
  const service = mesh.services.find((s) => s.host === host);
  const { chosen: vs, ignored } = virtualServiceFor(mesh, host);
  const dr = destinationRuleFor(mesh, host);
  const notes: string[] = [];
  const meshRoutes = service === undefined ? undefined : meshRoutesFor(mesh.httpRoutes, service);
  const consumers = service === undefined ? new Map<string, ObjectRef[]>() : consumerRoutesOf(mesh.httpRoutes, service);
  for (const [namespace, routes] of [...consumers].sort((a, b) => compareText(a[0], b[0]))) {
    notes.push(`callers in namespace ${namespace} get the consumer HTTPRoutes ${routes.map(refWithFile).join(', ')} instead of the routes shown`);
  }
  if (meshRoutes !== undefined) {
    const shownObjects: (ObjectRef | undefined)[] = [service, ...meshRoutes.routes, dr.chosen];
    const shownFiles = shownObjects.filter((o): o is ObjectRef => o !== undefined).map((o) => o.source.file);
    if (vs !== undefined) {
      notes.push(`VirtualService ${refWithFile(vs)} also routes this host: Istio's precedence between it and HTTPRoutes is undefined; shown: the HTTPRoutes`);
    }
    return {
      host,
      shortHost: shortHost(host, mesh.options.clusterDomain),
      service: refName(service!),
      httpRoutes: meshRoutes.routes.map(refName),
      versions: versionsOf(mesh, host, service),
      workloads: workloadsOfService(service!, mesh.workloads).map(refName),
      routes: meshRoutes.entries.map((e, i) => describeHttpRouteEntry(mesh, e, i + 1)),
      notes: [...new Set(notes)],
      files: [...new Set(shownFiles)].sort(compareText),
    };
  }
  const versions = versionsOf(mesh, host, service);
  const workloads = service === undefined ? [] : workloadsOfService(service, mesh.workloads).map(refName);
  const entries = mesh.serviceEntries.filter((se) => se.hosts.some((h) => hostMatches(h, host)));
  const serviceEntries = entries.length === 0 ? undefined : entries.map(refName);
  const shown: (ObjectRef | undefined)[] = [service, ...entries, vs, dr.chosen];
  const files = [...new Set(shown.filter((o): o is ObjectRef => o !== undefined).map((o) => o.source.file))].sort(compareText);
  if (ignored.length > 0) {
    notes.push(`VirtualServices ${ignored.map(refWithFile).join(', ')} also name this host; sidecars use only one (the oldest), shown: ${refWithFile(vs!)}`);
  }
  if (dr.ignored.length > 0) {
    notes.push(`DestinationRules ${dr.ignored.map(refWithFile).join(', ')} also name this host; shown: ${refWithFile(dr.chosen!)}`);
  }
  for (const v of versions.filter((x) => x.workloads.length === 0 && service !== undefined)) {
    notes.push(`subset ${v.subset} selects no workload of the input`);
  }
  if (vs === undefined) {
    notes.push(consumers.size > 0 ? 'no VirtualService or producer HTTPRoute: other callers\' requests are balanced across all the Service\'s endpoints'
      : service === undefined && entries.length > 0
      ? `no VirtualService: requests go to the endpoints of ServiceEntry ${entries.map((se) => `${refName(se)} (resolution ${se.resolution})`).join(', ')}`
      : 'no VirtualService: requests are balanced across all the Service\'s endpoints, whatever their version');
    return {
      host,
      shortHost: shortHost(host, mesh.options.clusterDomain),
      service: service === undefined ? undefined : refName(service),
      serviceEntries,
      versions,
      workloads,
      routes: [{ position: 1, when: ['any request'], destinations: [{ host: shortHost(host, mesh.options.clusterDomain), responseHeaders: [], workloads }] }],
      notes,
      files,
    };
  }
  if (vs.exportTo.length > 0 && !vs.exportTo.includes('*')) {
    notes.push(`VirtualService ${refName(vs)} is exported only to ${vs.exportTo.join(', ')}: callers in other namespaces do not get these routes`);
  }
  if (vs.http.length === 0) {
    notes.push(`VirtualService ${refName(vs)} has no http route (only tcp/tls routes, which are not explained)`);
  }
  const routes = vs.http.map((r) => describeRoute(mesh, r));
  const catchAll = vs.http.find((r) => r.matches.length === 0);
  if (catchAll !== undefined && catchAll.position < vs.http.length) {
    notes.push(`routes after #${catchAll.position} never match: route #${catchAll.position} matches every request`);
  }
  vs.http.forEach((r) => r.destinations.forEach((d) => {
    if (d.subset !== undefined && !destinationRuleFor(mesh, d.host).chosen?.subsets.some((s) => s.name === d.subset)) {
      notes.push(`route #${r.position} sends to subset ${d.subset} of ${shortHost(d.host, mesh.options.clusterDomain)}, which no DestinationRule defines: Envoy answers 503`);
    }
    if (!mesh.services.some((s) => s.host === d.host) && !mesh.serviceEntries.some((se) => se.hosts.some((h) => hostMatches(h, d.host)))) {
      notes.push(`route #${r.position} sends to ${d.host}, which no Service or ServiceEntry of the input defines`);
    }
  }));
  const total = vs.http.map((r) => r.destinations.reduce((sum, d) => sum + (d.weight ?? 0), 0));
  vs.http.forEach((r, i) => {
    if (r.destinations.length > 1 && total[i] !== 100) {
      notes.push(`route #${r.position}: weights add up to ${total[i]}, not 100`);
    }
  });
  return {
    host,
    shortHost: shortHost(host, mesh.options.clusterDomain),
    service: service === undefined ? undefined : refName(service),
    serviceEntries,
    virtualService: refName(vs),
    versions,
    workloads,
    routes,
    notes: [...new Set(notes)],
    files,
  };
}
