// The Kubernetes Gateway API's Gateway (gateway.networking.k8s.io/v1), as Istio deploys it: a gateway of class
// `istio` is an ingress gateway (its pods and Service are made for it), of class `istio-waypoint` a waypoint proxy
// (ambient). Reading, and which HTTPRoutes a listener accepts for a host; check-edge.ts follows a request through it.
// @see https://gateway-api.sigs.k8s.io/reference/spec/#gateway
import { hostMatches } from './hosts';
import { HttpRouteConfig, HttpRouteParent } from './http-route';
import { annotationsOf, MeshOptions, ObjectRef, readObject, selects } from './objects';
import { SourcedManifest } from './source';

/** One listener of a Gateway: a port, protocol and (optional) hostname, and the routes it admits. */
export interface KubeGatewayListener {
  readonly name: string;
  /** Lower case; undefined: any host. May be a wildcard such as `*.example.com`. */
  readonly hostname?: string;
  readonly port: number;
  /** `HTTP`, `HTTPS`, `TLS`, `TCP`, `UDP`, or an implementation-specific one. */
  readonly protocol: string;
  /** `tls.mode`: `Terminate` (the default for HTTPS) or `Passthrough`. */
  readonly tlsMode?: string;
  /** `allowedRoutes.namespaces.from`: `Same` (the default), `All`, `Selector` (by namespace labels), `None`. */
  readonly routesFrom: string;
  /** `allowedRoutes.namespaces.selector.matchLabels`, for `Selector`; undefined when it uses matchExpressions only. */
  readonly routesSelector?: Readonly<Record<string, string>>;
}

/** A Gateway (gateway.networking.k8s.io), as far as meshlight explain reads it. Not to be confused with an Istio Gateway (GatewayConfig). */
export interface KubeGatewayConfig extends ObjectRef {
  /** `istio` for an ingress gateway, `istio-waypoint` for a waypoint. */
  readonly gatewayClassName: string;
  readonly listeners: readonly KubeGatewayListener[];
  /** The `gateway.istio.io/service-account` annotation: the ServiceAccount of its pods; undefined: Istio's default. */
  readonly serviceAccount?: string;
}

/** Reads a Gateway of the Gateway API. */
export function readKubeGateway(manifest: SourcedManifest, options: MeshOptions, problems: string[]): KubeGatewayConfig {
  const { ref, reader } = readObject(manifest, options, problems);
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  const listeners = reader.list(spec.listeners, 'spec.listeners').map((l, i): KubeGatewayListener => {
    const at = `spec.listeners[${i}]`;
    const listener = reader.record(l, at) ?? {};
    const tls = reader.record(listener.tls, `${at}.tls`);
    const allowed = reader.record(listener.allowedRoutes, `${at}.allowedRoutes`) ?? {};
    const namespaces = reader.record(allowed.namespaces, `${at}.allowedRoutes.namespaces`) ?? {};
    return {
      name: reader.string(listener.name, `${at}.name`) ?? '',
      hostname: reader.string(listener.hostname, `${at}.hostname`)?.toLowerCase(),
      port: reader.number(listener.port, `${at}.port`) ?? 0,
      protocol: (reader.string(listener.protocol, `${at}.protocol`) ?? 'HTTP').toUpperCase(),
      tlsMode: tls === undefined ? undefined : reader.string(tls.mode, `${at}.tls.mode`) ?? 'Terminate',
      routesFrom: reader.string(namespaces.from, `${at}.allowedRoutes.namespaces.from`) ?? 'Same',
      routesSelector: reader.stringMap((reader.record(namespaces.selector, `${at}.allowedRoutes.namespaces.selector`) ?? {}).matchLabels, `${at}.allowedRoutes.namespaces.selector.matchLabels`),
    };
  });
  const serviceAccount = annotationsOf(manifest)['gateway.istio.io/service-account'];
  return { ...ref, gatewayClassName: reader.string(spec.gatewayClassName, 'spec.gatewayClassName') ?? '', listeners, ...(serviceAccount === undefined ? {} : { serviceAccount }) };
}

/** True for a waypoint proxy (class `istio-waypoint`), which carries mesh traffic rather than the internet's. */
export function isWaypoint(gateway: Pick<KubeGatewayConfig, 'gatewayClassName'>): boolean {
  return gateway.gatewayClassName === 'istio-waypoint';
}

/** True when the parentRef names `gateway`, and `listener` when it names a section (listener name) or port. */
export function attachesTo(parent: HttpRouteParent, gateway: Pick<ObjectRef, 'namespace' | 'name'>, listener: KubeGatewayListener): boolean {
  return parent.kind === 'Gateway' && parent.name === gateway.name && parent.namespace === gateway.namespace
    && (parent.sectionName === undefined || parent.sectionName === listener.name)
    && (parent.port === undefined || parent.port === listener.port);
}

/** The listener that accepts `host` on `port`: the most specific hostname (exact, then the longest wildcard, then none). */
export function listenerFor(gateway: KubeGatewayConfig, host: string, port: number): KubeGatewayListener | undefined {
  const specificity = (l: KubeGatewayListener): number => (l.hostname === undefined ? 0 : l.hostname === host ? 100000 : l.hostname.length);
  return gateway.listeners.filter((l) => l.port === port && (l.hostname === undefined || hostMatches(l.hostname, host)))
    .sort((a, b) => specificity(b) - specificity(a))[0];
}

/**
 * The HTTPRoutes a listener accepts for `host`: attached to it, from a namespace `allowedRoutes` admits, with a
 * hostname that covers the host (none: the listener's; a wildcard narrowed by the listener's hostname). Of these, only
 * the routes of the most specific matching hostname serve the host, as Envoy picks one virtual host (exact before
 * wildcards, then longer wildcards).
 * `namespaceLabels` gives a namespace's labels for `Selector`; `notes` says what is assumed (matchExpressions).
 */
export function routesOfListener(gateway: KubeGatewayConfig, listener: KubeGatewayListener, httpRoutes: readonly HttpRouteConfig[], host: string,
  namespaceLabels: (namespace: string) => Readonly<Record<string, string>>, notes: string[]): HttpRouteConfig[] {
  const admitted = httpRoutes.filter((r) => r.parents.some((p) => attachesTo(p, gateway, listener)) && admitsNamespace(listener, gateway, r, namespaceLabels, notes));
  // A route's hostname narrowed by the listener's (a route without hostnames takes the listener's).
  const effective = (h: string): string => (listener.hostname !== undefined && hostMatches(h, listener.hostname) ? listener.hostname : h);
  const rank = (h: string): number => (h === host ? 100000 : h === '*' ? 0 : h.length);
  const best = (r: HttpRouteConfig): number => {
    const covering = (r.hostnames.length === 0 ? [listener.hostname ?? '*'] : r.hostnames.map(effective)).filter((h) => hostMatches(h, host));
    return covering.length === 0 ? -1 : Math.max(...covering.map(rank));
  };
  const ranked = admitted.map((r) => ({ r, rank: best(r) })).filter((x) => x.rank >= 0);
  const top = Math.max(...ranked.map((x) => x.rank));
  return ranked.filter((x) => x.rank === top).map((x) => x.r);
}

function admitsNamespace(listener: KubeGatewayListener, gateway: KubeGatewayConfig, route: HttpRouteConfig,
  namespaceLabels: (namespace: string) => Readonly<Record<string, string>>, notes: string[]): boolean {
  switch (listener.routesFrom) {
    case 'All':
      return true;
    case 'Same':
      return route.namespace === gateway.namespace;
    case 'Selector':
      if (listener.routesSelector === undefined) {
        notes.push(`listener ${listener.name} admits routes of namespaces chosen by matchExpressions, which meshlight explain does not evaluate: HTTPRoute ${route.namespace}/${route.name} is assumed admitted`);
        return true;
      }
      return selects(listener.routesSelector, namespaceLabels(route.namespace));
    default:
      return false;
  }
}
