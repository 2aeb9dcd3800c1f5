import { DurationLike, planDuration, protobufDuration } from './duration';
import { ProblemCollector } from './errors';
import { checkKnownFields, fieldsOf } from './fields';
import { checkObject, planWholeNumber } from './traffic-policy';

/**
 * Throttling: each pod of the service accepts at most `requests` requests per `per`, answering 429 beyond that,
 * through Envoy's local rate limit filter (a token bucket in each pod's sidecar, so the service as a whole accepts
 * up to that many times its pod count).
 * @see https://istio.io/latest/docs/tasks/policy-enforcement/rate-limit/#local-rate-limit
 */
export interface RateLimitProps {
  /**
   * Requests each pod accepts per interval: the tokens added to the bucket each interval (EnvoyFilter
   * `token_bucket.tokens_per_fill`).
   * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/type/v3/token_bucket.proto
   */
  readonly requests: number;

  /**
   * The interval, at least 50ms (`token_bucket.fill_interval`), e.g. `'1s'` or `Duration.minutes(1)`.
   * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/type/v3/token_bucket.proto
   */
  readonly per: DurationLike;

  /**
   * Most requests accepted at once after a quiet spell: the size of the bucket (`token_bucket.max_tokens`); at least
   * `requests`.
   * @default - the same as `requests`
   * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/type/v3/token_bucket.proto
   */
  readonly burst?: number;
}

/** A validated token bucket. */
export interface TokenBucket {
  readonly maxTokens: number;
  readonly tokensPerFill: number;
  readonly fillIntervalMillis: number;
}

const UINT32_MAX = 4_294_967_295;
// Envoy refuses a fill interval under 50ms ("local rate limit token bucket fill timer must be >= 50ms").
const MIN_FILL_INTERVAL_MILLIS = 50;

const RATE_LIMIT_FIELDS = fieldsOf<RateLimitProps>({ requests: true, per: true, burst: true });

/** The HTTP filter Envoy runs the token bucket in. */
export const LOCAL_RATE_LIMIT_FILTER = 'envoy.filters.http.local_ratelimit';

/** The response header the filter adds to every request it refuses, so a 429 says where it came from. */
export const RATE_LIMITED_HEADER = 'x-local-rate-limit';

/** Validates `rateLimit` props and returns the token bucket, or undefined after recording problems. */
export function planRateLimit(problems: ProblemCollector, raw: unknown): TokenBucket | undefined {
  if (raw === undefined || !checkObject(problems, 'rateLimit', raw, '{ requests: 100, per: "1s" }')) {
    return undefined;
  }
  const before = problems.count;
  // A misspelt field (say interval) is already reported, and is most likely the required one that is missing.
  const misspelt = checkKnownFields(problems, 'rateLimit', raw, RATE_LIMIT_FIELDS, 'a rate limit');
  if (raw.requests === undefined && !misspelt) {
    problems.add('rateLimit.requests', undefined, 'is missing', 'give the requests each pod accepts per interval, e.g. requests: 100');
  }
  if (raw.per === undefined && !misspelt) {
    problems.add('rateLimit.per', undefined, 'is missing', 'give the interval, at least 50ms, e.g. per: "1s"');
  }
  const requests = raw.requests === undefined ? undefined : planWholeNumber(problems, 'rateLimit.requests', raw.requests, 1, UINT32_MAX, 'the requests per interval', 100);
  const per = raw.per === undefined ? undefined : planDuration(problems, 'rateLimit.per', raw.per, { min: MIN_FILL_INTERVAL_MILLIS });
  const burst = raw.burst === undefined ? requests : planWholeNumber(problems, 'rateLimit.burst', raw.burst, 1, UINT32_MAX, 'the bucket size', 200);
  if (burst !== undefined && requests !== undefined && burst < requests) {
    problems.add('rateLimit.burst', burst, `is smaller than requests (${requests}), so the bucket could never hold the tokens one interval adds`, `set burst to at least ${requests}, or leave it out`);
    return undefined;
  }
  if (requests === undefined || per === undefined || burst === undefined || problems.count !== before) {
    return undefined;
  }
  return { maxTokens: burst, tokensPerFill: requests, fillIntervalMillis: per };
}

function fullPercent(runtimeKey: string): Record<string, unknown> {
  return { default_value: { denominator: 'HUNDRED', numerator: 100 }, runtime_key: runtimeKey };
}

/**
 * The EnvoyFilter spec that puts a token bucket in front of the selected pods' inbound HTTP traffic on
 * `containerPort`, just before the router (after authentication and authorization, so refused callers spend no
 * tokens).
 */
export function renderLocalRateLimitSpec(selector: Readonly<Record<string, string>>, containerPort: number, bucket: TokenBucket): Record<string, unknown> {
  return {
    configPatches: [{
      applyTo: 'HTTP_FILTER',
      match: {
        context: 'SIDECAR_INBOUND',
        listener: {
          filterChain: {
            filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } },
          },
          portNumber: containerPort,
        },
      },
      patch: {
        operation: 'INSERT_BEFORE',
        value: {
          name: LOCAL_RATE_LIMIT_FILTER,
          typed_config: {
            '@type': 'type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit',
            // Both flags default to 0% in Envoy: without them the filter would neither count nor refuse.
            filter_enabled: fullPercent('local_rate_limit_enabled'),
            filter_enforced: fullPercent('local_rate_limit_enforced'),
            response_headers_to_add: [{ append_action: 'OVERWRITE_IF_EXISTS_OR_ADD', header: { key: RATE_LIMITED_HEADER, value: 'true' } }],
            stat_prefix: 'http_local_rate_limiter',
            token_bucket: {
              fill_interval: protobufDuration(bucket.fillIntervalMillis),
              max_tokens: bucket.maxTokens,
              tokens_per_fill: bucket.tokensPerFill,
            },
          },
        },
      },
    }],
    workloadSelector: { labels: { ...selector } },
  };
}
