// The one list of a ZeroTrustNamespace's objects: which exist, what they are called, what brings each, in what
// order they are emitted, and which renderer makes each. The declaration claims the names of what each addition
// brings from this list, and render() renders the list of the whole namespace, so a new kind of object is added here
// once and the two cannot disagree.
import { byHost, egressKey, EgressPlan, gatewayAuthorizationName, HostPlan, renderGatewayHostRoutes, serviceEntryName } from '../egress-allow-list';
import { compareText, Manifest } from '../manifest';
import type { CallPlan, EgressWorkload, NamespacePlan, ZeroTrustPlan } from './plan';
import {
  renderAllowControlPlane, renderAllowDns, renderAllowNothing, renderCallEgressPolicy, renderCallIngressPolicy,
  renderCallPolicy, renderCallRequestAuthentication, renderDenyAll, renderEgressNetworkPolicy, renderExternalHost,
  renderGatewayPolicy, renderNamespace, renderNamespaceSidecar, renderPeerAuthentication, RenderScope, renderWorkloadSidecar,
  renderCallFromWaypoint, renderCallWaypointPolicy, renderWaypoint, renderWaypointAllowNothing, WAYPOINT,
} from './render';

/**
 * What brings an object: the namespace itself, a declared workload (`workloads[index]`), a call (`calls[index]`), an
 * allow-list (`egress[index]`, the first of its scope: the scope's NetworkPolicy, its workload's Sidecar and its
 * gateway AuthorizationPolicy, which later lists of the scope merge into) or the
 * allow-list's hosts (their ServiceEntries and gateway routes, named after the host). A namespace keeps one for each of
 * its objects; what to say of it is made only when a name clashes.
 */
export interface Owner {
  readonly by: 'namespace' | 'workload' | 'call' | 'allowList' | 'hosts';
  readonly index: number;
}

/** The objects every ZeroTrustNamespace has (the namespace-wide Sidecar, the base NetworkPolicies, ...). */
export const NAMESPACE_OWNER: Owner = { by: 'namespace', index: -1 };
export const declaredOwner = (j: number): Owner => ({ by: 'workload', index: j });
export const callOwner = (i: number): Owner => ({ by: 'call', index: i });
export const allowListOwner = (i: number): Owner => ({ by: 'allowList', index: i });
const hostsOwner = (i: number): Owner => ({ by: 'hosts', index: i });

/** A workload that gets a Sidecar of its own, and the declared workload, call or allow-list that brought it. */
export interface SidecarWorkload {
  readonly workload: EgressWorkload;
  readonly owner: Owner;
}

/** The name of the namespace-wide Sidecar, which no workload's Sidecar may take. */
export const NAMESPACE_SIDECAR = 'default';

/** The name of a call's AuthorizationPolicy, RequestAuthentication and ingress NetworkPolicy. */
function callName(call: CallPlan): string {
  return `${call.to.name}-from-${call.from.slug}`;
}

/** The name of the layer-4 AuthorizationPolicy that admits the waypoint to a call's target. */
function fromWaypointName(call: CallPlan): string {
  return `${callName(call)}-via-waypoint`;
}

/** The name of the NetworkPolicy of the waypoint's pods for a call through it. */
function waypointPolicyName(call: CallPlan): string {
  return `${WAYPOINT}-${callName(call)}`;
}

/** The name of the NetworkPolicy that lets a call out of its caller's pods. */
function egressPolicyName(call: CallPlan): string {
  return `${call.from.slug}-to-${call.to.name}`;
}

/** The name of the NetworkPolicy of an allow-list. */
function egressNetworkPolicyName(list: EgressPlan): string {
  return `egress-${list.scopeName}`;
}

/**
 * Renders the object `name` of the namespace `plan` from what brought it (`source`: its call, allow-list or host);
 * Sidecars, each made of many calls and allow-lists, read the whole namespace from `scope`.
 */
export type Renderer<S> = (plan: NamespacePlan, name: string, source: S, scope: RenderScope) => Manifest;

/** One object of a ZeroTrustNamespace: what identifies it in the cluster, what brings it, and how it is rendered. */
export interface NamespaceObject {
  readonly kind: string;
  /** The object's namespace; none for the Namespace itself. */
  readonly namespace?: string;
  readonly name: string;
  readonly owner: Owner;
  /** What the renderer makes the object from. */
  readonly source: unknown;
  readonly renderer: Renderer<never>;
  /**
   * The object as JSON, for a gateway route: allow-lists that route the same host through the gateway bring the same
   * objects, which are one object.
   */
  readonly json?: string;
}

/** The manifest of `object`, one of those of the whole namespace `plan`. */
export function renderObject(object: NamespaceObject, plan: NamespacePlan, scope: RenderScope): Manifest {
  return (object.renderer as Renderer<unknown>)(plan, object.name, object.source, scope);
}

/** A gateway route is rendered with the others of its allow-list, as they are named after the list's hosts. */
const gatewayRoute: Renderer<Manifest> = (_plan, _name, route) => route;

/** Where an object is in a cluster: `kind/namespace/name`. */
export function objectKey(object: Pick<NamespaceObject, 'kind' | 'namespace' | 'name'>): string {
  return `${object.kind}/${object.namespace}/${object.name}`;
}

/**
 * A part of a namespace whose objects are listed: the whole namespace, or what one addition brings to it. Objects
 * that depend on more than the part (a host's ServiceEntry, a workload's Sidecar, a shared gateway route) are listed
 * with the part that brings them first.
 */
export interface NamespacePart {
  /** Whether the part holds the namespace's own objects: those of its settings and declared workloads. */
  readonly own: boolean;
  /** The part's calls; the first is the namespace's `calls[firstCall]`. */
  readonly calls: readonly CallPlan[];
  readonly firstCall: number;
  /** The part's allow-lists; the first is the namespace's `egress[firstList]`. */
  readonly egress: readonly EgressPlan[];
  readonly firstList: number;
  /** The hosts that get a ServiceEntry through the part, by host. */
  readonly externalHosts: ReadonlyMap<string, HostPlan>;
  /** The workloads that get a Sidecar of their own through the part (with proxy scope), by name. */
  readonly sidecarWorkloads: ReadonlyMap<string, SidecarWorkload>;
  /** The gateway routes the namespace has before the part, as JSON by objectKey. */
  readonly gatewayRoutes: ReadonlyMap<string, string>;
  /**
   * The scopes (egressKey) with allow-lists before the part, and whether one of them goes through the egress
   * gateway: a later list of a scope merges into the objects its first list brought.
   */
  readonly scopesBefore: ReadonlyMap<string, boolean>;
}

const NOTHING: NamespacePart = {
  own: false, calls: [], firstCall: 0, egress: [], firstList: 0, externalHosts: new Map(), sidecarWorkloads: new Map(),
  gatewayRoutes: new Map(), scopesBefore: new Map(),
};

/** The whole namespace as a part: its own objects, and those of every call and allow-list. */
export function wholeNamespace(plan: ZeroTrustPlan): NamespacePart {
  return {
    own: true, calls: plan.calls, firstCall: 0, egress: plan.egress, firstList: 0, externalHosts: plan.externalHosts,
    sidecarWorkloads: plan.sidecarWorkloads, gatewayRoutes: NOTHING.gatewayRoutes, scopesBefore: NOTHING.scopesBefore,
  };
}

/** The objects a call brings itself (the Sidecars of the workloads it names come with the workloads). */
export function objectsOfCall(settings: NamespacePlan, call: CallPlan): NamespaceObject[] {
  return objectsOf(settings, { ...NOTHING, calls: [call] });
}

/**
 * The objects of `part`, in output order: the Namespace, its PeerAuthentication, AuthorizationPolicies (allow-nothing,
 * then one per call to a workload of the namespace), RequestAuthentications (calls from a MeshIngress with jwt),
 * ServiceEntries (one per external host), Sidecars (the namespace-wide one, then the workloads'), the allow-lists'
 * gateway routes, NetworkPolicies (the namespace's, then those of calls and allow-lists). Within a kind, objects
 * brought by calls, allow-lists and hosts are sorted by name (ServiceEntries by host); gateway routes keep list order.
 */
export function objectsOf(settings: NamespacePlan, part: NamespacePart): NamespaceObject[] {
  const { name: namespace, dataplane, proxyScope, networkPolicy, dryRun } = settings;
  const object = <S>(kind: string, name: string, owner: Owner, renderer: Renderer<S>, source: S): NamespaceObject => ({ kind, namespace, name, owner, source, renderer });
  const own = (kind: string, name: string, renderer: Renderer<undefined>) => object(kind, name, NAMESPACE_OWNER, renderer, undefined);
  const ofCall = (k: number) => callOwner(part.firstCall + k);
  const ofList = (k: number) => allowListOwner(part.firstList + k);
  const objects: NamespaceObject[] = [];
  // Which of the part's allow-lists are the first of their scope, and the first of it through the egress gateway.
  const firstOfScope = new Set<number>();
  const firstThroughGateway = new Set<number>();
  if (part.egress.length > 0) {
    const seen = new Map(part.scopesBefore);
    part.egress.forEach((e, k) => {
      const key = egressKey(e);
      const gateway = seen.get(key);
      if (gateway === undefined) firstOfScope.add(k);
      if (e.gateway !== undefined && gateway !== true) firstThroughGateway.add(k);
      seen.set(key, gateway === true || e.gateway !== undefined);
    });
  }

  if (part.own) {
    objects.push(
      // The Namespace is in no namespace.
      { kind: 'Namespace', name: namespace, owner: NAMESPACE_OWNER, source: undefined, renderer: renderNamespace },
      ...(settings.waypoint ? [own('Gateway', WAYPOINT, renderWaypoint)] : []),
      own('PeerAuthentication', 'default', renderPeerAuthentication),
      own('AuthorizationPolicy', 'allow-nothing', renderAllowNothing),
      ...(settings.waypoint ? [own('AuthorizationPolicy', `allow-nothing-at-${WAYPOINT}`, renderWaypointAllowNothing)] : []),
    );
  }

  const policies: NamespaceObject[] = [];
  const tokenChecks: NamespaceObject[] = [];
  part.calls.forEach((c, k) => {
    if (!c.inbound) return;
    const name = callName(c);
    policies.push(object('AuthorizationPolicy', name, ofCall(k), renderCallPolicy, c));
    if (c.viaWaypoint) policies.push(object('AuthorizationPolicy', fromWaypointName(c), ofCall(k), renderCallFromWaypoint, c));
    if (c.jwt !== undefined) tokenChecks.push(object('RequestAuthentication', name, ofCall(k), renderCallRequestAuthentication, c));
  });
  pushByName(objects, policies);
  pushByName(objects, tokenChecks);

  if (part.externalHosts.size > 0) {
    // A host's ServiceEntry comes with the first allow-list that lists it.
    const firstLists = new Map<string, number>();
    part.egress.forEach((e, k) => e.hosts.forEach((h) => { if (!firstLists.has(h.host)) firstLists.set(h.host, k); }));
    for (const h of [...part.externalHosts.values()].sort(byHost)) {
      objects.push(object('ServiceEntry', serviceEntryName(h), hostsOwner(part.firstList + firstLists.get(h.host)!), renderExternalHost, h));
    }
  }

  // A dry run emits no Sidecar: each blocks the hosts it does not list (REGISTRY_ONLY) as soon as it exists.
  if (dataplane === 'sidecar' && !dryRun) {
    // With proxy scope every known workload gets a Sidecar of its own; without, only workloads with allow-lists of
    // their own do, and the namespace gets its default Sidecar with its first allow-list.
    const sidecar = (name: string, owner: Owner) => object('Sidecar', name, owner, renderWorkloadSidecar, undefined);
    const namespaceWide = proxyScope ? part.own : part.firstList === 0 && part.egress.length > 0;
    if (namespaceWide) objects.push(own('Sidecar', NAMESPACE_SIDECAR, renderNamespaceSidecar));
    const sidecars: NamespaceObject[] = [];
    if (proxyScope) {
      for (const [name, { owner }] of part.sidecarWorkloads) sidecars.push(sidecar(name, owner));
    } else {
      part.egress.forEach((e, k) => { if (e.scope.workload !== undefined && firstOfScope.has(k)) sidecars.push(sidecar(e.scope.workload.name, ofList(k))); });
    }
    pushByName(objects, sidecars);
  }

  const routes = new Map<string, string>();
  part.egress.forEach((e, k) => {
    for (const m of renderGatewayHostRoutes(e)) {
      const route: NamespaceObject = { kind: m.kind, namespace: m.metadata.namespace, name: m.metadata.name, owner: hostsOwner(part.firstList + k), source: m, renderer: gatewayRoute, json: JSON.stringify(m) };
      const key = objectKey(route);
      if ((routes.get(key) ?? part.gatewayRoutes.get(key)) === route.json) continue;
      routes.set(key, route.json!);
      objects.push(route);
    }
    if (firstThroughGateway.has(k)) {
      objects.push({ kind: 'AuthorizationPolicy', namespace: e.gateway!.namespace, name: gatewayAuthorizationName(e), owner: ofList(k), source: e, renderer: renderGatewayPolicy });
    }
  });

  if (networkPolicy) {
    if (part.own) {
      objects.push(own('NetworkPolicy', 'default-deny', renderDenyAll), own('NetworkPolicy', 'allow-dns', renderAllowDns), own('NetworkPolicy', 'allow-control-plane', renderAllowControlPlane));
    }
    const networkPolicies: NamespaceObject[] = [];
    part.calls.forEach((c, k) => {
      if (c.inbound) networkPolicies.push(object('NetworkPolicy', callName(c), ofCall(k), renderCallIngressPolicy, c));
      if (c.viaWaypoint) networkPolicies.push(object('NetworkPolicy', waypointPolicyName(c), ofCall(k), renderCallWaypointPolicy, c));
      if (c.outbound) networkPolicies.push(object('NetworkPolicy', egressPolicyName(c), ofCall(k), renderCallEgressPolicy, c));
    });
    part.egress.forEach((e, k) => { if (firstOfScope.has(k)) networkPolicies.push(object('NetworkPolicy', egressNetworkPolicyName(e), ofList(k), renderEgressNetworkPolicy, e)); });
    pushByName(objects, networkPolicies);
  }
  return objects;
}

/** Appends `group` to `objects` sorted by name, as the objects of one kind are emitted. */
function pushByName(objects: NamespaceObject[], group: NamespaceObject[]): void {
  if (group.length > 1) group.sort((a, b) => compareText(a.name, b.name));
  for (const o of group) objects.push(o);
}
