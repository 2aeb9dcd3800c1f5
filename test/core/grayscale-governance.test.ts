import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { RE2JS } from 're2js';
import {
  DurationLike, GrayscaleServiceProps, LoadBalancer, Manifest, MeshlightValidationError, RateLimitProps, renderGrayscaleService,
  renderNamespaceTelemetry, StringMatch, TelemetryProps,
} from '../../lib/core/internal';
import { clusterProblemsOfAll } from '../support/validate';
import { expectProblem, validationErrorOf } from '../support/errors';
import { findObject as find } from '../support/manifests';

const IMAGE = 'ghcr.io/example/app:1';
const HOST = 'svc.default.svc.cluster.local';

function render(props: GrayscaleServiceProps, path = 'app/svc'): Manifest[] {
  return [...renderGrayscaleService(props, { path, defaultName: 'svc' }).manifests];
}


function routes(props: GrayscaleServiceProps): any[] {
  return find(render(props), 'VirtualService').spec.http;
}

function route(props: GrayscaleServiceProps, name: string): any {
  const found = routes(props).find((r) => r.name === name);
  if (found === undefined) throw new Error(`no route ${name}`);
  return found;
}

function errorOf(props: unknown, path = 'app/svc'): MeshlightValidationError {
  return validationErrorOf(() => renderGrayscaleService(props as GrayscaleServiceProps, { path, defaultName: 'svc' }));
}

/** A canary: 1.0 serves 90%, 1.1 serves 10%, testers reach 1.1 by header, and 1.2 is deployed but gets no traffic. */
const canary: GrayscaleServiceProps = {
  versions: [
    { version: '1.0', weight: 90, image: IMAGE },
    { version: '1.1', weight: 10, image: IMAGE },
    { version: '1.2', weight: 0, image: IMAGE },
  ],
  rules: [{ name: 'testers', version: '1.1', match: { headers: { 'x-tester': 'yes' } } }],
};

/** Two majors, each under its own path, the second rewritten to `/`. */
const twoMajors: GrayscaleServiceProps = {
  versions: [
    { version: '1.0', weight: 80, image: IMAGE }, { version: '1.1', weight: 20, image: IMAGE },
    { version: '2.0', weight: 50, image: IMAGE }, { version: '2.1', weight: 50, image: IMAGE },
  ],
  majors: { '2': { rewrite: '/' } },
};

describe('durations: strings or cdk8s Durations, written as Istio duration strings', () => {
  test.each<[string, DurationLike, string]>([
    ['"1.5s"', '1.5s', '1500ms'],
    ['"250ms"', '250ms', '250ms'],
    ['"2m"', '2m', '2m'],
    ['"90s"', '90s', '90s'],
    ['"1h30m"', '1h30m', '90m'],
    ['"0.001s"', '0.001s', '1ms'],
    ['"2000us"', '2000us', '2ms'],
    ['Duration.seconds(5)', Duration.seconds(5), '5s'],
    ['Duration.millis(250)', Duration.millis(250), '250ms'],
    ['Duration.minutes(2)', Duration.minutes(2), '2m'],
  ])('%s becomes %p', (_given, timeout, written) => {
    expect(routes({ ...canary, timeout }).map((r) => r.timeout)).toEqual([written, written]);
  });
});

describe('timeouts and retries land on every route that forwards', () => {
  const props: GrayscaleServiceProps = { ...twoMajors, timeout: '5s', retries: { attempts: 3, perTryTimeout: '2s', on: ['5xx', 'connect-failure', '503'] } };

  test('each route gets http.timeout and http.retries; the 404 route forwards nothing and gets neither', () => {
    const http = routes(props);
    expect(http.map((r) => r.name)).toEqual(['major-1', 'major-2', 'no-version']);
    for (const r of http.slice(0, 2)) {
      expect(r.timeout).toBe('5s');
      expect(r.retries).toEqual({ attempts: 3, perTryTimeout: '2s', retryOn: '5xx,connect-failure,503' });
    }
    expect(http[2].timeout).toBeUndefined();
    expect(http[2].retries).toBeUndefined();
  });

  test('rule routes get them too', () => {
    expect(route({ ...canary, timeout: '3s', retries: { attempts: 1 } }, 'testers')).toMatchObject({ timeout: '3s', retries: { attempts: 1 } });
  });

  test('attempts 0 turns Istio\'s default retries off', () => {
    expect(route({ ...canary, retries: { attempts: 0 } }, 'major-1').retries).toEqual({ attempts: 0 });
  });

  test('a retry timeout equal to the route timeout is accepted', () => {
    expect(route({ ...canary, timeout: '2s', retries: { attempts: 2, perTryTimeout: Duration.seconds(2) } }, 'major-1').retries.perTryTimeout).toBe('2s');
  });
});

describe('traffic policy: connection pool, circuit breaker and load balancer on the DestinationRule', () => {
  const props: GrayscaleServiceProps = {
    ...canary,
    connectionPool: { maxConnections: 100, connectTimeout: '250ms', maxPendingRequests: 10, maxRequests: 200, maxRequestsPerConnection: 1, maxRetries: 3, idleTimeout: Duration.minutes(5) },
    circuitBreaker: { consecutive5xxErrors: 5, consecutiveGatewayErrors: 3, interval: '10s', ejectionTime: '30s', maxEjectionPercent: 50, minHealthPercent: 20 },
    loadBalancer: LoadBalancer.leastRequest(),
  };

  test('service-wide props become DestinationRule trafficPolicy, in Istio\'s field names', () => {
    expect(find(render(props), 'DestinationRule').spec.trafficPolicy).toEqual({
      connectionPool: {
        http: { http1MaxPendingRequests: 10, http2MaxRequests: 200, idleTimeout: '5m', maxRequestsPerConnection: 1, maxRetries: 3 },
        tcp: { connectTimeout: '250ms', maxConnections: 100 },
      },
      loadBalancer: { simple: 'LEAST_REQUEST' },
      outlierDetection: {
        baseEjectionTime: '30s', consecutive5xxErrors: 5, consecutiveGatewayErrors: 3, interval: '10s', maxEjectionPercent: 50, minHealthPercent: 20,
      },
    });
  });

  test('subsets carry no policy of their own unless a version overrides it', () => {
    expect(find(render(props), 'DestinationRule').spec.subsets.map((s: any) => s.trafficPolicy)).toEqual([undefined, undefined, undefined]);
  });

  test('a version\'s override lands on its subset, completed field by field from the service\'s', () => {
    const versions = [
      { version: '1.0', weight: 90, image: IMAGE, connectionPool: { maxConnections: 10 } },
      { version: '1.1', weight: 10, image: IMAGE, circuitBreaker: { consecutive5xxErrors: 1 }, loadBalancer: LoadBalancer.random() },
      { version: '1.2', weight: 0, image: IMAGE },
    ];
    const subsets = find(render({ ...props, versions }), 'DestinationRule').spec.subsets;
    expect(subsets[0].trafficPolicy).toEqual({
      connectionPool: {
        http: { http1MaxPendingRequests: 10, http2MaxRequests: 200, idleTimeout: '5m', maxRequestsPerConnection: 1, maxRetries: 3 },
        tcp: { connectTimeout: '250ms', maxConnections: 10 },
      },
    });
    expect(subsets[1].trafficPolicy).toEqual({
      loadBalancer: { simple: 'RANDOM' },
      outlierDetection: {
        baseEjectionTime: '30s', consecutive5xxErrors: 1, consecutiveGatewayErrors: 3, interval: '10s', maxEjectionPercent: 50, minHealthPercent: 20,
      },
    });
    expect(subsets[2].trafficPolicy).toBeUndefined();
  });

  test('a version may set a policy the service does not have', () => {
    const versions = [{ version: '1.0', weight: 100, image: IMAGE, circuitBreaker: { consecutiveGatewayErrors: 2 } }, { version: '1.1', weight: 0, image: IMAGE }];
    const dr = find(render({ versions }), 'DestinationRule');
    expect(dr.spec.trafficPolicy).toBeUndefined();
    expect(dr.spec.subsets[0].trafficPolicy).toEqual({ outlierDetection: { consecutiveGatewayErrors: 2 } });
  });

  test('an empty circuitBreaker turns outlier detection on with Istio\'s defaults', () => {
    expect(find(render({ ...canary, circuitBreaker: {} }), 'DestinationRule').spec.trafficPolicy).toEqual({ outlierDetection: {} });
  });

  test.each<[string, LoadBalancer, object]>([
    ['round robin', LoadBalancer.roundRobin(), { simple: 'ROUND_ROBIN' }],
    ['least request', LoadBalancer.leastRequest(), { simple: 'LEAST_REQUEST' }],
    ['random', LoadBalancer.random(), { simple: 'RANDOM' }],
    ['hash by header', LoadBalancer.hashByHeader('x-user'), { consistentHash: { httpHeaderName: 'x-user' } }],
    ['hash by cookie (session cookie by default)', LoadBalancer.hashByCookie('user'), { consistentHash: { httpCookie: { name: 'user', ttl: '0s' } } }],
    ['hash by cookie with ttl and path', LoadBalancer.hashByCookie('user', { ttl: Duration.hours(1), path: '/' }), { consistentHash: { httpCookie: { name: 'user', path: '/', ttl: '1h' } } }],
    ['hash by source IP', LoadBalancer.hashBySourceIp(), { consistentHash: { useSourceIp: true } }],
  ])('%s lands on trafficPolicy.loadBalancer', (_case, loadBalancer, expected) => {
    expect(find(render({ ...canary, loadBalancer }), 'DestinationRule').spec.trafficPolicy).toEqual({ loadBalancer: expected });
  });
});

describe('mirroring copies requests to a version that gets no weighted traffic', () => {
  test('every route of the version\'s major that does not send to it mirrors the percentage given', () => {
    const http = routes({ ...canary, mirror: { version: '1.2', percent: 20 } });
    for (const name of ['testers', 'major-1']) {
      const r = http.find((x) => x.name === name);
      expect(r.mirror).toEqual({ host: HOST, port: { number: 80 }, subset: 'v1-2' });
      expect(r.mirrorPercentage).toEqual({ value: 20 });
    }
  });

  test('the percentage defaults to 100 and may be a fraction', () => {
    expect(route({ ...canary, mirror: { version: '1.2' } }, 'major-1').mirrorPercentage).toEqual({ value: 100 });
    expect(route({ ...canary, mirror: { version: '1.2', percent: 0.5 } }, 'major-1').mirrorPercentage).toEqual({ value: 0.5 });
  });

  test('a rule that already sends to the mirror version does not mirror', () => {
    const r = route({ ...canary, rules: [{ name: 'qa', version: '1.2', match: { headers: { 'x-qa': '1' } } }], mirror: { version: '1.2' } }, 'qa');
    expect(r.mirror).toBeUndefined();
    expect(r.mirrorPercentage).toBeUndefined();
  });

  test('routes of other majors are left alone', () => {
    const versions = [...twoMajors.versions, { version: '2.2', weight: 0, image: IMAGE }];
    const http = routes({ ...twoMajors, versions, mirror: { version: '2.2', percent: 5 } });
    expect(http.find((r) => r.name === 'major-1').mirror).toBeUndefined();
    expect(http.find((r) => r.name === 'major-2').mirror).toEqual({ host: HOST, port: { number: 80 }, subset: 'v2-2' });
  });
});

describe('fault injection is scoped to a rule', () => {
  const props: GrayscaleServiceProps = {
    ...canary,
    rules: [{ name: 'chaos', version: '1.1', match: { headers: { 'x-chaos': '1' } }, fault: { delay: { duration: '1.5s', percent: 10 }, abort: { status: 503, percent: 5 } } }],
  };

  test('the rule\'s route gets http.fault with delay and abort percentages', () => {
    expect(route(props, 'chaos').fault).toEqual({
      abort: { httpStatus: 503, percentage: { value: 5 } },
      delay: { fixedDelay: '1500ms', percentage: { value: 10 } },
    });
  });

  test('a delay or abort alone is fine; the percentage defaults to 100', () => {
    const delayOnly = { ...canary, rules: [{ name: 'slow', version: '1.0', match: { headers: { 'x-slow': '1' } }, fault: { delay: { duration: Duration.seconds(2) } } }] };
    expect(route(delayOnly, 'slow').fault).toEqual({ delay: { fixedDelay: '2s', percentage: { value: 100 } } });
    const abortOnly = { ...canary, rules: [{ name: 'fail', version: '1.0', match: { headers: { 'x-fail': '1' } }, fault: { abort: { status: 500, percent: 50 } } }] };
    expect(route(abortOnly, 'fail').fault).toEqual({ abort: { httpStatus: 500, percentage: { value: 50 } } });
  });

  test('other routes get no fault', () => {
    expect(route(props, 'major-1').fault).toBeUndefined();
  });
});

describe('throttling: a local rate limit EnvoyFilter for the service\'s pods', () => {
  const filterOf = (props: Partial<GrayscaleServiceProps>): any => find(render({ ...canary, ...props }), 'EnvoyFilter');

  test('an EnvoyFilter <name>-rate-limit (networking.istio.io/v1alpha3) selects the service\'s pods', () => {
    const filter = filterOf({ rateLimit: { requests: 100, per: '1s' } });
    expect(filter.apiVersion).toBe('networking.istio.io/v1alpha3');
    expect(filter.metadata).toEqual({ name: 'svc-rate-limit', namespace: 'default', labels: { app: 'svc', 'app.kubernetes.io/managed-by': 'meshlight' } });
    expect(filter.spec.workloadSelector).toEqual({ labels: { app: 'svc' } });
  });

  test('it inserts Envoy\'s local rate limit HTTP filter before the router, on the inbound listener of the container port', () => {
    const [patch] = filterOf({ containerPort: 9090, rateLimit: { requests: 100, per: '1s' } }).spec.configPatches;
    expect(patch.applyTo).toBe('HTTP_FILTER');
    expect(patch.match).toEqual({
      context: 'SIDECAR_INBOUND',
      listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } } }, portNumber: 9090 },
    });
    expect(patch.patch.operation).toBe('INSERT_BEFORE');
    expect(patch.patch.value.name).toBe('envoy.filters.http.local_ratelimit');
    const config = patch.patch.value.typed_config;
    expect(config['@type']).toBe('type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit');
    expect(config.filter_enabled.default_value).toEqual({ denominator: 'HUNDRED', numerator: 100 });
    expect(config.filter_enforced.default_value).toEqual({ denominator: 'HUNDRED', numerator: 100 });
  });

  test.each<[string, RateLimitProps, object]>([
    ['100 per "1s"', { requests: 100, per: '1s' }, { fill_interval: '1s', max_tokens: 100, tokens_per_fill: 100 }],
    ['10 per Duration.minutes(1), burst 50', { requests: 10, per: Duration.minutes(1), burst: 50 }, { fill_interval: '60s', max_tokens: 50, tokens_per_fill: 10 }],
    ['5 per "250ms"', { requests: 5, per: '250ms' }, { fill_interval: '0.25s', max_tokens: 5, tokens_per_fill: 5 }],
  ])('%s becomes the token bucket %j (durations in protobuf form, as Envoy requires)', (_given, rateLimit, bucket) => {
    expect(filterOf({ rateLimit }).spec.configPatches[0].patch.value.typed_config.token_bucket).toEqual(bucket);
  });
});

/** A request as the VirtualService sees it. */
interface Request {
  readonly path: string;
  readonly cookie?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

function stringMatches(match: Record<string, string>, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (match.exact !== undefined) return value === match.exact;
  if (match.prefix !== undefined) return value.startsWith(match.prefix);
  return RE2JS.compile(match.regex).matches(value);
}

/** Envoy's route selection: the first route with a match entry whose conditions all hold (or with no match at all). */
function firstRoute(http: any[], request: Request): any {
  const headers: Record<string, string> = { ...request.headers, ...(request.cookie === undefined ? {} : { cookie: request.cookie }) };
  return http.find((r) => r.match === undefined || r.match.some((m: any) =>
    (m.uri === undefined || stringMatches(m.uri, request.path))
    && Object.entries<Record<string, string>>(m.headers ?? {}).every(([name, sm]) => stringMatches(sm, headers[name]))));
}

/** The cookie a destination's response sets, as `name=value`. */
function cookieSetBy(destination: any): string {
  return destination.headers.response.add['set-cookie'].split(';')[0];
}

describe('sticky versions keep a returning client on the version that served it', () => {
  const sticky: GrayscaleServiceProps = { ...canary, stickyVersions: true };

  test('every destination of the weighted split sets a cookie naming its version; rules and sticky routes set none', () => {
    const http = routes(sticky);
    const split = http.find((r) => r.name === 'major-1');
    expect(split.route.map((d: any) => d.headers.response.add)).toEqual([
      { 'set-cookie': 'svc-version=1.0; Path=/; HttpOnly; SameSite=Lax' },
      { 'set-cookie': 'svc-version=1.1; Path=/; HttpOnly; SameSite=Lax' },
    ]);
    expect(split.route.map((d: any) => d.headers.response.set)).toEqual([{ 'x-meshlight-version': '1.0' }, { 'x-meshlight-version': '1.1' }]);
    for (const r of http.filter((x) => x.name !== 'major-1')) {
      expect(r.route[0].headers.response.add).toBeUndefined();
    }
  });

  test('a route per served version matches its cookie, after the rules and before the split', () => {
    const http = routes(sticky);
    expect(http.map((r) => r.name)).toEqual(['testers', 'major-1-sticky-v1-0', 'major-1-sticky-v1-1', 'major-1']);
    expect(http[1].route).toEqual([{ destination: { host: HOST, port: { number: 80 }, subset: 'v1-0' }, headers: { response: { set: { 'x-meshlight-version': '1.0' } } } }]);
    expect(http[1].match).toEqual([{ headers: { cookie: { regex: '^(.*;\\s*)?svc-version=(1\\.0)(;.*)?$' } } }]);
  });

  test.each(['1.0', '1.1'])('a client first served by %s is served by it again, whatever other cookies it sends', (version) => {
    const http = routes(sticky);
    const split = firstRoute(http, { path: '/cart' });
    expect(split.name).toBe('major-1');
    const served = split.route.find((d: any) => d.headers.response.set['x-meshlight-version'] === version);
    for (const cookie of [cookieSetBy(served), `theme=dark; ${cookieSetBy(served)}`, `${cookieSetBy(served)}; session=abc`]) {
      const again = firstRoute(http, { path: '/cart/items', cookie });
      expect(again.route).toHaveLength(1);
      expect(again.route[0].destination.subset).toBe(served.destination.subset);
    }
  });

  test('a rule still wins over the cookie', () => {
    expect(firstRoute(routes(sticky), { path: '/', cookie: 'svc-version=1.0', headers: { 'x-tester': 'yes' } }).name).toBe('testers');
  });

  test('a client whose version left the split (weight 0) is split again and gets a new cookie', () => {
    const rolledBack = { ...sticky, versions: [{ version: '1.0', weight: 90, image: IMAGE }, { version: '1.1', weight: 0, image: IMAGE }, { version: '1.2', weight: 10, image: IMAGE }] };
    expect(firstRoute(routes(rolledBack), { path: '/', cookie: 'svc-version=1.1' }).name).toBe('major-1');
  });

  test('a look-alike cookie does not count', () => {
    const http = routes(sticky);
    for (const cookie of ['svc-version=1.0x', 'xsvc-version=1.0', 'svc-version=1x0']) {
      expect(firstRoute(http, { path: '/', cookie }).name).toBe('major-1');
    }
  });

  test('a string names the cookie', () => {
    const split = route({ ...canary, stickyVersions: 'canary' }, 'major-1');
    expect(cookieSetBy(split.route[0])).toBe('canary=1.0');
  });

  test('with several majors each has its own cookie and sticky routes inside its own path, rewritten like it', () => {
    const http = routes({ ...twoMajors, stickyVersions: true });
    expect(http.map((r) => r.name)).toEqual([
      'major-1-sticky-v1-0', 'major-1-sticky-v1-1', 'major-1', 'major-2-sticky-v2-0', 'major-2-sticky-v2-1', 'major-2', 'no-version',
    ]);
    expect(cookieSetBy(http[2].route[0])).toBe('svc-version-1=1.0');
    expect(cookieSetBy(http[5].route[1])).toBe('svc-version-2=2.1');
    expect(http[4].rewrite).toEqual({ uri: '/' });
    const both = 'svc-version-1=1.1; svc-version-2=2.0';
    expect(firstRoute(http, { path: '/v1/get', cookie: both }).route[0].destination.subset).toBe('v1-1');
    expect(firstRoute(http, { path: '/v2/get', cookie: both }).route[0].destination.subset).toBe('v2-0');
    expect(firstRoute(http, { path: '/v3/get', cookie: both }).name).toBe('no-version');
  });

  test('the catch-all split of defaultMajor is sticky too, without the major\'s path', () => {
    const http = routes({ ...twoMajors, defaultMajor: '2', stickyVersions: true });
    expect(http.slice(-3).map((r) => r.name)).toEqual(['default-sticky-v2-0', 'default-sticky-v2-1', 'default']);
    expect(http[http.length - 2].rewrite).toBeUndefined();
    expect(firstRoute(http, { path: '/other', cookie: 'svc-version-2=2.1' }).name).toBe('default-sticky-v2-1');
  });

  test('a group with a single served version needs no sticky route, but still sets the cookie', () => {
    const http = routes({ versions: [{ version: '1.0', image: IMAGE }], stickyVersions: true });
    expect(http.map((r) => r.name)).toEqual(['major-1']);
    expect(cookieSetBy(http[0].route[0])).toBe('svc-version=1.0');
  });

  test('with the version header off, the cookie is the only response header', () => {
    expect(route({ ...sticky, versionHeader: false }, 'major-1').route[0].headers).toEqual({ response: { add: { 'set-cookie': 'svc-version=1.0; Path=/; HttpOnly; SameSite=Lax' } } });
  });
});

describe('sticky versions, for any split', () => {
  /** Whole numbers from 0 to 100 that add up to 100, one per part. */
  const weightsFor = (parts: number): fc.Arbitrary<number[]> =>
    fc.array(fc.integer({ min: 0, max: 100 }), { minLength: parts - 1, maxLength: parts - 1 }).map((cuts) => {
      const bounds = [0, ...cuts.sort((a, b) => a - b), 100];
      return bounds.slice(1).map((b, i) => b - bounds[i]);
    });
  const split = fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 3 }).chain((majors) =>
    fc.tuple(...majors.map((major) => fc.integer({ min: 1, max: 4 }).chain(weightsFor).map((weights) =>
      weights.map((weight, minor) => ({ version: `${major}.${minor}`, weight, image: IMAGE })))))).map((groups) => groups.flat());

  test('a client that got a version\'s cookie from the split is sent back to that version, on its major\'s path', () => {
    fc.assert(fc.property(split, fc.boolean(), (versions, withRule) => {
      const majors = [...new Set(versions.map((v) => v.version.split('.')[0]))];
      const rules = withRule ? [{ name: 'testers', version: versions[0].version, match: { headers: { 'x-tester': '1' } } }] : [];
      const http = routes({ versions, rules, stickyVersions: true, grouping: 'major' });
      for (const major of majors) {
        const path = majors.length > 1 ? `/v${major}/page` : '/page';
        const first = firstRoute(http, { path });
        expect(first.name).toBe(`major-${major}`);
        for (const destination of first.route) {
          const again = firstRoute(http, { path, cookie: `other=1; ${cookieSetBy(destination)}` });
          expect(again.route.map((d: any) => d.destination.subset)).toEqual([destination.destination.subset]);
        }
      }
    }), { numRuns: 200 });
  });
});

describe('telemetry: access logging and tracing sampling through the Telemetry API', () => {
  test('the service gets a Telemetry <name> selecting its pods', () => {
    const telemetry = find(render({ ...canary, telemetry: { accessLogging: true, tracing: { samplePercent: 1 } } }), 'Telemetry');
    expect(telemetry.apiVersion).toBe('telemetry.istio.io/v1');
    expect(telemetry.metadata.name).toBe('svc');
    expect(telemetry.spec).toEqual({
      accessLogging: [{ providers: [{ name: 'envoy' }] }],
      selector: { matchLabels: { app: 'svc' } },
      tracing: [{ randomSamplingPercentage: 1 }],
    });
  });

  test.each<[TelemetryProps, object]>([
    [{ accessLogging: false }, { accessLogging: [{ disabled: true }] }],
    [{ accessLogging: { filter: 'response.code >= 400' } }, { accessLogging: [{ filter: { expression: 'response.code >= 400' }, providers: [{ name: 'envoy' }] }] }],
    [{ accessLogging: { provider: 'otel' } }, { accessLogging: [{ providers: [{ name: 'otel' }] }] }],
    [{ tracing: { samplePercent: 0.1, provider: 'zipkin' } }, { tracing: [{ providers: [{ name: 'zipkin' }], randomSamplingPercentage: 0.1 }] }],
  ])('%j becomes %j', (telemetry, expected) => {
    expect(find(render({ ...canary, telemetry }), 'Telemetry').spec).toEqual({ ...expected, selector: { matchLabels: { app: 'svc' } } });
  });

  test('renderNamespaceTelemetry renders the namespace-wide Telemetry, with no selector', () => {
    expect(renderNamespaceTelemetry({ namespace: 'shop', accessLogging: true, tracing: { samplePercent: 10 } }, { path: 'shop' })).toEqual({
      apiVersion: 'telemetry.istio.io/v1',
      kind: 'Telemetry',
      metadata: { name: 'default', namespace: 'shop', labels: { 'app.kubernetes.io/managed-by': 'meshlight' } },
      spec: { accessLogging: [{ providers: [{ name: 'envoy' }] }], tracing: [{ randomSamplingPercentage: 10 }] },
    });
  });

  test('renderNamespaceTelemetry reports bad props with the path given, and returns nothing', () => {
    expect(() => renderNamespaceTelemetry({ namespace: 'Shop', tracing: { samplePercent: 200 } }, { path: 'mesh/shop' })).toThrow(
      /mesh\/shop: namespace = "Shop": is not a namespace name.*Fix: .*\n.*mesh\/shop: tracing.samplePercent = 200: is not a percentage from 0 to 100\. Fix: /,
    );
  });
});

describe('emitted objects and their order', () => {
  test('the EnvoyFilter and the Telemetry come after the VirtualService; without the options they are not emitted', () => {
    const full = render({ ...canary, rateLimit: { requests: 10, per: '1s' }, telemetry: { accessLogging: true } });
    expect(full.slice(-4).map((m) => `${m.apiVersion} ${m.kind} ${m.metadata.name}`)).toEqual([
      'networking.istio.io/v1 DestinationRule svc', 'networking.istio.io/v1 VirtualService svc',
      'networking.istio.io/v1alpha3 EnvoyFilter svc-rate-limit', 'telemetry.istio.io/v1 Telemetry svc',
    ]);
    expect(render(canary).map((m) => m.kind)).not.toContain('EnvoyFilter');
    expect(render(canary).map((m) => m.kind)).not.toContain('Telemetry');
  });

  test('options left undefined give exactly the output of props without them', () => {
    const unset: GrayscaleServiceProps = {
      ...canary, timeout: undefined, retries: undefined, connectionPool: undefined, circuitBreaker: undefined, loadBalancer: undefined,
      mirror: undefined, rateLimit: undefined, stickyVersions: false, telemetry: undefined,
    };
    expect(JSON.stringify(render(unset))).toBe(JSON.stringify(render(canary)));
  });
});

describe('bad input: a clear error naming path, field, value and fix, and nothing rendered', () => {
  const lone = [{ version: '1.0', image: IMAGE }];
  const rule = (fault: unknown) => ({ ...canary, rules: [{ version: '1.1', match: { headers: { 'x-chaos': '1' } }, fault }] });
  test.each<[string, unknown, string, string]>([
    ['a retry timeout longer than the route timeout', { versions: lone, timeout: '1s', retries: { attempts: 2, perTryTimeout: '2s' } }, 'retries.perTryTimeout = "2s"', 'is longer than the route timeout 1s'],
    ['a duration finer than a millisecond', { versions: lone, timeout: '1.5ms' }, 'timeout = "1.5ms"', 'is finer than a millisecond'],
    ['a cdk8s Duration finer than a millisecond', { versions: lone, timeout: Duration.millis(0.5) }, 'timeout = "0.5ms"', 'is finer than a millisecond'],
    ['a duration in words', { versions: lone, timeout: '5 seconds' }, 'timeout = "5 seconds"', 'is not a duration'],
    ['a negative duration', { versions: lone, timeout: '-1s' }, 'timeout = "-1s"', 'is not a duration'],
    ['a zero timeout', { versions: lone, timeout: '0s' }, 'timeout = "0s"', 'is shorter than 1ms'],
    ['a number where a duration is expected', { versions: lone, retries: { attempts: 2, perTryTimeout: 2 } }, 'retries.perTryTimeout = 2', 'is not a duration'],
    ['negative retry attempts', { versions: lone, retries: { attempts: -1 } }, 'retries.attempts = -1', 'is not a whole number from 0'],
    ['an unknown retry condition', { versions: lone, retries: { attempts: 2, on: ['5xx', '5xx-ish'] } }, 'retries.on[1] = "5xx-ish"', 'is not a retry condition Istio accepts'],
    ['retry settings with retries off', { versions: lone, retries: { attempts: 0, perTryTimeout: '1s' } }, 'retries.attempts = 0', 'turns retries off, yet perTryTimeout or on is set'],
    ['a mirror percentage above 100', { ...canary, mirror: { version: '1.2', percent: 150 } }, 'mirror.percent = 150', 'is not a percentage from 0 to 100'],
    ['a negative mirror percentage', { ...canary, mirror: { version: '1.2', percent: -1 } }, 'mirror.percent = -1', 'is not a percentage from 0 to 100'],
    ['mirroring to a version that already gets traffic', { ...canary, mirror: { version: '1.1' } }, 'mirror.version = "1.1"', 'already gets 10% of major 1\'s traffic'],
    ['mirroring to the only version of a major', { versions: lone, mirror: { version: '1.0' } }, 'mirror.version = "1.0"', 'already gets 100% of major 1\'s traffic'],
    ['mirroring to an unknown version', { ...canary, mirror: { version: '3.0' } }, 'mirror.version = "3.0"', 'names no version of this service'],
    ['a fault percentage below 0', rule({ delay: { duration: '1s', percent: -5 } }), 'rules[0].fault.delay.percent = -5', 'is not a percentage from 0 to 100'],
    ['a fault percentage above 100', rule({ abort: { status: 503, percent: 101 } }), 'rules[0].fault.abort.percent = 101', 'is not a percentage from 0 to 100'],
    ['an abort status that is not an HTTP status', rule({ abort: { status: 99 } }), 'rules[0].fault.abort.status = 99', 'is not a whole number from 200 to 599'],
    ['a fault that injects nothing', rule({}), 'rules[0].fault = {}', 'injects nothing'],
    ['a delay without a duration', rule({ delay: { percent: 10 } }), 'rules[0].fault.delay.duration = undefined', 'is missing'],
    ['a connection limit of 0', { versions: lone, connectionPool: { maxConnections: 0 } }, 'connectionPool.maxConnections = 0', 'is not a whole number from 1'],
    ['a connection pool with no limit', { versions: lone, connectionPool: {} }, 'connectionPool = {}', 'sets no limit'],
    ['an ejection percentage above 100', { versions: lone, circuitBreaker: { maxEjectionPercent: 120 } }, 'circuitBreaker.maxEjectionPercent = 120', 'is not a whole number from 0 to 100'],
    ['a bad version override', { versions: [{ version: '1.0', image: IMAGE, connectionPool: { maxRequests: 1.5 } }] }, 'versions[0].connectionPool.maxRequests = 1.5', 'is not a whole number'],
    ['a load balancer given as a plain object', { versions: lone, loadBalancer: { simple: 'RANDOM' } }, 'loadBalancer = {"simple":"RANDOM"}', 'is not a LoadBalancer'],
    ['hashing by an upper-case header', { versions: lone, loadBalancer: LoadBalancer.hashByHeader('X-User') }, 'loadBalancer (hashByHeader name) = "X-User"', 'is not a lower-case HTTP header name'],
    ['a hash cookie with a bad ttl', { versions: lone, loadBalancer: LoadBalancer.hashByCookie('user', { ttl: 'forever' }) }, 'loadBalancer (hashByCookie options).ttl = "forever"', 'is not a duration'],
    ['a rate limit of 0 requests', { versions: lone, rateLimit: { requests: 0, per: '1s' } }, 'rateLimit.requests = 0', 'is not a whole number from 1'],
    ['a rate limit interval under 50ms', { versions: lone, rateLimit: { requests: 10, per: '10ms' } }, 'rateLimit.per = "10ms"', 'is shorter than 50ms'],
    ['a burst smaller than the requests per interval', { versions: lone, rateLimit: { requests: 100, per: '1s', burst: 50 } }, 'rateLimit.burst = 50', 'is smaller than requests (100)'],
    ['a sticky cookie name with a space', { versions: lone, stickyVersions: 'my cookie' }, 'stickyVersions = "my cookie"', 'is not a cookie name'],
    ['a tracing percentage above 100', { versions: lone, telemetry: { tracing: { samplePercent: 101 } } }, 'telemetry.tracing.samplePercent = 101', 'is not a percentage from 0 to 100'],
    ['telemetry that sets nothing', { versions: lone, telemetry: {} }, 'telemetry = {}', 'sets neither accessLogging nor tracing'],
    ['an empty access log filter', { versions: lone, telemetry: { accessLogging: { filter: ' ' } } }, 'telemetry.accessLogging.filter = " "', 'is not a CEL expression'],
  ])('%s', (_case, props, field, message) => {
    expectProblem(errorOf(props, 'demo/shop/svc'), 'demo/shop/svc', field, message);
  });

  test('every problem is reported at once, beside the other props\' problems', () => {
    const error = errorOf({
      port: 0,
      versions: [{ version: '1.0', image: IMAGE }],
      timeout: '1us',
      mirror: { version: '1.0', percent: 200 },
      rateLimit: { requests: 1, per: '1ms' },
    });
    expect(error.problems.map((p) => p.field)).toEqual(['port', 'timeout', 'mirror.percent', 'mirror.version', 'rateLimit.per']);
  });

  test('arbitrary governance props give output or a MeshlightValidationError, never a crash', () => {
    const duration = fc.oneof(fc.constantFrom('1s', '250ms', '1.5ms', '', 'x', '0s'), fc.anything());
    const percent = fc.oneof(fc.double(), fc.integer({ min: -5, max: 105 }), fc.anything());
    const governance = fc.record({
      timeout: duration,
      retries: fc.oneof(fc.record({ attempts: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.anything()), perTryTimeout: duration, on: fc.oneof(fc.array(fc.string()), fc.anything()) }, { requiredKeys: [] }), fc.anything()),
      connectionPool: fc.oneof(fc.dictionary(fc.constantFrom('maxConnections', 'connectTimeout', 'maxRetries', 'idleTimeout'), fc.anything()), fc.anything()),
      circuitBreaker: fc.oneof(fc.dictionary(fc.constantFrom('consecutive5xxErrors', 'interval', 'maxEjectionPercent'), fc.anything()), fc.anything()),
      loadBalancer: fc.oneof(fc.constantFrom(LoadBalancer.random(), LoadBalancer.hashByHeader('x-a'), LoadBalancer.hashByCookie('c', { ttl: 5 as any })), fc.anything()),
      mirror: fc.oneof(fc.record({ version: fc.constantFrom('1.0', '1.1', '1.2'), percent }, { requiredKeys: [] }), fc.anything()),
      rateLimit: fc.oneof(fc.record({ requests: fc.anything(), per: duration, burst: fc.anything() }, { requiredKeys: [] }), fc.anything()),
      stickyVersions: fc.anything(),
      telemetry: fc.oneof(fc.record({ accessLogging: fc.anything(), tracing: fc.oneof(fc.record({ samplePercent: percent, provider: fc.anything() }), fc.anything()) }, { requiredKeys: [] }), fc.anything()),
      fault: fc.oneof(fc.record({ delay: fc.anything(), abort: fc.record({ status: fc.anything(), percent }, { requiredKeys: [] }) }, { requiredKeys: [] }), fc.anything()),
      versionPolicy: fc.oneof(fc.record({ connectionPool: fc.anything(), circuitBreaker: fc.anything(), loadBalancer: fc.anything() }, { requiredKeys: [] }), fc.anything()),
    }, { requiredKeys: [] });
    fc.assert(fc.property(governance, ({ fault, versionPolicy, ...props }) => {
      const policy = typeof versionPolicy === 'object' && versionPolicy !== null ? versionPolicy : {};
      try {
        render({
          ...canary,
          ...(props as object),
          versions: [{ ...canary.versions[0], ...policy }, canary.versions[1], canary.versions[2]],
          rules: [{ version: '1.1', match: { headers: { gray: '1' } }, fault: fault as any }],
        } as GrayscaleServiceProps);
      } catch (e) {
        expect(e).toBeInstanceOf(MeshlightValidationError);
      }
    }), { numRuns: 1000 });
  });
});

describe('the output is accepted by a cluster', () => {
  test('objects for every option pass the Kubernetes and Istio schemas, CEL rules and istiod checks', async () => {
    const out = [
      ...render({
        name: 'full',
        namespace: 'shop',
        versions: [
          { version: '1.0', weight: 80, image: IMAGE, connectionPool: { maxConnections: 10 }, loadBalancer: LoadBalancer.hashBySourceIp() },
          { version: '1.1', weight: 20, image: IMAGE, circuitBreaker: { consecutive5xxErrors: 2 } },
          { version: '1.2', weight: 0, image: IMAGE },
          { version: '2.0', weight: 60, image: IMAGE }, { version: '2.1', weight: 40, image: IMAGE },
        ],
        majors: { '2': { rewrite: '/' } },
        defaultMajor: '2',
        rules: [
          { version: '1.1', match: { headers: { gray: '1' }, cookies: { canary: StringMatch.prefix('y') } }, fault: { delay: { duration: '1.5s', percent: 10 }, abort: { status: 503, percent: 0.5 } } },
        ],
        timeout: Duration.seconds(10),
        retries: { attempts: 3, perTryTimeout: '2500ms', on: ['5xx', 'connect-failure', 'retriable-status-codes', '503'] },
        connectionPool: { maxConnections: 100, connectTimeout: '250ms', maxPendingRequests: 10, maxRequests: 100, maxRequestsPerConnection: 0, maxRetries: 3, idleTimeout: '1h' },
        circuitBreaker: { consecutive5xxErrors: 5, consecutiveGatewayErrors: 3, interval: '10s', ejectionTime: '30s', maxEjectionPercent: 50, minHealthPercent: 25 },
        loadBalancer: LoadBalancer.hashByCookie('user', { ttl: '1h', path: '/' }),
        mirror: { version: '1.2', percent: 12.5 },
        rateLimit: { requests: 100, per: '1s', burst: 200 },
        stickyVersions: true,
        telemetry: { accessLogging: { filter: 'response.code >= 400' }, tracing: { samplePercent: 0.1 } },
      }),
      ...render({ name: 'hash-header', versions: [{ version: 'v1', weight: 50 }, { version: 'v2', weight: 50 }], grouping: 'all', loadBalancer: LoadBalancer.hashByHeader('x-user'), stickyVersions: 'reviews-version', telemetry: { accessLogging: false } }),
      ...render({ name: 'round-robin', versions: [{ version: '1.0', image: IMAGE }], loadBalancer: LoadBalancer.roundRobin(), retries: { attempts: 0 }, rateLimit: { requests: 5, per: Duration.minutes(1) } }),
      renderNamespaceTelemetry({ namespace: 'shop', accessLogging: { provider: 'envoy' }, tracing: { samplePercent: 100, provider: 'zipkin' } }, { path: 'shop' }),
    ];
    expect(out.map((m) => m.kind)).toEqual(expect.arrayContaining(['EnvoyFilter', 'Telemetry', 'DestinationRule', 'VirtualService']));
    expect(await clusterProblemsOfAll(out)).toEqual([]);
  });
});

describe('telemetry and rate limit props: wrong values are reported, never replaced by a default', () => {
  const lone = [{ version: '1.0', image: IMAGE }];

  test.each<[string, unknown, string, string]>([
    ['a null access log provider', { telemetry: { accessLogging: { provider: null } } }, 'telemetry.accessLogging.provider = null', 'is not a provider name'],
    ['a misspelt access logging field', { telemetry: { accessLogging: { filtr: 'response.code >= 400' } } }, 'telemetry.accessLogging.filtr = "response.code >= 400": is not a field of access logging settings', 'did you mean "filter"?'],
    ['a misspelt tracing field', { telemetry: { tracing: { samplePercent: 1, providr: 'zipkin' } } }, 'telemetry.tracing.providr = "zipkin": is not a field of tracing settings', 'did you mean "provider"?'],
    ['a misspelt telemetry field', { telemetry: { accessLoging: true } }, 'telemetry.accessLoging = true: is not a field of telemetry settings', 'did you mean "accessLogging"?'],
    ['a rate limit without interval', { rateLimit: { requests: 100 } }, 'rateLimit.per = undefined: is missing', 'give the interval'],
    ['a rate limit without requests', { rateLimit: { per: '1s' } }, 'rateLimit.requests = undefined: is missing', 'give the requests each pod accepts'],
    ['a misspelt rate limit field', { rateLimit: { requests: 100, per: '1s', brust: 200 } }, 'rateLimit.brust = 200: is not a field of a rate limit', 'did you mean "burst"?'],
  ])('%s', (_case, props, field, message) => {
    const error = errorOf({ versions: lone, ...(props as object) }, 'demo/shop/svc');
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain(`demo/shop/svc: ${field}`);
    expect(error.message).toContain(message);
  });

  test('a misspelt required field gives one problem, not another that it is missing', () => {
    expect(errorOf({ versions: lone, rateLimit: { requests: 100, interval: '1s' } }).problems.map((p) => p.field)).toEqual(['rateLimit.interval']);
    expect(errorOf({ versions: lone, telemetry: { tracing: { samplePercentage: 1 } } }).problems.map((p) => p.field)).toEqual(['telemetry.tracing.samplePercentage']);
    expect(errorOf({ versions: lone, telemetry: { tracng: { samplePercent: 1 } } }).problems.map((p) => p.field)).toEqual(['telemetry.tracng']);
  });

  test.each<[string, unknown, string]>([
    ['a null name', { namespace: 'shop', name: null, accessLogging: true }, 'name = null: is not a valid Telemetry name'],
    ['a selector, which a namespace-wide Telemetry has not', { namespace: 'shop', accessLogging: true, selector: { app: 'cart' } }, 'selector = {"app":"cart"}: is not a field of namespace telemetry props'],
    ['neither accessLogging nor tracing', { namespace: 'shop' }, 'props = {"namespace":"shop"}: sets neither accessLogging nor tracing'],
    ['a null access log provider', { namespace: 'shop', accessLogging: { provider: null } }, 'accessLogging.provider = null: is not a provider name'],
    ['no namespace', { accessLogging: true }, 'namespace = undefined: is missing'],
    ['props that are not an object', 'shop', 'props = "shop": is not an object'],
  ])('namespace telemetry with %s is refused', (_case, props, message) => {
    const error = validationErrorOf(() => renderNamespaceTelemetry(props as never, { path: 'mesh/shop' }));
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain(`mesh/shop: ${message}`);
  });

  test('namespace telemetry without a context names the namespace in its errors', () => {
    expect(renderNamespaceTelemetry({ namespace: 'shop', accessLogging: true }).metadata).toEqual(expect.objectContaining({ name: 'default', namespace: 'shop' }));
    expect(renderNamespaceTelemetry({ namespace: 'shop', accessLogging: true }, undefined as never).metadata.namespace).toBe('shop');
    expect(() => renderNamespaceTelemetry({ namespace: 'shop', tracing: { samplePercent: 200 } })).toThrow('shop: tracing.samplePercent = 200');
    expect(() => renderNamespaceTelemetry(undefined as never)).toThrow('Telemetry: props = undefined: is not an object');
  });
});

describe('governance props: one mistake gives one problem, and no wrong value is ignored or replaced by a default', () => {
  const lone = [{ version: '1.0', image: IMAGE }];
  const rule = (fault: unknown) => ({ ...canary, rules: [{ version: '1.1', match: { headers: { 'x-chaos': '1' } }, fault }] });
  test.each<[string, unknown, string, string]>([
    ['a misspelt connection pool field', { versions: lone, connectionPool: { maxConnection: 100 } }, 'connectionPool.maxConnection = 100: is not a field of connection pool settings', 'did you mean "maxConnections"?'],
    ['a misspelt circuit breaker field, which must not turn on the defaults', { versions: lone, circuitBreaker: { consecutiveErrors: 2 } }, 'circuitBreaker.consecutiveErrors = 2: is not a field of circuit breaker settings', 'consecutive5xxErrors'],
    ['a misspelt field of a version\'s override', { versions: [{ version: '1.0', image: IMAGE, connectionPool: { maxRequest: 5 } }] }, 'versions[0].connectionPool.maxRequest = 5', 'did you mean "maxRequests"?'],
    ['hash cookie options that are not an object', { versions: lone, loadBalancer: LoadBalancer.hashByCookie('session', '1h' as never) }, 'loadBalancer (hashByCookie options) = "1h": is not an object of cookie options', 'LoadBalancer.hashByCookie("session", { ttl: "1h" })'],
    ['hash cookie options given as a cdk8s Duration', { versions: lone, loadBalancer: LoadBalancer.hashByCookie('session', Duration.hours(1) as never) }, 'loadBalancer (hashByCookie options) = {', 'is not an object of cookie options'],
    ['a misspelt hash cookie option', { versions: lone, loadBalancer: LoadBalancer.hashByCookie('session', { tll: '1h' } as never) }, 'loadBalancer (hashByCookie options).tll = "1h": is not a field of hash cookie options', 'did you mean "ttl"?'],
    ['a null hash cookie ttl', { versions: lone, loadBalancer: LoadBalancer.hashByCookie('session', { ttl: null } as never) }, 'loadBalancer (hashByCookie options).ttl = null', 'is not a duration'],
    ['a bad hash cookie name on a version', { versions: [{ version: '1.0', image: IMAGE, loadBalancer: LoadBalancer.hashByCookie('my cookie') }] }, 'versions[0].loadBalancer (hashByCookie name) = "my cookie"', 'is not a cookie name'],
    ['retries without attempts', { versions: lone, retries: { perTryTimeout: '1s' } }, 'retries.attempts = undefined: is missing', 'e.g. attempts: 3'],
    ['misspelt retry attempts, not also reported missing', { versions: lone, retries: { attempt: 3 } }, 'retries.attempt = 3: is not a field of retry settings', 'did you mean "attempts"?'],
    ['a misspelt fault field, not also "injects nothing"', rule({ dealy: { duration: '1s' } }), 'rules[0].fault.dealy = {"duration":"1s"}: is not a field of a fault', 'did you mean "delay"?'],
    ['a misspelt delay field, not also reported missing', rule({ delay: { duraton: '1s' } }), 'rules[0].fault.delay.duraton = "1s": is not a field of a delay fault', 'did you mean "duration"?'],
    ['an abort without a status', rule({ abort: { percent: 10 } }), 'rules[0].fault.abort.status = undefined: is missing', 'e.g. status: 503'],
    ['a misspelt abort field', rule({ abort: { statut: 503 } }), 'rules[0].fault.abort.statut = 503: is not a field of an abort fault', 'did you mean "status"?'],
    ['a duration longer than Go holds', { versions: lone, timeout: '3000000h' }, 'timeout = "3000000h": is longer than the most Istio holds, about 292 years', 'use at most "2562047h"'],
    ['a cdk8s Duration of infinite length', { versions: lone, timeout: Duration.millis(Infinity) }, 'timeout = "a Duration of Infinity milliseconds": is longer than the most Istio holds', 'use at most'],
    ['a cdk8s Duration of NaN', { versions: lone, timeout: Duration.millis(Number.NaN) }, 'timeout = "a Duration of NaN milliseconds": is not a duration', 'Duration.seconds(2)'],
    ['a duration finer than a nanosecond', { versions: lone, timeout: '1.0000000001s' }, 'timeout = "1.0000000001s"', 'is finer than a millisecond'],
  ])('%s', (_case, props, field, message) => {
    expectProblem(errorOf(props, 'demo/shop/svc'), 'demo/shop/svc', field, message, true);
  });

  test.each<[string, string]>([
    ['1.0000000000s', '1s'],
    ['0.5000000000000m', '30s'],
    ['2562047h', '2562047h'],
  ])('%p is a whole number of milliseconds and becomes %p', (timeout, written) => {
    expect(route({ ...canary, timeout }, 'major-1').timeout).toBe(written);
  });

  test('hash cookie options left out give a session cookie', () => {
    expect(find(render({ ...canary, loadBalancer: LoadBalancer.hashByCookie('user', undefined) }), 'DestinationRule').spec.trafficPolicy)
      .toEqual({ loadBalancer: { consistentHash: { httpCookie: { name: 'user', ttl: '0s' } } } });
  });
});
