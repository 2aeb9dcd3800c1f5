// Durations survive the trip from props to the proxy: whatever whole number of milliseconds a user gives comes back,
// exactly, when istiod (Go syntax) or Envoy (protobuf JSON) reads what meshlight wrote.
import * as fc from 'fast-check';
import { Duration } from 'cdk8s';
import { istioDuration, Manifest, planDuration, ProblemCollector, protobufDuration, renderGrayscaleService } from '../../lib/core/internal';
import { GO_DURATION, millisOfGoDuration, millisOfProtobufDuration, PROTOBUF_JSON_DURATION } from '../support/duration';
import { FUZZ_RUNS } from '../support/fuzz';
import { findObject as find } from '../support/manifests';

// Go's time.Duration holds 2^63-1 nanoseconds: about 9.2e12 milliseconds.
const MAX_MILLIS = 9_223_372_036_854;

/** Whole milliseconds, weighted towards the short ones whose fraction of a second has leading zeros (50ms, 5ms). */
const millis = fc.oneof(
  fc.integer({ min: 0, max: 999 }),
  fc.integer({ min: 0, max: 100_000 }),
  fc.integer({ min: 0, max: 86_400_000 }),
  fc.integer({ min: 0, max: MAX_MILLIS }),
);

describe('Istio durations (VirtualService timeouts, retries, DestinationRule intervals)', () => {
  test('are Go durations that istiod reads back as the same milliseconds', () => {
    fc.assert(fc.property(millis, (ms) => {
      const written = istioDuration(ms);
      expect(written).toMatch(GO_DURATION);
      expect(millisOfGoDuration(written)).toBe(ms);
    }), { numRuns: FUZZ_RUNS });
  });

  test('are read back by meshlight\'s own props parser as the same milliseconds, so a rendered value is valid input', () => {
    fc.assert(fc.property(millis, (ms) => {
      const problems = new ProblemCollector('app/svc');
      expect(planDuration(problems, 'timeout', istioDuration(ms), { min: 0 })).toBe(ms);
      expect(problems.list).toEqual([]);
    }), { numRuns: FUZZ_RUNS });
  });

  test.each([[50, '50ms'], [1500, '1500ms'], [90_000, '90s'], [7_200_000, '2h'], [0, '0s']])('%d ms is written %s', (ms, written) => {
    expect(istioDuration(ms)).toBe(written);
  });
});

describe('Envoy durations (inside an EnvoyFilter patch)', () => {
  test('are protobuf JSON durations that Envoy reads back as the same milliseconds', () => {
    fc.assert(fc.property(millis, (ms) => {
      const written = protobufDuration(ms);
      expect(written).toMatch(PROTOBUF_JSON_DURATION);
      expect(millisOfProtobufDuration(written)).toBe(ms);
    }), { numRuns: FUZZ_RUNS });
  });

  test.each([[50, 0.05], [5, 0.005], [1050, 1.05], [250, 0.25], [60_000, 60]])('%d ms is %d seconds to Envoy', (ms, seconds) => {
    expect(millisOfProtobufDuration(protobufDuration(ms))).toBe(ms);
    expect(Number(protobufDuration(ms).slice(0, -1))).toBe(seconds);
  });
});

describe('a rate limit refills its bucket as often as the user asked', () => {
  function bucketOf(per: string | Duration, requests = 10): { fillMillis: number; tokensPerFill: number } {
    const out: Manifest[] = [...renderGrayscaleService(
      { name: 'svc', versions: [{ version: '1.0', image: 'ghcr.io/example/app:1' }], rateLimit: { requests, per } }, { path: 'app/svc', defaultName: 'svc' },
    ).manifests];
    const bucket = (find(out, 'EnvoyFilter') as any).spec.configPatches[0].patch.value.typed_config.token_bucket;
    return { fillMillis: millisOfProtobufDuration(bucket.fill_interval), tokensPerFill: bucket.tokens_per_fill };
  }

  test.each<[string, number, string | Duration]>([
    ['"50ms", the shortest Envoy allows', 50, '50ms'],
    ['"75ms"', 75, '75ms'],
    ['"1.05s"', 1050, '1.05s'],
    ['"1s"', 1000, '1s'],
    ['Duration.millis(60)', 60, Duration.millis(60)],
    ['Duration.minutes(1)', 60_000, Duration.minutes(1)],
  ])('per %s: Envoy adds the tokens every %d ms', (_, expected, per) => {
    expect(bucketOf(per).fillMillis).toBe(expected);
  });

  test('10 requests per 50ms lets a pod serve 200 requests a second', () => {
    const { fillMillis, tokensPerFill } = bucketOf('50ms', 10);
    expect((tokensPerFill * 1000) / fillMillis).toBe(200);
  });
});
