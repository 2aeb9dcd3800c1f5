import { DurationLike, istioDuration, planDuration } from './duration';
import { ProblemCollector, quote } from './errors';
import { checkKnownFields, fieldsOf, isLiteralObject, isRecord } from './fields';
import { isCookieName, isHeaderName } from './http-names';
import { compareText } from './manifest';
import { isLabelKey, isLabelValue } from './names';

/**
 * Retrying failed requests, on the VirtualService route.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
 */
export interface RetryProps {
  /**
   * How many times a failed request is retried (VirtualService `http.retries.attempts`); 0 turns off the retries
   * Istio makes by default.
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
   */
  readonly attempts: number;

  /**
   * Time limit of each try, the first included (`http.retries.perTryTimeout`); at most the route `timeout`.
   * @default - each try may take as long as the route timeout allows
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
   */
  readonly perTryTimeout?: DurationLike;

  /**
   * The conditions that make a request worth retrying (`http.retries.retryOn`): Envoy's `5xx`, `gateway-error`,
   * `reset`, `connect-failure`, `retriable-4xx`, ..., gRPC's `unavailable`, ..., or an HTTP status code such as `'503'`.
   * @default - Istio's: connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes
   * @see https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/router_filter#x-envoy-retry-on
   */
  readonly on?: readonly string[];
}

/**
 * Limits on the connections and requests each calling proxy opens to the service: the circuit breaker that sheds
 * load before the service drowns.
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings
 */
export interface ConnectionPoolProps {
  /**
   * Most TCP connections to the service (DestinationRule `trafficPolicy.connectionPool.tcp.maxConnections`).
   * @default - 2^32-1 (no limit)
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-TCPSettings
   */
  readonly maxConnections?: number;

  /**
   * Time limit to open a TCP connection (`connectionPool.tcp.connectTimeout`).
   * @default '10s'
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-TCPSettings
   */
  readonly connectTimeout?: DurationLike;

  /**
   * Most requests queued while waiting for a connection (`connectionPool.http.http1MaxPendingRequests`).
   * @default - 2^32-1 (no limit)
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings
   */
  readonly maxPendingRequests?: number;

  /**
   * Most requests in flight to the service at once (`connectionPool.http.http2MaxRequests`).
   * @default - 2^32-1 (no limit)
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings
   */
  readonly maxRequests?: number;

  /**
   * Most requests sent over one connection; 1 turns off keep-alive (`connectionPool.http.maxRequestsPerConnection`).
   * @default 0 (no limit)
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings
   */
  readonly maxRequestsPerConnection?: number;

  /**
   * Most retries in flight to the service at once (`connectionPool.http.maxRetries`).
   * @default - 2^32-1 (no limit)
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings
   */
  readonly maxRetries?: number;

  /**
   * How long an unused connection stays open (`connectionPool.http.idleTimeout`).
   * @default '1h'
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings-HTTPSettings
   */
  readonly idleTimeout?: DurationLike;
}

/**
 * Taking failing pods out of the load-balancing pool for a while (Istio's outlier detection).
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection
 */
export interface CircuitBreakerProps {
  /**
   * 5xx responses in a row that eject a pod; 0 turns this check off
   * (DestinationRule `trafficPolicy.outlierDetection.consecutive5xxErrors`).
   * @default 5
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection
   */
  readonly consecutive5xxErrors?: number;

  /**
   * 502, 503 and 504 responses in a row that eject a pod (`outlierDetection.consecutiveGatewayErrors`).
   * @default 0 (off)
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection
   */
  readonly consecutiveGatewayErrors?: number;

  /**
   * How often pods are checked (`outlierDetection.interval`).
   * @default '10s'
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection
   */
  readonly interval?: DurationLike;

  /**
   * How long an ejected pod stays out, multiplied by the times it was ejected (`outlierDetection.baseEjectionTime`).
   * @default '30s'
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection
   */
  readonly ejectionTime?: DurationLike;

  /**
   * Most of the pods, in percent, that may be out at once (`outlierDetection.maxEjectionPercent`).
   * @default 10
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection
   */
  readonly maxEjectionPercent?: number;

  /**
   * Ejection stops while fewer than this percentage of pods are healthy (`outlierDetection.minHealthPercent`).
   * @default 0
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection
   */
  readonly minHealthPercent?: number;
}

/**
 * Failing over from one region to another: when no pod of the service is healthy in the callers' own region, their
 * requests go to the pods of `to`, before any other region.
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting-Failover
 */
export interface LocalityFailoverProps {
  /**
   * Region of the callers, as their nodes' `topology.kubernetes.io/region` label gives it, e.g. `'us-east1'`
   * (DestinationRule `loadBalancer.localityLbSetting.failover.from`).
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting-Failover
   */
  readonly from: string;

  /**
   * Region whose pods take their requests when their own region has none healthy (`failover.to`).
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting-Failover
   */
  readonly to: string;
}

/**
 * How the requests of callers in one locality are shared between the localities of the service's pods.
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting-Distribute
 */
export interface LocalityDistributionProps {
  /**
   * Locality of the callers: `region`, `region/zone` or `region/zone/subzone`, where a last part `*` stands for any
   * (`'us-east1/*'`); `'*'` is every caller, or, in the last entry, every caller the others leave out (DestinationRule
   * `loadBalancer.localityLbSetting.distribute.from`).
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting-Distribute
   */
  readonly from: string;

  /**
   * Whole percentage of their requests, 1 to 100, that goes to each locality of pods, written as `from` is; the
   * percentages add up to 100 (`distribute.to`).
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting-Distribute
   */
  readonly to: Readonly<Record<string, number>>;
}

/**
 * Where the service's requests go in a mesh across regions and zones: one of `failover`, `failoverPriority` and
 * `distribute`.
 * @see https://istio.io/latest/docs/tasks/traffic-management/locality-load-balancing/
 */
export interface LocalityProps {
  /**
   * Requests stay in the callers' zone, then region, while it has healthy pods, then fail over to the region each
   * entry names (DestinationRule `loadBalancer.localityLbSetting.failover`); needs `circuitBreaker`.
   * @default - none: one of failover, failoverPriority or distribute is given
   * @see https://istio.io/latest/docs/tasks/traffic-management/locality-load-balancing/failover/
   */
  readonly failover?: readonly LocalityFailoverProps[];

  /**
   * Labels, most important first, that order the pods: pods whose labels match the caller's on more of them, from
   * the first, are preferred, e.g. `['topology.istio.io/network', 'topology.kubernetes.io/region']`; `key=value`
   * prefers pods with that value instead (`localityLbSetting.failoverPriority`); needs `circuitBreaker`.
   * @default - none: one of failover, failoverPriority or distribute is given
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting
   */
  readonly failoverPriority?: readonly string[];

  /**
   * Shares of the requests of callers in each locality, by weight, between localities of pods
   * (`localityLbSetting.distribute`); no failover.
   * @default - none: one of failover, failoverPriority or distribute is given
   * @see https://istio.io/latest/docs/tasks/traffic-management/locality-load-balancing/distribute/
   */
  readonly distribute?: readonly LocalityDistributionProps[];
}

/**
 * Locality-aware load balancing of a service: `'nearest'` (the nearest zone, then region, with healthy pods; needs
 * `circuitBreaker`), `'off'` (every pod alike, wherever it runs), or a LocalityProps object.
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LocalityLoadBalancerSetting
 */
export type Locality = 'nearest' | 'off' | LocalityProps;

/** Options of a cookie that consistent hashing reads, and writes when the request has none. */
export interface HashCookieOptions {
  /**
   * Lifetime of the cookie the proxy sets when the request has none (`consistentHash.httpCookie.ttl`); `'0s'` makes
   * it a session cookie.
   * @default '0s'
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-ConsistentHashLB-HTTPCookie
   */
  readonly ttl?: DurationLike;

  /**
   * Path attribute of that cookie (`consistentHash.httpCookie.path`).
   * @default - none (the browser's default)
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings-ConsistentHashLB-HTTPCookie
   */
  readonly path?: string;
}

/** How a LoadBalancer picks a pod. */
export type LoadBalancerKind = 'roundRobin' | 'leastRequest' | 'random' | 'header' | 'cookie' | 'sourceIp';

/**
 * How calling proxies pick a pod of the service (DestinationRule `trafficPolicy.loadBalancer`). Consistent hashing
 * picks a pod within the version the route chose; it does not choose the version (see `stickyVersions` for that).
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings
 */
export class LoadBalancer {
  /** Each pod in turn (`simple: ROUND_ROBIN`). */
  public static roundRobin(): LoadBalancer {
    return new LoadBalancer('roundRobin');
  }

  /** The pod with the fewest requests in flight (`simple: LEAST_REQUEST`), Istio's default. */
  public static leastRequest(): LoadBalancer {
    return new LoadBalancer('leastRequest');
  }

  /** A pod at random (`simple: RANDOM`). */
  public static random(): LoadBalancer {
    return new LoadBalancer('random');
  }

  /** The same pod for the same value of request header `name` (`consistentHash.httpHeaderName`). */
  public static hashByHeader(name: string): LoadBalancer {
    return new LoadBalancer('header', name);
  }

  /** The same pod for the same value of cookie `name`, set by the proxy when absent (`consistentHash.httpCookie`). */
  public static hashByCookie(name: string, options: HashCookieOptions = {}): LoadBalancer {
    return new LoadBalancer('cookie', name, options);
  }

  /** The same pod for the same client IP address (`consistentHash.useSourceIp`). */
  public static hashBySourceIp(): LoadBalancer {
    return new LoadBalancer('sourceIp');
  }

  private constructor(
    /** How a pod is picked. */
    public readonly kind: LoadBalancerKind,
    /** The header or cookie hashed, for `header` and `cookie`. */
    public readonly key?: string,
    /** The cookie's options, for `cookie`. */
    public readonly cookie?: HashCookieOptions,
  ) {}
}

/**
 * Copying live requests to a version that does not serve them, to try it on real traffic (dark launch): its
 * responses are thrown away.
 * @see https://istio.io/latest/docs/tasks/traffic-management/mirroring/
 */
export interface MirrorProps {
  /**
   * The version that receives the copies (VirtualService `http.mirror.subset`); it must get no weighted traffic
   * (weight 0).
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
   */
  readonly version: string;

  /**
   * Percentage of requests copied, from 0 to 100 (VirtualService `http.mirrorPercentage.value`).
   * @default 100
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
   */
  readonly percent?: number;
}

/**
 * Delaying requests before they are forwarded.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection-Delay
 */
export interface DelayFaultProps {
  /**
   * How long each delayed request waits (VirtualService `http.fault.delay.fixedDelay`).
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection-Delay
   */
  readonly duration: DurationLike;

  /**
   * Percentage of requests delayed, from 0 to 100 (`http.fault.delay.percentage.value`).
   * @default 100
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection-Delay
   */
  readonly percent?: number;
}

/**
 * Answering requests with an error instead of forwarding them.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection-Abort
 */
export interface AbortFaultProps {
  /**
   * The HTTP status returned, from 200 to 599 (VirtualService `http.fault.abort.httpStatus`).
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection-Abort
   */
  readonly status: number;

  /**
   * Percentage of requests aborted, from 0 to 100 (`http.fault.abort.percentage.value`).
   * @default 100
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection-Abort
   */
  readonly percent?: number;
}

/**
 * Faults injected into the requests a rule matches, to test how callers cope. Istio turns off the route's timeout
 * and retries while a fault is set.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection
 */
export interface FaultProps {
  /**
   * Delay requests (VirtualService `http.fault.delay`).
   * @default - no delay
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection-Delay
   */
  readonly delay?: DelayFaultProps;

  /**
   * Abort requests (VirtualService `http.fault.abort`).
   * @default - no abort
   * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPFaultInjection-Abort
   */
  readonly abort?: AbortFaultProps;
}

/** The traffic policy props a GrayscaleService and each of its versions may set. */
export interface TrafficPolicyProps {
  /**
   * Connection and request limits (DestinationRule `trafficPolicy.connectionPool`).
   * @default - none
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#ConnectionPoolSettings
   */
  readonly connectionPool?: ConnectionPoolProps;

  /**
   * Ejection of failing pods (DestinationRule `trafficPolicy.outlierDetection`).
   * @default - none
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection
   */
  readonly circuitBreaker?: CircuitBreakerProps;

  /**
   * How a pod is picked (DestinationRule `trafficPolicy.loadBalancer`).
   * @default - none
   * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/#LoadBalancerSettings
   */
  readonly loadBalancer?: LoadBalancer;
}

type IstioObject = Record<string, unknown>;

/** The parts of a DestinationRule traffic policy meshlight writes, each already in Istio's shape. */
export interface TrafficPolicyPlan {
  readonly connectionPool?: { readonly tcp?: IstioObject; readonly http?: IstioObject };
  readonly outlierDetection?: IstioObject;
  readonly loadBalancer?: IstioObject;
  /** The service's `loadBalancer.localityLbSetting`, kept apart as `loadBalancer` may be a version's own. */
  readonly localityLbSetting?: IstioObject;
}

/** The VirtualService route fields meshlight writes for a route, already in Istio's shape. */
export interface RoutePolicy {
  readonly fault?: IstioObject;
  readonly mirror?: IstioObject;
  readonly mirrorPercentage?: IstioObject;
  readonly retries?: IstioObject;
  readonly timeout?: string;
}

const INT32_MAX = 2_147_483_647;
const UINT32_MAX = 4_294_967_295;

// Istio's webhook accepts exactly these retryOn policies, and HTTP status codes (pkg/config/validation).
const RETRY_CONDITIONS: readonly string[] = [
  '5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'envoy-ratelimited', 'retriable-4xx',
  'refused-stream', 'retriable-status-codes', 'retriable-headers', 'http3-post-connect-failure',
  'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable',
];

/** `prefix.name`, or `name` at the top level. */
function fieldAt(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && !(value instanceof LoadBalancer);
}

const RETRY_FIELDS = fieldsOf<RetryProps>({ attempts: true, perTryTimeout: true, on: true });
const CONNECTION_POOL_FIELDS = fieldsOf<ConnectionPoolProps>({
  maxConnections: true, connectTimeout: true, maxPendingRequests: true, maxRequests: true, maxRequestsPerConnection: true, maxRetries: true,
  idleTimeout: true,
});
const CIRCUIT_BREAKER_FIELDS = fieldsOf<CircuitBreakerProps>({
  consecutive5xxErrors: true, consecutiveGatewayErrors: true, interval: true, ejectionTime: true, maxEjectionPercent: true, minHealthPercent: true,
});
const HASH_COOKIE_FIELDS = fieldsOf<HashCookieOptions>({ ttl: true, path: true });
const FAULT_FIELDS = fieldsOf<FaultProps>({ delay: true, abort: true });
const DELAY_FIELDS = fieldsOf<DelayFaultProps>({ duration: true, percent: true });
const ABORT_FIELDS = fieldsOf<AbortFaultProps>({ status: true, percent: true });

/** Checks that `value` is an object, recording a problem showing `example` when it is not. */
export function checkObject(problems: ProblemCollector, field: string, value: unknown, example: string): value is Record<string, unknown> {
  if (isPlainObject(value)) {
    return true;
  }
  problems.add(field, value, 'is not an object', `use an object such as ${example}`);
  return false;
}

/** A whole number in [min, max], or undefined after recording a problem. */
export function planWholeNumber(
  problems: ProblemCollector, field: string, value: unknown, min: number, max: number, meaning: string, example = Math.min(Math.max(min, 10), max),
): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
    return value;
  }
  problems.add(field, value, `is not a whole number from ${min} to ${max}`, `give ${meaning} as a whole number such as ${example}`);
  return undefined;
}

/**
 * A percentage from 0 to 100 (fractions allowed, as Istio's `Percent` is a double), `fallback` when left out, or
 * undefined after recording a problem.
 */
export function planPercent(problems: ProblemCollector, field: string, value: unknown, fallback: number): number | undefined {
  if (value === undefined) {
    return fallback;
  }
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100) {
    return value;
  }
  problems.add(field, value, 'is not a percentage from 0 to 100', 'use a number such as 10 or 0.5');
  return undefined;
}

function optional<T>(value: unknown, plan: (value: unknown) => T | undefined): T | undefined {
  return value === undefined ? undefined : plan(value);
}

function compact(record: Record<string, unknown>): IstioObject | undefined {
  const defined = Object.entries(record).filter(([, v]) => v !== undefined);
  return defined.length === 0 ? undefined : Object.fromEntries(defined.sort(([a], [b]) => compareText(a, b)));
}

function planConnectionPool(problems: ProblemCollector, field: string, raw: unknown): TrafficPolicyPlan['connectionPool'] {
  if (!checkObject(problems, field, raw, '{ maxConnections: 100, maxPendingRequests: 10 }')) {
    return undefined;
  }
  const misspelt = checkKnownFields(problems, field, raw, CONNECTION_POOL_FIELDS, 'connection pool settings');
  const whole = (name: string, min: number, meaning: string) =>
    optional(raw[name], (v) => planWholeNumber(problems, `${field}.${name}`, v, min, INT32_MAX, meaning));
  const duration = (name: string) => optional(raw[name], (v) => planDuration(problems, `${field}.${name}`, v));
  const connectTimeout = duration('connectTimeout');
  const idleTimeout = duration('idleTimeout');
  const tcp = compact({
    connectTimeout: connectTimeout === undefined ? undefined : istioDuration(connectTimeout),
    maxConnections: whole('maxConnections', 1, 'the most connections'),
  });
  const http = compact({
    http1MaxPendingRequests: whole('maxPendingRequests', 1, 'the most queued requests'),
    http2MaxRequests: whole('maxRequests', 1, 'the most requests in flight'),
    idleTimeout: idleTimeout === undefined ? undefined : istioDuration(idleTimeout),
    maxRequestsPerConnection: whole('maxRequestsPerConnection', 0, 'the most requests per connection'),
    maxRetries: whole('maxRetries', 0, 'the most retries in flight'),
  });
  if (misspelt) {
    return undefined;
  }
  if (Object.keys(raw).length === 0) {
    problems.add(field, raw, 'sets no limit', 'give at least one limit, e.g. { maxConnections: 100 }, or leave connectionPool out');
  }
  return compact({ http, tcp }) ?? {};
}

function planCircuitBreaker(problems: ProblemCollector, field: string, raw: unknown): IstioObject | undefined {
  if (!checkObject(problems, field, raw, '{ consecutive5xxErrors: 5, ejectionTime: "30s" }')) {
    return undefined;
  }
  // An empty circuitBreaker turns ejection on with Istio's defaults; a misspelt field must not do so unnoticed.
  if (checkKnownFields(problems, field, raw, CIRCUIT_BREAKER_FIELDS, 'circuit breaker settings')) {
    return undefined;
  }
  const errors = (name: string) => optional(raw[name], (v) => planWholeNumber(problems, `${field}.${name}`, v, 0, UINT32_MAX, 'the errors in a row'));
  const percent = (name: string) => optional(raw[name], (v) => planWholeNumber(problems, `${field}.${name}`, v, 0, 100, 'a whole percentage'));
  const duration = (name: string) => {
    const millis = optional(raw[name], (v) => planDuration(problems, `${field}.${name}`, v));
    return millis === undefined ? undefined : istioDuration(millis);
  };
  return compact({
    baseEjectionTime: duration('ejectionTime'),
    consecutive5xxErrors: errors('consecutive5xxErrors'),
    consecutiveGatewayErrors: errors('consecutiveGatewayErrors'),
    interval: duration('interval'),
    maxEjectionPercent: percent('maxEjectionPercent'),
    minHealthPercent: percent('minHealthPercent'),
  }) ?? {};
}

const SIMPLE_LOAD_BALANCERS: Readonly<Partial<Record<LoadBalancerKind, string>>> = {
  roundRobin: 'ROUND_ROBIN',
  leastRequest: 'LEAST_REQUEST',
  random: 'RANDOM',
};

function planLoadBalancer(problems: ProblemCollector, field: string, raw: unknown): IstioObject | undefined {
  if (!(raw instanceof LoadBalancer)) {
    problems.add(field, raw, 'is not a LoadBalancer', 'use LoadBalancer.leastRequest(), LoadBalancer.hashByHeader("x-user") or another LoadBalancer factory');
    return undefined;
  }
  const simple = SIMPLE_LOAD_BALANCERS[raw.kind];
  if (simple !== undefined) {
    return { simple };
  }
  // The factory's arguments have no field names of their own: problems name them after the factory.
  switch (raw.kind) {
    case 'header':
      if (!isHeaderName(raw.key)) {
        problems.add(`${field} (hashByHeader name)`, raw.key, 'is not a lower-case HTTP header name', 'hash by a header such as LoadBalancer.hashByHeader("x-user-id")');
        return undefined;
      }
      return { consistentHash: { httpHeaderName: raw.key } };
    case 'cookie':
      return planHashCookie(problems, field, raw.key, raw.cookie);
    default:
      return { consistentHash: { useSourceIp: true } };
  }
}

function planHashCookie(problems: ProblemCollector, field: string, name: unknown, options: unknown): IstioObject | undefined {
  const at = `${field} (hashByCookie options)`;
  let ok = true;
  if (!isCookieName(name)) {
    problems.add(`${field} (hashByCookie name)`, name, 'is not a cookie name', 'hash by a cookie such as LoadBalancer.hashByCookie("session")');
    ok = false;
  }
  if (options === undefined) {
    return ok ? { consistentHash: { httpCookie: { name, ttl: '0s' } } } : undefined;
  }
  if (!isLiteralObject(options)) {
    problems.add(at, options, 'is not an object of cookie options', 'give them as an object, e.g. LoadBalancer.hashByCookie("session", { ttl: "1h" }), or leave them out');
    return undefined;
  }
  if (checkKnownFields(problems, at, options, HASH_COOKIE_FIELDS, 'hash cookie options')) {
    ok = false;
  }
  const ttl = options.ttl === undefined ? 0 : planDuration(problems, `${at}.ttl`, options.ttl, { min: 0 });
  const path = options.path;
  if (path !== undefined && (typeof path !== 'string' || !/^\/[\x21-\x3a\x3c-\x7e]*$/.test(path))) {
    problems.add(`${at}.path`, path, 'is not a cookie path', 'use a path that starts with "/", such as "/"');
    ok = false;
  }
  return !ok || ttl === undefined ? undefined : { consistentHash: { httpCookie: compact({ name, path, ttl: istioDuration(ttl) }) } };
}

const LOCALITY_FIELDS = fieldsOf<LocalityProps>({ failover: true, failoverPriority: true, distribute: true });
const FAILOVER_FIELDS = fieldsOf<LocalityFailoverProps>({ from: true, to: true });
const DISTRIBUTION_FIELDS = fieldsOf<LocalityDistributionProps>({ from: true, to: true });
const REGION_FIX = 'name a region as its nodes\' topology.kubernetes.io/region label gives it, e.g. "us-east1", with no zone and no "*"';

/**
 * The parts of a locality (`region/zone/subzone`), each a node label value, `*` standing for any as the last part
 * only (Istio matches `*` as a whole part), or undefined when `value` is not one.
 */
function localityParts(value: unknown): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = value.split('/');
  const valid = parts.length <= 3 && parts.every((part, i) => (part === '*' ? i === parts.length - 1 : part !== '' && isLabelValue(part)));
  return valid ? parts : undefined;
}

/** Whether two localities share a place: one of them, without its trailing `*`, starts the other. */
function localitiesOverlap(a: readonly string[], b: readonly string[]): boolean {
  const scope = (parts: readonly string[]) => (parts[parts.length - 1] === '*' ? parts.slice(0, -1) : parts);
  const [x, y] = [scope(a), scope(b)];
  const shorter = x.length <= y.length ? x : y;
  const longer = shorter === x ? y : x;
  return shorter.every((part, i) => part === longer[i]);
}

/** A non-empty list, or undefined after recording a problem showing `example`. */
function planList(problems: ProblemCollector, field: string, raw: unknown, example: string): unknown[] | undefined {
  if (Array.isArray(raw) && raw.length > 0) return raw;
  problems.add(field, raw, 'is not a non-empty list', `give a list such as ${example}, or leave it out`);
  return undefined;
}

/** Checks a locality written in `field`, and that it shares no place with those `seen` before it in the same list. */
function checkLocality(problems: ProblemCollector, field: string, value: unknown, seen: { locality: string; parts: string[] }[]): boolean {
  const parts = localityParts(value);
  if (parts === undefined) {
    problems.add(field, value, 'is not a locality', 'write region, region/zone or region/zone/subzone as the nodes\' topology labels give them, e.g. "us-east1/us-east1-b", with "*" for any as the last part only ("us-east1/*")');
    return false;
  }
  const overlapping = seen.find((other) => localitiesOverlap(other.parts, parts));
  if (overlapping !== undefined) {
    problems.add(field, value, `shares its place with ${quote(overlapping.locality)} given before it, so Istio cannot tell which one applies`, 'give each place once: drop one of them, or name places apart, e.g. "us-east1/us-east1-a" and "us-east1/us-east1-b"');
    return false;
  }
  seen.push({ locality: value as string, parts });
  return true;
}

function planFailover(problems: ProblemCollector, field: string, raw: unknown): IstioObject | undefined {
  const list = planList(problems, field, raw, '[{ from: "us-east1", to: "us-west1" }]');
  if (list === undefined) return undefined;
  const regions = new Set<string>();
  const failover = list.map((entry, i) => {
    const at = `${field}[${i}]`;
    if (!checkObject(problems, at, entry, '{ from: "us-east1", to: "us-west1" }') || checkKnownFields(problems, at, entry, FAILOVER_FIELDS, 'a failover')) {
      return undefined;
    }
    const ends = (['from', 'to'] as const).filter((end) => {
      const region = localityParts(entry[end]);
      if (region !== undefined && region.length === 1 && region[0] !== '*') return true;
      problems.add(`${at}.${end}`, entry[end], 'is not a region', REGION_FIX);
      return false;
    });
    if (ends.length < 2) return undefined;
    const { from, to } = entry as { from: string; to: string };
    if (from === to) {
      problems.add(`${at}.to`, to, 'is the region failed over from', 'name the region its callers go to when theirs has no healthy pod, another than from');
      return undefined;
    }
    if (regions.has(from)) {
      problems.add(`${at}.from`, from, 'already fails over to another region', 'give each region one failover entry');
      return undefined;
    }
    regions.add(from);
    return { from, to };
  });
  return failover.every((f) => f !== undefined) ? { failover } : undefined;
}

function planFailoverPriority(problems: ProblemCollector, field: string, raw: unknown): IstioObject | undefined {
  const list = planList(problems, field, raw, '["topology.istio.io/network", "topology.kubernetes.io/region"]');
  if (list === undefined) return undefined;
  const keys = new Set<string>();
  const ok = list.map((label, i) => {
    const [key, value, ...rest] = typeof label === 'string' ? label.split('=') : [];
    if (key === undefined || !isLabelKey(key) || rest.length > 0 || (value !== undefined && !isLabelValue(value))) {
      problems.add(`${field}[${i}]`, label, 'is not a label key, or a label key=value', 'name a pod or node label, e.g. "topology.kubernetes.io/region", or a label and the value to prefer, e.g. "topology.istio.io/network=network1"');
      return false;
    }
    if (keys.has(key)) {
      problems.add(`${field}[${i}]`, label, `orders by label ${quote(key)} again`, 'give each label once, in order of importance');
      return false;
    }
    keys.add(key);
    return true;
  });
  return ok.every(Boolean) ? { failoverPriority: list } : undefined;
}

function planDistribute(problems: ProblemCollector, field: string, raw: unknown): IstioObject | undefined {
  const list = planList(problems, field, raw, '[{ from: "us-east1/*", to: { "us-east1/*": 80, "us-west1/*": 20 } }]');
  if (list === undefined) return undefined;
  const callers: { locality: string; parts: string[] }[] = [];
  const distribute = list.map((entry, i) => {
    const at = `${field}[${i}]`;
    if (!checkObject(problems, at, entry, '{ from: "us-east1/*", to: { "us-east1/*": 80, "us-west1/*": 20 } }') || checkKnownFields(problems, at, entry, DISTRIBUTION_FIELDS, 'a distribution')) {
      return undefined;
    }
    // Istio takes the first entry whose from matches the caller: a last '*' stands for every other caller.
    const catchAll = entry.from === '*' && i === list.length - 1;
    let ok = checkLocality(problems, `${at}.from`, entry.from, catchAll ? callers.filter((c) => c.locality === '*') : callers);
    if (!checkObject(problems, `${at}.to`, entry.to, '{ "us-east1/*": 80, "us-west1/*": 20 }')) return undefined;
    const places: { locality: string; parts: string[] }[] = [];
    let total = 0;
    for (const [locality, weight] of Object.entries(entry.to)) {
      ok = checkLocality(problems, `${at}.to[${quote(locality)}]`, locality, places) && ok;
      // Istio refuses a weight of 0: a locality that gets nothing is left out.
      const whole = planWholeNumber(problems, `${at}.to[${quote(locality)}]`, weight, 1, 100, 'the percentage of requests', 50);
      ok = whole !== undefined && ok;
      total += whole ?? 0;
    }
    if (ok && total !== 100) {
      problems.add(`${at}.to`, entry.to, `gives percentages that add up to ${total}, not 100`, 'make the percentages of the localities add up to 100');
      ok = false;
    }
    return ok ? { from: entry.from, to: Object.fromEntries(Object.entries(entry.to).sort(([a], [b]) => compareText(a, b))) } : undefined;
  });
  return distribute.every((d) => d !== undefined) ? { distribute } : undefined;
}

const LOCALITY_KINDS = { failover: planFailover, failoverPriority: planFailoverPriority, distribute: planDistribute } as const;

/**
 * Validates the service's `locality` and renders Istio's `localityLbSetting`. Failing over needs outlier detection to
 * see that a locality's pods are unhealthy: without `circuitBreaker` (`hasCircuitBreaker`), Istio would quietly
 * never fail over, so it is refused rather than added unasked.
 */
export function planLocality(problems: ProblemCollector, raw: unknown, hasCircuitBreaker: boolean): IstioObject | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'off') return { enabled: false };
  let setting: IstioObject | undefined;
  if (raw === 'nearest') {
    setting = { enabled: true };
  } else if (!isLiteralObject(raw)) {
    problems.add('locality', raw, 'is not a locality setting', 'use "nearest", "off", or an object such as { failover: [{ from: "us-east1", to: "us-west1" }] }');
    return undefined;
  } else {
    if (checkKnownFields(problems, 'locality', raw, LOCALITY_FIELDS, 'locality settings')) return undefined;
    const given = LOCALITY_FIELDS.filter((name) => raw[name] !== undefined) as (keyof typeof LOCALITY_KINDS)[];
    if (given.length !== 1) {
      problems.add('locality', raw, given.length === 0 ? 'sets nothing' : `sets ${given.join(' and ')}, of which Istio takes one`, 'give one of failover (to a named region), failoverPriority (by labels) or distribute (by percentages), or use "nearest"');
      return undefined;
    }
    setting = LOCALITY_KINDS[given[0]](problems, `locality.${given[0]}`, raw[given[0]]);
  }
  if (setting !== undefined && setting.distribute === undefined && !hasCircuitBreaker) {
    problems.add('locality', raw, 'fails over when outlier detection finds a locality\'s pods unhealthy, but circuitBreaker is not set, so Istio would never fail over', 'add circuitBreaker: {} (Istio\'s defaults) or your own settings beside locality, or use locality: { distribute: [...] }, which needs none');
    return undefined;
  }
  return setting;
}

/**
 * Validates the traffic policy props of the service (`prefix` empty) or of one version (`prefix` such as
 * `versions[1]`), naming fields under that prefix.
 */
export function planTrafficPolicy(problems: ProblemCollector, prefix: string, raw: TrafficPolicyProps): TrafficPolicyPlan {
  return {
    connectionPool: optional(raw.connectionPool, (v) => planConnectionPool(problems, fieldAt(prefix, 'connectionPool'), v)),
    outlierDetection: optional(raw.circuitBreaker, (v) => planCircuitBreaker(problems, fieldAt(prefix, 'circuitBreaker'), v)),
    loadBalancer: optional(raw.loadBalancer, (v) => planLoadBalancer(problems, fieldAt(prefix, 'loadBalancer'), v)),
  };
}

/**
 * The policy a version's subset carries: the parts the version sets, each completed field by field from the
 * service's, since a subset's part replaces the service's part as a whole.
 */
export function mergeTrafficPolicy(service: TrafficPolicyPlan, version: TrafficPolicyPlan): TrafficPolicyPlan {
  const pool = version.connectionPool && {
    tcp: compact({ ...service.connectionPool?.tcp, ...version.connectionPool.tcp }),
    http: compact({ ...service.connectionPool?.http, ...version.connectionPool.http }),
  };
  return {
    connectionPool: pool && (compact(pool) ?? {}),
    outlierDetection: version.outlierDetection && (compact({ ...service.outlierDetection, ...version.outlierDetection }) ?? {}),
    loadBalancer: version.loadBalancer,
    // A version's loadBalancer replaces the service's whole, locality included: it carries the service's on.
    localityLbSetting: version.loadBalancer && service.localityLbSetting,
  };
}

/** The DestinationRule `trafficPolicy` object, or undefined when no part is set. */
export function renderTrafficPolicy(plan: TrafficPolicyPlan): IstioObject | undefined {
  // Istio takes localityLbSetting beside simple or consistentHash, in the same loadBalancer.
  const loadBalancer = plan.localityLbSetting === undefined ? plan.loadBalancer : compact({ ...plan.loadBalancer, localityLbSetting: plan.localityLbSetting });
  return compact({ connectionPool: plan.connectionPool, loadBalancer, outlierDetection: plan.outlierDetection });
}

/** Validates the route timeout, in milliseconds. */
export function planTimeout(problems: ProblemCollector, raw: unknown): number | undefined {
  return optional(raw, (v) => planDuration(problems, 'timeout', v));
}

/** Validates the retry policy against the route timeout (in milliseconds) and renders Istio's `HTTPRetry`. */
export function planRetries(problems: ProblemCollector, raw: unknown, timeout: number | undefined): IstioObject | undefined {
  if (raw === undefined || !checkObject(problems, 'retries', raw, '{ attempts: 3, perTryTimeout: "2s", on: ["5xx"] }')) {
    return undefined;
  }
  const misspelt = checkKnownFields(problems, 'retries', raw, RETRY_FIELDS, 'retry settings');
  if (raw.attempts === undefined && !misspelt) {
    problems.add('retries.attempts', undefined, 'is missing', 'give the number of retries, e.g. attempts: 3, or 0 for none');
  }
  const attempts = optional(raw.attempts, (v) => planWholeNumber(problems, 'retries.attempts', v, 0, INT32_MAX, 'the number of retries'));
  const perTryTimeout = optional(raw.perTryTimeout, (v) => planDuration(problems, 'retries.perTryTimeout', v));
  if (perTryTimeout !== undefined && timeout !== undefined && perTryTimeout > timeout) {
    problems.add('retries.perTryTimeout', istioDuration(perTryTimeout), `is longer than the route timeout ${istioDuration(timeout)}, so the first try alone can use up the whole request`, `make perTryTimeout at most ${quote(istioDuration(timeout))}, or raise timeout`);
  }
  const on = optional(raw.on, (v) => planRetryConditions(problems, v));
  if (attempts === 0 && (raw.perTryTimeout !== undefined || raw.on !== undefined)) {
    problems.add('retries.attempts', attempts, 'is 0, which turns retries off, yet perTryTimeout or on is set', 'remove perTryTimeout and on, or give attempts of 1 or more');
  }
  return compact({
    attempts,
    perTryTimeout: perTryTimeout === undefined ? undefined : istioDuration(perTryTimeout),
    retryOn: on,
  });
}

function planRetryConditions(problems: ProblemCollector, raw: unknown): string | undefined {
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add('retries.on', raw, 'is not a non-empty list of retry conditions', 'use a list such as ["5xx", "connect-failure"]');
    return undefined;
  }
  let ok = true;
  raw.forEach((condition: unknown, i: number) => {
    const isStatus = typeof condition === 'string' && /^[1-5][0-9][0-9]$/.test(condition);
    if (!isStatus && !(typeof condition === 'string' && RETRY_CONDITIONS.includes(condition))) {
      problems.add(`retries.on[${i}]`, condition, 'is not a retry condition Istio accepts', `use one of ${RETRY_CONDITIONS.join(', ')}, or an HTTP status code such as "503"`);
      ok = false;
    }
  });
  return ok ? [...new Set(raw as string[])].join(',') : undefined;
}

/** Validates a rule's fault injection and renders Istio's `HTTPFaultInjection`. */
export function planFault(problems: ProblemCollector, field: string, raw: unknown): IstioObject | undefined {
  if (!checkObject(problems, field, raw, '{ delay: { duration: "2s", percent: 10 } }')) {
    return undefined;
  }
  const misspelt = checkKnownFields(problems, field, raw, FAULT_FIELDS, 'a fault');
  if (raw.delay === undefined && raw.abort === undefined) {
    if (!misspelt) problems.add(field, raw, 'injects nothing', 'give delay: { duration, percent }, abort: { status, percent }, or both');
    return undefined;
  }
  let delay: IstioObject | undefined;
  if (raw.delay !== undefined && checkObject(problems, `${field}.delay`, raw.delay, '{ duration: "2s", percent: 10 }')) {
    const delayMisspelt = checkKnownFields(problems, `${field}.delay`, raw.delay, DELAY_FIELDS, 'a delay fault');
    let duration: number | undefined;
    if (raw.delay.duration === undefined) {
      if (!delayMisspelt) problems.add(`${field}.delay.duration`, undefined, 'is missing', 'give how long each delayed request waits, e.g. duration: "2s"');
    } else {
      duration = planDuration(problems, `${field}.delay.duration`, raw.delay.duration);
    }
    const percent = planPercent(problems, `${field}.delay.percent`, raw.delay.percent, 100);
    delay = duration === undefined || percent === undefined ? undefined : { fixedDelay: istioDuration(duration), percentage: { value: percent } };
  }
  let abort: IstioObject | undefined;
  if (raw.abort !== undefined && checkObject(problems, `${field}.abort`, raw.abort, '{ status: 503, percent: 10 }')) {
    const abortMisspelt = checkKnownFields(problems, `${field}.abort`, raw.abort, ABORT_FIELDS, 'an abort fault');
    let status: number | undefined;
    if (raw.abort.status === undefined) {
      if (!abortMisspelt) problems.add(`${field}.abort.status`, undefined, 'is missing', 'give the HTTP status to answer with, e.g. status: 503');
    } else {
      status = planWholeNumber(problems, `${field}.abort.status`, raw.abort.status, 200, 599, 'the HTTP status', 503);
    }
    const percent = planPercent(problems, `${field}.abort.percent`, raw.abort.percent, 100);
    abort = status === undefined || percent === undefined ? undefined : { httpStatus: status, percentage: { value: percent } };
  }
  return compact({ abort, delay });
}

/** Adds the policy fields to an Istio HTTP route, after the fields it has, in a fixed order. */
export function withRoutePolicy(route: Record<string, unknown>, policy: RoutePolicy): Record<string, unknown> {
  const out = { ...route };
  for (const key of ['fault', 'mirror', 'mirrorPercentage', 'retries', 'timeout'] as const) {
    if (policy[key] !== undefined) {
      out[key] = policy[key];
    }
  }
  return out;
}
