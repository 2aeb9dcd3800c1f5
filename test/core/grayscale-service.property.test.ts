import * as fc from 'fast-check';
import {
  GrayscaleServiceProps, LoadBalancer, MeshlightValidationError, renderGrayscaleService, RuleProps, VersionProps,
} from '../../lib/core/internal';
import { anyValue, FUZZ_RUNS } from '../support/fuzz';
import { istioValidator } from '../support/validate';

/** Whole numbers that add up to 100, one per part. */
const weightsFor = (parts: number): fc.Arbitrary<number[]> =>
  fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: parts - 1, maxLength: parts - 1 })
    .map((cuts) => {
      const bounds = [0, ...cuts.sort((a, b) => a - b), 100];
      return bounds.slice(1).map((b, i) => b - bounds[i]);
    });

/** A major with 1 to 4 minor versions whose weights add up to 100. */
const major = (n: number): fc.Arbitrary<VersionProps[]> =>
  fc.integer({ min: 1, max: 4 }).chain((count) => weightsFor(count).map((weights) =>
    weights.map((weight, minor) => ({ version: `${n}.${minor}`, weight, image: `ghcr.io/example/app:${n}.${minor}` }))));

const validProps: fc.Arbitrary<GrayscaleServiceProps> = fc
  .uniqueArray(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 3 })
  .chain((majors) => fc.tuple(...majors.map(major)))
  .map((groups) => groups.flat())
  .chain((versions) => fc.record({
    grouping: fc.constant('major' as const),
    versions: fc.shuffledSubarray(versions, { minLength: versions.length, maxLength: versions.length }),
    rules: fc.array(
      fc.record({ version: fc.constantFrom(...versions.map((v) => v.version)), value: fc.stringMatching(/^[a-z0-9]{1,8}$/) }),
      { maxLength: 3 },
    ).map((rules): RuleProps[] => rules.map((r, i) => ({ version: r.version, match: { headers: { [`x-rule-${i}`]: r.value } } }))),
  }));

function render(props: GrayscaleServiceProps) {
  return renderGrayscaleService(props, { path: 'prop/svc', defaultName: 'svc' }).manifests;
}

describe('GrayscaleService properties', () => {
  test('any valid props render objects a cluster accepts, with exactly the declared split per major', () => {
    fc.assert(fc.property(validProps, (props) => {
      const out = render(props);
      expect(istioValidator().validateAll(out)).toEqual([]);
      const http = (out.find((m) => m.kind === 'VirtualService') as any).spec.http;
      const majors = new Set(props.versions.map((v) => v.version.split('.')[0]));
      for (const m of majors) {
        const declared = Object.fromEntries(props.versions.filter((v) => v.version.split('.')[0] === m && v.weight! > 0).map((v) => [v.version, v.weight]));
        const route = http.find((r: any) => r.name === `major-${m}`);
        const served = Object.fromEntries(route.route.map((d: any) => [d.headers.response.set['x-meshlight-version'], d.weight ?? 100]));
        expect(served).toEqual(declared);
      }
      expect(http.slice(0, props.rules!.length).map((r: any) => r.name)).toEqual(props.rules!.map((_, i) => `rule-${i + 1}`));
    }), { numRuns: 500 });
  });

  test('the order versions are declared in does not change the output', () => {
    fc.assert(fc.property(validProps, (props) => {
      const reversed = { ...props, versions: [...props.versions].reverse() };
      expect(JSON.stringify(render(reversed))).toEqual(JSON.stringify(render(props)));
    }), { numRuns: 100 });
  });

  test('weights of a major that do not add up to 100 are always reported, never rendered', () => {
    fc.assert(fc.property(validProps, fc.integer({ min: 1, max: 50 }), (props, delta) => {
      const versions = props.versions.map((v, i) => (i === 0 ? { ...v, weight: ((v.weight ?? 100) + delta) % 101 } : v));
      fc.pre(versions[0].weight !== props.versions[0].weight);
      expect(() => render({ ...props, versions })).toThrow(MeshlightValidationError);
    }), { numRuns: 200 });
  });

  test('arbitrary input gives output or a MeshlightValidationError, never a crash', () => {
    // Governance options: an object of arbitrary fields, or anything at all.
    const options = (...fields: string[]) => fc.oneof(
      fc.record(Object.fromEntries(fields.map((f) => [f, fc.oneof(anyValue(), fc.constantFrom('1s', '250ms', 3, 50, 0))])), { requiredKeys: [] }),
      anyValue(),
    );
    const loadBalancer = fc.oneof(
      fc.constantFrom(LoadBalancer.roundRobin(), LoadBalancer.leastRequest(), LoadBalancer.random(), LoadBalancer.hashBySourceIp()),
      fc.tuple(anyValue(), anyValue()).map(([name, opts]) => LoadBalancer.hashByCookie(name as string, opts as never)),
      anyValue().map((name) => LoadBalancer.hashByHeader(name as string)),
      anyValue(),
    );
    const version = fc.record({
      version: fc.oneof(fc.string(), fc.constantFrom('1.0', '1.1', 'v2', '2.0'), anyValue()),
      weight: fc.oneof(fc.integer({ min: -5, max: 105 }), anyValue()),
      image: fc.oneof(fc.constant('ghcr.io/example/app:1'), anyValue()),
      labels: anyValue(), env: anyValue(), replicas: anyValue(),
      connectionPool: options('maxConnections', 'maxPendingRequests', 'maxRequestsPerConnection'),
      circuitBreaker: options('consecutive5xxErrors', 'interval', 'baseEjectionTime', 'maxEjectionPercent'), loadBalancer,
    }, { requiredKeys: [] });
    const match = fc.record({
      headers: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), anyValue())), anyValue()),
      query: anyValue(),
      cookies: fc.oneof(fc.dictionary(fc.string(), fc.string()), anyValue()),
      from: fc.oneof(fc.record({ labels: anyValue(), namespace: anyValue() }), anyValue()),
    }, { requiredKeys: [] });
    const rule = fc.record({
      version: fc.oneof(fc.constantFrom('1.0', '1.1', '2.0'), anyValue()),
      match: fc.oneof(match, anyValue()), anyOf: fc.oneof(fc.array(match), anyValue()), name: anyValue(),
      fault: fc.oneof(fc.record({ delay: options('duration', 'percent'), abort: options('status', 'percent') }, { requiredKeys: [] }), anyValue()),
    }, { requiredKeys: [] });
    const routing = fc.record({ path: anyValue(), rewrite: anyValue(), host: anyValue() }, { requiredKeys: [] });
    const anyProps = fc.record({
      name: anyValue(), namespace: anyValue(), port: anyValue(), containerPort: anyValue(),
      protocol: anyValue(), grouping: fc.oneof(fc.constantFrom('all', 'major'), anyValue()),
      versionHeader: anyValue(), clusterDomain: anyValue(), defaultMajor: anyValue(),
      routing: fc.oneof(fc.constantFrom('versions', 'none'), anyValue()),
      existing: fc.oneof(fc.record({ service: fc.oneof(fc.constant(true), fc.record({ selector: anyValue() }), anyValue()), serviceAccount: anyValue() }, { requiredKeys: [] }), anyValue()),
      versions: fc.oneof(fc.array(fc.oneof(version, anyValue()), { maxLength: 4 }), anyValue()),
      rules: fc.oneof(fc.array(fc.oneof(rule, anyValue()), { maxLength: 3 }), anyValue()),
      majors: fc.oneof(fc.dictionary(fc.constantFrom('1', '2', '3'), fc.oneof(routing, anyValue())), anyValue()),
      timeout: fc.oneof(fc.constantFrom('5s', '1.5s', '0s', '1h'), anyValue()), retries: options('attempts', 'perTryTimeout', 'retryOn'),
      connectionPool: options('maxConnections', 'maxPendingRequests', 'maxRequestsPerConnection'),
      circuitBreaker: options('consecutive5xxErrors', 'interval', 'baseEjectionTime', 'maxEjectionPercent'), loadBalancer,
      mirror: options('version', 'percent'), rateLimit: options('requests', 'per', 'burst'), stickyVersions: anyValue(),
      telemetry: fc.oneof(fc.record({ accessLogging: fc.oneof(fc.boolean(), options('provider', 'filter')), tracing: options('samplePercent', 'provider') }, { requiredKeys: [] }), anyValue()),
    }, { requiredKeys: [] });
    fc.assert(fc.property(anyProps, (props) => {
      try {
        render(props as unknown as GrayscaleServiceProps);
      } catch (e) {
        expect(e).toBeInstanceOf(MeshlightValidationError);
      }
    }), { numRuns: FUZZ_RUNS });
  });
});
