// What each object of a ZeroTrustNamespace contains: pure functions from the plan, and the name the list of objects
// (objects.ts) gives the object, to a manifest.
import { egressKey, EgressPlan, externalEgressRulesOf, HostPlan, podSelectorOf, renderGatewayAuthorization, renderServiceEntry, sidecarHostsOf } from '../egress-allow-list';
import { MANAGED_BY_LABEL, Manifest, sortedRecord } from '../manifest';
import { authorizationHostsOf } from '../mesh-ingress';
import { renderSidecar } from '../sidecar';
import type { SidecarWorkload } from './objects';
import type { CallPlan, NamespacePlan, ZeroTrustPlan } from './plan';

/** The sidecar's Prometheus ports: Istio's merged metrics and Envoy's own. */
const PROXY_METRICS_PORTS = [15020, 15090];

function meta(plan: NamespacePlan, name: string, annotations?: Record<string, string>): Manifest['metadata'] {
  const m: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> } = {
    name, namespace: plan.name, labels: { ...MANAGED_BY_LABEL },
  };
  if (annotations !== undefined) m.annotations = annotations;
  return m;
}

function policyMeta(plan: NamespacePlan, name: string): Manifest['metadata'] {
  return meta(plan, name, plan.dryRun ? { 'istio.io/dry-run': 'true' } : undefined);
}

/** The name of a namespace's waypoint, its Gateway, service account and pods' `gateway-name` label. */
export const WAYPOINT = 'waypoint';

/** The labels Istio gives the pods of the waypoint it deploys for the Gateway `waypoint`. */
const WAYPOINT_PODS = { 'gateway.networking.k8s.io/gateway-name': WAYPOINT };

/** ztunnel's port for HBONE, Istio's tunnel between ztunnels and waypoints. */
const HBONE_PORT = 15008;

/** The Namespace, labelled so that its pods join the mesh the way `dataplane` says (and use its waypoint). */
export function renderNamespace(plan: NamespacePlan): Manifest {
  const mesh: Record<string, string> = plan.dataplane === 'ambient'
    ? { 'istio.io/dataplane-mode': 'ambient', ...(plan.waypoint ? { 'istio.io/use-waypoint': WAYPOINT } : {}) }
    : plan.revision !== undefined ? { 'istio.io/rev': plan.revision } : { 'istio-injection': 'enabled' };
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: plan.name, labels: sortedRecord({ ...mesh, ...MANAGED_BY_LABEL }) } };
}

/** The namespace's inbound mTLS. */
export function renderPeerAuthentication(plan: NamespacePlan, name: string): Manifest {
  return { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: meta(plan, name), spec: { mtls: { mode: plan.mtls } } };
}

/** The allow-nothing policy: it selects every workload and matches no request, so whatever no ALLOW admits is denied. */
export function renderAllowNothing(plan: NamespacePlan, name: string): Manifest {
  return { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: policyMeta(plan, name), spec: {} };
}

/**
 * The namespace's waypoint: a Gateway of class `istio-waypoint` for its services, whose pods Istio deploys.
 * @see https://istio.io/latest/docs/ambient/usage/waypoint/
 */
export function renderWaypoint(plan: NamespacePlan, name: string): Manifest {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { ...meta(plan, name), labels: { ...MANAGED_BY_LABEL, 'istio.io/waypoint-for': 'service' } },
    spec: { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: HBONE_PORT, protocol: 'HBONE' }] },
  };
}

/** Deny by default at the waypoint: attached to it, an ALLOW policy that matches nothing. */
export function renderWaypointAllowNothing(plan: NamespacePlan, name: string): Manifest {
  return {
    apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: policyMeta(plan, name),
    spec: { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: WAYPOINT }] },
  };
}

/** The principal of the namespace's waypoint, which ztunnel sees as the caller of what it forwards. */
function waypointPrincipal(plan: NamespacePlan): string {
  return `${plan.trustDomain}/ns/${plan.name}/sa/${WAYPOINT}`;
}

/** The operation a call allows: its hosts, methods, paths (`paths` instead, when given) and ports. */
function callOperation(call: CallPlan, hosts: readonly string[], paths: readonly string[] = call.paths): Record<string, string[]> {
  const operation: Record<string, string[]> = {};
  if (hosts.length > 0) operation.hosts = [...hosts];
  if (call.methods.length > 0) operation.methods = [...call.methods];
  if (paths.length > 0) operation.paths = [...paths];
  if (call.containerPorts.length > 0) operation.ports = call.containerPorts.map(String);
  return operation;
}

function ruleOf(source: Record<string, unknown>, operations: readonly Record<string, string[]>[]): Record<string, unknown> {
  const rule: Record<string, unknown> = { from: [{ source }] };
  const to = operations.filter((o) => Object.keys(o).length > 0).map((operation) => ({ operation }));
  if (to.length > 0) rule.to = to;
  return rule;
}

/**
 * The ALLOW policy of a call. From a MeshIngress with jwt, the token is checked again here: a request must carry one
 * the issuer signed (the backend's RequestAuthentication verifies it), except on the paths the ingress leaves open.
 */
export function renderCallPolicy(plan: NamespacePlan, name: string, call: CallPlan): Manifest {
  const rules = call.jwt === undefined
    ? [ruleOf(call.from.source, [callOperation(call, call.hosts)])]
    : [
      ruleOf({ ...call.from.source, requestPrincipals: [`${call.jwt.issuer}/*`] }, [callOperation(call, call.hosts)]),
      ...(call.jwt.publicPaths.length === 0 ? [] : [ruleOf(call.from.source, call.jwt.publicPaths.map((h) => callOperation(call, authorizationHostsOf(h.host), h.paths)))]),
    ];
  if (call.viaWaypoint) {
    // Decided at the waypoint, for the target's Service: the caller as it is, and what its request says. The ports
    // are the pods' to decide (see renderCallFromWaypoint).
    const atWaypoint = rules.map(withoutPorts);
    return {
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: policyMeta(plan, name),
      spec: { action: 'ALLOW', rules: atWaypoint, targetRefs: [{ group: '', kind: 'Service', name: call.to.host!.split('.')[0] }] },
    };
  }
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: policyMeta(plan, name),
    spec: { action: 'ALLOW', rules, selector: { matchLabels: call.to.labels } },
  };
}

/** A rule without its operations' ports (and without operations left empty). */
function withoutPorts(rule: Record<string, unknown>): Record<string, unknown> {
  const to = ((rule.to ?? []) as { operation: Record<string, unknown> }[])
    .map(({ operation: { ports: _ports, ...operation } }) => ({ operation }))
    .filter((t) => Object.keys(t.operation).length > 0);
  return to.length > 0 ? { ...rule, to } : { from: rule.from };
}

/**
 * The layer-4 ALLOW at the target pods of a call through the waypoint: ztunnel sees the waypoint as the caller, so it
 * admits the waypoint's identity on the call's ports.
 */
export function renderCallFromWaypoint(plan: NamespacePlan, name: string, call: CallPlan): Manifest {
  const rule: Record<string, unknown> = { from: [{ source: { principals: [waypointPrincipal(plan)] } }] };
  if (call.containerPorts.length > 0) rule.to = [{ operation: { ports: call.containerPorts.map(String) } }];
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: policyMeta(plan, name),
    spec: { action: 'ALLOW', rules: [rule], selector: { matchLabels: call.to.labels } },
  };
}

/** The RequestAuthentication that verifies, at the target, the token a MeshIngress with jwt forwards. */
export function renderCallRequestAuthentication(plan: NamespacePlan, name: string, call: CallPlan): Manifest {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'RequestAuthentication',
    metadata: meta(plan, name),
    spec: { jwtRules: [{ ...call.jwt!.rule }], selector: { matchLabels: call.to.labels } },
  };
}

/** The ServiceEntry of an external host, named after the host as a standalone allow-list's. */
export function renderExternalHost(plan: NamespacePlan, _name: string, host: HostPlan): Manifest {
  return renderServiceEntry(plan.name, host);
}

/** What the Sidecars of a namespace are made of, by workload. */
export interface SidecarSources {
  /** Hosts every proxy sees: with proxy scope the control plane, without it every Service of the mesh too. */
  readonly baseline: readonly string[];
  /** Hosts of the namespace-wide allow-lists, and whether one of them allows any host. */
  readonly namespaceHosts: readonly string[];
  readonly namespaceAllowsAny: boolean;
  /** The calls out of each workload to a Service, by the caller's name. */
  readonly callees: ReadonlyMap<string, readonly CallPlan[]>;
  /** The allow-lists of each workload, by its name. */
  readonly ownLists: ReadonlyMap<string, readonly EgressPlan[]>;
  /** The workloads with a Sidecar of their own, by name. */
  readonly workloads: ReadonlyMap<string, SidecarWorkload>;
}

/**
 * What renderers may read beyond the call or allow-list that brings an object: what the Sidecars of the whole plan
 * are made of, gathered once per render so that rendering stays linear in the size of the namespace.
 */
export class RenderScope {
  private sources?: SidecarSources;
  private lists?: ReadonlyMap<string, readonly EgressPlan[]>;

  public constructor(private readonly plan: ZeroTrustPlan) {}

  /** The allow-lists of the scope of `list` (itself among them), in list order, which merge into one scope's objects. */
  public listsOfScope(list: EgressPlan): readonly EgressPlan[] {
    this.lists ??= groupBy(this.plan.egress, egressKey);
    return this.lists.get(egressKey(list))!;
  }

  /** What the Sidecars are made of, gathered on first use. */
  public get sidecarSources(): SidecarSources {
    this.sources ??= sidecarSourcesOf(this.plan);
    return this.sources;
  }
}

function sidecarSourcesOf(plan: ZeroTrustPlan): SidecarSources {
  // With proxy scope a proxy sees the control plane and what it calls; without it, every Service of the mesh.
  const baseline = plan.proxyScope ? [`${plan.controlPlaneNamespace}/*`] : [`${plan.controlPlaneNamespace}/*`, `*/*.svc.${plan.clusterDomain}`];
  const namespaceWide = plan.egress.filter((e) => e.scope.workload === undefined);
  return {
    baseline,
    namespaceHosts: namespaceWide.flatMap(sidecarHostsOf),
    namespaceAllowsAny: namespaceWide.some((e) => e.allowAnyHost),
    callees: groupBy(plan.calls.filter((c) => c.outbound && c.to.host !== undefined), (c) => c.from.workload!.name),
    ownLists: groupBy(plan.egress.filter((e) => e.scope.workload !== undefined), (e) => e.scope.workload!.name),
    workloads: plan.sidecarWorkloads,
  };
}

/** The namespace's default Sidecar: the baseline and the namespace-wide allow-lists' hosts. */
export function renderNamespaceSidecar(plan: NamespacePlan, name: string, _source: undefined, scope: RenderScope): Manifest {
  const sources = scope.sidecarSources;
  return renderSidecar(plan.name, name, [...sources.baseline, ...sources.namespaceHosts], sources.namespaceAllowsAny);
}

/** The Sidecar of the workload `name`: the baseline, the Services it calls, and its and the namespace's allowed hosts. */
export function renderWorkloadSidecar(plan: NamespacePlan, name: string, _source: undefined, scope: RenderScope): Manifest {
  const sources = scope.sidecarSources;
  const own = sources.ownLists.get(name) ?? [];
  const callees = (sources.callees.get(name) ?? []).flatMap((c) => [c.to.host!, ...(c.to.backendHosts ?? [])].map((host) => `${c.to.namespace}/${host}`));
  const hosts = [...sources.baseline, ...callees, ...sources.namespaceHosts, ...own.flatMap(sidecarHostsOf)];
  return renderSidecar(plan.name, name, hosts, sources.namespaceAllowsAny || own.some((e) => e.allowAnyHost), sources.workloads.get(name)!.workload.labels);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

function namespaceSelector(namespace: string): Record<string, unknown> {
  return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } };
}

function peerOf(plan: NamespacePlan, namespace: string, labels: Readonly<Record<string, string>> | undefined): Record<string, unknown> {
  const pods = labels === undefined ? {} : { podSelector: { matchLabels: labels } };
  return namespace === plan.name && labels !== undefined ? pods : { ...namespaceSelector(namespace), ...pods };
}

function tcpPorts(ports: readonly number[]): { port: number; protocol: string }[] {
  return ports.map((port) => ({ port, protocol: 'TCP' }));
}

function networkPolicy(plan: NamespacePlan, name: string, spec: Record<string, unknown>): Manifest {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(plan, name), spec };
}

/** The NetworkPolicy that denies all ingress and egress of the namespace's pods but what others allow. */
export function renderDenyAll(plan: NamespacePlan, name: string): Manifest {
  return networkPolicy(plan, name, { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
}

/** The NetworkPolicy that lets every pod of the namespace reach the cluster's DNS. */
export function renderAllowDns(plan: NamespacePlan, name: string): Manifest {
  return networkPolicy(plan, name, {
    egress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], to: [{ ...namespaceSelector('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }] }],
    podSelector: {},
    policyTypes: ['Egress'],
  });
}

/** The NetworkPolicy that lets every pod of the namespace reach istiod, which its proxy gets its configuration from. */
export function renderAllowControlPlane(plan: NamespacePlan, name: string): Manifest {
  return networkPolicy(plan, name, {
    egress: [{ ports: tcpPorts([15012]), to: [{ ...namespaceSelector(plan.controlPlaneNamespace), podSelector: { matchLabels: { app: 'istiod' } } }] }],
    podSelector: {},
    policyTypes: ['Egress'],
  });
}

/** The ports a call's NetworkPolicies open, or undefined for all ports. */
function callPorts(plan: NamespacePlan, call: CallPlan): { port: number; protocol: string }[] | undefined {
  // Ambient traffic arrives over HBONE on 15008; sidecar traffic on the container port itself.
  const extra = plan.dataplane === 'ambient' ? [15008] : call.proxyMetrics ? PROXY_METRICS_PORTS : [];
  return call.containerPorts.length === 0 ? undefined : tcpPorts([...call.containerPorts, ...extra]);
}

/** The port every east-west gateway takes calls between networks on (Istio's multi-network model). */
const EAST_WEST_PORT = 15443;

/**
 * Where else a call's connections come from or go to, in other clusters of the mesh: the pod ranges of this network,
 * and (inbound) this cluster's east-west gateway. Calls from the edge come through this cluster's own gateways.
 */
function remotePeersOf(plan: NamespacePlan, call: CallPlan, direction: 'in' | 'out'): Record<string, unknown>[] {
  const remote = plan.remoteClusters;
  if (remote === undefined || call.from.gateway === true || call.from.ingress !== undefined) return [];
  const gateway = remote.eastWestGateway;
  return [
    ...remote.podCidrs.map((cidr) => ({ ipBlock: { cidr } })),
    ...(direction === 'in' && gateway !== undefined ? [{ ...namespaceSelector(gateway.namespace), podSelector: { matchLabels: gateway.labels } }] : []),
  ];
}

/** The NetworkPolicy that lets a call into its target, a workload of the namespace (from the waypoint, through it). */
export function renderCallIngressPolicy(plan: NamespacePlan, name: string, call: CallPlan): Manifest {
  if (call.viaWaypoint) {
    const fromWaypoint = { from: [{ podSelector: { matchLabels: WAYPOINT_PODS } }], ports: tcpPorts([HBONE_PORT]) };
    return networkPolicy(plan, name, { ingress: [fromWaypoint], podSelector: { matchLabels: call.to.labels }, policyTypes: ['Ingress'] });
  }
  const ports = callPorts(plan, call);
  const ingressRule: Record<string, unknown> = { from: [peerOf(plan, call.from.namespace, call.from.labels), ...remotePeersOf(plan, call, 'in')] };
  if (ports) ingressRule.ports = ports;
  return networkPolicy(plan, name, { ingress: [ingressRule], podSelector: { matchLabels: call.to.labels }, policyTypes: ['Ingress'] });
}

/**
 * The NetworkPolicy that lets a call out of its caller, a workload of the namespace; with clusters on other networks,
 * to their east-west gateways as well. In ambient mode, to the target namespace's waypoint too (meshlight names every
 * waypoint `waypoint`), which a target with a Service may be reached through.
 */
export function renderCallEgressPolicy(plan: NamespacePlan, name: string, call: CallPlan): Manifest {
  const ports = callPorts(plan, call);
  const egressRule: Record<string, unknown> = { to: [peerOf(plan, call.to.namespace, call.to.labels), ...remotePeersOf(plan, call, 'out')] };
  if (ports) egressRule.ports = ports;
  const gateway = plan.remoteClusters?.eastWestGateway;
  const throughGateways = gateway === undefined ? [] : [{ to: gateway.remoteAddresses.map((cidr) => ({ ipBlock: { cidr } })), ports: tcpPorts([EAST_WEST_PORT]) }];
  const toWaypoint = plan.dataplane === 'ambient' && call.to.host !== undefined ? [{ to: [peerOf(plan, call.to.namespace, WAYPOINT_PODS)], ports: tcpPorts([HBONE_PORT]) }] : [];
  return networkPolicy(plan, name, { egress: [egressRule, ...toWaypoint, ...throughGateways], podSelector: { matchLabels: call.from.labels }, policyTypes: ['Egress'] });
}

/** The NetworkPolicy of the waypoint's pods for a call through it: in from the caller, out to the target, over HBONE. */
export function renderCallWaypointPolicy(plan: NamespacePlan, name: string, call: CallPlan): Manifest {
  const hbone = tcpPorts([HBONE_PORT]);
  return networkPolicy(plan, name, {
    egress: [{ ports: hbone, to: [{ podSelector: { matchLabels: call.to.labels } }] }],
    ingress: [{ from: [peerOf(plan, call.from.namespace, call.from.labels)], ports: hbone }],
    podSelector: { matchLabels: WAYPOINT_PODS },
    policyTypes: ['Ingress', 'Egress'],
  });
}

/** The NetworkPolicy that lets an allow-list's pods out the way the list allows. */
export function renderEgressNetworkPolicy(plan: NamespacePlan, name: string, list: EgressPlan, scope: RenderScope): Manifest {
  return networkPolicy(plan, name, { egress: externalEgressRulesOf(scope.listsOfScope(list)), podSelector: podSelectorOf(list), policyTypes: ['Egress'] });
}

/** The egress gateway's AuthorizationPolicy of the scope of `list`: it admits the scope for the hosts of its lists through the gateway. */
export function renderGatewayPolicy(_plan: NamespacePlan, _name: string, list: EgressPlan, scope: RenderScope): Manifest {
  return renderGatewayAuthorization(scope.listsOfScope(list).filter((l) => l.gateway !== undefined));
}
