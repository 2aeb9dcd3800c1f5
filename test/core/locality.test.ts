// Locality-aware load balancing: what a GrayscaleService's `locality` becomes in the DestinationRule, what it refuses,
// and that whatever it accepts a cluster accepts too.
import * as fc from 'fast-check';
import {
  GrayscaleServiceProps, LoadBalancer, Locality, Manifest, MeshlightValidationError, renderGrayscaleService,
} from '../../lib/core/internal';
import { istiodProblems } from '../../lib/validation';
import { expectProblem, validationErrorOf } from '../support/errors';
import { FUZZ_RUNS } from '../support/fuzz';
import { findObject as find } from '../support/manifests';
import { clusterProblemsOfAll, istioValidator } from '../support/validate';

const IMAGE = 'ghcr.io/example/app:1';
const versions = [{ version: '1.0', weight: 90, image: IMAGE }, { version: '1.1', weight: 10, image: IMAGE }];

function render(props: Partial<GrayscaleServiceProps>): Manifest[] {
  return [...renderGrayscaleService({ versions, ...props }, { path: 'app/svc', defaultName: 'svc' }).manifests];
}

function policyOf(props: Partial<GrayscaleServiceProps>): any {
  return find(render(props), 'DestinationRule').spec.trafficPolicy;
}

function errorOf(props: Record<string, unknown>): MeshlightValidationError {
  return validationErrorOf(() => renderGrayscaleService({ versions, ...props } as GrayscaleServiceProps, { path: 'app/svc', defaultName: 'svc' }));
}

describe('locality', () => {
  test('failover between regions lands in loadBalancer.localityLbSetting, beside the circuit breaker it needs', async () => {
    const props = { circuitBreaker: {}, locality: { failover: [{ from: 'us-east1', to: 'us-west1' }, { from: 'us-west1', to: 'us-east1' }] } };
    expect(policyOf(props)).toEqual({
      loadBalancer: { localityLbSetting: { failover: [{ from: 'us-east1', to: 'us-west1' }, { from: 'us-west1', to: 'us-east1' }] } },
      outlierDetection: {},
    });
    expect(await clusterProblemsOfAll(render(props))).toEqual([]);
  });

  test('it sits beside a simple or consistent-hash load balancer in the same loadBalancer', () => {
    expect(policyOf({ circuitBreaker: {}, loadBalancer: LoadBalancer.hashByHeader('x-user'), locality: 'nearest' }).loadBalancer).toEqual({
      consistentHash: { httpHeaderName: 'x-user' }, localityLbSetting: { enabled: true },
    });
    expect(policyOf({ loadBalancer: LoadBalancer.roundRobin(), locality: 'off' }).loadBalancer).toEqual({
      localityLbSetting: { enabled: false }, simple: 'ROUND_ROBIN',
    });
  });

  test('a version\'s own loadBalancer, which replaces the service\'s whole, keeps the service\'s locality', async () => {
    const props = {
      versions: [{ ...versions[0], loadBalancer: LoadBalancer.random() }, versions[1]],
      circuitBreaker: {}, locality: { failoverPriority: ['topology.istio.io/network', 'topology.kubernetes.io/region'] },
    };
    const rule = find(render(props), 'DestinationRule').spec;
    const setting = { failoverPriority: ['topology.istio.io/network', 'topology.kubernetes.io/region'] };
    expect(rule.trafficPolicy.loadBalancer).toEqual({ localityLbSetting: setting });
    expect(rule.subsets[0].trafficPolicy.loadBalancer).toEqual({ localityLbSetting: setting, simple: 'RANDOM' });
    expect(rule.subsets[1].trafficPolicy).toBeUndefined();
    expect(await clusterProblemsOfAll(render(props))).toEqual([]);
  });

  test('distribute shares requests by percentage and needs no circuit breaker; localities are written in a stable order', () => {
    const locality: Locality = { distribute: [{ from: 'us-east1/*', to: { 'us-west1/*': 20, 'us-east1/us-east1-b': 30, 'us-east1/us-east1-a': 50 } }, { from: '*', to: { 'us-west1': 100 } }] };
    expect(policyOf({ locality }).loadBalancer.localityLbSetting).toEqual({
      distribute: [{ from: 'us-east1/*', to: { 'us-east1/us-east1-a': 50, 'us-east1/us-east1-b': 30, 'us-west1/*': 20 } }, { from: '*', to: { 'us-west1': 100 } }],
    });
    expect(istioValidator().validateAll(render({ locality }))).toEqual([]);
  });

  test('without locality, the output is what it was: circuitBreaker alone sets no localityLbSetting', () => {
    expect(policyOf({ circuitBreaker: { consecutive5xxErrors: 3 } })).toEqual({ outlierDetection: { consecutive5xxErrors: 3 } });
  });

  test('with routing "none" and a sole version, the Service host\'s policy carries it', () => {
    const rule = find(render({ routing: 'none', versionHeader: false, versions: [{ version: '1.0', image: IMAGE }], locality: 'off' }), 'DestinationRule');
    expect(rule.spec).toEqual({ host: 'svc.default.svc.cluster.local', trafficPolicy: { loadBalancer: { localityLbSetting: { enabled: false } } } });
  });

  describe.each<[string, Record<string, unknown>, string, string]>([
    ['failover without circuitBreaker', { locality: { failover: [{ from: 'us-east1', to: 'us-west1' }] } }, 'locality', 'but circuitBreaker is not set'],
    ['nearest without circuitBreaker', { locality: 'nearest' }, 'locality', 'but circuitBreaker is not set'],
    ['failoverPriority without circuitBreaker', { locality: { failoverPriority: ['topology.kubernetes.io/zone'] } }, 'locality', 'but circuitBreaker is not set'],
    ['a word it does not know', { locality: 'closest' }, 'locality', 'is not a locality setting'],
    ['a misspelt field', { locality: { failOver: [] } }, 'locality.failOver', 'did you mean "failover"?'],
    ['nothing set', { locality: {} }, 'locality', 'sets nothing'],
    ['failover and distribute together', { circuitBreaker: {}, locality: { failover: [{ from: 'a', to: 'b' }], distribute: [{ from: 'a', to: { b: 100 } }] } }, 'locality', 'sets failover and distribute, of which Istio takes one'],
    ['an empty failover list', { circuitBreaker: {}, locality: { failover: [] } }, 'locality.failover', 'is not a non-empty list'],
    ['a failover to the same region', { circuitBreaker: {}, locality: { failover: [{ from: 'us-east1', to: 'us-east1' }] } }, 'locality.failover[0].to', 'is the region failed over from'],
    ['a failover from a zone', { circuitBreaker: {}, locality: { failover: [{ from: 'us-east1/us-east1-a', to: 'us-west1' }] } }, 'locality.failover[0].from', 'is not a region'],
    ['a failover to any region', { circuitBreaker: {}, locality: { failover: [{ from: 'us-east1', to: '*' }] } }, 'locality.failover[0].to', 'is not a region'],
    ['a region failing over twice', { circuitBreaker: {}, locality: { failover: [{ from: 'a', to: 'b' }, { from: 'a', to: 'c' }] } }, 'locality.failover[1].from', 'already fails over to another region'],
    ['a failover priority that is no label', { circuitBreaker: {}, locality: { failoverPriority: ['not a label'] } }, 'locality.failoverPriority[0]', 'is not a label key'],
    ['a failover priority label given twice', { circuitBreaker: {}, locality: { failoverPriority: ['topology.istio.io/network', 'topology.istio.io/network=n1'] } }, 'locality.failoverPriority[1]', 'orders by label "topology.istio.io/network" again'],
    ['percentages that do not add up to 100', { locality: { distribute: [{ from: 'a', to: { b: 60, c: 30 } }] } }, 'locality.distribute[0].to', 'add up to 90, not 100'],
    ['a percentage of 0, which Istio refuses', { locality: { distribute: [{ from: 'a', to: { b: 100, c: 0 } }] } }, 'locality.distribute[0].to["c"]', 'is not a whole number from 1 to 100'],
    ['a wildcard inside a locality', { locality: { distribute: [{ from: 'us-*', to: { b: 100 } }] } }, 'locality.distribute[0].from', 'is not a locality'],
    ['an empty part', { locality: { distribute: [{ from: 'a//c', to: { b: 100 } }] } }, 'locality.distribute[0].from', 'is not a locality'],
    ['overlapping destinations', { locality: { distribute: [{ from: 'a', to: { 'b/*': 50, 'b/z': 50 } }] } }, 'locality.distribute[0].to["b/z"]', 'shares its place with "b/*"'],
    ['overlapping callers', { locality: { distribute: [{ from: 'a/z', to: { b: 100 } }, { from: 'a', to: { b: 100 } }] } }, 'locality.distribute[1].from', 'shares its place with "a/z"'],
    ['a version-level locality', { versions: [{ ...versions[0], locality: 'off' }, versions[1]] }, 'versions[0].locality', 'is not a field of a version'],
  ])('refuses %s', (_, props, field, message) => {
    test('naming the field, with a fix, rendering nothing', () => {
      expectProblem(errorOf(props), 'app/svc', field, message, true);
    });
  });

  test('the validator (istiod\'s rules) refuses what meshlight refuses, so the checks above are Istio\'s', () => {
    const rule = (setting: unknown) => ({
      apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'svc', namespace: 'default' },
      spec: { host: 'svc.default.svc.cluster.local', trafficPolicy: { loadBalancer: { localityLbSetting: setting }, outlierDetection: {} } },
    });
    expect(istiodProblems(rule({ failover: [{ from: 'a', to: 'a' }] }))).toHaveLength(1);
    expect(istiodProblems(rule({ failover: [{ from: 'a', to: 'b' }], distribute: [{ from: 'a', to: { b: 100 } }] }))).toHaveLength(1);
    expect(istiodProblems(rule({ distribute: [{ from: 'a', to: { b: 60, c: 30 } }] }))).toHaveLength(1);
    expect(istiodProblems(rule({ distribute: [{ from: 'a', to: { b: 100, c: 0 } }] }))).toHaveLength(1);
    expect(istiodProblems(rule({ distribute: [{ from: 'a', to: { 'b/*': 50, 'b/z': 50 } }] }))).toHaveLength(1);
    expect(istiodProblems(rule({ distribute: [{ from: 'a/*/c', to: { b: 100 } }] }))).toHaveLength(1);
    expect(istiodProblems(rule({ failover: [{ from: 'a', to: 'b' }], failoverPriority: ['topology.kubernetes.io/zone'] }))).toHaveLength(1);
    expect(istiodProblems(rule({ failover: [{ from: 'a/z', to: 'b*' }] }))).toHaveLength(2);
    expect(istiodProblems(rule({ distribute: [{ from: 'a/*', to: { 'b/z/s': 50, 'b/y': 50 } }] }))).toEqual([]);
  });
});

// Localities as nodes' topology labels give them: a region, a zone, a subzone, or `*` for any at the end.
const part = fc.stringMatching(/^[a-z][a-z0-9-]{0,6}[a-z0-9]$/);
const locality = fc.oneof(
  fc.constant('*'),
  fc.array(part, { minLength: 1, maxLength: 3 }).chain((parts) => fc.boolean().map((star) => (star && parts.length < 3 ? [...parts, '*'] : parts).join('/'))),
);
const percentages = (count: number): fc.Arbitrary<number[]> => fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: count - 1, maxLength: count - 1 })
  .map((cuts) => {
    const bounds = [0, ...cuts.sort((a, b) => a - b), 100];
    return bounds.slice(1).map((b, i) => b - bounds[i]);
  });
const anyLocality: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('nearest', 'off', 'closest'),
  fc.record({ failover: fc.array(fc.record({ from: fc.oneof(part, locality), to: fc.oneof(part, locality) }), { maxLength: 3 }) }),
  fc.record({ failoverPriority: fc.array(fc.oneof(fc.constantFrom('topology.kubernetes.io/region', 'topology.istio.io/network=n1', 'Bad Label'), part), { maxLength: 3 }) }),
  fc.record({
    distribute: fc.array(fc.integer({ min: 1, max: 3 }).chain((n) => fc.record({
      from: locality,
      to: fc.tuple(fc.uniqueArray(locality, { minLength: n, maxLength: n }), fc.oneof(percentages(n), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: n, maxLength: n })))
        .map(([places, weights]) => Object.fromEntries(places.map((p, i) => [p, weights[i]]))),
    })), { maxLength: 3 }),
  }),
);

describe('locality properties', () => {
  test('any locality meshlight accepts renders a DestinationRule the validator accepts; any it refuses, it refuses with problems', () => {
    let accepted = 0;
    fc.assert(fc.property(anyLocality, fc.boolean(), (given, circuitBreaker) => {
      let out: Manifest[];
      try {
        out = render({ locality: given as Locality, ...(circuitBreaker ? { circuitBreaker: {} } : {}) });
      } catch (e) {
        expect(e).toBeInstanceOf(MeshlightValidationError);
        expect((e as MeshlightValidationError).problems.length).toBeGreaterThan(0);
        return;
      }
      accepted++;
      expect(istioValidator().validateAll(out)).toEqual([]);
    }), { numRuns: FUZZ_RUNS });
    expect(accepted).toBeGreaterThan(FUZZ_RUNS / 10);
  });
});
