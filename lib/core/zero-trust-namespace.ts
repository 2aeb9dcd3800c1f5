import {
  byHost, EgressAllowListProps, EgressPlan, externalEgressRules, HostPlan, planEgressAllowList, podSelectorOf,
  renderGatewayRoute, renderServiceEntry, serviceEntryName, sidecarHostsOf,
} from './egress-allow-list';
import { ProblemCollector, quote, RenderContext } from './errors';
import { checkKnownFields, fieldsOf, isRecord } from './fields';
import { byObjectName, compareText, MANAGED_BY_LABEL, Manifest, sortedRecord } from './manifest';
import { checkLabelMap, isDnsLabel, isDnsSubdomain, isHostPattern, isLabelValue, serviceHost } from './names';
import { authorizationHostsOf, HasIngressCaller, IngressCaller, isIngressCaller } from './mesh-ingress';
import { checkSecurityPaths, PathNormalization, planPathNormalization } from './path-safety';
import { renderSidecar } from './sidecar';
import { checkIdentity, HasIdentity, identityOf, WorkloadIdentity } from './workload';

/**
 * How pods of the namespace join the mesh.
 * - `sidecar`: an Envoy sidecar is injected into every pod (`istio-injection=enabled`, or `istio.io/rev`).
 * - `ambient`: ztunnel carries the traffic (`istio.io/dataplane-mode=ambient`); it enforces identity and ports, not
 *   HTTP methods or paths.
 * @see https://istio.io/latest/docs/ambient/overview/
 */
export type Dataplane = 'sidecar' | 'ambient';

/** How inbound connections must be protected (PeerAuthentication `mtls.mode`). */
export type MtlsMode = 'STRICT' | 'PERMISSIVE';

/** The default Istio control plane namespace. */
export const CONTROL_PLANE_NAMESPACE = 'istio-system';

/** What the ingress gateway is called in a default Istio install. */
export interface IngressGatewayProps {
  /** Namespace of the gateway. @default 'istio-system' */
  readonly namespace?: string;
  /** Service account of the gateway pods. @default 'istio-ingressgateway-service-account' */
  readonly serviceAccount?: string;
  /** Labels of the gateway pods, for NetworkPolicy. @default { istio: 'ingressgateway' } */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The settings each ingress gateway Caller was made with, as given, so that they can be checked with the call. */
const ingressGatewaySettings = new WeakMap<Caller, unknown>();

/**
 * A caller that is not a single workload of the app: a whole namespace, a service account elsewhere, or the
 * ingress gateway. Workloads (GrayscaleServices, declared workloads) are callers as they are.
 */
export class Caller {
  /** Every workload of `namespace` (AuthorizationPolicy `source.namespaces`). */
  public static namespace(namespace: string): Caller {
    return new Caller('namespace', namespace, undefined, undefined);
  }

  /** Pods running as `serviceAccount` in `namespace` (AuthorizationPolicy `source.principals`). */
  public static serviceAccount(namespace: string, serviceAccount: string): Caller {
    return new Caller('serviceAccount', namespace, serviceAccount, undefined);
  }

  /** The Istio ingress gateway, so that traffic from outside the mesh can reach a workload. */
  public static ingressGateway(props: IngressGatewayProps = {}): Caller {
    // Settings that are not an object are reported when the call is checked; this factory cannot report.
    const settings: IngressGatewayProps = isRecord(props) ? props : {};
    const caller = new Caller(
      'ingressGateway',
      settings.namespace ?? CONTROL_PLANE_NAMESPACE,
      settings.serviceAccount ?? 'istio-ingressgateway-service-account',
      settings.labels ?? { istio: 'ingressgateway' },
    );
    ingressGatewaySettings.set(caller, props);
    return caller;
  }

  private constructor(
    /** What kind of caller this is. */
    public readonly kind: 'namespace' | 'serviceAccount' | 'ingressGateway',
    /** The caller's namespace. */
    public readonly namespace: string,
    /** The caller's service account, for principal-based callers. */
    public readonly serviceAccount: string | undefined,
    /** Labels of the caller's pods, when known. */
    public readonly labels: Readonly<Record<string, string>> | undefined,
  ) {}
}

/** A call's target: a workload of the namespace, by object or by the name it was declared with in `workloads`. */
export type TargetLike = HasIdentity | string;

/**
 * A call's caller: a workload (object or declared name), a Caller, or a MeshIngress (its gateway, admitted only for
 * the hosts it routes to the target).
 */
export type CallerLike = TargetLike | Caller | HasIngressCaller;

/** What a caller may do on a target; everything left out is not restricted. */
export interface CallOptions {
  /**
   * Service ports the caller may use (AuthorizationPolicy `to.operation.ports` and NetworkPolicy ports, both as the
   * container ports behind them, which is what the proxy sees).
   * @default - the target's Service ports; every port for a declared workload without ports
   */
  readonly ports?: readonly number[];
  /**
   * Hosts the caller may name in its requests (`to.operation.hosts`, each with and without a port). Required for
   * `Caller.ingressGateway()`: its pods serve every Gateway bound to them, another namespace's too, so without hosts
   * any of those would reach the target. `['*']` allows every host on purpose. A MeshIngress caller brings its own.
   * @default - any host, for callers other than the ingress gateway
   */
  readonly hosts?: readonly string[];
  /** HTTP methods, e.g. `GET` (`to.operation.methods`). Sidecar dataplane only. @default - any method */
  readonly methods?: readonly string[];
  /** Request paths, exact or with one `*` at the start or end (`to.operation.paths`). Sidecar only. @default - any path */
  readonly paths?: readonly string[];
  /**
   * Also let the caller reach the target's sidecar metrics: 15020 (Istio's merged Prometheus metrics) and 15090
   * (Envoy's), which the sidecar serves outside mTLS and authorization, so only the NetworkPolicy fences them. For a
   * metrics scraper.
   * @default false
   */
  readonly proxyMetrics?: boolean;
}

/** The sidecar's Prometheus ports: Istio's merged metrics and Envoy's own. */
const PROXY_METRICS_PORTS = [15020, 15090];

/** One allowed call: `from` may call `to`. */
export interface CallProps extends CallOptions {
  /** Who calls. */
  readonly from: CallerLike;
  /**
   * Who is called: a workload of this namespace, or, when the caller is one, a workload of another namespace (then
   * only the caller's way out is opened; the target's namespace must admit the call).
   */
  readonly to: TargetLike;
}

/** A workload of the namespace that meshlight does not deploy, declared so calls can name it. */
export interface DeclaredWorkloadProps {
  /**
   * Name of the workload, used by calls and in object names; a DNS-1123 label, and not "default" with the sidecar
   * dataplane (the namespace-wide Sidecar's name).
   */
  readonly name: string;
  /** Service account its pods run as (a DNS-1123 subdomain); its own, so that its principal names it alone. */
  readonly serviceAccount: string;
  /** Labels that select its pods. @default { app: <name> } */
  readonly labels?: Readonly<Record<string, string>>;
  /** Its Service ports and their container ports. @default - no Service; calls to it cannot restrict ports */
  readonly ports?: readonly { readonly port: number; readonly containerPort?: number }[];
}

/**
 * Props of a ZeroTrustNamespace: a namespace where every call is denied unless declared.
 * @see https://istio.io/latest/docs/ops/best-practices/security/
 */
export interface ZeroTrustNamespaceProps {
  /**
   * Name of the namespace; a DNS-1123 label.
   * @default - the construct id (cdk8s) or resource name (Pulumi)
   */
  readonly name?: string;

  /**
   * How pods join the mesh.
   * @default 'sidecar'
   */
  readonly dataplane?: Dataplane;

  /**
   * Istio revision whose sidecar injector serves the namespace (`istio.io/rev` label).
   * @default - the default revision (`istio-injection=enabled`)
   * @see https://istio.io/latest/docs/setup/upgrade/canary/
   */
  readonly revision?: string;

  /**
   * Inbound mTLS (PeerAuthentication `default`). PERMISSIVE admits plaintext callers, who carry no identity, so it
   * cannot be combined with calls.
   * @default 'STRICT'
   */
  readonly mtls?: MtlsMode;

  /**
   * Trust domain of the mesh; principals are `<trustDomain>/ns/<namespace>/sa/<serviceAccount>`.
   * @default 'cluster.local'
   */
  readonly trustDomain?: string;

  /**
   * Emit NetworkPolicies that deny all ingress and egress but DNS, the control plane and declared calls, so pods
   * without a proxy are fenced too.
   * @default - true, unless dryRun is set
   */
  readonly networkPolicy?: boolean;

  /**
   * Emit a Sidecar per workload whose egress hosts are the services it calls plus the control plane, so each proxy
   * receives only the configuration it needs (sidecar dataplane only).
   * @default true
   */
  readonly proxyScope?: boolean;

  /**
   * Stage the authorization policies with `istio.io/dry-run: "true"`: Istio logs what they would deny but
   * enforces nothing. NetworkPolicies have no dry run, so none are emitted.
   * @default false
   */
  readonly dryRun?: boolean;

  /**
   * Workloads of the namespace that meshlight does not deploy, so that calls can name them.
   * @default - none
   */
  readonly workloads?: readonly DeclaredWorkloadProps[];

  /**
   * Allowed calls. More can be added with `allow()`.
   * @default - none: everything is denied
   */
  readonly calls?: readonly CallProps[];

  /**
   * External hosts the namespace, or single workloads in it, may reach; merged into the namespace's Sidecars and
   * NetworkPolicies. An EgressAllowList given this namespace adds to it.
   * @default - none: every external host is blocked
   */
  readonly egress?: readonly EgressAllowListProps[];

  /**
   * Namespace of the Istio control plane (istiod).
   * @default 'istio-system'
   */
  readonly controlPlaneNamespace?: string;

  /**
   * DNS domain of the cluster.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * The mesh's path normalisation (meshConfig `pathNormalization`), which meshlight cannot see: calls with a `*` in
   * their paths need `DECODE_AND_MERGE_SLASHES`.
   * @default 'BASE' (Istio's default)
   */
  readonly pathNormalization?: PathNormalization;
}

/** A caller, resolved. */
interface CallerPlan {
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
interface CallPlan {
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
  /** From a MeshIngress with jwt: the token rule, and the paths each host serves without one. */
  readonly jwt?: { readonly issuer: string; readonly rule: Readonly<Record<string, unknown>>; readonly publicPaths: readonly { readonly host: string; readonly paths: readonly string[] }[] };
}

/** The settings of a ZeroTrustNamespace and the workloads its props declare, resolved. */
interface NamespacePlan {
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
  /** Workloads declared in props, which calls may name. */
  readonly declared: readonly WorkloadIdentity[];
  /** Names of workloads whose declaration is invalid (and reported), which calls may name without more noise. */
  readonly rejected: ReadonlySet<string>;
}

/** What a ZeroTrustNamespace resolves to: its settings, and the calls and allow-lists declared so far. */
interface ZeroTrustPlan extends NamespacePlan {
  readonly calls: readonly CallPlan[];
  readonly egress: readonly EgressPlan[];
  /** Workloads that get their own Sidecar, by name: the known ones, and those allow-lists select by labels. */
  readonly sidecarWorkloads: ReadonlyMap<string, EgressWorkload>;
  /** One ServiceEntry per allowed host, merged across the allow-lists, by host. */
  readonly externalHosts: ReadonlyMap<string, HostPlan>;
}

/** A workload that gets its own Sidecar: one known by identity, or one an allow-list selects by labels. */
type EgressWorkload = Pick<WorkloadIdentity, 'name' | 'labels'>;

/** The fields of each props object, as their interfaces declare them. */
const PROPS_FIELDS = fieldsOf<ZeroTrustNamespaceProps>({
  name: true, dataplane: true, revision: true, mtls: true, trustDomain: true, networkPolicy: true, proxyScope: true,
  dryRun: true, workloads: true, calls: true, egress: true, controlPlaneNamespace: true, clusterDomain: true,
  pathNormalization: true,
});
const WORKLOAD_FIELDS = fieldsOf<DeclaredWorkloadProps>({
  name: true, serviceAccount: true, labels: true, ports: true,
});
const PORT_FIELDS = fieldsOf<NonNullable<DeclaredWorkloadProps['ports']>[number]>({ port: true, containerPort: true });
const CALL_FIELDS = fieldsOf<CallProps>({ from: true, to: true, ports: true, methods: true, paths: true, hosts: true, proxyMetrics: true });
const INGRESS_GATEWAY_FIELDS = fieldsOf<IngressGatewayProps>({ namespace: true, serviceAccount: true, labels: true });

/** The name of the namespace-wide Sidecar, which no workload's Sidecar may take. */
const NAMESPACE_SIDECAR = 'default';

const HTTP_METHOD = /^[A-Z]+$/;

/** The SPIFFE-style principal Istio gives pods running as `serviceAccount` in `namespace`. */
export function principalOf(trustDomain: string, namespace: string, serviceAccount: string): string {
  return `${trustDomain}/ns/${namespace}/sa/${serviceAccount}`;
}

/** Resolves the settings and declared workloads of the props, and returns the calls and allow-lists they list. */
function planZeroTrust(problems: ProblemCollector, props: ZeroTrustNamespaceProps, context: RenderContext): { plan: NamespacePlan; calls: readonly unknown[]; egress: unknown } {
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
  const mtls = input.mtls ?? 'STRICT';
  if (mtls !== 'STRICT' && mtls !== 'PERMISSIVE') {
    problems.add('mtls', mtls, 'is not an mTLS mode', 'use "STRICT" (the default) or "PERMISSIVE"');
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
  const dryRun = input.dryRun ?? false;
  if (typeof dryRun !== 'boolean') {
    problems.add('dryRun', dryRun, 'is not true or false', 'use true to stage the policies, false to enforce them');
  }
  if (input.networkPolicy === true && dryRun === true) {
    problems.add('networkPolicy', true, 'cannot be dry-run: NetworkPolicies are enforced as soon as they exist', 'leave networkPolicy out while dryRun is on, and turn it on with enforcement');
  }
  const networkPolicy = input.networkPolicy ?? !dryRun;
  if (typeof networkPolicy !== 'boolean') {
    problems.add('networkPolicy', networkPolicy, 'is not true or false', 'use true (the default) or false');
  }
  const pathNormalization = planPathNormalization(problems, input.pathNormalization);
  const proxyScope = input.proxyScope ?? true;
  if (typeof proxyScope !== 'boolean') {
    problems.add('proxyScope', proxyScope, 'is not true or false', 'use true (the default) or false');
  }

  const namespace = typeof name === 'string' ? name : '';
  const { declared, rejected } = planDeclaredWorkloads(problems, input.workloads, namespace, clusterDomain, dataplane);
  const rawCalls = input.calls ?? [];
  if (!Array.isArray(rawCalls)) {
    problems.add('calls', rawCalls, 'is not a list of calls', 'use an array such as [{ from: sleep, to: httpbin }]');
  }
  return {
    plan: {
      name: namespace, dataplane, revision: input.revision, mtls, trustDomain, networkPolicy, proxyScope, dryRun,
      controlPlaneNamespace, clusterDomain, pathNormalization, declared, rejected,
    },
    calls: Array.isArray(rawCalls) ? rawCalls : [],
    egress: input.egress,
  };
}

/** Calls and allow-lists planned as an addition to a declaration, with what they add to its indexes. */
interface Addition {
  readonly calls: readonly CallPlan[];
  readonly callIndex: ReadonlyMap<string, number>;
  /** Workloads of the namespace that the calls name and the declaration did not know yet. */
  readonly known: ReadonlyMap<string, WorkloadIdentity>;
  readonly egress: readonly EgressPlan[];
  readonly egressIndex: ReadonlyMap<string, number>;
  readonly sidecarWorkloads: ReadonlyMap<string, EgressWorkload>;
  /** The call or allow-list that brings each of `sidecarWorkloads`. */
  readonly sidecarOwners: ReadonlyMap<string, Owner>;
  readonly externalHosts: ReadonlyMap<string, HostPlan>;
}

/** Who calls whom: the caller's identity and the target's, not the names objects are made of, which can coincide. */
const callKey = (call: CallPlan): string => `${call.from.key} -> ${call.to.namespace}/${call.to.name}`;
const workloadListKey = (workload: string): string => `workload ${workload}`;
const egressKey = (list: EgressPlan): string => (list.scope.workload === undefined ? `namespace ${list.scopeName}` : workloadListKey(list.scopeName));

/**
 * A ZeroTrustNamespace being declared: its props, then calls and allow-lists one at a time, as the front ends'
 * `allow()` and `allowEgress()` add them. Each addition is checked against what came before in time proportional to
 * the addition, not to the namespace, and reports exactly the problems rendering the whole namespace would; a
 * rejected addition leaves the declaration as it was. Objects are rendered on demand, once per change.
 */
export class ZeroTrustNamespaceDeclaration {
  /** The namespace's name. */
  public readonly name: string;
  private readonly path: string;
  private readonly settings: NamespacePlan;
  private readonly calls: CallPlan[] = [];
  private readonly egress: EgressPlan[] = [];
  /** Every workload the namespace knows: declared ones, and those of this namespace that calls name. */
  private readonly known: Map<string, WorkloadIdentity>;
  private knownList?: readonly WorkloadIdentity[];
  private readonly sidecarWorkloads: Map<string, EgressWorkload>;
  private readonly externalHosts = new Map<string, HostPlan>();
  /** Position of the first call of each caller and target, and of the allow-list of each scope. */
  private readonly callIndex = new Map<string, number>();
  private readonly egressIndex = new Map<string, number>();
  /** `kind/namespace/name` of every object and what brought it, so that no two get the same name. */
  private readonly objectKeys = new Map<string, Owner>();
  /** Each gateway route object as JSON: allow-lists that route one host through the gateway share its objects. */
  private readonly gatewayRoutes = new Map<string, string>();
  private rendered?: RenderedZeroTrustNamespace;

  /** Validates the props; throws MeshlightValidationError, listing every problem, when they are invalid. */
  public constructor(props: ZeroTrustNamespaceProps, context: RenderContext) {
    this.path = context.path;
    const problems = new ProblemCollector(context.path);
    const { plan, calls, egress } = planZeroTrust(problems, props, context);
    this.settings = plan;
    this.name = plan.name;
    this.known = new Map(plan.declared.map((w) => [w.name, w]));
    this.sidecarWorkloads = new Map(this.known);
    const addition = this.plan(problems, calls, egress);
    problems.throwIfAny();
    // The namespace's own objects come first in each kind's output order, so they keep their names.
    for (const [key, owner] of claimNames(problems, this.ownObjects(), this.objectKeys)) this.objectKeys.set(key, owner);
    this.accept(problems, addition);
  }

  /** Adds a call; throws MeshlightValidationError, changing nothing, when it is invalid. */
  public allow(call: CallProps): void {
    this.add([call], undefined);
  }

  /** Adds an allow-list; throws MeshlightValidationError, changing nothing, when it is invalid or clashes. */
  public allowEgress(list: EgressAllowListProps): void {
    this.add([], [list]);
  }

  /** Every object, in output order (see RenderedZeroTrustNamespace). */
  public render(): RenderedZeroTrustNamespace {
    this.rendered ??= renderPlan({
      ...this.settings, calls: this.calls, egress: this.egress, sidecarWorkloads: this.sidecarWorkloads, externalHosts: this.externalHosts,
    });
    return this.rendered;
  }

  private add(calls: readonly unknown[], egress: readonly unknown[] | undefined): void {
    const problems = new ProblemCollector(this.path);
    const addition = this.plan(problems, calls, egress);
    problems.throwIfAny();
    this.accept(problems, addition);
  }

  /** Commits a planned addition unless its objects take names already taken; throws, changing nothing, if they do. */
  private accept(problems: ProblemCollector, addition: Addition): void {
    const { keys, routes } = this.claimObjectsOf(problems, addition);
    problems.throwIfAny();
    this.commit(addition);
    for (const [key, owner] of keys) this.objectKeys.set(key, owner);
    for (const [key, json] of routes) this.gatewayRoutes.set(key, json);
  }

  /** The objects the settings and the declared workloads bring, whatever the calls and allow-lists. */
  private ownObjects(): Claim[] {
    const { name, dataplane, proxyScope, networkPolicy, declared } = this.settings;
    const own = (kind: string, object: string): Claim => ({ ref: objectRef(kind, name, object), owner: NAMESPACE_OWNER });
    const claims = [own('PeerAuthentication', 'default'), own('AuthorizationPolicy', 'allow-nothing')];
    if (dataplane === 'sidecar' && proxyScope) {
      claims.push(own('Sidecar', NAMESPACE_SIDECAR));
      claims.push(...declared.map((w, j) => ({ ref: objectRef('Sidecar', name, w.name), owner: declaredOwner(j) })));
    }
    if (networkPolicy) claims.push(...['default-deny', 'allow-dns', 'allow-control-plane'].map((n) => own('NetworkPolicy', n)));
    return claims;
  }

  /**
   * Plans `rawCalls` and `rawEgress` as additions, reporting their problems in the order a render of the whole
   * namespace would: calls, workloads the calls name, allow-lists, their workloads' labels, their hosts. Changes
   * nothing.
   */
  private plan(problems: ProblemCollector, rawCalls: readonly unknown[], rawEgress: unknown): Addition {
    const { name: namespace, mtls } = this.settings;
    const calls: CallPlan[] = [];
    const callIndex = new Map<string, number>();
    rawCalls.forEach((call, offset) => {
      const i = this.calls.length + offset;
      const plan = planCall(problems, `calls[${i}]`, call, this.settings);
      if (plan !== undefined) {
        const key = callKey(plan);
        const twin = this.callIndex.get(key) ?? callIndex.get(key) ?? -1;
        if (twin !== -1) {
          problems.add(`calls[${i}]`, `${plan.from.slug} -> ${plan.to.name}`, `declares the same caller and target as calls[${twin}]`, 'declare each caller and target once, listing every port, method and path it needs');
        } else {
          callIndex.set(key, this.calls.length + calls.length);
        }
        calls.push(plan);
      }
    });
    if (mtls === 'PERMISSIVE' && this.calls.length + calls.length > 0) {
      problems.add('mtls', mtls, 'admits plaintext callers, which carry no identity, while calls allow callers by identity', 'keep mtls "STRICT" (the default), or declare no calls until every caller is in the mesh');
    }
    const known = new Map<string, WorkloadIdentity>();
    const knownBy = new Map<string, Owner>();
    calls.forEach((call, k) => {
      const i = this.calls.length + k;
      for (const w of [call.to, call.from.workload]) {
        if (w === undefined || w.namespace !== namespace) continue;
        const twin = this.known.get(w.name) ?? known.get(w.name);
        if (twin !== undefined && twin !== w && JSON.stringify(twin) !== JSON.stringify(w)) {
          problems.add(`calls[${i}]`, w.name, 'names two different workloads', 'give each workload of the namespace its own name');
        }
        if (twin === undefined) {
          known.set(w.name, w);
          knownBy.set(w.name, callOwner(i));
        }
      }
    });
    const { plans: egress, index: egressIndex } = planEgress(problems, rawEgress, namespace, rawEgress === undefined ? [] : this.knownWith(known), this.settings.trustDomain, this.settings.clusterDomain, this.egress.length, this.egressIndex);
    const { added: sidecarWorkloads, owners: sidecarOwners } = this.checkSidecarLabels(problems, known, knownBy, egress);
    const externalHosts = mergeExternalHosts(problems, egress, this.egress.length, this.externalHosts);
    return { calls, callIndex, known, egress, egressIndex, sidecarWorkloads, sidecarOwners, externalHosts };
  }

  /** Every workload known, with `known` added; allow-lists may name them. */
  private knownWith(known: ReadonlyMap<string, WorkloadIdentity>): readonly WorkloadIdentity[] {
    // Kept between allow-lists, which usually come after the calls, so that each is planned in time of its own.
    this.knownList ??= [...this.known.values()];
    return known.size === 0 ? this.knownList : [...this.knownList, ...known.values()];
  }

  /**
   * A workload's Sidecar selects its pods by its labels, so an allow-list that selects a workload by name and labels
   * must use the labels the namespace knows it by. Checks the allow-lists whose workload the addition makes known, and
   * the added allow-lists, in list order; returns the workloads that get a Sidecar of their own through the addition.
   */
  private checkSidecarLabels(problems: ProblemCollector, known: ReadonlyMap<string, WorkloadIdentity>, knownBy: ReadonlyMap<string, Owner>, egress: readonly EgressPlan[]): { added: Map<string, EgressWorkload>; owners: Map<string, Owner> } {
    // The allow-lists accepted before, of workloads the addition makes known, and the added ones; in list order.
    const lists: number[] = [];
    for (const name of known.keys()) {
      const i = this.egressIndex.get(workloadListKey(name));
      if (i !== undefined) lists.push(i);
    }
    lists.sort((a, b) => a - b);
    for (let k = 0; k < egress.length; k++) lists.push(this.egress.length + k);
    const added = new Map<string, EgressWorkload>();
    const owners = new Map<string, Owner>();
    for (const w of known.values()) {
      if (!this.sidecarWorkloads.has(w.name)) {
        added.set(w.name, w);
        owners.set(w.name, knownBy.get(w.name)!);
      }
    }
    for (const i of lists) {
      const w = (i < this.egress.length ? this.egress[i] : egress[i - this.egress.length]).scope.workload;
      if (w === undefined) continue;
      const twin = this.known.get(w.name) ?? known.get(w.name);
      if (twin !== undefined && twin.labels !== w.labels && JSON.stringify(twin.labels) !== JSON.stringify(w.labels)) {
        problems.add(`egress[${i}].workload`, w.name, 'selects pods by other labels than the workload of the same name', 'use the same labels, or another name');
      }
      if (!this.sidecarWorkloads.has(w.name) && !added.has(w.name)) {
        added.set(w.name, twin ?? w);
        owners.set(w.name, allowListOwner(i));
      }
    }
    return { added, owners };
  }

  /**
   * The objects an addition brings, in output order, checked against the names already taken: a call brings its
   * policy, NetworkPolicies and the Sidecars of workloads it makes known; an allow-list its hosts' ServiceEntries,
   * its workload's Sidecar, its gateway route and its NetworkPolicy. Changes nothing.
   */
  private claimObjectsOf(problems: ProblemCollector, addition: Addition): { keys: Map<string, Owner>; routes: Map<string, string> } {
    // The objects of an addition depend on the settings alone, besides the addition itself. Only the kind, namespace
    // and name of an object count here: what render() would emit, without its spec. Each group is in output order.
    const plan = this.settings;
    const ofCall = (k: number) => callOwner(this.calls.length + k);
    const ofList = (k: number) => allowListOwner(this.egress.length + k);
    const claim = (kind: string, name: string, owner: Owner): Claim => ({ ref: objectRef(kind, plan.name, name), owner });
    const objects: Claim[] = [];

    const policies: Claim[] = [];
    const tokenChecks: Claim[] = [];
    addition.calls.forEach((c, k) => {
      if (c.inbound) policies.push(claim('AuthorizationPolicy', callName(c), ofCall(k)));
      if (c.inbound && c.jwt !== undefined) tokenChecks.push(claim('RequestAuthentication', callName(c), ofCall(k)));
    });
    pushByName(objects, policies);
    pushByName(objects, tokenChecks);

    // A host's ServiceEntry comes with the first allow-list that lists it.
    const hostLists = new Map<string, number>();
    addition.egress.forEach((e, k) => e.hosts.forEach((h) => { if (!hostLists.has(h.host)) hostLists.set(h.host, k); }));
    const hosts = [...addition.externalHosts.values()].sort(byHost);
    for (const h of hosts) objects.push(claim('ServiceEntry', serviceEntryName(h), hostsOwner(this.egress.length + hostLists.get(h.host)!)));

    if (plan.dataplane === 'sidecar') {
      // The namespace-wide Sidecar comes first, then the workloads' by name. Without proxy scope, only workloads
      // with allow-lists of their own get Sidecars, and the namespace a default one once it has any allow-list.
      const namespaceWide: Claim[] = [];
      const sidecars: Claim[] = [];
      if (plan.proxyScope) {
        for (const [name, owner] of addition.sidecarOwners) (owner === NAMESPACE_OWNER ? namespaceWide : sidecars).push(claim('Sidecar', name, owner));
      } else {
        if (this.egress.length === 0 && addition.egress.length > 0) namespaceWide.push(claim('Sidecar', NAMESPACE_SIDECAR, NAMESPACE_OWNER));
        addition.egress.forEach((e, k) => {
          if (e.scope.workload !== undefined) sidecars.push(claim('Sidecar', e.scope.workload.name, ofList(k)));
        });
      }
      pushByName(objects, namespaceWide);
      pushByName(objects, sidecars);
    }

    const routes = new Map<string, string>();
    addition.egress.forEach((e, k) => {
      for (const ref of renderGatewayRoute(e)) {
        const key = objectKey(ref);
        const json = JSON.stringify(ref);
        if ((routes.get(key) ?? this.gatewayRoutes.get(key)) === json) continue;
        routes.set(key, json);
        objects.push({ ref, owner: ref.kind === 'AuthorizationPolicy' ? ofList(k) : hostsOwner(this.egress.length + k) });
      }
    });

    if (plan.networkPolicy) {
      const networkPolicies: Claim[] = [];
      addition.calls.forEach((c, k) => {
        for (const name of callNetworkPolicyNames(c)) networkPolicies.push(claim('NetworkPolicy', name, ofCall(k)));
      });
      addition.egress.forEach((e, k) => networkPolicies.push(claim('NetworkPolicy', egressNetworkPolicyName(e), ofList(k))));
      pushByName(objects, networkPolicies);
    }
    return { keys: claimNames(problems, objects, this.objectKeys), routes };
  }

  private commit(addition: Addition): void {
    this.calls.push(...addition.calls);
    for (const [key, i] of addition.callIndex) this.callIndex.set(key, i);
    for (const [name, w] of addition.known) this.known.set(name, w);
    if (addition.known.size > 0) this.knownList = undefined;
    this.egress.push(...addition.egress);
    for (const [key, i] of addition.egressIndex) this.egressIndex.set(key, i);
    for (const [name, w] of addition.sidecarWorkloads) this.sidecarWorkloads.set(name, w);
    for (const [host, h] of addition.externalHosts) this.externalHosts.set(host, h);
    this.rendered = undefined;
  }
}

/**
 * Plans the allow-lists `input`, which come after `first` already accepted ones (`taken` holds their scopes); returns
 * the accepted ones and their scopes.
 */
function planEgress(problems: ProblemCollector, input: unknown, namespace: string, workloads: readonly WorkloadIdentity[], trustDomain: string, clusterDomain: string, first: number, taken: ReadonlyMap<string, number>): { plans: EgressPlan[]; index: Map<string, number> } {
  const plans: EgressPlan[] = [];
  const index = new Map<string, number>();
  if (input === undefined) return { plans, index };
  if (!Array.isArray(input)) {
    problems.add('egress', input, 'is not a list of allow-lists', 'use an array such as [{ hosts: ["www.example.com"] }]');
    return { plans, index };
  }
  input.forEach((raw: EgressAllowListProps, offset) => {
    const i = first + offset;
    const withDefaults = typeof raw === 'object' && raw !== null ? { trustDomain, clusterDomain, ...raw } : raw;
    const plan = planEgressAllowList(problems, withDefaults, { path: '', fieldPrefix: `egress[${i}].`, namespace, workloads });
    if (plan === undefined) return;
    const twin = taken.get(egressKey(plan)) ?? index.get(egressKey(plan)) ?? -1;
    if (twin !== -1) {
      problems.add(`egress[${i}]`, plan.scopeName, `is for the same workloads as egress[${twin}]`, 'merge the two allow-lists into one');
      return;
    }
    index.set(egressKey(plan), first + plans.length);
    plans.push(plan);
  });
  return { plans, index };
}

/**
 * Whether two planned hosts are described the same way: what comparing them as JSON says, field by field, as
 * planHost builds every HostPlan with the same fields in the same order.
 */
function sameHost(a: HostPlan, b: HostPlan): boolean {
  return a === b || (a.host === b.host && a.slug === b.slug && a.resolution === b.resolution && a.ports.length === b.ports.length
    && a.ports.every((p, i) => p.number === b.ports[i].number && p.protocol === b.ports[i].protocol));
}

/**
 * One ServiceEntry per host across allow-lists; the same host must be described the same way in each. Returns the
 * hosts that `egress` (coming after `first` allow-lists, whose hosts `merged` holds) adds.
 */
function mergeExternalHosts(problems: ProblemCollector, egress: readonly EgressPlan[], first: number, merged: ReadonlyMap<string, HostPlan>): Map<string, HostPlan> {
  const byHost = new Map<string, HostPlan>();
  for (const [offset, list] of egress.entries()) {
    const i = first + offset;
    for (const host of list.hosts) {
      const twin = merged.get(host.host) ?? byHost.get(host.host);
      if (twin !== undefined && !sameHost(twin, host)) {
        problems.add(`egress[${i}].hosts`, host.host, 'is listed by another allow-list with other ports or resolution', 'describe the host the same way in every allow-list of the namespace');
      }
      if (twin === undefined) byHost.set(host.host, host);
    }
  }
  return byHost;
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
  const settings = ingressGatewaySettings.get(value);
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

function planCall(problems: ProblemCollector, field: string, raw: unknown, settings: NamespacePlan): CallPlan | undefined {
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
  if (dataplane === 'ambient' && (methods.length > 0 || paths.length > 0 || hosts.named.length > 0)) {
    problems.add(field, { methods: call.methods, paths: call.paths, hosts: hosts.named.length > 0 ? hosts.named : undefined }, 'restricts HTTP methods, paths or hosts, which ztunnel cannot see in ambient mode', 'remove methods, paths and hosts (from the ingress gateway: hosts ["*"] on purpose), or use dataplane "sidecar" (or a waypoint, which meshlight does not manage yet)');
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
  const names = [
    ...(call.inbound ? [callName(call)] : []),
    ...(call.outbound && settings.networkPolicy ? [egressPolicyName(call)] : []),
    // The Sidecars of the workloads of this namespace that the call names.
    ...(settings.dataplane === 'sidecar' && settings.proxyScope
      ? [call.to, call.from.workload].filter((w) => w?.namespace === settings.name).map((w) => w!.name)
      : []),
  ];
  const bad = names.find((name) => !isDnsSubdomain(name));
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

function renderNamespace(plan: ZeroTrustPlan): Manifest {
  const mesh: Record<string, string> = plan.dataplane === 'ambient'
    ? { 'istio.io/dataplane-mode': 'ambient' }
    : plan.revision !== undefined ? { 'istio.io/rev': plan.revision } : { 'istio-injection': 'enabled' };
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: plan.name, labels: sortedRecord({ ...mesh, ...MANAGED_BY_LABEL }) } };
}

function renderPeerAuthentication(plan: ZeroTrustPlan): Manifest {
  return { apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: meta(plan, 'default'), spec: { mtls: { mode: plan.mtls } } };
}

/** The allow-nothing policy: it selects every workload and matches no request, so whatever no ALLOW admits is denied. */
function renderAllowNothing(plan: ZeroTrustPlan): Manifest {
  return { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: policyMeta(plan, 'allow-nothing'), spec: {} };
}

function callName(call: CallPlan): string {
  return `${call.to.name}-from-${call.from.slug}`;
}

/** The name of the NetworkPolicy that lets a call out of its caller's pods. */
function egressPolicyName(call: CallPlan): string {
  return `${call.from.slug}-to-${call.to.name}`;
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
function renderCallPolicy(plan: NamespacePlan, call: CallPlan): Manifest {
  const rules = call.jwt === undefined
    ? [ruleOf(call.from.source, [callOperation(call, call.hosts)])]
    : [
      ruleOf({ ...call.from.source, requestPrincipals: [`${call.jwt.issuer}/*`] }, [callOperation(call, call.hosts)]),
      ...(call.jwt.publicPaths.length === 0 ? [] : [ruleOf(call.from.source, call.jwt.publicPaths.map((h) => callOperation(call, authorizationHostsOf(h.host), h.paths)))]),
    ];
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'AuthorizationPolicy',
    metadata: policyMeta(plan, callName(call)),
    spec: { action: 'ALLOW', rules, selector: { matchLabels: call.to.labels } },
  };
}

/** The RequestAuthentication that verifies, at the target, the token a MeshIngress with jwt forwards. */
function renderCallRequestAuthentication(plan: NamespacePlan, call: CallPlan): Manifest {
  return {
    apiVersion: 'security.istio.io/v1',
    kind: 'RequestAuthentication',
    metadata: meta(plan, callName(call)),
    spec: { jwtRules: [{ ...call.jwt!.rule }], selector: { matchLabels: call.to.labels } },
  };
}

function renderSidecars(plan: ZeroTrustPlan): Manifest[] {
  if (plan.dataplane !== 'sidecar' || (!plan.proxyScope && plan.egress.length === 0)) return [];
  // With proxy scope a proxy sees the control plane and what it calls; without it, every Service of the mesh.
  const baseline = plan.proxyScope ? [`${plan.controlPlaneNamespace}/*`] : [`${plan.controlPlaneNamespace}/*`, `*/*.svc.${plan.clusterDomain}`];
  const namespaceWide = plan.egress.filter((e) => e.scope.workload === undefined);
  const namespaceHosts = namespaceWide.flatMap(sidecarHostsOf);
  const namespaceAllowsAny = namespaceWide.some((e) => e.allowAnyHost);
  // Calls and allow-lists by workload, so that rendering stays linear in the size of the namespace.
  const callees = groupBy(plan.calls.filter((c) => c.outbound && c.to.host !== undefined), (c) => c.from.workload!.name);
  const ownLists = groupBy(plan.egress.filter((e) => e.scope.workload !== undefined), (e) => e.scope.workload!.name);
  const sorted = [...plan.sidecarWorkloads.values()].sort((a, b) => compareText(a.name, b.name));
  const workloads = plan.proxyScope ? sorted : sorted.filter((w) => ownLists.has(w.name));
  const perWorkload = workloads.map((w) => {
    const own = ownLists.get(w.name) ?? [];
    const hosts = [...baseline, ...(callees.get(w.name) ?? []).map((c) => `${c.to.namespace}/${c.to.host}`), ...namespaceHosts, ...own.flatMap(sidecarHostsOf)];
    return renderSidecar(plan.name, w.name, hosts, namespaceAllowsAny || own.some((e) => e.allowAnyHost), w.labels);
  });
  return [renderSidecar(plan.name, 'default', [...baseline, ...namespaceHosts], namespaceAllowsAny), ...perWorkload];
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

/** The names of the NetworkPolicies of a call, in the order renderCallNetworkPolicies emits them. */
function callNetworkPolicyNames(call: CallPlan): string[] {
  const names: string[] = [];
  if (call.inbound) names.push(callName(call));
  if (call.outbound) names.push(egressPolicyName(call));
  return names;
}

/** The ingress NetworkPolicy of a call to a workload of the namespace, and the egress one of a call from one. */
function renderCallNetworkPolicies(plan: NamespacePlan, call: CallPlan): Manifest[] {
  // Ambient traffic arrives over HBONE on 15008; sidecar traffic on the container port itself.
  const extra = plan.dataplane === 'ambient' ? [15008] : call.proxyMetrics ? PROXY_METRICS_PORTS : [];
  const ports = call.containerPorts.length === 0 ? undefined : tcpPorts([...call.containerPorts, ...extra]);
  const out: Manifest[] = [];
  if (call.inbound) {
    const ingressRule: Record<string, unknown> = { from: [peerOf(plan, call.from.namespace, call.from.labels)] };
    if (ports) ingressRule.ports = ports;
    out.push(networkPolicy(plan, callName(call), { ingress: [ingressRule], podSelector: { matchLabels: call.to.labels }, policyTypes: ['Ingress'] }));
  }
  if (call.outbound) {
    const egressRule: Record<string, unknown> = { to: [peerOf(plan, call.to.namespace, call.to.labels)] };
    if (ports) egressRule.ports = ports;
    out.push(networkPolicy(plan, egressPolicyName(call), { egress: [egressRule], podSelector: { matchLabels: call.from.labels }, policyTypes: ['Egress'] }));
  }
  return out;
}

/** The name of the NetworkPolicy of an allow-list. */
function egressNetworkPolicyName(list: EgressPlan): string {
  return `egress-${list.scopeName}`;
}

/** The NetworkPolicy that lets an allow-list's pods out the way the list allows. */
function renderEgressNetworkPolicy(plan: NamespacePlan, list: EgressPlan): Manifest {
  return networkPolicy(plan, egressNetworkPolicyName(list), { egress: externalEgressRules(list), podSelector: podSelectorOf(list), policyTypes: ['Egress'] });
}

function renderNetworkPolicies(plan: ZeroTrustPlan): Manifest[] {
  if (!plan.networkPolicy) return [];
  const base = [
    networkPolicy(plan, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
    networkPolicy(plan, 'allow-dns', {
      egress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }], to: [{ ...namespaceSelector('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }] }],
      podSelector: {},
      policyTypes: ['Egress'],
    }),
    networkPolicy(plan, 'allow-control-plane', {
      egress: [{ ports: tcpPorts([15012]), to: [{ ...namespaceSelector(plan.controlPlaneNamespace), podSelector: { matchLabels: { app: 'istiod' } } }] }],
      podSelector: {},
      policyTypes: ['Egress'],
    }),
  ];
  const perCall = [...plan.calls.flatMap((c) => renderCallNetworkPolicies(plan, c)), ...plan.egress.map((e) => renderEgressNetworkPolicy(plan, e))];
  return [...base, ...perCall.sort(byObjectName)];
}

/** What identifies an object in a cluster: its kind, namespace and name. */
type ObjectRef = Pick<Manifest, 'kind' | 'metadata'>;

function objectRef(kind: string, namespace: string, name: string): ObjectRef {
  return { kind, metadata: { name, namespace } };
}

function objectKey(m: ObjectRef): string {
  return `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`;
}

/** Drops repeats of the same object (a host routed through the gateway by two allow-lists); keeps the first. */
function uniqueManifests(manifests: readonly Manifest[]): Manifest[] {
  const seen = new Map<string, string>();
  return manifests.filter((m) => {
    const key = objectKey(m);
    const json = JSON.stringify(m);
    if (seen.get(key) === json) return false;
    seen.set(key, json);
    return true;
  });
}

/**
 * What brings an object: the namespace itself, a declared workload (`workloads[index]`), a call (`calls[index]`), an
 * allow-list (`egress[index]`: its NetworkPolicy, its workload's Sidecar and its gateway AuthorizationPolicy) or the
 * allow-list's hosts (their ServiceEntries and gateway routes, named after the host). A namespace keeps one for each of
 * its objects; what to say of it is made only when a name clashes.
 */
interface Owner {
  readonly by: 'namespace' | 'workload' | 'call' | 'allowList' | 'hosts';
  readonly index: number;
}

/**
 * For each kind of owner: the field to blame when its object takes a name already taken, which object of a kind it
 * brings ("of calls[0]"), and what to do.
 */
const OWNER_TEXT: Record<Owner['by'], { readonly field: (i: number) => string; readonly of: (i: number) => string; readonly fix: string }> = {
  namespace: { field: () => 'name', of: () => 'of the namespace', fix: 'use another namespace name' },
  workload: { field: (i) => `workloads[${i}].name`, of: (i) => `of workloads[${i}]`, fix: 'give the workload another name' },
  call: {
    field: (i) => `calls[${i}]`, of: (i) => `of calls[${i}]`,
    fix: 'rename a workload of one of the two calls: object names are made of the target\'s and the caller\'s names, without their kind or namespace',
  },
  allowList: {
    field: (i) => `egress[${i}]`, of: (i) => `of egress[${i}]`,
    fix: 'give the workload a name other than the namespace\'s: objects of an allow-list are named after its workload, or after the namespace for a namespace-wide list',
  },
  hosts: { field: (i) => `egress[${i}].hosts`, of: (i) => `of egress[${i}]`, fix: 'list hosts whose names differ in more than punctuation' },
};

/** The objects every ZeroTrustNamespace has (the namespace-wide Sidecar, the base NetworkPolicies, ...). */
const NAMESPACE_OWNER: Owner = { by: 'namespace', index: -1 };
const declaredOwner = (j: number): Owner => ({ by: 'workload', index: j });
const callOwner = (i: number): Owner => ({ by: 'call', index: i });
const allowListOwner = (i: number): Owner => ({ by: 'allowList', index: i });
const hostsOwner = (i: number): Owner => ({ by: 'hosts', index: i });

/** An object some owner brings. */
interface Claim {
  readonly ref: ObjectRef;
  readonly owner: Owner;
}

/** Appends `claims` to `objects` sorted by object name, as render() orders the objects of one kind. */
function pushByName(objects: Claim[], claims: Claim[]): void {
  claims.sort((a, b) => byObjectName(a.ref, b.ref));
  for (const c of claims) objects.push(c);
}

/**
 * Reports each of `objects` (in output order) that takes a name already `taken` or taken by one before it, as
 * Kubernetes keeps one object per name, once per owner; returns the names they take and their owners.
 */
function claimNames(problems: ProblemCollector, objects: readonly Claim[], taken: ReadonlyMap<string, Owner>): Map<string, Owner> {
  const claimed = new Map<string, Owner>();
  const blamed = new Set<string>();
  for (const { ref, owner } of objects) {
    const key = objectKey(ref);
    const other = taken.get(key) ?? claimed.get(key);
    if (other === undefined) {
      claimed.set(key, owner);
    } else {
      const { field: fieldOf, fix } = OWNER_TEXT[owner.by];
      const field = fieldOf(owner.index);
      // An AuthorizationPolicy and a NetworkPolicy share a call's name: one clash, one problem.
      if (blamed.has(field)) continue;
      blamed.add(field);
      const takenBy = OWNER_TEXT[other.by].of(other.index);
      problems.add(field, ref.metadata.name, `would give its ${ref.kind} the same name as the ${ref.kind} ${takenBy}, and Kubernetes keeps one object per name`,
        other === NAMESPACE_OWNER ? `give the workload a name other than ${quote(ref.metadata.name)}, which the namespace's own ${ref.kind} has` : fix);
    }
  }
  return claimed;
}

/** What a ZeroTrustNamespace renders to. */
export interface RenderedZeroTrustNamespace {
  /** The namespace's name. */
  readonly name: string;
  /**
   * Every object, in a fixed order: Namespace, PeerAuthentication, AuthorizationPolicies (allow-nothing first, then
   * one per call), RequestAuthentications (calls from a MeshIngress with jwt), ServiceEntries, Sidecars, gateway
   * routes, NetworkPolicies.
   */
  readonly manifests: readonly Manifest[];
  /** The workloads declared in `workloads`: pods of the namespace that meshlight does not deploy. */
  readonly declaredWorkloads: readonly WorkloadIdentity[];
}

function renderPlan(plan: ZeroTrustPlan): RenderedZeroTrustNamespace {
  const callPolicies = plan.calls.filter((c) => c.inbound).map((c) => renderCallPolicy(plan, c)).sort(byObjectName);
  const tokenChecks = plan.calls.filter((c) => c.inbound && c.jwt !== undefined).map((c) => renderCallRequestAuthentication(plan, c)).sort(byObjectName);
  const externalHosts = [...plan.externalHosts.values()].sort(byHost);
  const gatewayRoutes = uniqueManifests(plan.egress.flatMap(renderGatewayRoute));
  const manifests = [
    renderNamespace(plan), renderPeerAuthentication(plan), renderAllowNothing(plan), ...callPolicies, ...tokenChecks,
    ...externalHosts.map((h) => renderServiceEntry(plan.name, h)), ...renderSidecars(plan), ...gatewayRoutes,
    ...renderNetworkPolicies(plan),
  ];
  return { name: plan.name, manifests, declaredWorkloads: plan.declared };
}

/**
 * Renders a ZeroTrustNamespace. Throws MeshlightValidationError, having rendered nothing, when the props are invalid.
 */
export function renderZeroTrustNamespace(props: ZeroTrustNamespaceProps, context: RenderContext): RenderedZeroTrustNamespace {
  return new ZeroTrustNamespaceDeclaration(props, context).render();
}
