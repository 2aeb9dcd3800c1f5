import {
  planWorkload, readinessWarning, renderVersionWorkload, resolveWorkload, ServiceWorkload, setsWorkload, WorkloadPlan, WorkloadProps,
} from './deployment';
import { DurationLike, istioDuration } from './duration';
import { Problem, ProblemCollector, quote, RenderContext } from './errors';
import { checkKnownFields, fieldsOf, isRecord } from './fields';
import { HEADER_NAME, isCookieName } from './http-names';
import { DialectPlan, HttpRouteService, planDialect, renderHttpRoute, RoutingDialect } from './http-route';
import { planRateLimit, RateLimitProps, renderLocalRateLimitSpec, TokenBucket } from './local-rate-limit';
import { MANAGED_BY_LABEL, Manifest, sortedRecord } from './manifest';
import { isDns1035Label, isDnsLabel, isDnsSubdomain, checkLabelMap, isLabelValue, serviceHost } from './names';
import { escapeRe2 } from './regex';
import { Condition, MatchPlan, planRequestMatch, renderMatch, RequestMatchProps, shadows } from './request-match';
import { StringMatch } from './string-match';
import { planTelemetry, telemetryManifest, TelemetryProps } from './telemetry';
import {
  checkObject, CircuitBreakerProps, ConnectionPoolProps, FaultProps, LoadBalancer, Locality, mergeTrafficPolicy, MirrorProps, planFault,
  planLocality, planPercent, planRetries, planTimeout, planTrafficPolicy, renderTrafficPolicy, RetryProps, RoutePolicy, TrafficPolicyPlan,
  withRoutePolicy,
} from './traffic-policy';
import { WorkloadIdentity } from './workload';

/** The application protocol a GrayscaleService speaks; it names the Service port and sets its appProtocol. */
export type ServiceProtocol = 'http' | 'http2' | 'grpc';

/**
 * How versions are grouped for weight grayscale.
 * - `major`: versions group by major version (`1.0` and `1.1` are major 1); each major has its own path or host,
 *   and the weights of one major's versions sum to 100.
 * - `all`: every version is in one group whose weights sum to 100 (for plain labels like `v1`, `v2`, `v3`).
 */
export type VersionGrouping = 'major' | 'all';

/**
 * Whether meshlight routes between versions.
 * - `versions`: DestinationRule subsets, weights, rules, sticky versions and the version header.
 * - `none`: no routing between versions: Kubernetes balances requests over every pod the Service selects, whatever
 *   its version; timeouts, retries and traffic policies still apply.
 */
export type VersionRouting = 'versions' | 'none';

/**
 * What of a GrayscaleService is deployed already, by a Helm chart or plain YAML: meshlight then emits neither and adds
 * only the mesh objects (subsets, routes, policies) and the Deployments of versions with an `image`.
 */
export interface ExistingProps {
  /**
   * The Service named like the GrayscaleService exists: `true` when it selects `app: <name>`, or its `selector`.
   * Every version's pods must carry the selector's labels; `port`, `containerPort` and `protocol` then describe that
   * Service's port.
   * @default - meshlight emits the Service
   * @see https://kubernetes.io/docs/concepts/services-networking/service/
   */
  readonly service?: true | ExistingServiceProps;

  /**
   * The service account the pods run as; it names their mTLS identity (principals of calls to and from the service),
   * and the Deployments meshlight creates run as it too.
   * @default - meshlight emits a ServiceAccount `<name>`
   * @see https://istio.io/latest/docs/concepts/security/#istio-identity
   */
  readonly serviceAccount?: string;
}

/** A Service deployed elsewhere, as `existing.service` describes it. */
export interface ExistingServiceProps {
  /** The Service's `spec.selector`, e.g. `{ app: 'reviews' }`. */
  readonly selector: Readonly<Record<string, string>>;
}

/** One version of a GrayscaleService. */
export interface VersionProps {
  /**
   * The version, used as the `version` label value of its pods, e.g. `1.0` or `v2`.
   * Its major version is the first number in it.
   */
  readonly version: string;

  /**
   * Percentage of its group's traffic (whole number from 0 to 100) that this version receives; becomes the
   * VirtualService route destination's `weight`. A version with weight 0 is reached only through rules.
   * @default - 100 when it is the only version in its group; required otherwise
   */
  readonly weight?: number;

  /**
   * Container image; meshlight creates a Deployment for this version running it. Leave it out when the version's
   * workloads are deployed elsewhere, and describe them with `labels`.
   * @default - no Deployment is created
   */
  readonly image?: string;

  /**
   * Pod replicas of the version's Deployment (only with `image`).
   * @default 1
   */
  readonly replicas?: number;

  /**
   * Environment variables of the version's container (only with `image`).
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;

  /**
   * How meshlight runs this version (only with `image`): resources, probes, environment from Secrets and ConfigMaps,
   * volumes, ports, autoscaling, disruption budget, scheduling and named loosenings of the pod defaults. Completes
   * the service's `workload` field by field.
   * @default - the service's
   */
  readonly workload?: WorkloadProps;

  /**
   * Labels of the pods that serve this version, when they are deployed elsewhere; they become the
   * DestinationRule subset's labels and must include the Service's selector (`app=<service>`).
   * @default - { app: <service>, version: <version> }
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
   */
  readonly labels?: Readonly<Record<string, string>>;

  /**
   * Connection limits of this version, completing the service's `connectionPool` field by field (DestinationRule
   * subset `trafficPolicy.connectionPool`).
   * @default - the service's
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
   */
  readonly connectionPool?: ConnectionPoolProps;

  /**
   * Ejection of this version's failing pods, completing the service's `circuitBreaker` field by field (DestinationRule
   * subset `trafficPolicy.outlierDetection`).
   * @default - the service's
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
   */
  readonly circuitBreaker?: CircuitBreakerProps;

  /**
   * How a pod of this version is picked, instead of the service's `loadBalancer` (DestinationRule subset
   * `trafficPolicy.loadBalancer`).
   * @default - the service's
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#Subset
   */
  readonly loadBalancer?: LoadBalancer;
}

/** Where one major version is served, for `grouping: 'major'`. */
export interface MajorRoutingProps {
  /**
   * Context path of the major: requests to this path or below it go to this major's versions
   * (VirtualService `match.uri`). Use `/` for every path.
   * @default - `/v<major>` when the service has several majors and no `host` is given; every path otherwise
   */
  readonly path?: string;

  /**
   * Replaces the context path before the request reaches the workload (VirtualService `rewrite.uri`),
   * e.g. `/` so that `/v2/get` arrives as `/get`.
   * @default - the path is passed on unchanged
   */
  readonly rewrite?: string;

  /**
   * Host name that selects this major (VirtualService `hosts` and `match.authority`), e.g. `api-v2.example.com`.
   * @default - the major is selected by path only
   */
  readonly host?: string;
}

/**
 * A rule-grayscale rule: requests that match go to `version`, before any weighted split.
 * Give exactly one of `match` (all conditions must hold) or `anyOf` (any one of the matches suffices).
 */
export interface RuleProps {
  /** The version that serves matching requests. */
  readonly version: string;
  /** A single match: the request must satisfy every condition in it. */
  readonly match?: RequestMatchProps;
  /** Several matches: the request must satisfy at least one of them (OR), each as a whole (AND). */
  readonly anyOf?: readonly RequestMatchProps[];
  /**
   * Name of the rule's route (VirtualService `http.name`), shown in Envoy stats and access logs.
   * @default - `rule-<position, from 1>`
   */
  readonly name?: string;

  /**
   * Faults injected into the requests this rule matches, for resilience testing (VirtualService `http.fault`).
   * @default - none
   * @see https://istio.io/latest/docs/tasks/traffic-management/fault-injection/
   */
  readonly fault?: FaultProps;
}

/**
 * Props of a GrayscaleService: a service whose versions share traffic by weight and by rule.
 * @see https://istio.io/latest/docs/concepts/traffic-management/
 */
export interface GrayscaleServiceProps {
  /** The versions of the service. At least one. */
  readonly versions: readonly VersionProps[];

  /**
   * Name of the Service, ServiceAccount and the Istio objects; a DNS-1035 label.
   * @default - the construct id (cdk8s) or resource name (Pulumi)
   */
  readonly name?: string;

  /**
   * Namespace of every object.
   * @default 'default'
   */
  readonly namespace?: string;

  /**
   * The Service and service account when they are deployed elsewhere (a Helm chart, plain YAML): meshlight emits
   * neither and uses them, e.g. `{ service: true, serviceAccount: 'bookinfo-reviews' }`.
   * @default - meshlight emits the Service and a ServiceAccount `<name>`
   */
  readonly existing?: ExistingProps;

  /**
   * Port of the Service.
   * @default 80
   */
  readonly port?: number;

  /**
   * Port the version containers listen on (Service `targetPort`).
   * @default 8080
   */
  readonly containerPort?: number;

  /**
   * Application protocol; names the Service port and sets its `appProtocol`, which tells Istio how to route.
   * @default 'http'
   * @see https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/
   */
  readonly protocol?: ServiceProtocol;

  /**
   * Whether meshlight routes between versions (DestinationRule subsets, VirtualService weights and rules), or leaves
   * Kubernetes to balance over every pod of the Service (`'none'`, which refuses weights, rules, mirror, sticky
   * versions and a version header).
   * @default 'versions'
   */
  readonly routing?: VersionRouting;

  /**
   * How versions are grouped for weight grayscale: `'major'` serves each major under its own path or host, `'all'`
   * splits one set of weights across every version.
   * @default - 'major' when majors or defaultMajor is given, or every version is of one major (where the two are the same split); 'all' otherwise
   */
  readonly grouping?: VersionGrouping;

  /**
   * Where each major version is served, keyed by major number (`'1'`, `'2'`).
   * @default - one major is served on every path; several majors each under `/v<major>`
   */
  readonly majors?: Readonly<Record<string, MajorRoutingProps>>;

  /**
   * The major whose weighted split serves requests that match no major's path or host.
   * @default - none: requests no major serves get HTTP 404
   */
  readonly defaultMajor?: string;

  /**
   * Rule grayscale, evaluated in order before the weighted split.
   * @default - none
   */
  readonly rules?: readonly RuleProps[];

  /**
   * Response header naming the version that served the request (VirtualService destination `headers.response.set`),
   * or `false` for none.
   * @default 'x-meshlight-version' (none with routing 'none')
   */
  readonly versionHeader?: string | false;

  /**
   * DNS domain of the cluster, for the service's fully qualified host.
   * @default 'cluster.local'
   */
  readonly clusterDomain?: string;

  /**
   * Time limit of a request, retries included, on every route (VirtualService `http.timeout`), e.g. `'5s'` or
   * cdk8s `Duration.seconds(5)`.
   * @default - none (Istio sets no route timeout)
   * @see https://istio.io/latest/docs/tasks/traffic-management/request-timeouts/
   */
  readonly timeout?: DurationLike;

  /**
   * Retries of failed requests on every route (VirtualService `http.retries`).
   * @default - Istio's: 2 attempts on connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes
   * @see https://istio.io/latest/docs/concepts/traffic-management/#retries
   */
  readonly retries?: RetryProps;

  /**
   * Connection and request limits that each calling proxy keeps towards the service (DestinationRule
   * `trafficPolicy.connectionPool`); versions may override them.
   * @default - Istio's (no limits)
   * @see https://istio.io/latest/docs/tasks/traffic-management/circuit-breaking/
   */
  readonly connectionPool?: ConnectionPoolProps;

  /**
   * Ejection of failing pods from the load-balancing pool (DestinationRule `trafficPolicy.outlierDetection`);
   * versions may override it. With it, Istio also fails over to the nearest locality with healthy pods, unless
   * `locality` (or the mesh config) says otherwise.
   * @default - no ejection, and no locality failover
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection
   */
  readonly circuitBreaker?: CircuitBreakerProps;

  /**
   * How calling proxies pick a pod (DestinationRule `trafficPolicy.loadBalancer`), e.g.
   * `LoadBalancer.hashByHeader('x-user')`; versions may override it.
   * @default - Istio's (LEAST_REQUEST)
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings
   */
  readonly loadBalancer?: LoadBalancer;

  /**
   * Locality-aware load balancing across regions and zones (DestinationRule
   * `trafficPolicy.loadBalancer.localityLbSetting`, on versions' own `loadBalancer` too): `'nearest'`, `'off'`
   * (`enabled: false`), `{ failover }`, `{ failoverPriority }` or `{ distribute }`. Failing over needs `circuitBreaker`.
   * @default - Istio's: with circuitBreaker, failover to the nearest zone, then region, with healthy pods (unless the
   * mesh config turns locality load balancing off); without it, none
   * @see https://istio.io/latest/docs/tasks/traffic-management/locality-load-balancing/
   */
  readonly locality?: Locality;

  /**
   * Copies of a percentage of requests sent to a version with weight 0, whose responses are discarded
   * (VirtualService `http.mirror` and `http.mirrorPercentage` on every route of that version's major that does not
   * already send to it).
   * @default - no mirroring
   * @see https://istio.io/latest/docs/tasks/traffic-management/mirroring/
   */
  readonly mirror?: MirrorProps;

  /**
   * Throttling: a token bucket in each pod's sidecar (an EnvoyFilter `<name>-rate-limit` with Envoy's local rate
   * limit filter); requests beyond it get HTTP 429.
   * @default - no rate limit
   * @see https://istio.io/latest/docs/tasks/policy-enforcement/rate-limit/#local-rate-limit
   */
  readonly rateLimit?: RateLimitProps;

  /**
   * Keeps a client on the version that first served it across a weighted split: the split sets a cookie naming the
   * version (destination `headers.response.add` `set-cookie`), and a route per served version that matches the cookie
   * comes before the split. `true` names the cookie `<name>-version`; a string names it. With several majors, each has
   * its own cookie, `<cookie>-<major>`.
   * @default false
   * @see https://github.com/istio/istio/issues/33343
   */
  readonly stickyVersions?: boolean | string;

  /**
   * Access logging and tracing sampling for the service's pods (a Telemetry `<name>` selecting them).
   * @default - as the namespace or mesh says
   * @see https://istio.io/latest/docs/reference/config/telemetry/
   */
  readonly telemetry?: TelemetryProps;

  /**
   * The API the service's routing is written in: `'istio'` (a VirtualService, and a DestinationRule with a subset per
   * version) or `'gateway-api'` (an HTTPRoute attached to the Service, as the Kubernetes Gateway API routes mesh
   * traffic, with a Service per version as its backends). Both route every request alike; with `'gateway-api'`, what
   * HTTPRoute's standard channel cannot say (retries, fault injection, matches on the caller, majors by host, traffic
   * policies unless `istioFallback`) is refused, with the reason.
   * @default 'istio'
   * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/gateway-api/#mesh-traffic
   */
  readonly dialect?: RoutingDialect;

  /**
   * With dialect `'gateway-api'`: keep the traffic policies HTTPRoute has no field for (connectionPool,
   * circuitBreaker, loadBalancer, locality, on the service and on versions) as Istio DestinationRules beside it, one
   * per version's Service, instead of refusing them.
   * @default false
   */
  readonly istioFallback?: boolean;

  /**
   * How meshlight runs every version it deploys (those with `image`): resources, probes, environment from Secrets and
   * ConfigMaps, volumes, ports, autoscaling, disruption budget, scheduling and named loosenings of the pod defaults.
   * A version's own `workload` completes it field by field.
   * @default - the pod defaults: one replica, no probes, restricted security context
   */
  readonly workload?: WorkloadProps;
}

/** The default response header naming the version that served a request. */
export const DEFAULT_VERSION_HEADER = 'x-meshlight-version';

/** What a GrayscaleService resolves to after validation: every default applied, every name derived. */
export interface GrayscalePlan {
  readonly name: string;
  readonly namespace: string;
  readonly host: string;
  readonly port: number;
  readonly containerPort: number;
  readonly protocol: ServiceProtocol;
  /** The Service's selector: `app: <name>`, or an existing Service's. */
  readonly selector: Readonly<Record<string, string>>;
  /** The service account the pods run as. */
  readonly serviceAccount: string;
  /** Whether meshlight emits the Service (not when it exists) and the ServiceAccount (not when one is named). */
  readonly emitService: boolean;
  readonly emitServiceAccount: boolean;
  readonly routing: VersionRouting;
  /**
   * Whether routes send to version subsets: with routing between versions, unless one version is all the Service's
   * pods can be (see usesSubsets).
   */
  readonly subsets: boolean;
  readonly versions: readonly VersionPlan[];
  readonly groups: readonly GroupPlan[];
  readonly rules: readonly RulePlan[];
  readonly defaultGroup?: GroupPlan;
  readonly versionHeader?: string;
  /** The service-wide DestinationRule traffic policy. */
  readonly trafficPolicy?: TrafficPolicyPlan;
  /** Route timeout in milliseconds. */
  readonly timeout?: number;
  /** Istio `HTTPRetry` of every route. */
  readonly retries?: Record<string, unknown>;
  readonly mirror?: MirrorPlan;
  /** Name of the sticky-version cookie, before any per-major suffix. */
  readonly stickyCookie?: string;
  readonly rateLimit?: TokenBucket;
  /** The Telemetry spec fields of the service (`accessLogging`, `tracing`). */
  readonly telemetry?: Record<string, unknown>;
  /** The API the routing is written in. */
  readonly dialect: DialectPlan;
}

/** Mirroring, resolved. */
export interface MirrorPlan {
  readonly version: VersionPlan;
  readonly percent: number;
}

/** One version, resolved. */
export interface VersionPlan {
  /** Position in props.versions, for error messages. */
  readonly index: number;
  readonly version: string;
  /** DestinationRule subset name derived from the version, e.g. `v1-0` for `1.0`. */
  readonly subset: string;
  /** Whole percentage of the group's traffic, as props give it or as its group decides (100 for a sole version). */
  readonly weight: number;
  readonly group: string;
  readonly image?: string;
  readonly replicas: number;
  readonly env: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** The subset's own traffic policy, when the version overrides the service's. */
  readonly trafficPolicy?: TrafficPolicyPlan;
  /** How meshlight runs the version, the service's workload completed by its own; only with `image`. */
  readonly workload?: WorkloadPlan;
}

/** A weight group (a major, or all versions), resolved. */
export interface GroupPlan {
  readonly key: string;
  readonly versions: readonly VersionPlan[];
  readonly host?: string;
  /** Context path without trailing slash; undefined means every path. */
  readonly path?: string;
  readonly rewrite?: string;
}

/** One rule, resolved: its matches already combined with the target group's scope. */
export interface RulePlan {
  readonly name: string;
  readonly version: VersionPlan;
  readonly matches: readonly MatchPlan[];
  /** Istio `HTTPFaultInjection` of the rule's route. */
  readonly fault?: Record<string, unknown>;
}

const VERSION_NUMBER = /^v?(\d+)(?:[._-].*)?$/i;

const PROPS_FIELDS = fieldsOf<GrayscaleServiceProps>({
  versions: true, name: true, namespace: true, existing: true, routing: true, port: true, containerPort: true, protocol: true, grouping: true, majors: true,
  defaultMajor: true, rules: true, versionHeader: true, clusterDomain: true, timeout: true, retries: true, connectionPool: true,
  circuitBreaker: true, loadBalancer: true, locality: true, mirror: true, rateLimit: true, stickyVersions: true, telemetry: true, workload: true,
  dialect: true, istioFallback: true,
});
const VERSION_FIELDS = fieldsOf<VersionProps>({
  version: true, weight: true, image: true, replicas: true, env: true, workload: true, labels: true, connectionPool: true, circuitBreaker: true,
  loadBalancer: true,
});
const EXISTING_FIELDS = fieldsOf<ExistingProps>({ service: true, serviceAccount: true });
const EXISTING_SERVICE_FIELDS = fieldsOf<ExistingServiceProps>({ selector: true });
const MAJOR_FIELDS = fieldsOf<MajorRoutingProps>({ path: true, rewrite: true, host: true });
const RULE_FIELDS = fieldsOf<RuleProps>({ version: true, match: true, anyOf: true, name: true, fault: true });
const MIRROR_FIELDS = fieldsOf<MirrorProps>({ version: true, percent: true });

/** The major version of `version`: the first number in it (`1.2` → `1`, `v2` → `2`), or undefined if none. */
export function majorVersionOf(version: string): string | undefined {
  const m = VERSION_NUMBER.exec(version);
  return m ? String(Number(m[1])) : undefined;
}

/** The DestinationRule subset name for a version: a DNS-1123 label such as `v1-0` for `1.0` or `v2` for `v2`. */
export function subsetNameOf(version: string): string {
  const lowered = version.toLowerCase().replace(/[._]/g, '-');
  return /^[0-9]/.test(lowered) ? `v${lowered}` : lowered;
}

/** Validates props and resolves every default. Throws MeshlightValidationError listing all problems. */
export function planGrayscaleService(props: GrayscaleServiceProps, context: RenderContext): GrayscalePlan {
  const problems = new ProblemCollector(context.path);
  if (!isRecord(props)) {
    problems.add('props', props, 'is not an object', 'give props such as { versions: [{ version: "1.0", image: "example/app:1.0" }] }');
    problems.throwIfAny();
  }
  const input = props as Partial<GrayscaleServiceProps>;
  const misspelt = checkKnownFields(problems, '', input, PROPS_FIELDS, 'GrayscaleService props');

  // `=== undefined`, not `??`: a null is a wrong value to report, not a request for the default.
  const name = input.name === undefined ? context.defaultName : input.name;
  if (typeof name !== 'string' || !isDns1035Label(name)) {
    problems.add('name', name, 'is not a valid Service name (DNS-1035: lower-case letters, digits and "-", starting with a letter, at most 63 characters)', `use a name such as ${quote(suggestDnsLabel(name))}`);
  }
  const namespace = input.namespace === undefined ? 'default' : input.namespace;
  if (typeof namespace !== 'string' || !isDnsLabel(namespace)) {
    problems.add('namespace', namespace, 'is not a valid namespace name (DNS-1123 label)', `use a name such as ${quote(suggestDnsLabel(namespace))}`);
  }
  const clusterDomain = input.clusterDomain === undefined ? 'cluster.local' : input.clusterDomain;
  if (typeof clusterDomain !== 'string' || !isDnsSubdomain(clusterDomain)) {
    problems.add('clusterDomain', clusterDomain, 'is not a DNS domain', 'use your cluster\'s domain, usually "cluster.local"');
  }
  const port = input.port === undefined ? 80 : input.port;
  checkPort(problems, 'port', port);
  const containerPort = input.containerPort === undefined ? 8080 : input.containerPort;
  checkPort(problems, 'containerPort', containerPort);
  const protocol = input.protocol === undefined ? 'http' : input.protocol;
  if (!['http', 'http2', 'grpc'].includes(protocol)) {
    problems.add('protocol', protocol, 'is not a supported protocol', 'use "http", "http2" or "grpc"');
  }
  const service = typeof name === 'string' ? name : '';
  const existing = planExisting(problems, input.existing, service);
  const routing = input.routing === undefined ? 'versions' : input.routing;
  if (routing !== 'versions' && routing !== 'none') {
    problems.add('routing', routing, 'is not a routing', 'use "versions" (subsets, weights and rules) or "none" (Kubernetes balances over every pod of the Service)');
  }
  // Without routing, what only routing reads is refused once here, and left out of the checks below.
  const routed = routing === 'none' ? withoutRouting(problems, input) : input;
  const grouping = routing === 'none' ? 'all' : routed.grouping === undefined ? defaultGroupingOf(routed) : routed.grouping;
  if (grouping !== 'major' && grouping !== 'all') {
    problems.add('grouping', grouping, 'is not a grouping', 'use "major" (weights sum to 100 per major version) or "all" (across all versions)');
  }
  const versionHeader = routing === 'none' ? undefined : checkVersionHeader(problems, input.versionHeader);
  const trafficPolicy: TrafficPolicyPlan = {
    ...planTrafficPolicy(problems, '', input), localityLbSetting: planLocality(problems, input.locality, input.circuitBreaker !== undefined),
  };
  const timeout = planTimeout(problems, input.timeout);
  const retries = planRetries(problems, input.retries, timeout);
  const stickyCookie = planStickyCookie(problems, routed.stickyVersions, service);

  const deploying = planDeploying(problems, input, containerPort, protocol);
  const drafts = planVersions(problems, routed.versions, service, existing.selector, routing, grouping, trafficPolicy, misspelt, deploying);
  const { groups, versions } = planGroups(problems, routed, drafts, grouping, routing, input.grouping === undefined);
  const defaultGroup = planDefaultGroup(problems, routed.defaultMajor, groups, grouping);
  const rules = planRules(problems, routed.rules, versions, groups);
  const mirror = planMirror(problems, routed.mirror, versions, groups);
  const rateLimit = planRateLimit(problems, input.rateLimit);
  const telemetry = planTelemetry(problems, 'telemetry', input.telemetry);
  const dialect = planDialect(problems, input);

  problems.throwIfAny();
  return {
    name,
    namespace,
    host: serviceHost(name, namespace, clusterDomain),
    port,
    containerPort,
    protocol,
    ...existing,
    routing,
    subsets: usesSubsets(routing, versions, existing),
    versions,
    groups,
    rules,
    defaultGroup,
    versionHeader,
    trafficPolicy,
    timeout,
    retries,
    mirror,
    stickyCookie,
    rateLimit,
    telemetry,
    dialect,
  };
}

/** The Service and service account, existing or meshlight's: the pods' selector and identity. */
interface ExistingPlan {
  readonly selector: Readonly<Record<string, string>>;
  readonly serviceAccount: string;
  readonly emitService: boolean;
  readonly emitServiceAccount: boolean;
}

function planExisting(problems: ProblemCollector, raw: unknown, service: string): ExistingPlan {
  let plan: ExistingPlan = { selector: { app: service }, serviceAccount: service, emitService: true, emitServiceAccount: true };
  if (raw === undefined || !checkObject(problems, 'existing', raw, '{ service: true, serviceAccount: "reviews" }')) {
    return plan;
  }
  checkKnownFields(problems, 'existing', raw, EXISTING_FIELDS, 'existing');
  const given = raw as Partial<ExistingProps>;
  if (given.service === true) {
    plan = { ...plan, emitService: false };
  } else if (isRecord(given.service)) {
    plan = { ...plan, emitService: false };
    const misspelt = checkKnownFields(problems, 'existing.service', given.service, EXISTING_SERVICE_FIELDS, 'an existing Service');
    const selector: unknown = given.service.selector;
    if (selector === undefined) {
      if (!misspelt) problems.add('existing.service.selector', selector, 'is missing', `give the Service's spec.selector, e.g. { app: ${quote(service)} }, or write service: true for that one`);
    } else if (checkLabelMap(problems, 'existing.service.selector', selector, `{ app: ${quote(service)} }`)) {
      if (Object.keys(selector).length === 0) {
        problems.add('existing.service.selector', selector, 'is empty, so it would select no pods', `give the Service's spec.selector, e.g. { app: ${quote(service)} }`);
      } else if (selector.version !== undefined) {
        problems.add('existing.service.selector.version', selector.version, 'selects the pods of one version, so no other version could serve', 'select every version\'s pods, e.g. by app alone');
      } else {
        plan = { ...plan, selector: sortedRecord(selector) };
      }
    }
  } else if (given.service !== undefined) {
    problems.add('existing.service', given.service, 'is neither true nor a Service\'s selector', `use true for a Service ${quote(service)} selecting app: ${quote(service)}, or { selector: { app: ${quote(service)} } }`);
  }
  const account: unknown = given.serviceAccount;
  if (account !== undefined) {
    if (typeof account !== 'string' || !isDnsSubdomain(account)) {
      problems.add('existing.serviceAccount', account, 'is not a service account name (DNS-1123 subdomain)', 'give the name of the service account the pods run as (their spec.serviceAccountName), e.g. "bookinfo-reviews"');
    } else {
      plan = { ...plan, serviceAccount: account, emitServiceAccount: false };
    }
  }
  return plan;
}

/**
 * The props with what only routing between versions reads taken out, each refused where it was set: for a service
 * whose routing is `none`, Kubernetes picks the pod, so nothing can pick a version.
 */
function withoutRouting(problems: ProblemCollector, input: Partial<GrayscaleServiceProps>): Partial<GrayscaleServiceProps> {
  const refuse = (field: string, value: unknown, what: string) => {
    problems.add(field, value, `${what}, but routing is "none": Kubernetes balances over every pod, so nothing picks a version`, `remove ${field}, or use routing: "versions"`);
  };
  const serviceWide: [keyof GrayscaleServiceProps, string][] = [
    ['rules', 'sends requests to versions'], ['mirror', 'copies requests to a version'], ['grouping', 'groups versions for weights'],
    ['majors', 'routes majors by path or host'], ['defaultMajor', 'routes to a major'],
  ];
  for (const [field, what] of serviceWide) {
    if (input[field] !== undefined && input[field] !== null) refuse(field, input[field], what);
  }
  if (input.stickyVersions !== undefined && input.stickyVersions !== null && input.stickyVersions !== false) {
    refuse('stickyVersions', input.stickyVersions, 'keeps clients on a version');
  }
  if (input.versionHeader !== undefined && input.versionHeader !== null && input.versionHeader !== false) {
    refuse('versionHeader', input.versionHeader, 'would name the version that served');
  }
  const perVersion: [keyof VersionProps, string][] = [
    ['weight', 'gives the version a share of requests'], ['connectionPool', 'sets a policy on the version\'s subset'],
    ['circuitBreaker', 'sets a policy on the version\'s subset'], ['loadBalancer', 'sets a policy on the version\'s subset'],
  ];
  const versions = !Array.isArray(input.versions) ? input.versions : input.versions.map((v: unknown, i) => {
    if (!isRecord(v)) return v as VersionProps;
    const kept: Record<string, unknown> = { ...v };
    for (const [field, what] of perVersion) {
      if (v[field] !== undefined && v[field] !== null) refuse(`versions[${i}].${field}`, v[field], what);
      if (v[field] !== null) delete kept[field];
    }
    return kept as unknown as VersionProps;
  });
  return { versions };
}

/**
 * The grouping a service gets when props name none: by major when they route majors, or when every version is of
 * one major (the same single split either way); else one split across all versions, so that `v1`, `v2`, `v3` are
 * not served under three paths unasked.
 */
function defaultGroupingOf(input: Partial<GrayscaleServiceProps>): VersionGrouping {
  if (input.majors !== undefined || input.defaultMajor !== undefined) return 'major';
  const versions: unknown[] = Array.isArray(input.versions) ? input.versions : [];
  const majors = new Set(versions.map((v) => (isRecord(v) && typeof v.version === 'string' ? majorVersionOf(v.version) : undefined)));
  return majors.size === 1 && !majors.has(undefined) ? 'major' : 'all';
}

/**
 * Whether routes send to subsets: always with routing between several versions; with one, only when other pods of
 * the Service may not be that version's (it is deployed elsewhere, or beside an existing Service's pods, and its
 * labels narrow the selector). Without routing, never.
 */
function usesSubsets(routing: VersionRouting, versions: readonly VersionPlan[], existing: ExistingPlan): boolean {
  if (routing === 'none') return false;
  if (versions.length !== 1) return true;
  const only = versions[0];
  const everyPod = only.image !== undefined
    ? existing.emitService
    : Object.keys(only.labels).every((k) => existing.selector[k] === only.labels[k]);
  return !everyPod;
}

/** What every version meshlight deploys shares: the service's workload, checked once, and its container port. */
interface DeployingContext {
  readonly workload: ServiceWorkload;
  readonly containerPort: number;
  readonly protocol: string;
}

function planDeploying(problems: ProblemCollector, input: Partial<GrayscaleServiceProps>, containerPort: unknown, protocol: unknown): DeployingContext {
  const port = typeof containerPort === 'number' ? containerPort : 8080;
  const service = input.workload === undefined ? undefined : planWorkload(problems, 'workload', input.workload, port);
  const versions: unknown[] = Array.isArray(input.versions) ? input.versions : [];
  if (setsWorkload(input.workload) && versions.length > 0 && !versions.some((v) => isRecord(v) && v.image !== undefined)) {
    problems.add('workload', input.workload, 'is set, but no version has an image, so meshlight deploys nothing it would apply to', 'give the versions meshlight deploys an image, or remove workload');
  }
  return { workload: { draft: service, reported: new Set() }, containerPort: port, protocol: typeof protocol === 'string' ? protocol : 'http' };
}

function suggestDnsLabel(value: unknown): string {
  const cleaned = (typeof value === 'string' ? value : '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '');
  return (cleaned || 'my-service').slice(0, 63).replace(/-+$/, '');
}

function isWholeNumberIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function checkPort(problems: ProblemCollector, field: string, value: unknown): void {
  if (!isWholeNumberIn(value, 1, 65535)) {
    problems.add(field, value, 'is not a port number', 'use a whole number from 1 to 65535');
  }
}

function checkVersionHeader(problems: ProblemCollector, value: unknown): string | undefined {
  if (value === false) {
    return undefined;
  }
  if (value === undefined) {
    return DEFAULT_VERSION_HEADER;
  }
  if (typeof value !== 'string' || !HEADER_NAME.test(value)) {
    problems.add('versionHeader', value, 'is not a lower-case HTTP header name', `use a name such as "${DEFAULT_VERSION_HEADER}", or false for no header`);
    return undefined;
  }
  return value;
}

function checkLabels(problems: ProblemCollector, field: string, labels: unknown): labels is Record<string, string> {
  return checkLabelMap(problems, field, labels, '{ app: "reviews", version: "v2" }');
}

/**
 * A version resolved but for the weight its group decides: `weight` is the one props give, when valid, and
 * `badWeight` says it was given but wrong (already reported).
 */
interface VersionDraft extends Omit<VersionPlan, 'weight'> {
  readonly weight?: number;
  readonly badWeight: boolean;
}

function planVersions(
  problems: ProblemCollector, input: unknown, service: string, selector: Readonly<Record<string, string>>, routing: VersionRouting,
  grouping: VersionGrouping, servicePolicy: TrafficPolicyPlan, propsMisspelt: boolean,
  deploying: DeployingContext,
): VersionDraft[] {
  const plans: VersionDraft[] = [];
  const labelled: VersionDraft[] = [];
  if (input === undefined && propsMisspelt) {
    // Most likely `versions` itself is the misspelt field already reported.
    return plans;
  }
  if (!Array.isArray(input) || input.length === 0) {
    problems.add('versions', input, 'has no versions', 'give at least one version, e.g. versions: [{ version: "1.0", image: "example/app:1.0" }]');
    return plans;
  }
  const seenVersion = new Map<string, number>();
  const seenSubset = new Map<string, number>();
  input.forEach((raw: unknown, i: number) => {
    const field = `versions[${i}]`;
    if (!isRecord(raw)) {
      problems.add(field, raw, 'is not a version', 'use an object such as { version: "1.0", image: "example/app:1.0" }');
      return;
    }
    const v = raw as Partial<VersionProps>;
    const misspelt = checkKnownFields(problems, field, v, VERSION_FIELDS, 'a version');
    const version = v.version;
    if (version === undefined) {
      if (!misspelt) problems.add(`${field}.version`, version, 'is missing', 'give the version, the value of its pods\' version label, e.g. version: "1.0"');
      return;
    }
    if (typeof version !== 'string' || version === '' || !isLabelValue(version)) {
      problems.add(`${field}.version`, version, 'is not a valid version label value', 'use at most 63 letters, digits, "-", "_" and ".", e.g. "1.0" or "v2"');
      return;
    }
    const previous = seenVersion.get(version);
    if (previous !== undefined) {
      problems.add(`${field}.version`, version, `duplicates versions[${previous}]`, 'give each version once; change its weight instead of repeating it');
      return;
    }
    seenVersion.set(version, i);
    const subset = subsetNameOf(version);
    const clash = seenSubset.get(subset);
    if (clash !== undefined) {
      problems.add(`${field}.version`, version, `gives the same subset name "${subset}" as versions[${clash}]`, 'use version strings that differ in more than case, "." or "_"');
    } else if (!isDnsLabel(subset) || `${service}-${subset}`.length > 63) {
      problems.add(`${field}.version`, version, `gives subset or Deployment name "${service}-${subset}" that is not a DNS-1123 label`, 'use a shorter version made of letters, digits, "." and "-"');
    }
    seenSubset.set(subset, i);

    const group = grouping === 'all' ? 'all' : majorVersionOf(version);
    if (group === undefined) {
      problems.add(`${field}.version`, version, 'has no major version number', 'use a version such as "1.0" or "v2", or set grouping: "all" to split weights across all versions');
      return;
    }
    const weightValid = v.weight === undefined || isWholeNumberIn(v.weight, 0, 100);
    if (!weightValid) {
      problems.add(`${field}.weight`, v.weight, 'is not a whole number from 0 to 100', 'use a whole percentage such as 20; the versions of one group must add up to 100');
    }
    const replicas = v.replicas === undefined ? 1 : v.replicas;
    if (!isWholeNumberIn(replicas, 0, 10000)) {
      problems.add(`${field}.replicas`, replicas, 'is not a whole number of replicas', 'use a whole number from 0 upwards, e.g. 2');
    }
    if (v.image !== undefined && (typeof v.image !== 'string' || v.image.trim() === '' || /\s/.test(v.image))) {
      problems.add(`${field}.image`, v.image, 'is not a container image reference', 'use a reference such as "ghcr.io/example/app:1.0"');
    }
    if (v.image === undefined && (v.replicas !== undefined || v.env !== undefined || v.workload !== undefined)) {
      problems.add(`${field}.image`, v.image, 'is missing, but replicas, env or workload are set and apply only to a Deployment meshlight creates', 'add image, or remove replicas, env and workload for a version deployed elsewhere');
    }
    if (v.image !== undefined && v.labels !== undefined) {
      problems.add(`${field}.labels`, v.labels, 'is set together with image; meshlight labels the Deployment it creates itself', 'give image (meshlight deploys the version) or labels (you deploy it), not both');
    }
    let env: Readonly<Record<string, string>> = v.env === undefined ? {} : v.env;
    if (!isRecord(env)) {
      problems.add(`${field}.env`, env, 'is not a map of variables', 'use an object such as { LOG_LEVEL: "info" }');
      env = {};
    } else {
      for (const [key, value] of Object.entries(env)) {
        if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key) || typeof value !== 'string') {
          problems.add(`${field}.env.${key}`, value, 'is not a valid environment variable', 'use a name of letters, digits, "_", "-" and "." not starting with a digit, and a string value');
        }
      }
    }
    let labels: Record<string, string> | undefined;
    let comparable = true;
    if (v.labels !== undefined && checkLabels(problems, `${field}.labels`, v.labels)) {
      labels = { ...v.labels };
      const outside = Object.keys(selector).filter((key) => labels![key] !== selector[key]);
      for (const key of outside) {
        problems.add(`${field}.labels.${key}`, labels[key], `does not equal the Service selector ${key}=${selector[key]}, so the Service would not send traffic to these pods`, `add ${key}: "${selector[key]}" to the labels and to the pods`);
      }
      // Labels no narrower than the selector cannot tell one version's pods from another's (a sole version needs not).
      const narrower = Object.keys(labels).some((key) => selector[key] === undefined);
      if (outside.length === 0 && !narrower && routing === 'versions' && input.length > 1) {
        problems.add(`${field}.labels`, labels, 'are the Service\'s selector, so they select the pods of every version, not this one\'s', `add a label that tells this version's pods apart, e.g. version: ${quote(version)}`);
      }
      // Labels that fail these are not compared with the other versions' too: the problem above says it already.
      comparable = outside.length === 0 && narrower;
    }
    // A missing weight is for resolveWeights to decide; a wrong one is reported above.
    const weight = weightValid ? v.weight as number | undefined : undefined;
    const ownPolicy = planTrafficPolicy(problems, field, v);
    const trafficPolicy = renderTrafficPolicy(ownPolicy) === undefined ? undefined : mergeTrafficPolicy(servicePolicy, ownPolicy);
    const ownWorkload = v.workload === undefined ? undefined : planWorkload(problems, `${field}.workload`, v.workload, deploying.containerPort);
    const workload = v.image === undefined ? undefined : resolveWorkload(problems, deploying.workload, ownWorkload, {
      index: i, version, replicasGiven: v.replicas !== undefined, replicas, env, protocol: deploying.protocol, containerPort: deploying.containerPort,
    });
    const plan: VersionDraft = {
      index: i, version, subset, weight, badWeight: !weightValid, group, image: v.image, replicas, env: sortedRecord(env),
      labels: sortedRecord(labels ?? { ...selector, version }), trafficPolicy, workload,
    };
    plans.push(plan);
    if (labels !== undefined && comparable) labelled.push(plan);
  });
  // Without routing there are no subsets to keep apart.
  if (routing === 'versions') checkDisjointSubsets(problems, labelled, plans);
  return plans;
}

/**
 * Reports versions whose subsets could select the same pods, so that their split would not hold. Two label
 * selectors pick disjoint pods only when a key both set has different values. Versions labelled by meshlight always
 * differ in `version`, so only the `labelled` ones (with labels of their own) are compared, each with the others.
 */
function checkDisjointSubsets(problems: ProblemCollector, labelled: readonly VersionDraft[], versions: readonly VersionDraft[]): void {
  for (const own of labelled) {
    // Two labelled versions are compared once, reported at the later one.
    const other = versions.find((v) => v !== own && !(labelled.includes(v) && v.index > own.index)
      && !Object.keys(own.labels).some((key) => v.labels[key] !== undefined && v.labels[key] !== own.labels[key]));
    if (other !== undefined) {
      problems.add(
        `versions[${own.index}].labels`, own.labels,
        `may select the same pods as versions[${other.index}] (labels ${quote(other.labels)}): no label both set has different values`,
        `give the two versions a label with different values, e.g. version: ${quote(own.version)} here and version: ${quote(other.version)} there`,
      );
    }
  }
}

// What `a.localeCompare(b, 'en', { numeric: true })` does, without building a collator on every call.
const compareNumeric = new Intl.Collator('en', { numeric: true }).compare;
const byVersion = (a: { version: string }, b: { version: string }): number => compareNumeric(a.version, b.version);

/** The weight groups, most specific scope first, and every version with its weight, in the order of props. */
function planGroups(
  problems: ProblemCollector, input: Partial<GrayscaleServiceProps>, versions: readonly VersionDraft[], grouping: VersionGrouping,
  versionRouting: VersionRouting, groupingDefaulted: boolean,
): { readonly groups: GroupPlan[]; readonly versions: VersionPlan[] } {
  const keys = [...new Set(versions.map((v) => v.group))].sort(compareNumeric);
  let majors: Readonly<Record<string, unknown>> = {};
  if (input.majors !== undefined && !isRecord(input.majors)) {
    problems.add('majors', input.majors, 'is not a map from major version to routing', 'use an object such as { "2": { path: "/api/v2" } }');
  } else if (input.majors !== undefined) {
    majors = input.majors;
  }
  if (grouping === 'all' && Object.keys(majors).length > 0) {
    problems.add('majors', majors, 'is set, but grouping is "all", so there are no majors to route', 'remove majors, or use grouping: "major"');
  }
  for (const key of Object.keys(majors)) {
    if (grouping === 'major' && !keys.includes(key)) {
      problems.add(`majors.${key}`, key, 'names a major version that no version has', `use one of ${quote(keys)}`);
    }
  }
  const groups: GroupPlan[] = [];
  for (const key of keys) {
    const members = versions.filter((v) => v.group === key).sort(byVersion);
    const weighted = versionRouting === 'none'
      ? members.map(({ badWeight: _, ...v }) => ({ ...v, weight: 0 }))
      : resolveWeights(problems, key, members, grouping, groupingDefaulted);
    const given = grouping === 'major' ? majors[key] : undefined;
    const field = `majors.${key}`;
    let routing: Partial<MajorRoutingProps> = {};
    if (given !== undefined && !isRecord(given)) {
      problems.add(field, given, 'is not a routing object', 'use an object such as { path: "/api/v2", rewrite: "/" } or { host: "api-v2.example.com" }');
    } else if (given !== undefined) {
      checkKnownFields(problems, field, given, MAJOR_FIELDS, 'major routing');
      routing = given;
    }
    let host = routing.host;
    if (host !== undefined && (typeof host !== 'string' || !isDnsSubdomain(host))) {
      problems.add(`${field}.host`, host, 'is not a host name', 'use a lower-case DNS name such as "api-v2.example.com"');
      host = undefined;
    }
    let path = routing.path;
    if (path === undefined && host === undefined && keys.length > 1) {
      path = `/v${key}`;
    }
    if (path !== undefined && (typeof path !== 'string' || !/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(path) || path.includes('//'))) {
      problems.add(`${field}.path`, path, 'is not a URL path', 'use a path that starts with "/", such as "/api/v2"');
      path = undefined;
    }
    const normalised = path === undefined || path === '/' ? undefined : path.replace(/\/+$/, '');
    if (routing.rewrite !== undefined) {
      if (typeof routing.rewrite !== 'string' || !routing.rewrite.startsWith('/')) {
        problems.add(`${field}.rewrite`, routing.rewrite, 'is not a URL path', 'use a path that starts with "/", such as "/"');
      } else if (normalised === undefined) {
        problems.add(`${field}.rewrite`, routing.rewrite, 'is set but the major has no context path to replace', 'set path as well, or remove rewrite');
      }
    }
    groups.push({ key, versions: weighted, host, path: normalised, rewrite: routing.rewrite });
  }
  const seen = new Map<string, GroupPlan>();
  for (const g of groups) {
    const scope = `${g.host ?? '(any host)'} ${g.path ?? '/'}`;
    const earlier = seen.get(scope);
    if (earlier !== undefined) {
      // Reported at a major whose routing the user wrote (one of the two has it: default paths never clash), with
      // the value as written.
      const [at, other] = majors[g.key] !== undefined ? [g, earlier] : [earlier, g];
      problems.add(`majors.${at.key}`, majors[at.key], `is served on the same host and path as major ${other.key}`, 'give each major its own path or host');
    }
    seen.set(scope, g);
  }
  // Most specific scope first, so a major on /api/v2 is not hidden behind one on /api.
  groups.sort((a, b) => specificity(b) - specificity(a) || compareNumeric(a.key, b.key));
  return { groups, versions: groups.flatMap((g) => g.versions).sort((a, b) => a.index - b.index) };
}

function specificity(group: GroupPlan): number {
  return (group.host !== undefined ? 100000 : 0) + (group.path?.length ?? 0);
}

/**
 * The versions of one group with their weights: a sole version takes 100; otherwise the weights given must add up to
 * 100, and a version without one gets 0 ("all traffic to v1" is `weight: 100` on v1 alone). Where a weight is missing
 * or wrong (reported), the version weighs 0: nothing is rendered from props with problems.
 */
function resolveWeights(problems: ProblemCollector, key: string, members: readonly VersionDraft[], grouping: VersionGrouping, groupingDefaulted: boolean): VersionPlan[] {
  const label = grouping === 'all' ? 'the service' : `major ${key}`;
  const fieldOf = (v: VersionDraft): string => `versions[${v.index}].weight`;
  const resolved = (v: VersionDraft, weight: number): VersionPlan => {
    const { badWeight: _, ...plan } = v;
    return { ...plan, weight };
  };
  if (members.length === 1) {
    const only = members[0];
    if (only.weight !== undefined && only.weight !== 100) {
      problems.add(fieldOf(only), only.weight, `must be 100: version ${only.version} is the only version of ${label}`, 'set weight to 100 or leave it out');
    }
    return [resolved(only, 100)];
  }
  // A wrong weight is reported already; a sum with it in would only repeat that problem.
  if (members.some((v) => v.badWeight)) {
    return members.map((v) => resolved(v, v.weight ?? 0));
  }
  const given = members.filter((v) => v.weight !== undefined);
  const sum = given.reduce((total, v) => total + v.weight!, 0);
  const byMajor = grouping === 'all' && groupingDefaulted && sum !== 100 && weighsOutByMajor(members)
    ? '; or set grouping: "major" to serve each major version under its own path (/v1, /v2, ...)'
    : '';
  if (given.length === 0) {
    problems.add(`versions[${members.map((v) => v.index).join(',')}].weight`, undefined, `are missing: ${label} has ${members.length} versions and no weights`, `give the versions of ${label} weights that add up to 100 (a version left out gets 0)${byMajor}`);
  } else if (sum !== 100) {
    const detail = members.map((v) => `${v.version}=${v.weight ?? '(none)'}`).join(', ');
    const hint = grouping === 'major' && given.length === members.length && given.every((v) => v.weight === 100)
      ? '; if these are separate majors served by path, check their version numbers'
      : byMajor;
    problems.add(`versions[${given.map((v) => v.index).join(',')}].weight`, detail, `weights add up to ${sum}, not 100`, `change the weights of ${label} so that they add up to 100${hint}`);
  }
  return members.map((v) => resolved(v, v.weight ?? 0));
}

/** Whether weights that do not add up as one split would, grouped by major: a sole version of its major, or a major's weights adding up to 100. */
function weighsOutByMajor(members: readonly VersionDraft[]): boolean {
  const majors = new Map<string, VersionDraft[]>();
  for (const v of members) {
    const major = majorVersionOf(v.version);
    if (major === undefined) return false;
    majors.set(major, [...(majors.get(major) ?? []), v]);
  }
  return majors.size > 1 && [...majors.values()].every((vs) => (vs.length === 1
    ? vs[0].weight === undefined || vs[0].weight === 100
    : vs.reduce((total, v) => total + (v.weight ?? 0), 0) === 100));
}

function planDefaultGroup(problems: ProblemCollector, defaultMajor: unknown, groups: GroupPlan[], grouping: VersionGrouping): GroupPlan | undefined {
  if (defaultMajor === undefined) {
    return undefined;
  }
  if (grouping === 'all') {
    problems.add('defaultMajor', defaultMajor, 'is set, but grouping is "all", so one split already serves every request', 'remove defaultMajor, or use grouping: "major"');
    return undefined;
  }
  if (typeof defaultMajor !== 'string') {
    const written = typeof defaultMajor === 'number' ? String(defaultMajor) : undefined;
    const example = groups.some((g) => g.key === written) ? written : groups[0]?.key ?? '1';
    problems.add('defaultMajor', defaultMajor, 'is not a string', `write the major as a string, e.g. ${quote(example)}`);
    return undefined;
  }
  const found = groups.find((g) => g.key === defaultMajor);
  if (found === undefined) {
    // With no valid version there is no major to name; the versions' problems say why.
    if (groups.length > 0) {
      problems.add('defaultMajor', defaultMajor, 'is not a major version of this service', `use one of ${quote(groups.map((g) => g.key))}`);
    }
    return undefined;
  }
  const unscoped = groups.find((g) => g.host === undefined && g.path === undefined);
  if (unscoped !== undefined && unscoped !== found) {
    problems.add('defaultMajor', defaultMajor, `would never be used: major ${unscoped.key} has no path or host of its own, so it already serves every request no other major matches`, `remove defaultMajor, or give major ${unscoped.key} its own path or host`);
    return undefined;
  }
  return found;
}

function planStickyCookie(problems: ProblemCollector, value: unknown, service: string): string | undefined {
  if (value === undefined || value === false) {
    return undefined;
  }
  if (value === true) {
    return `${service}-version`;
  }
  if (!isCookieName(value)) {
    problems.add('stickyVersions', value, 'is not a cookie name', `use true for the cookie "${service}-version", or a name of letters, digits, "-", "_" and "."`);
    return undefined;
  }
  return value;
}

function planMirror(problems: ProblemCollector, raw: unknown, versions: VersionPlan[], groups: GroupPlan[]): MirrorPlan | undefined {
  if (raw === undefined || !checkObject(problems, 'mirror', raw, '{ version: "1.1", percent: 10 }')) {
    return undefined;
  }
  const misspelt = checkKnownFields(problems, 'mirror', raw, MIRROR_FIELDS, 'mirror settings');
  const percent = planPercent(problems, 'mirror.percent', raw.percent, 100);
  if (raw.version === undefined) {
    if (!misspelt) problems.add('mirror.version', undefined, 'is missing', `give the version that receives the copies, one with weight 0, e.g. version: ${quote(versions.find((v) => v.weight === 0)?.version ?? '1.1')}`);
    return undefined;
  }
  const version = versions.find((v) => v.version === raw.version);
  if (version === undefined) {
    problems.add('mirror.version', raw.version, 'names no version of this service', `use one of ${quote(versions.map((v) => v.version))}`);
    return undefined;
  }
  // Weights are resolved in the groups: a version alone in its group gets 100 without saying so.
  const group = groups.find((g) => g.key === version.group);
  const weight = group?.versions.find((v) => v.version === version.version)?.weight ?? 0;
  if (weight > 0) {
    const label = group?.key === 'all' ? 'the service' : `major ${version.group}`;
    problems.add('mirror.version', version.version, `already gets ${weight}% of ${label}'s traffic, so the requests it serves would reach it twice`, `mirror to a version of ${label} with weight 0 (add one, e.g. { version: "${version.version}-shadow", weight: 0 }), or set this version's weight to 0`);
    return undefined;
  }
  return percent === undefined ? undefined : { version, percent };
}

/** The conditions that confine a group: its host and its context path (`/v1` exactly, or anything below `/v1/`). */
export function scopeMatchesOf(group: GroupPlan): MatchPlan[] {
  const host: Condition[] = group.host === undefined ? [] : [{ on: 'authority', key: '', match: StringMatch.regex(`${escapeRe2(group.host)}(:[0-9]+)?`) }];
  if (group.path === undefined) {
    return [host];
  }
  return [
    [...host, { on: 'uri', key: '', match: StringMatch.exact(group.path) }],
    [...host, { on: 'uri', key: '', match: StringMatch.prefix(`${group.path}/`) }],
  ];
}

function planRules(problems: ProblemCollector, input: unknown, versions: VersionPlan[], groups: GroupPlan[]): RulePlan[] {
  if (input === undefined) {
    return [];
  }
  if (!Array.isArray(input)) {
    problems.add('rules', input, 'is not a list of rules', 'use an array such as [{ version: "1.1", match: { headers: { gray: "1" } } }]');
    return [];
  }
  const plans: RulePlan[] = [];
  const names = new Set<string>();
  input.forEach((raw: unknown, i: number) => {
    const field = `rules[${i}]`;
    if (!isRecord(raw)) {
      problems.add(field, raw, 'is not a rule', 'use an object such as { version: "1.1", match: { headers: { gray: "1" } } }');
      return;
    }
    const rule = raw as Partial<RuleProps>;
    const misspelt = checkKnownFields(problems, field, rule, RULE_FIELDS, 'a rule');
    const version = rule.version === undefined ? undefined : versions.find((v) => v.version === rule.version);
    if (rule.version === undefined) {
      if (!misspelt) problems.add(`${field}.version`, undefined, 'is missing', `give the version that serves matching requests, one of ${quote(versions.map((v) => v.version))}`);
    } else if (version === undefined) {
      problems.add(`${field}.version`, rule.version, 'names no version of this service', `use one of ${quote(versions.map((v) => v.version))}`);
    }
    const name = rule.name === undefined ? `rule-${i + 1}` : rule.name;
    if (typeof name !== 'string' || !isDnsLabel(name) || names.has(name)) {
      problems.add(`${field}.name`, name, names.has(name) ? 'is used by an earlier rule' : 'is not a DNS-1123 label', 'give each rule a unique lower-case name such as "gray-testers"');
    }
    names.add(name);
    let requestMatches: readonly RequestMatchProps[] = [];
    if ((rule.match === undefined) === (rule.anyOf === undefined)) {
      // Neither, with a misspelt field: most likely that is the match, already reported.
      if (!(misspelt && rule.match === undefined)) {
        problems.add(field, rule, 'must have exactly one of match and anyOf', 'use match: {...} when all conditions must hold, or anyOf: [{...}, {...}] when any one suffices');
      }
    } else if (rule.anyOf !== undefined && (!Array.isArray(rule.anyOf) || rule.anyOf.length === 0)) {
      problems.add(`${field}.anyOf`, rule.anyOf, 'is not a non-empty list of matches', 'give at least one match, or use match instead');
    } else {
      requestMatches = rule.match !== undefined ? [rule.match] : rule.anyOf!;
    }
    const requestConditions = requestMatches.map((m, j) => planRequestMatch(problems, rule.match !== undefined ? `${field}.match` : `${field}.anyOf[${j}]`, m));
    const fault = rule.fault === undefined ? undefined : planFault(problems, `${field}.fault`, rule.fault);
    // A rule already reported (no version, a bad name, no match) is not compared with the others: it would only add
    // noise, and a name that is not a string cannot be quoted in a message.
    if (version === undefined || typeof name !== 'string' || requestMatches.length === 0 || requestConditions.some((c) => c === undefined)) {
      return;
    }
    const group = groups.find((g) => g.key === version.group)!;
    const matches: MatchPlan[] = [];
    for (const conditions of requestConditions) {
      for (const scope of scopeMatchesOf(group)) {
        matches.push([...scope, ...conditions!]);
      }
    }
    const plan: RulePlan = fault === undefined ? { name, version, matches } : { name, version, matches, fault };
    const shadow = plans.find((earlier) => shadows(earlier, plan));
    if (shadow !== undefined) {
      problems.add(field, rule, `can never match: every request it matches is already sent to version ${shadow.version.version} by the earlier rule "${shadow.name}"`, 'move this rule before that one, or make it match something the earlier rule does not');
    }
    plans.push(plan);
  });
  return plans;
}

function metadataOf(plan: GrayscalePlan, name: string, labels: Record<string, string> = appLabels(plan.name)): Manifest['metadata'] {
  return { name, namespace: plan.namespace, labels };
}

// Object labels with meshlight's managed-by label, keys in sorted order as sortedRecord would put them (written out,
// since every object of every service carries them).
const MANAGED_BY = MANAGED_BY_LABEL['app.kubernetes.io/managed-by'];

function appLabels(app: string): Record<string, string> {
  return { app, 'app.kubernetes.io/managed-by': MANAGED_BY };
}

/** A route destination sending to `version`'s subset; with `stickyCookie`, its response sets that cookie to the version. */
function destinationOf(plan: GrayscalePlan, version: VersionPlan, weight?: number, stickyCookie?: string): Record<string, unknown> {
  const destination: Record<string, unknown> = {
    destination: plan.subsets ? { host: plan.host, port: { number: plan.port }, subset: version.subset } : { host: plan.host, port: { number: plan.port } },
  };
  const response: Record<string, unknown> = {};
  if (stickyCookie !== undefined) {
    // add, not set: the workload's own Set-Cookie headers must survive.
    response.add = { 'set-cookie': `${stickyCookie}=${version.version}; Path=/; HttpOnly; SameSite=Lax` };
  }
  if (plan.versionHeader !== undefined) {
    response.set = { [plan.versionHeader]: version.version };
  }
  if (Object.keys(response).length > 0) {
    destination.headers = { response };
  }
  if (weight !== undefined) {
    destination.weight = weight;
  }
  return destination;
}

/** The versions of a group that get weighted traffic. */
function servedVersionsOf(group: GroupPlan): VersionPlan[] {
  return group.versions.filter((v) => v.weight > 0);
}

function weightedRouteOf(plan: GrayscalePlan, group: GroupPlan): Record<string, unknown>[] {
  const served = servedVersionsOf(group);
  const cookie = stickyCookieOf(plan, group);
  if (served.length === 1) {
    return [destinationOf(plan, served[0], undefined, cookie)];
  }
  return served.map((v) => destinationOf(plan, v, v.weight, cookie));
}

/** The sticky-version cookie of a group: one per major when there are several, so majors do not overwrite each other's. */
function stickyCookieOf(plan: GrayscalePlan, group: GroupPlan): string | undefined {
  if (plan.stickyCookie === undefined) {
    return undefined;
  }
  return plan.groups.length > 1 ? `${plan.stickyCookie}-${group.key}` : plan.stickyCookie;
}

/**
 * The routes that keep a returning client on the version named by its sticky cookie, one per version the group's
 * split serves (a version taken out of the split loses its returning clients too). They precede the group's
 * weighted route, within the same scope.
 */
function stickyRoutesOf(plan: GrayscalePlan, group: GroupPlan, routeName: string, scopes: readonly MatchPlan[], rewrite: boolean): Record<string, unknown>[] {
  const cookie = stickyCookieOf(plan, group);
  const served = servedVersionsOf(group);
  if (cookie === undefined || served.length < 2) {
    return [];
  }
  return served.map((version) => {
    const returning: Condition = { on: 'cookie', key: cookie, match: StringMatch.exact(version.version) };
    const route = { name: `${routeName}-sticky-${version.subset}`, match: scopes.map((scope) => renderMatch([...scope, returning])), route: [destinationOf(plan, version)] };
    return withRoutePolicy(rewrite ? withRewrite(route, group) : route, routePolicyOf(plan, group, [version]));
  });
}

/**
 * The timeout, retries, mirroring and fault of a route of `group` that sends to `versions`. The mirror applies to
 * the routes of its version's group that do not already send to it.
 */
function routePolicyOf(plan: GrayscalePlan, group: GroupPlan | undefined, versions: readonly VersionPlan[], fault?: Record<string, unknown>): RoutePolicy {
  const mirror = plan.mirror;
  const mirrored = mirror !== undefined && mirror.version.group === group?.key && !versions.some((v) => v.version === mirror.version.version);
  return {
    fault,
    mirror: mirrored ? { host: plan.host, port: { number: plan.port }, subset: mirror.version.subset } : undefined,
    mirrorPercentage: mirrored ? { value: mirror.percent } : undefined,
    // A copy per route: a shared object would come out as a YAML alias.
    retries: plan.retries === undefined ? undefined : { ...plan.retries },
    timeout: plan.timeout === undefined ? undefined : istioDuration(plan.timeout),
  };
}

function withRewrite(route: Record<string, unknown>, group: GroupPlan): Record<string, unknown> {
  return group.rewrite === undefined ? route : { ...route, rewrite: { uri: group.rewrite } };
}

function groupRouteName(group: GroupPlan): string {
  return group.key === 'all' ? 'weighted' : `major-${group.key}`;
}

/**
 * Renders the HTTP routes of the VirtualService: rules first, then each group's sticky-version routes and weighted
 * split, then the catch-all. The names of the routes a request picks by what it sends (rules, sticky versions) are
 * added to `requestChosen`.
 */
export function renderHttpRoutes(plan: GrayscalePlan, requestChosen: string[] = []): Record<string, unknown>[] {
  if (plan.routing === 'none') {
    // Kubernetes picks the pod: one route to the Service, with the service's timeout and retries.
    return [withRoutePolicy({ name: 'all-versions', route: [{ destination: { host: plan.host, port: { number: plan.port } } }] }, routePolicyOf(plan, undefined, []))];
  }
  const routes: Record<string, unknown>[] = [];
  for (const rule of plan.rules) {
    const group = plan.groups.find((g) => g.key === rule.version.group)!;
    const route = withRewrite({ name: rule.name, match: rule.matches.map(renderMatch), route: [destinationOf(plan, rule.version)] }, group);
    routes.push(withRoutePolicy(route, routePolicyOf(plan, group, [rule.version], rule.fault)));
    requestChosen.push(rule.name);
  }
  const sticky = (stickyRoutes: Record<string, unknown>[]) => {
    for (const r of stickyRoutes) requestChosen.push(String(r.name));
    return stickyRoutes;
  };
  const unscoped = plan.groups.find((g) => g.host === undefined && g.path === undefined);
  for (const group of plan.groups) {
    if (group === unscoped) continue;
    const scopes = scopeMatchesOf(group);
    routes.push(...sticky(stickyRoutesOf(plan, group, groupRouteName(group), scopes, true)));
    const route = withRewrite({ name: groupRouteName(group), match: scopes.map(renderMatch), route: weightedRouteOf(plan, group) }, group);
    routes.push(withRoutePolicy(route, routePolicyOf(plan, group, servedVersionsOf(group))));
  }
  const fallback = unscoped ?? plan.defaultGroup;
  if (fallback !== undefined) {
    const name = unscoped ? groupRouteName(unscoped) : 'default';
    routes.push(...sticky(stickyRoutesOf(plan, fallback, name, [[]], false)));
    routes.push(withRoutePolicy({ name, route: weightedRouteOf(plan, fallback) }, routePolicyOf(plan, fallback, servedVersionsOf(fallback))));
  } else {
    routes.push({ name: 'no-version', directResponse: { status: 404, body: { string: `no version of ${plan.name} is served on this path\n` } } });
  }
  return routes;
}

/** Renders the ServiceAccount whose identity every version's pods run under (unless an existing one is named). */
export function renderServiceAccount(plan: GrayscalePlan): Manifest {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: metadataOf(plan, plan.name), automountServiceAccountToken: false };
}

/** Renders the Service in front of all versions, with a named port and appProtocol so Istio treats it as HTTP. */
export function renderService(plan: GrayscalePlan): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadataOf(plan, plan.name),
    spec: {
      ports: [{ appProtocol: plan.protocol, name: plan.protocol, port: plan.port, protocol: 'TCP', targetPort: plan.containerPort }],
      selector: plan.selector,
    },
  };
}

/**
 * Renders the DestinationRule with one subset per version, the service's traffic policy, and the policy of each
 * version that overrides it; without subsets, only the traffic policy (a sole version's own, completed from the
 * service's), or undefined when there is none.
 */
export function renderDestinationRule(plan: GrayscalePlan): Manifest | undefined {
  const spec: Record<string, unknown> = { host: plan.host };
  let policy = plan.trafficPolicy === undefined ? undefined : renderTrafficPolicy(plan.trafficPolicy);
  if (plan.subsets) {
    spec.subsets = [...plan.versions].sort(byVersion).map((v) => {
      const own = v.trafficPolicy === undefined ? undefined : renderTrafficPolicy(v.trafficPolicy);
      return own === undefined ? { labels: v.labels, name: v.subset } : { labels: v.labels, name: v.subset, trafficPolicy: own };
    });
  } else if (plan.versions.length === 1 && plan.versions[0].trafficPolicy !== undefined) {
    // The sole version's parts (already completed from the service's) replace the service's, as on a subset.
    policy = sortedRecord({ ...policy, ...renderTrafficPolicy(plan.versions[0].trafficPolicy) });
  }
  if (policy !== undefined) {
    spec.trafficPolicy = policy;
  } else if (!plan.subsets) {
    return undefined;
  }
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: metadataOf(plan, plan.name),
    spec,
  };
}

/** Renders the VirtualService: the service host and every major's host, with routes in evaluation order. */
export function renderVirtualService(plan: GrayscalePlan, requestChosen?: string[]): Manifest {
  const majorHosts = plan.groups.map((g) => g.host).filter((h): h is string => h !== undefined).sort();
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: metadataOf(plan, plan.name),
    spec: {
      hosts: [plan.host, ...new Set(majorHosts)],
      http: renderHttpRoutes(plan, requestChosen),
    },
  };
}

/** Renders the EnvoyFilter that rate-limits the service's pods, or undefined without `rateLimit`. */
export function renderRateLimitFilter(plan: GrayscalePlan): Manifest | undefined {
  if (plan.rateLimit === undefined) {
    return undefined;
  }
  return {
    apiVersion: 'networking.istio.io/v1alpha3',
    kind: 'EnvoyFilter',
    metadata: metadataOf(plan, `${plan.name}-rate-limit`),
    spec: renderLocalRateLimitSpec({ ...plan.selector }, plan.containerPort, plan.rateLimit),
  };
}

/** Renders the Telemetry of the service's pods, or undefined without `telemetry`. */
export function renderServiceTelemetry(plan: GrayscalePlan): Manifest | undefined {
  if (plan.telemetry === undefined) {
    return undefined;
  }
  return telemetryManifest(metadataOf(plan, plan.name), { ...plan.telemetry, selector: { matchLabels: { ...plan.selector } } });
}

/** What the Gateway API dialect needs of a service: its Service's port, its versions' labels and traffic policies. */
function httpRouteServiceOf(plan: GrayscalePlan): HttpRouteService {
  const service = renderService(plan).spec as { ports: Record<string, unknown>[] };
  const own = plan.trafficPolicy === undefined ? undefined : renderTrafficPolicy(plan.trafficPolicy);
  return {
    name: plan.name,
    namespace: plan.namespace,
    host: plan.host,
    port: plan.port,
    servicePort: service.ports[0],
    metadata: (name) => metadataOf(plan, name),
    versions: [...plan.versions].sort(byVersion).map((v) => ({ subset: v.subset, labels: v.labels })),
    // A version's policy replaces the service's field by field, as on a DestinationRule subset.
    policyOf: (subset) => {
      if (subset === '') return (renderDestinationRule(plan)?.spec as { trafficPolicy?: Record<string, unknown> } | undefined)?.trafficPolicy;
      const version = plan.versions.find((v) => v.subset === subset)!;
      const policy = { ...own, ...(version.trafficPolicy === undefined ? undefined : renderTrafficPolicy(version.trafficPolicy)) };
      return Object.keys(policy).length === 0 ? undefined : sortedRecord(policy);
    },
  };
}

/** What a GrayscaleService renders to: its identity and its objects. */
export interface RenderedGrayscaleService {
  /** Name of the Service, ServiceAccount, DestinationRule and VirtualService. */
  readonly name: string;
  /** Namespace of every object. */
  readonly namespace: string;
  /** Fully qualified in-mesh host of the service. */
  readonly host: string;
  /** The service's mesh identity, for declaring calls to and from it. */
  readonly identity: WorkloadIdentity;
  /**
   * The pods of versions deployed elsewhere (with `labels`, not `image`), for the whole-app check: workloads of the
   * namespace that no object of the app deploys.
   */
  readonly declaredWorkloads: readonly WorkloadIdentity[];
  /**
   * The labels of each version's pods (its subset's), in the order of props.versions: what meshlight's Deployments
   * carry, and what pods deployed elsewhere must carry, such as a cdk8s-plus Deployment the cdk8s face labels.
   */
  readonly versionLabels: readonly Readonly<Record<string, string>>[];
  /** The HTTP routes of its VirtualService, in evaluation order; MeshIngress serves them at the edge. */
  readonly httpRoutes: readonly Record<string, unknown>[];
  /** Names of the routes a request picks by what it sends: rules and sticky versions. */
  readonly requestChosenRoutes: readonly string[];
  /** The response header naming the version that served, if any. */
  readonly versionHeader?: string;
  /**
   * Every object, in a fixed order: ServiceAccount and Service (unless they exist), then for each version with an
   * image, in version order, its Deployment followed by its HorizontalPodAutoscaler (with `autoscaling`) and its
   * PodDisruptionBudget (with `disruptionBudget`), then the DestinationRule (when there are subsets or a traffic
   * policy), VirtualService (unless it would send every request to the Service unchanged), then the EnvoyFilter with
   * `rateLimit` and the Telemetry with `telemetry`.
   */
  readonly manifests: readonly Manifest[];
  /**
   * What deserves a look but is not wrong, in the order of the versions: a version that gets weighted traffic from a
   * Deployment without a readiness probe. The cdk8s construct adds each as a warning annotation, the Pulumi component
   * logs it.
   */
  readonly warnings: readonly Problem[];
}

/**
 * Renders every object of a GrayscaleService. Throws MeshlightValidationError, having rendered nothing, when the
 * props are invalid.
 */
export function renderGrayscaleService(props: GrayscaleServiceProps, context: RenderContext): RenderedGrayscaleService {
  const plan = planGrayscaleService(props, context);
  const manifests: Manifest[] = [];
  if (plan.emitServiceAccount) manifests.push(renderServiceAccount(plan));
  if (plan.emitService) manifests.push(renderService(plan));
  for (const v of [...plan.versions].sort(byVersion)) {
    if (v.image !== undefined) manifests.push(...renderVersionWorkload(plan, v));
  }
  const requestChosenRoutes: string[] = [];
  const virtualService = renderVirtualService(plan, requestChosenRoutes);
  let httpRoutes = (virtualService.spec as { http: Record<string, unknown>[] }).http;
  let backendHosts: readonly string[] = [];
  if (plan.dialect.dialect === 'gateway-api') {
    const problems = new ProblemCollector(context.path);
    const gatewayApi = renderHttpRoute(problems, httpRouteServiceOf(plan), httpRoutes, !passesThrough(virtualService));
    problems.throwIfAny();
    manifests.push(...gatewayApi.manifests);
    httpRoutes = [...gatewayApi.edgeRoutes];
    backendHosts = gatewayApi.backendHosts;
  } else {
    const destinationRule = renderDestinationRule(plan);
    if (destinationRule !== undefined) manifests.push(destinationRule);
    if (!passesThrough(virtualService)) manifests.push(virtualService);
  }
  const rateLimit = renderRateLimitFilter(plan);
  if (rateLimit !== undefined) manifests.push(rateLimit);
  const telemetry = renderServiceTelemetry(plan);
  if (telemetry !== undefined) manifests.push(telemetry);
  return {
    name: plan.name,
    namespace: plan.namespace,
    host: plan.host,
    identity: {
      name: plan.name,
      namespace: plan.namespace,
      serviceAccount: plan.serviceAccount,
      labels: { ...plan.selector },
      host: plan.host,
      ports: [{ port: plan.port, containerPort: plan.containerPort }],
      ...(backendHosts.length === 0 ? {} : { backendHosts }),
    },
    declaredWorkloads: plan.versions.filter((v) => v.image === undefined).map((v) => ({
      name: `${plan.name}-${v.subset}`, namespace: plan.namespace, serviceAccount: plan.serviceAccount, labels: v.labels,
    })),
    versionLabels: [...plan.versions].sort((a, b) => a.index - b.index).map((v) => v.labels),
    httpRoutes,
    requestChosenRoutes,
    versionHeader: plan.versionHeader,
    manifests,
    warnings: plan.versions
      .filter((v) => v.image !== undefined && v.workload?.readinessProbe === undefined && (v.weight > 0 || plan.routing === 'none'))
      .map((v) => readinessWarning(context.path, v.index, v.version, plan.routing === 'none' ? 'a share' : `${v.weight}%`)),
  };
}

/**
 * Whether a VirtualService does nothing Kubernetes would not: a single mesh route, matching every request, to the
 * service's host with nothing added (no subset, weight, header, timeout or retries). Such a VirtualService is not emitted.
 */
function passesThrough(virtualService: Manifest): boolean {
  const routes = (virtualService.spec as { hosts: unknown[]; http: Record<string, unknown>[] });
  if (routes.hosts.length !== 1 || routes.http.length !== 1) return false;
  const [only] = routes.http;
  const destinations = only.route as Record<string, unknown>[] | undefined;
  return Object.keys(only).every((k) => k === 'name' || k === 'route') && destinations?.length === 1
    && Object.keys(destinations[0]).every((k) => k === 'destination')
    && !('subset' in (destinations[0].destination as Record<string, unknown>));
}
