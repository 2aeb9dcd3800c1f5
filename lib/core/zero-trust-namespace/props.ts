// What a ZeroTrustNamespace is declared with: its props, the calls they allow and the callers calls name.
import { EgressAllowListProps } from '../egress-allow-list';
import { isRecord } from '../fields';
import { HasIngressCaller } from '../mesh-ingress';
import { PathNormalization } from '../path-safety';
import { HasIdentity } from '../workload';

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

/**
 * The other clusters of a multi-cluster mesh (Istio multi-primary) whose workloads call this namespace's or are
 * called by them. Within one trust domain a workload has the same principal in every cluster, so the
 * AuthorizationPolicies admit remote callers as they are; the NetworkPolicies, which see only this cluster's pods,
 * let remote connections through as described here.
 * @see https://istio.io/latest/docs/setup/install/multicluster/
 */
export interface RemoteClustersProps {
  /**
   * Pod address ranges of the clusters on this cluster's network, whose pods connect to this one's directly: each
   * call's NetworkPolicies also admit these ranges, on the call's ports. NetworkPolicy cannot see a remote pod's labels:
   * any pod of these ranges passes the fence, and the AuthorizationPolicy is what tells callers apart.
   * @default []
   */
  readonly podCidrs?: readonly string[];
  /**
   * The clusters on other networks, reached through east-west gateways (Istio's multi-network model).
   * @default - none: no cluster on another network
   */
  readonly eastWestGateway?: EastWestGatewayProps;
}

/** The east-west gateways of a multi-network mesh: this cluster's, and the addresses of the others'. */
export interface EastWestGatewayProps {
  /**
   * Address ranges of the other networks' east-west gateways: calls to their workloads leave for these on port 15443
   * (each call's egress NetworkPolicy admits them).
   */
  readonly remoteAddresses: readonly string[];
  /** Namespace of this cluster's east-west gateway, through which calls from other networks arrive. @default 'istio-system' */
  readonly namespace?: string;
  /** Labels of its pods, which each call's ingress NetworkPolicy admits. @default { istio: 'eastwestgateway' } */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The settings each ingress gateway Caller was made with, as given, so that they can be checked with the call. */
const ingressGatewaySettings = new WeakMap<Caller, unknown>();

/** The settings `Caller.ingressGateway()` was given, as given (undefined for other callers), for the call to check. */
export function ingressGatewaySettingsOf(caller: Caller): unknown {
  return ingressGatewaySettings.get(caller);
}

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
export type CallerLike = TargetLike | Caller | CallerData | HasIngressCaller;

/**
 * A Caller as plain data, as YAML gives it: `{ namespace }` is `Caller.namespace(namespace)`, `{ namespace,
 * serviceAccount }` is `Caller.serviceAccount(namespace, serviceAccount)`, `{ ingressGateway: {...} }` is
 * `Caller.ingressGateway({...})`.
 */
export type CallerData =
  | { readonly namespace: string; readonly serviceAccount?: string }
  | { readonly ingressGateway: IngressGatewayProps };

/** The Caller `value` stands for as plain data (exactly the fields of one form), or undefined when it is none. */
export function callerOfData(value: unknown): Caller | undefined {
  if (!isRecord(value)) return undefined;
  switch (Object.keys(value).sort().join(',')) {
    case 'ingressGateway': return Caller.ingressGateway(value.ingressGateway as IngressGatewayProps);
    case 'namespace': return Caller.namespace(value.namespace as string);
    case 'namespace,serviceAccount': return Caller.serviceAccount(value.namespace as string, value.serviceAccount as string);
    default: return undefined;
  }
}

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
  /** Labels that select its pods. @default - { app: <name> } */
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
   * With dataplane `'ambient'`: a waypoint proxy for the namespace's services (a Gateway `waypoint` of class
   * `istio-waypoint`, and the Namespace labelled `istio.io/use-waypoint: waypoint`), which applies what ztunnel cannot:
   * the HTTP side of calls to workloads with a Service (methods, paths, hosts), and the services' HTTPRoutes
   * (GrayscaleServices in the Gateway API dialect) and DestinationRules. A call through it is admitted in two steps: at
   * the waypoint, by the caller's identity and what the request says; at the pods, by ztunnel, from the waypoint's
   * identity only. Ingress gateways bypass waypoints (Istio's default), so calls from them stay layer 4.
   * @default false
   * @see https://istio.io/latest/docs/ambient/usage/waypoint/
   */
  readonly waypoint?: boolean;

  /**
   * Istio revision whose sidecar injector serves the namespace (`istio.io/rev` label).
   * @default - the default revision (`istio-injection=enabled`)
   * @see https://istio.io/latest/docs/setup/upgrade/canary/
   */
  readonly revision?: string;

  /**
   * Inbound mTLS (PeerAuthentication `default`). PERMISSIVE admits plaintext callers, who carry no identity, so it
   * cannot be combined with calls, but in a dry run.
   * @default - STRICT, PERMISSIVE when dryRun is set
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
   * @default - true, unless dryRun is set
   */
  readonly proxyScope?: boolean;

  /**
   * A dry run, which enforces nothing: the AuthorizationPolicies are staged with `istio.io/dry-run: "true"` (Istio
   * logs what they would deny), mTLS is PERMISSIVE, and what has no dry run is left out: NetworkPolicies and Sidecars
   * (REGISTRY_ONLY) are not emitted, and calls from a MeshIngress with jwt and allow-lists through an egress gateway
   * are refused. Envoy's `rbac` debug log and its shadow-rules metrics say what would have been denied; with the
   * mesh's default ALLOW_ANY, access logs show egress REGISTRY_ONLY would block as `PassthroughCluster`.
   * @default false
   * @see https://istio.io/latest/docs/tasks/security/authorization/authz-dry-run/
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
   * Other clusters of the mesh whose workloads make or receive the namespace's calls (Istio multi-primary): their
   * connections pass the NetworkPolicies too (sidecar dataplane).
   * @default - none: the NetworkPolicies admit this cluster's pods only
   */
  readonly remoteClusters?: RemoteClustersProps;

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
