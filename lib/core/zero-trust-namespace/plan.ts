// How a ZeroTrustNamespace's props resolve: each setting checked and defaulted, each workload, caller, call and
// allow-list checked and resolved into a plan that the objects and their renderers read.
import { EgressAllowListProps, egressKey, EgressPlan, HostPlan, planEgressAllowList } from '../egress-allow-list';
import { planCidrs } from '../cidr';
import { ProblemCollector, quote, RenderContext } from '../errors';
import { checkKnownFields, fieldsOf, isRecord } from '../fields';
import { sortedRecord } from '../manifest';
import { checkLabelMap, isDnsLabel, isDnsSubdomain, isHostPattern, isLabelValue, serviceHost } from '../names';
import { authorizationHostsOf, IngressCaller, isIngressCaller } from '../mesh-ingress';
import { checkSecurityPaths, PathNormalization, planPathNormalization } from '../path-safety';
import { checkIdentity, identityOf, WorkloadIdentity } from '../workload';
import { NAMESPACE_SIDECAR, objectsOfCall, SidecarWorkload } from './objects';
import {
  Caller, callerOfData, CallProps, CONTROL_PLANE_NAMESPACE, Dataplane, DeclaredWorkloadProps, EastWestGatewayProps, IngressGatewayProps,
  ingressGatewaySettingsOf, MtlsMode, RemoteClustersProps, ZeroTrustNamespaceProps,
} from './props';

/** A caller, resolved. */
export interface CallerPlan {
  /** Short name for object names. */
  readonly slug: string;
  /** Who the caller is (kind, namespace, service account, labels), so that a call is declared once per caller. */
  readonly key: string;
  readonly namespace: string;
  /** Authorization source: principals or namespaces. */
  readonly source: { readonly principals?: readonly string[]; readonly namespaces?: readonly string[] };
  readonly labels?: Readonly<Record<string, string>>;
  /** The workload, when the caller is one. */
  readonly workload?: WorkloadIdentity;
  /** The MeshIngress, when the caller is one. */
  readonly ingress?: IngressCaller;
  /** Whether the caller is Istio's ingress gateway, whose calls must name hosts. */
  readonly gateway?: boolean;
}

/** One call, resolved. */
export interface CallPlan {
  readonly from: CallerPlan;
  readonly to: WorkloadIdentity;
  /** True when the target runs in this namespace: its AuthorizationPolicy and ingress NetworkPolicy are ours. */
  readonly inbound: boolean;
  /** True when the caller is a workload of this namespace: its Sidecar and egress NetworkPolicy are ours. */
  readonly outbound: boolean;
  /** Container ports of the target the caller may reach; empty means all ports. */
  readonly containerPorts: readonly number[];
  /** Whether the NetworkPolicies open the sidecar's metrics ports too. */
  readonly proxyMetrics: boolean;
  readonly methods: readonly string[];
  readonly paths: readonly string[];
  /** Hosts the caller may name, as the policy matches them (with and without port); empty means any. */
  readonly hosts: readonly string[];
  /**
   * Whether the call reaches its target through the namespace's waypoint (ambient, a waypoint, a target with a Service,
   * a caller in the mesh): its HTTP side is decided there, and the pods admit the waypoint.
   */
  readonly viaWaypoint: boolean;
  /** From a MeshIngress with jwt: the token rule, and the paths each host serves without one. */
  readonly jwt?: { readonly issuer: string; readonly rule: Readonly<Record<string, unknown>>; readonly publicPaths: readonly { readonly host: string; readonly paths: readonly string[] }[] };
}

/** The settings of a ZeroTrustNamespace and the workloads its props declare, resolved. */
export interface NamespacePlan {
  readonly name: string;
  readonly dataplane: Dataplane;
  readonly revision?: string;
  readonly mtls: MtlsMode;
  readonly trustDomain: string;
  readonly networkPolicy: boolean;
  readonly proxyScope: boolean;
  readonly dryRun: boolean;
  readonly controlPlaneNamespace: string;
  readonly clusterDomain: string;
  readonly pathNormalization: PathNormalization;
  /** What the NetworkPolicies admit of other clusters of the mesh; none when only this cluster's pods. */
  readonly remoteClusters?: RemoteClustersPlan;
  /** With ambient: the namespace's services go through the waypoint `waypoint`. */
  readonly waypoint: boolean;
  /** Workloads declared in props, which calls may name. */
  readonly declared: readonly WorkloadIdentity[];
  /** Names of workloads whose declaration is invalid (and reported), which calls may name without more noise. */
  readonly rejected: ReadonlySet<string>;
}

/** Other clusters of the mesh, resolved: the pod ranges of this network, and the east-west gateways. */
export interface RemoteClustersPlan {
  readonly podCidrs: readonly string[];
  readonly eastWestGateway?: { readonly remoteAddresses: readonly string[]; readonly namespace: string; readonly labels: Readonly<Record<string, string>> };
}

/** What a ZeroTrustNamespace resolves to: its settings, and the calls and allow-lists declared so far. */
export interface ZeroTrustPlan extends NamespacePlan {
  readonly calls: readonly CallPlan[];
  readonly egress: readonly EgressPlan[];
  /**
   * Workloads that get their own Sidecar (with proxy scope), by name, and what brought each: the known ones, and those
   * allow-lists select by labels.
   */
  readonly sidecarWorkloads: ReadonlyMap<string, SidecarWorkload>;
  /** One ServiceEntry per allowed host, merged across the allow-lists, by host. */
  readonly externalHosts: ReadonlyMap<string, HostPlan>;
}

/** A workload that gets its own Sidecar: one known by identity, or one an allow-list selects by labels. */
export type EgressWorkload = Pick<WorkloadIdentity, 'name' | 'labels'>;

/** The fields of each props object, as their interfaces declare them. */
const PROPS_FIELDS = fieldsOf<ZeroTrustNamespaceProps>({
  name: true, dataplane: true, revision: true, mtls: true, trustDomain: true, networkPolicy: true, proxyScope: true,
  dryRun: true, workloads: true, calls: true, egress: true, controlPlaneNamespace: true, clusterDomain: true,
  pathNormalization: true, remoteClusters: true, waypoint: true,
});
const REMOTE_FIELDS = fieldsOf<RemoteClustersProps>({ podCidrs: true, eastWestGateway: true });
const EAST_WEST_FIELDS = fieldsOf<EastWestGatewayProps>({ remoteAddresses: true, namespace: true, labels: true });
const WORKLOAD_FIELDS = fieldsOf<DeclaredWorkloadProps>({
  name: true, serviceAccount: true, labels: true, ports: true,
});
const PORT_FIELDS = fieldsOf<NonNullable<DeclaredWorkloadProps['ports']>[number]>({ port: true, containerPort: true });
const CALL_FIELDS = fieldsOf<CallProps>({ from: true, to: true, ports: true, methods: true, paths: true, hosts: true, proxyMetrics: true });
const INGRESS_GATEWAY_FIELDS = fieldsOf<IngressGatewayProps>({ namespace: true, serviceAccount: true, labels: true });

const HTTP_METHOD = /^[A-Z]+$/;

/** What the NetworkPolicies admit of the mesh's other clusters; undefined when none is declared. */
function planRemoteClusters(problems: ProblemCollector, value: unknown, dataplane: unknown): RemoteClustersPlan | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    problems.add('remoteClusters', value, 'is not an object', 'use { podCidrs: ["10.8.0.0/14"] } for clusters on this network, eastWestGateway for clusters on others');
    return undefined;
  }
  checkKnownFields(problems, 'remoteClusters', value, REMOTE_FIELDS, 'remoteClusters');
  if (dataplane === 'ambient') {
    problems.add('remoteClusters', value, 'is for the sidecar dataplane: in ambient mode connections between clusters are ztunnel\'s and a waypoint\'s, which meshlight does not fence yet', 'use dataplane "sidecar" for a namespace called across clusters');
  }
  const podCidrs = value.podCidrs === undefined ? [] : planCidrs(problems, 'remoteClusters.podCidrs', value.podCidrs, 'pod address ranges');
  const gateway = value.eastWestGateway;
  if (gateway === undefined) return { podCidrs };
  if (!isRecord(gateway)) {
    problems.add('remoteClusters.eastWestGateway', gateway, 'is not an object', 'use { remoteAddresses: ["203.0.113.10/32"] }: the addresses of the other networks\' east-west gateways');
    return { podCidrs };
  }
  checkKnownFields(problems, 'remoteClusters.eastWestGateway', gateway, EAST_WEST_FIELDS, 'the east-west gateway');
  const remoteAddresses = planCidrs(problems, 'remoteClusters.eastWestGateway.remoteAddresses', gateway.remoteAddresses, 'the other networks\' east-west gateway addresses');
  if (Array.isArray(gateway.remoteAddresses) && gateway.remoteAddresses.length === 0) {
    problems.add('remoteClusters.eastWestGateway.remoteAddresses', gateway.remoteAddresses, 'lists no address, so no call could reach another network', 'list the addresses of the other networks\' east-west gateways, such as ["203.0.113.10/32"]');
  }
  const namespace = gateway.namespace ?? CONTROL_PLANE_NAMESPACE;
  if (typeof namespace !== 'string' || !isDnsLabel(namespace)) {
    problems.add('remoteClusters.eastWestGateway.namespace', namespace, 'is not a namespace name', 'use the namespace the east-west gateway runs in, usually "istio-system"');
  }
  const labels = gateway.labels ?? { istio: 'eastwestgateway' };
  checkPodLabels(problems, 'remoteClusters.eastWestGateway.labels', labels, '{ istio: "eastwestgateway" }');
  return { podCidrs, eastWestGateway: { remoteAddresses, namespace: namespace as string, labels: labels as Record<string, string> } };
}

/** The SPIFFE-style principal Istio gives pods running as `serviceAccount` in `namespace`. */
export function principalOf(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

/** Resolves the settings and declared workloads of the props, and returns the calls and allow-lists they list. */
export function planZeroTrust(problems: ProblemCollector, props: ZeroTrustNamespaceProps, context: RenderContext): { plan: NamespacePlan; calls: readonly unknown[]; egress: unknown } {
  if (props !== undefined && !isRecord(props)) {
    // Nothing else can be read from props that are not an object; say only that.
    problems.add('props', props, 'is not an object', 'pass an object such as { calls: [] }');
    props = {};
  }
  const input = (props ?? {}) as Partial<ZeroTrustNamespaceProps>;
  checkKnownFields(problems, '', input, PROPS_FIELDS, 'ZeroTrustNamespace props');
  const name = input.name ?? context.defaultName;
  if (typeof name !== 'string' || !isDnsLabel(name)) {
    problems.add('name', name, 'is not a valid namespace name (DNS-1123 label)', 'use lower-case letters, digits and "-", at most 63 characters');
  }
  const dataplane = input.dataplane ?? 'sidecar';
  if (dataplane !== 'sidecar' && dataplane !== 'ambient') {
    problems.add('dataplane', dataplane, 'is not a dataplane mode', 'use "sidecar" or "ambient"');
  }
  if (input.revision !== undefined) {
    if (typeof input.revision !== 'string' || input.revision === '' || !isLabelValue(input.revision)) {
      problems.add('revision', input.revision, 'is not a valid revision label value', 'use the revision name, such as "1-30-3"');
    } else if (dataplane === 'ambient') {
      problems.add('revision', input.revision, 'selects a sidecar injector, but dataplane is "ambient"', 'remove revision, or use dataplane "sidecar"');
    }
  }
  // A dry run enforces nothing: read first, as it decides the defaults of what would enforce.
  const dryRun = input.dryRun ?? false;
  if (typeof dryRun !== 'boolean') {
    problems.add('dryRun', dryRun, 'is not true or false', 'use true to stage the policies, false to enforce them');
  }
  const mtls = input.mtls ?? (dryRun === true ? 'PERMISSIVE' : 'STRICT');
  if (mtls !== 'STRICT' && mtls !== 'PERMISSIVE') {
    problems.add('mtls', mtls, 'is not an mTLS mode', 'use "STRICT" (the default) or "PERMISSIVE"');
  } else if (mtls === 'STRICT' && dryRun === true) {
    problems.add('mtls', mtls, 'cannot be dry-run: STRICT mTLS refuses plaintext callers as soon as it exists', 'leave mtls out while dryRun is on (the namespace is PERMISSIVE then), and make it STRICT with enforcement');
  }
  let trustDomain = input.trustDomain ?? 'cluster.local';
  if (typeof trustDomain !== 'string' || !isDnsSubdomain(trustDomain)) {
    problems.add('trustDomain', trustDomain, 'is not a valid trust domain', 'use a lower-case DNS name such as "cluster.local" or "prod.example.com"');
    trustDomain = 'cluster.local';
  }
  const controlPlaneNamespace = input.controlPlaneNamespace ?? CONTROL_PLANE_NAMESPACE;
  if (typeof controlPlaneNamespace !== 'string' || !isDnsLabel(controlPlaneNamespace)) {
    problems.add('controlPlaneNamespace', controlPlaneNamespace, 'is not a namespace name', 'use the namespace istiod runs in, usually "istio-system"');
  }
  let clusterDomain = input.clusterDomain ?? 'cluster.local';
  if (typeof clusterDomain !== 'string' || !isDnsSubdomain(clusterDomain)) {
    problems.add('clusterDomain', clusterDomain, 'is not a DNS domain', 'use your cluster\'s domain, usually "cluster.local"');
    clusterDomain = 'cluster.local';
  }
  if (input.networkPolicy === true && dryRun === true) {
    problems.add('networkPolicy', true, 'cannot be dry-run: NetworkPolicies are enforced as soon as they exist', 'leave networkPolicy out while dryRun is on, and turn it on with enforcement');
  }
  const networkPolicy = input.networkPolicy ?? !dryRun;
  if (typeof networkPolicy !== 'boolean') {
    problems.add('networkPolicy', networkPolicy, 'is not true or false', 'use true (the default) or false');
  }
  const pathNormalization = planPathNormalization(problems, input.pathNormalization);
  const proxyScope = input.proxyScope ?? !dryRun;
  if (typeof proxyScope !== 'boolean') {
    problems.add('proxyScope', proxyScope, 'is not true or false', 'use true (the default) or false');
  } else if (proxyScope && dryRun === true) {
    problems.add('proxyScope', proxyScope, 'cannot be dry-run: a Sidecar blocks every host it does not list (REGISTRY_ONLY) as soon as it exists', 'leave proxyScope out while dryRun is on (no Sidecars are emitted then), and turn it on with enforcement');
  }

  const waypoint = input.waypoint ?? false;
  if (typeof waypoint !== 'boolean') {
    problems.add('waypoint', waypoint, 'is not true or false', 'use true for a waypoint that applies HTTP routing and policies in ambient mode, or leave it out');
  } else if (waypoint && dataplane !== 'ambient') {
    problems.add('waypoint', waypoint, 'is a proxy for ambient mode, and dataplane is "sidecar", whose proxies apply HTTP routing and policies themselves', 'leave waypoint out, or set dataplane: "ambient"');
  }
  const remoteClusters = planRemoteClusters(problems, input.remoteClusters, dataplane);
  const namespace = typeof name === 'string' ? name : '';
  const { declared, rejected } = planDeclaredWorkloads(problems, input.workloads, namespace, clusterDomain, dataplane);
  const rawCalls = input.calls ?? [];
  if (!Array.isArray(rawCalls)) {
    problems.add('calls', rawCalls, 'is not a list of calls', 'use an array such as [{ from: sleep, to: httpbin }]');
  }
  return {
    plan: {
      name: namespace, dataplane, revision: input.revision, mtls, trustDomain, networkPolicy, proxyScope, dryRun,
      controlPlaneNamespace, clusterDomain, pathNormalization, declared, rejected, waypoint: waypoint === true && dataplane === 'ambient',
      ...(remoteClusters === undefined ? {} : { remoteClusters }),
    },
    calls: Array.isArray(rawCalls) ? rawCalls : [],
    egress: input.egress,
  };
}

/**
 * Plans the allow-lists `input`, which come after the `accepted` ones (`taken` holds the position of the first list
 * of each scope); returns the accepted ones and the scopes they are the first of. Lists of one scope merge: the
 * scope's Sidecar, NetworkPolicy and gateway policy carry the hosts of all of them, so they must select the same pods
 * and leave through the same egress gateway, if any. `nameOf` says what an accepted list is called in a problem:
 * `egress[i]`, or where it was declared.
 */
export function planEgress(
  problems: ProblemCollector, input: unknown, settings: NamespacePlan, workloads: readonly WorkloadIdentity[], accepted: readonly EgressPlan[], taken: ReadonlyMap<string, number>,
  nameOf: (index: number) => string = (index) => `egress[${index}]`,
): { plans: EgressPlan[]; index: Map<string, number> } {
  const { name: namespace, trustDomain, clusterDomain, dryRun } = settings;
  const first = accepted.length;
  const plans: EgressPlan[] = [];
  const index = new Map<string, number>();
  if (input === undefined) return { plans, index };
  if (!Array.isArray(input)) {
    problems.add('egress', input, 'is not a list of allow-lists', 'use an array such as [{ hosts: ["www.example.com"] }]');
    return { plans, index };
  }
  // The first list of each scope, and the first that goes through a gateway (by position among the accepted lists):
  // those the others merge with.
  const listAt = (i: number) => (i < first ? accepted[i] : plans[i - first]);
  const gatewayLists = new Map<string, number>();
  input.forEach((raw: EgressAllowListProps, offset) => {
    const i = first + offset;
    const withDefaults = typeof raw === 'object' && raw !== null ? { trustDomain, clusterDomain, ...raw } : raw;
    const plan = planEgressAllowList(problems, withDefaults, { path: '', fieldPrefix: `egress[${i}].`, namespace, workloads });
    if (plan === undefined) return;
    if (settings.dataplane === 'ambient') {
      problems.add(`egress[${i}]`, plan.scopeName, 'would not be enforced in ambient mode: ztunnel ignores REGISTRY_ONLY and the Sidecar resource, so only the NetworkPolicy\'s "any public address on these ports" would remain', 'use dataplane "sidecar" for a namespace with allow-lists (meshlight does not manage egress waypoints yet)');
      return;
    }
    if (plan.gateway !== undefined && dryRun) {
      problems.add(`egress[${i}].egressGateway`, raw.egressGateway, 'cannot be dry-run: traffic routed through the egress gateway meets its policy, which enforces as soon as it exists', 'leave egressGateway out while dryRun is on, and route through the gateway with enforcement');
      return;
    }
    const key = egressKey(plan);
    const twin = taken.get(key) ?? index.get(key);
    if (twin !== undefined && !mergeable(problems, i, plan, twin, listAt(twin), nameOf)) return;
    if (plan.gateway !== undefined) {
      const other = gatewayLists.get(key) ?? findGatewayList(accepted, key);
      if (other !== undefined && JSON.stringify(listAt(other).gateway) !== JSON.stringify(plan.gateway)) {
        problems.add(`egress[${i}].egressGateway`, raw.egressGateway, `is another egress gateway than that of ${nameOf(other)}, for the same workloads, whose hosts it would have to admit too`,
          'send the allow-lists of one workload (or of the namespace) through one egress gateway');
        return;
      }
      if (other === undefined) gatewayLists.set(key, first + plans.length);
    }
    if (twin === undefined) index.set(key, first + plans.length);
    plans.push(plan);
  });
  return { plans, index };
}

/**
 * Whether the allow-list `plan` (`egress[i]`) can merge with `twin` (at `j`), the first list of its scope: one
 * Sidecar and one NetworkPolicy select the scope's pods, so a workload must be selected by the same labels (and, for
 * the egress gateway's policy, run as the same service account) in both. Reports why not.
 */
function mergeable(problems: ProblemCollector, i: number, plan: EgressPlan, j: number, twin: EgressPlan, nameOf: (index: number) => string): boolean {
  const [mine, theirs] = [plan.scope.workload, twin.scope.workload];
  if (mine === undefined || theirs === undefined) return true;
  if (JSON.stringify(mine.labels) !== JSON.stringify(theirs.labels)) {
    problems.add(`egress[${i}].workload`, mine.name, `selects pods by other labels than ${nameOf(j)} for the workload of the same name (${JSON.stringify(theirs.labels)})`, 'select the workload by the same labels in both allow-lists, or give it another name');
    return false;
  }
  if (mine.serviceAccount !== undefined && theirs.serviceAccount !== undefined && mine.serviceAccount !== theirs.serviceAccount) {
    problems.add(`egress[${i}].workload.serviceAccount`, mine.serviceAccount, `differs from the service account "${theirs.serviceAccount}" ${nameOf(j)} gives the workload of the same name`, 'give the workload the service account its pods run as, in both allow-lists');
    return false;
  }
  return true;
}

/** Position of the first of `lists` of the scope `key` that goes through an egress gateway. */
function findGatewayList(lists: readonly EgressPlan[], key: string): number | undefined {
  const i = lists.findIndex((l) => l.gateway !== undefined && egressKey(l) === key);
  return i === -1 ? undefined : i;
}

/**
 * Whether two planned hosts are described the same way: what comparing them as JSON says, field by field, as
 * planHost builds every HostPlan with the same fields in the same order.
 */
function sameHost(a: HostPlan, b: HostPlan): boolean {
  return a === b || (a.host === b.host && a.slug === b.slug && a.resolution === b.resolution && a.ports.length === b.ports.length
    && a.ports.every((p, i) => p.number === b.ports[i].number && p.protocol === b.ports[i].protocol));
}

/** How the first allow-list that lists a host sends it out: through the egress gateway or not. */
export interface HostRoute {
  readonly list: number;
  readonly gateway: boolean;
}

/**
 * One ServiceEntry per host across allow-lists; the same host must be described the same way in each, and go through
 * the egress gateway in all of them or in none: its gateway route is the namespace's (exportTo "."), so every proxy
 * of the namespace would send it to the gateway, which admits only the workloads of the lists that route it there.
 * Returns the hosts that `egress` (coming after `first` allow-lists, whose hosts `merged` holds, sent out as `routes`
 * says) adds, and how.
 */
export function mergeExternalHosts(
  problems: ProblemCollector, egress: readonly EgressPlan[], first: number, merged: ReadonlyMap<string, HostPlan>, routes: ReadonlyMap<string, HostRoute>,
  nameOf: (index: number) => string = (index) => `egress[${index}]`,
): { hosts: Map<string, HostPlan>; routes: Map<string, HostRoute> } {
  const byHost = new Map<string, HostPlan>();
  const addedRoutes = new Map<string, HostRoute>();
  for (const [offset, list] of egress.entries()) {
    const i = first + offset;
    const gateway = list.gateway !== undefined;
    for (const host of list.hosts) {
      const twin = merged.get(host.host) ?? byHost.get(host.host);
      const route = routes.get(host.host) ?? addedRoutes.get(host.host);
      if (twin !== undefined && !sameHost(twin, host)) {
        problems.add(`egress[${i}].hosts`, host.host, 'is listed by another allow-list with other ports or resolution', 'describe the host the same way in every allow-list of the namespace');
      } else if (route !== undefined && route.gateway !== gateway) {
        problems.add(`egress[${i}].hosts`, host.host, gateway
          ? `is listed by ${nameOf(route.list)} without the egress gateway, whose workloads the gateway would not admit once this list routes the host through it (the route applies to the whole namespace)`
          : `is routed through the egress gateway by ${nameOf(route.list)} for the whole namespace, and the gateway admits only that list's workloads`,
        'list the host through the egress gateway in every allow-list of the namespace, or in none');
      }
      if (twin === undefined) byHost.set(host.host, host);
      if (route === undefined) addedRoutes.set(host.host, { list: i, gateway });
    }
  }
  return { hosts: byHost, routes: addedRoutes };
}

function planDeclaredWorkloads(problems: ProblemCollector, input: unknown, namespace: string, clusterDomain: string, dataplane: unknown): { declared: WorkloadIdentity[]; rejected: Set<string> } {
  const out: WorkloadIdentity[] = [];
  const rejected = new Set<string>();
  if (input === undefined) return { declared: out, rejected };
  if (!Array.isArray(input)) {
    problems.add('workloads', input, 'is not a list of workloads', 'use an array such as [{ name: "sleep", serviceAccount: "sleep" }]');
    return { declared: out, rejected };
  }
  input.forEach((raw: unknown, i) => {
    const field = `workloads[${i}]`;
    if (!isRecord(raw)) {
      problems.add(field, raw, 'is not a workload', 'use an object such as { name: "sleep", serviceAccount: "sleep" }');
      return;
    }
    const before = problems.count;
    checkKnownFields(problems, field, raw, WORKLOAD_FIELDS, 'a declared workload');
    const w = raw as Partial<DeclaredWorkloadProps>;
    if (typeof w.name !== 'string' || !isDnsLabel(w.name)) {
      problems.add(`${field}.name`, w.name, 'is not a valid workload name (DNS-1123 label)', 'use lower-case letters, digits and "-"');
      return;
    }
    const name = w.name;
    if (out.some((o) => o.name === name) || rejected.has(name)) {
      problems.add(`${field}.name`, name, 'is declared twice', 'declare each workload once');
      return;
    }
    if (name === NAMESPACE_SIDECAR && dataplane === 'sidecar') {
      problems.add(`${field}.name`, name, `would give the workload's Sidecar the name "${NAMESPACE_SIDECAR}" of the namespace-wide Sidecar`, 'give the workload another name');
    }
    const serviceAccount = w.serviceAccount;
    if (typeof serviceAccount !== 'string' || !isDnsSubdomain(serviceAccount)) {
      problems.add(`${field}.serviceAccount`, serviceAccount, serviceAccount === undefined ? 'is missing' : 'is not a valid service account name (DNS-1123 subdomain)', `give the service account its pods run as: lower-case letters, digits, "-" and ".", at most 253 characters, e.g. serviceAccount: "${name}"`);
    } else if (serviceAccount === 'default') {
      problems.add(`${field}.serviceAccount`, serviceAccount, 'is not a service account of the workload\'s own, so the workload has no identity that names it alone', `give its pods a service account of their own, e.g. serviceAccount: "${name}"`);
    }
    const labels = w.labels ?? { app: name };
    checkPodLabels(problems, `${field}.labels`, labels, `{ app: "${name}" }`);
    if (w.ports !== undefined && !Array.isArray(w.ports)) {
      problems.add(`${field}.ports`, w.ports, 'is not a list of ports', 'use [{ port: 80, containerPort: 8080 }]');
    }
    const ports: { port: number; containerPort: number }[] = [];
    for (const [j, p] of (Array.isArray(w.ports) ? w.ports : []).entries()) {
      const portField = `${field}.ports[${j}]`;
      if (isRecord(p)) checkKnownFields(problems, portField, p, PORT_FIELDS, 'a port mapping');
      const port = isRecord(p) ? p.port : undefined;
      const containerPort = isRecord(p) ? p.containerPort ?? port : undefined;
      if (!isPort(port) || !isPort(containerPort)) {
        problems.add(portField, p, 'is not a port mapping', 'use { port: 80, containerPort: 8080 } with whole numbers from 1 to 65535');
      } else if (ports.some((q) => q.port === port)) {
        problems.add(`${portField}.port`, port, 'is mapped twice', 'map each Service port once, to the one container port it forwards to');
      } else {
        ports.push({ port, containerPort });
      }
    }
    if (problems.count !== before) {
      // Calls that name it would only repeat that it is wrong.
      rejected.add(name);
      return;
    }
    out.push({
      name, namespace, serviceAccount: serviceAccount as string, labels: sortedRecord(labels as Record<string, string>),
      host: ports.length > 0 ? serviceHost(name, namespace, clusterDomain) : undefined,
      ports: ports.length > 0 ? ports : undefined,
    });
  });
  return { declared: out, rejected };
}

/**
 * Reports labels that are not a non-empty map of valid Kubernetes label keys and values, which a selector needs (an
 * empty one selects every pod); `example` shows labels that would do.
 */
function checkPodLabels(problems: ProblemCollector, field: string, labels: unknown, example: string): labels is Record<string, string> {
  if (isRecord(labels) && Object.keys(labels).length === 0) {
    problems.add(field, labels, 'selects no pods', `use the labels of its pods, e.g. ${example}`);
    return false;
  }
  return checkLabelMap(problems, field, labels, example);
}

function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

function resolveWorkload(value: unknown, workloads: readonly WorkloadIdentity[]): WorkloadIdentity | undefined {
  return typeof value === 'string' ? workloads.find((w) => w.name === value) : identityOf(value);
}

function planCaller(problems: ProblemCollector, field: string, value: unknown, settings: NamespacePlan): CallerPlan | undefined {
  const { name: namespace, declared: workloads, trustDomain } = settings;
  if (value instanceof Caller) return planOtherCaller(problems, field, value, trustDomain);
  const fromData = identityOf(value) === undefined ? callerOfData(value) : undefined;
  if (fromData !== undefined) return planOtherCaller(problems, field, fromData, trustDomain);
  if (isIngressCaller(value)) return planIngressCaller(value.ingressCaller, trustDomain);
  const workload = resolveWorkload(value, workloads);
  if (workload === undefined) {
    unknownWorkload(problems, field, value, settings, 'caller');
    return undefined;
  }
  if (typeof value !== 'string' && !checkIdentity(problems, field, workload)) return undefined;
  if (workload.serviceAccount === 'default' || workload.serviceAccount === '') {
    problems.add(`${field}`, workload.name, 'runs as the "default" service account, which every pod shares, so it has no identity of its own', 'give the caller\'s pods a service account of their own');
    return undefined;
  }
  const slug = workload.namespace === namespace ? workload.name : `${workload.namespace}-${workload.name}`;
  return {
    slug, namespace: workload.namespace, labels: workload.labels, workload,
    key: JSON.stringify(['workload', workload.namespace, workload.name, workload.serviceAccount, workload.labels]),
    source: { principals: [principalOf(trustDomain, workload.namespace, workload.serviceAccount)] },
  };
}

/** A caller that is not a workload: a namespace, a service account elsewhere, or the ingress gateway. */
function planOtherCaller(problems: ProblemCollector, field: string, value: Caller, trustDomain: string): CallerPlan | undefined {
  const before = problems.count;
  const settings = ingressGatewaySettingsOf(value);
  if (value.kind === 'ingressGateway') {
    if (settings !== undefined && !isRecord(settings)) {
      problems.add(field, settings, 'has ingress gateway settings that are not an object', 'call Caller.ingressGateway() for the defaults, or pass { namespace, serviceAccount, labels }');
      return undefined;
    }
    if (settings !== undefined) checkKnownFields(problems, field, settings, INGRESS_GATEWAY_FIELDS, 'the ingress gateway settings');
  }
  const ns: unknown = value.namespace;
  if (typeof ns !== 'string' || !isDnsLabel(ns)) {
    const wildcard = typeof ns === 'string' && ns.includes('*');
    problems.add(`${field}.namespace`, ns, wildcard ? 'is not a namespace name; a wildcard would allow everyone' : 'is not a namespace name (DNS-1123 label)', wildcard ? 'name one namespace, such as "frontend"' : 'use lower-case letters, digits and "-", at most 63 characters, such as "frontend"');
  }
  if (value.kind !== 'namespace') {
    const account: unknown = value.serviceAccount;
    if (typeof account !== 'string' || !isDnsSubdomain(account)) {
      problems.add(`${field}.serviceAccount`, account, 'is not a valid service account name (DNS-1123 subdomain)', 'use lower-case letters, digits, "-" and ".", at most 253 characters');
    } else if (account === 'default') {
      problems.add(`${field}.serviceAccount`, account, 'is not a service account of the caller\'s own, so it names no single workload', 'give the caller a service account of its own and name it here');
    }
  }
  if (value.kind === 'ingressGateway') {
    // The labels select the gateway pods that NetworkPolicies admit; no labels would admit every pod of the namespace.
    checkPodLabels(problems, `${field}.labels`, value.labels, '{ istio: "ingressgateway" }');
  }
  if (problems.count !== before) return undefined;
  if (value.kind === 'namespace') {
    return { slug: `ns-${value.namespace}`, key: JSON.stringify(['namespace', value.namespace]), namespace: value.namespace, source: { namespaces: [value.namespace] } };
  }
  const serviceAccount = value.serviceAccount as string;
  return {
    gateway: value.kind === 'ingressGateway',
    slug: value.kind === 'ingressGateway' ? 'ingress-gateway' : `${value.namespace}-${serviceAccount}`,
    key: JSON.stringify([value.kind, value.namespace, serviceAccount, value.labels === undefined ? null : sortedRecord(value.labels)]),
    namespace: value.namespace,
    source: { principals: [principalOf(trustDomain, value.namespace, serviceAccount)] },
    labels: value.labels,
  };
}

/** A MeshIngress as a caller: its gateway's identity and pods, for the hosts it routes (see planCall). */
function planIngressCaller(ingress: IngressCaller, trustDomain: string): CallerPlan {
  const { namespace, serviceAccount, labels } = ingress.gateway;
  return {
    slug: `ingress-${ingress.name}`,
    key: JSON.stringify(['ingress', ingress.name, namespace, serviceAccount]),
    namespace,
    source: { principals: [principalOf(trustDomain, namespace, serviceAccount)] },
    labels,
    ingress,
  };
}

function unknownWorkload(problems: ProblemCollector, field: string, value: unknown, settings: NamespacePlan, role: 'caller' | 'target'): void {
  // A workload whose declaration was rejected is reported there.
  if (typeof value === 'string' && settings.rejected.has(value)) return;
  const known = settings.declared.map((w) => w.name);
  problems.add(field, value, value instanceof Caller ? 'is a Caller, which names callers only, not a workload to call' : `is not a known ${role}`,
    typeof value === 'string'
      ? `declare it in workloads, or pass the GrayscaleService itself${known.length ? `; known workloads: ${quote(known)}` : ''}`
      : role === 'caller'
        ? 'pass a GrayscaleService, the name of a declared workload, or a Caller such as Caller.namespace("frontend")'
        : 'pass the GrayscaleService that is called, or the name of a declared workload');
}

export function planCall(problems: ProblemCollector, field: string, raw: unknown, settings: NamespacePlan): CallPlan | undefined {
  const { name: namespace, declared: workloads, dataplane } = settings;
  if (!isRecord(raw)) {
    problems.add(field, raw, 'is not a call', 'use an object such as { from: sleep, to: httpbin }');
    return undefined;
  }
  checkKnownFields(problems, field, raw, CALL_FIELDS, 'a call');
  const call = raw as Partial<CallProps>;
  const from = planCaller(problems, `${field}.from`, call.from, settings);
  const to = resolveWorkload(call.to, workloads);
  if (to === undefined) {
    unknownWorkload(problems, `${field}.to`, call.to, settings, 'target');
  } else if (typeof call.to !== 'string' && !checkIdentity(problems, `${field}.to`, to)) {
    return undefined;
  } else if (to.namespace !== namespace && from !== undefined && (from.workload === undefined || from.namespace !== namespace)) {
    problems.add(`${field}.to`, to.name, `runs in namespace "${to.namespace}", and the caller does not run in "${namespace}" either`, `declare this call on the ZeroTrustNamespace of "${to.namespace}"`);
    return undefined;
  }
  const containerPorts: number[] = call.ports === undefined && to?.ports !== undefined ? to.ports.map((p) => p.containerPort) : [];
  for (const port of listOf(problems, `${field}.ports`, call.ports)) {
    const mapping = to?.ports?.find((p) => p.port === port);
    if (mapping !== undefined) {
      containerPorts.push(mapping.containerPort);
    } else if (to !== undefined) {
      const known = (to.ports ?? []).map((p) => p.port);
      problems.add(`${field}.ports`, port, `is not a Service port of ${to.name}`, known.length ? `use one of ${quote(known)}` : `declare the ports of ${to.name} in workloads first`);
    }
  }
  const methods = listOf(problems, `${field}.methods`, call.methods);
  for (const method of methods) {
    if (typeof method !== 'string' || !HTTP_METHOD.test(method)) {
      problems.add(`${field}.methods`, method, 'is not an HTTP method', 'use upper-case methods such as "GET" or "POST"');
    }
  }
  const paths = listOf(problems, `${field}.paths`, call.paths);
  checkSecurityPaths(problems, `${field}.paths`, paths, settings.pathNormalization);
  const hosts = planCallHosts(problems, field, call, from, to);
  // Hosts ["*"] (every host, on purpose) restricts nothing ztunnel would have to see.
  const restrictsHosts = hosts.named.some((h) => h !== '*');
  // Ingress gateways send to the pods directly (Istio's default), past the waypoint.
  const viaWaypoint = settings.waypoint && to?.namespace === namespace && to.host !== undefined && from?.ingress === undefined && from?.gateway !== true;
  if (dataplane === 'ambient' && !viaWaypoint && (methods.length > 0 || paths.length > 0 || restrictsHosts)) {
    const fix = settings.waypoint
      ? 'remove methods, paths and hosts (the call does not pass the waypoint: its target has no Service, or it comes from an ingress gateway), or use dataplane "sidecar"'
      : 'remove methods, paths and hosts (from the ingress gateway: hosts ["*"] on purpose), set waypoint: true (for targets with a Service), or use dataplane "sidecar"';
    problems.add(field, { methods: call.methods, paths: call.paths, hosts: restrictsHosts ? hosts.named : undefined }, 'restricts HTTP methods, paths or hosts, which ztunnel cannot see in ambient mode', fix);
  }
  if (hosts.jwt !== undefined && settings.dryRun) {
    problems.add(field, `${from?.slug} -> ${to?.name}`, 'cannot be dry-run: the RequestAuthentication that checks the forwarded token refuses requests with a token it cannot verify as soon as it exists', 'declare calls from a MeshIngress with jwt once the namespace enforces (dryRun off)');
  }
  if (hosts.jwt !== undefined && hosts.jwt.publicPaths.length > 0 && paths.length > 0) {
    problems.add(`${field}.paths`, paths, 'restricts the paths of a call from a MeshIngress whose login leaves some paths open', 'restrict paths in the MeshIngress (its routes and excluded paths), or leave paths out here');
  }
  const proxyMetrics = call.proxyMetrics ?? false;
  if (typeof proxyMetrics !== 'boolean') {
    problems.add(`${field}.proxyMetrics`, proxyMetrics, 'is not true or false', 'use true to let a metrics scraper reach the sidecar\'s ports 15020 and 15090, or leave it out');
  } else if (proxyMetrics && dataplane === 'ambient') {
    problems.add(`${field}.proxyMetrics`, proxyMetrics, 'opens sidecar ports, and ambient pods have no sidecar', 'leave proxyMetrics out; ztunnel\'s metrics are scraped from its own pods');
  }
  if (from === undefined || to === undefined || hosts.failed) return undefined;
  const plan: CallPlan = {
    from, to,
    inbound: to.namespace === namespace,
    outbound: from.workload !== undefined && from.namespace === namespace,
    containerPorts: [...new Set(containerPorts)].sort((a, b) => a - b),
    proxyMetrics: proxyMetrics === true,
    methods: [...new Set(methods)].sort(),
    paths: [...new Set(paths)].sort(),
    hosts: hosts.named.includes('*') ? [] : hosts.named.flatMap(authorizationHostsOf),
    viaWaypoint,
    jwt: hosts.jwt,
  };
  return checkCallNames(problems, field, plan, settings) ? plan : undefined;
}

/** A host a call may name: a DNS name, `*.` and a DNS name, or `*` for any. */
function isCallHost(value: unknown): value is string {
  return value === '*' || isHostPattern(value);
}

/**
 * The hosts a call admits: those given (required from the ingress gateway), or those a MeshIngress routes to the
 * target, with its token rule and the paths it serves without a token. `failed` when the call cannot be admitted.
 */
function planCallHosts(problems: ProblemCollector, field: string, call: Partial<CallProps>, from: CallerPlan | undefined, to: WorkloadIdentity | undefined): { named: string[]; jwt?: CallPlan['jwt']; failed?: boolean } {
  const named = listOf(problems, `${field}.hosts`, call.hosts).filter((h) => {
    if (!isCallHost(h)) problems.add(`${field}.hosts`, h, 'is not a host name', 'use a lower-case DNS name such as "shop.example.com", "*.example.com" for its subdomains, or "*" for every host');
    return isCallHost(h);
  });
  const ingress = from?.ingress;
  if (ingress === undefined) {
    if (from?.gateway === true && call.hosts === undefined) {
      problems.add(field, `${from.slug} -> ${to?.name ?? quote(call.to)}`,
        'admits the ingress gateway on every host, so any Gateway bound to its pods, another namespace\'s too, reaches the target without the login of your ingress',
        'pass the MeshIngress that routes to the target as the caller, or list the hosts the gateway serves it under, e.g. { hosts: ["shop.example.com"] } (["*"] for every host, on purpose)');
    }
    return { named };
  }
  if (call.hosts !== undefined) {
    problems.add(`${field}.hosts`, call.hosts, `is given for a call from MeshIngress "${ingress.name}", which brings the hosts it routes to the target`, 'leave hosts out');
  }
  if (to === undefined) return { named: [], failed: true };
  const backend = ingress.backends.find((b) => b.service.namespace === to.namespace && b.service.name === to.name);
  if (backend === undefined) {
    problems.add(`${field}.to`, to.name, `is not routed to by MeshIngress "${ingress.name}", so the call would admit nothing`, `add a route to ${to.name} in the MeshIngress, or remove the call`);
    return { named: [], failed: true };
  }
  const hosts = backend.hosts.map((h) => h.host);
  if (ingress.jwt === undefined) return { named: hosts };
  const publicPaths = backend.hosts.filter((h) => h.publicPaths.length > 0).map((h) => ({ host: h.host, paths: h.publicPaths }));
  return { named: hosts, jwt: { issuer: ingress.jwt.issuer, rule: ingress.jwt.rule, publicPaths } };
}

/**
 * Object names join the target's and the caller's names, which can be long (a service account name may have 253
 * characters); reports a call whose objects would get names Kubernetes rejects, once.
 */
function checkCallNames(problems: ProblemCollector, field: string, call: CallPlan, settings: NamespacePlan): boolean {
  // The Sidecars of the workloads the call names are named after the workloads, which are DNS-1123 labels already.
  const bad = objectsOfCall(settings, call).find((object) => !isDnsSubdomain(object.name))?.name;
  if (bad === undefined) return true;
  problems.add(field, bad, bad.length > 253
    ? `would be the name of objects of the call, but has ${bad.length} characters, more than the 253 Kubernetes allows`
    : 'would be the name of objects of the call, but is not a valid object name (DNS-1123 subdomain)',
  bad.length > 253
    ? 'use shorter names: object names join the target\'s and the caller\'s names (for another namespace\'s service account, the namespace and the account)'
    : 'use workloads whose names are DNS-1123 labels, such as GrayscaleServices or declared workloads');
  return false;
}

function listOf(problems: ProblemCollector, field: string, value: unknown): any[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length === 0) {
    problems.add(field, value, 'is not a non-empty list', 'give a list, or leave the field out to allow any');
    return [];
  }
  return value;
}
