import { ProblemCollector, quote } from './errors';

/**
 * A length of time: a string such as `'1.5s'`, `'250ms'` or `'1h30m'` (Go duration syntax, as Istio writes it), or
 * any object with `toMilliseconds()`, such as cdk8s `Duration.seconds(2)`. Istio keeps durations to whole
 * milliseconds, so finer values are rejected.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
 */
export type DurationLike = string | { toMilliseconds(opts?: { integral?: boolean }): number };

/** The bounds a duration field accepts, in milliseconds. */
export interface DurationBounds {
  /** The shortest accepted value. @default 1 (Istio's CRDs reject anything under 1ms) */
  readonly min?: number;
}

const NANOS_PER_UNIT: Readonly<Record<string, bigint>> = {
  'h': 3_600_000_000_000n,
  'm': 60_000_000_000n,
  's': 1_000_000_000n,
  'ms': 1_000_000n,
  'us': 1_000n,
  'µs': 1_000n,
  'ns': 1n,
};
const NANOS_PER_MILLI = 1_000_000n;
const FRACTION_DIGITS = 9;
const COMPONENT = /([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(h|ms|m|s|us|µs|ns)/y;
// Istio reads durations with Go's time.ParseDuration (the Kubernetes API server's CEL rules and istiod alike), so
// the longest is Go's time.Duration: 2^63-1 nanoseconds, about 292 years.
const MAX_MILLIS = 9_223_372_036_854;
const MAX_HOURS = Math.floor(MAX_MILLIS / 3_600_000);
const HOW_TO_WRITE = 'write a string such as "1.5s", "250ms" or "1m30s", or a cdk8s Duration such as Duration.seconds(2)';

/**
 * The whole milliseconds of a Go duration string, or why it is not one: `syntax`, `sub-millisecond` when it has a
 * finer part, `too-long` beyond MAX_MILLIS. Exact: computed in nanoseconds with integers, never in floating point.
 */
function millisOfString(text: string): number | 'syntax' | 'sub-millisecond' | 'too-long' {
  if (text === '0') {
    return 0;
  }
  if (text === '') {
    return 'syntax';
  }
  // Scaled by 10^9 so that up to nine fraction digits stay whole numbers.
  let scaled = 0n;
  let finer = false;
  let at = 0;
  while (at < text.length) {
    COMPONENT.lastIndex = at;
    const m = COMPONENT.exec(text);
    if (m === null) {
      return 'syntax';
    }
    const [whole, written = ''] = m[1].split('.');
    // Trailing zeros add nothing ("1.0000000000s" is one second); digits past the ninth that are not zeros are
    // finer than a nanosecond, so finer than a millisecond too.
    const fraction = written.replace(/0+$/, '');
    if (fraction.length > FRACTION_DIGITS) {
      finer = true;
    }
    const digits = BigInt(`${whole}${fraction.slice(0, FRACTION_DIGITS).padEnd(FRACTION_DIGITS, '0')}` || '0');
    scaled += digits * NANOS_PER_UNIT[m[2]];
    at = COMPONENT.lastIndex;
  }
  const perMilli = NANOS_PER_MILLI * 10n ** BigInt(FRACTION_DIGITS);
  if (scaled / perMilli > BigInt(MAX_MILLIS)) {
    return 'too-long';
  }
  if (finer || scaled % perMilli !== 0n) {
    return 'sub-millisecond';
  }
  return Number(scaled / perMilli);
}

function millisOfObject(value: { toMilliseconds(opts?: { integral?: boolean }): number }): number | undefined {
  try {
    const millis = value.toMilliseconds({ integral: false });
    return typeof millis === 'number' ? millis : undefined;
  } catch {
    return undefined;
  }
}

function isDurationObject(value: unknown): value is { toMilliseconds(opts?: { integral?: boolean }): number } {
  return typeof value === 'object' && value !== null && typeof (value as { toMilliseconds?: unknown }).toMilliseconds === 'function';
}

/**
 * Validates a DurationLike and returns it in whole milliseconds, or undefined after recording a problem: not a
 * duration, finer than a millisecond, longer than Istio holds, or shorter than `bounds.min`.
 */
export function planDuration(problems: ProblemCollector, field: string, value: unknown, bounds: DurationBounds = {}): number | undefined {
  const min = bounds.min ?? 1;
  let millis: number | 'syntax' | 'sub-millisecond' | 'too-long';
  let shown: unknown = value;
  let roundedExample = '"2ms" or "1.5s"';
  if (typeof value === 'string') {
    millis = millisOfString(value.trim() === value ? value : '');
  } else if (isDurationObject(value)) {
    const length = millisOfObject(value);
    // A cdk8s Duration is shown by its length; NaN has none ("NaNms" would say nothing).
    shown = length === undefined ? value : Number.isFinite(length) ? `${length}ms` : `a Duration of ${length} milliseconds`;
    roundedExample = `Duration.millis(${Math.max(1, Math.round(length ?? 1))})`;
    millis = length === undefined || Number.isNaN(length) || length < 0 ? 'syntax'
      : length > MAX_MILLIS ? 'too-long'
        : Number.isInteger(length) ? length : 'sub-millisecond';
  } else {
    millis = 'syntax';
  }
  if (millis === 'syntax') {
    problems.add(field, shown, 'is not a duration', HOW_TO_WRITE);
    return undefined;
  }
  if (millis === 'sub-millisecond') {
    problems.add(field, shown, 'is finer than a millisecond; Istio keeps durations to whole milliseconds', `round it to whole milliseconds, e.g. ${roundedExample}`);
    return undefined;
  }
  if (millis === 'too-long') {
    problems.add(field, shown, 'is longer than the most Istio holds, about 292 years (Go\'s time.Duration)', `use at most ${quote(`${MAX_HOURS}h`)}`);
    return undefined;
  }
  if (millis < min) {
    problems.add(field, shown, `is shorter than ${istioDuration(min)}, the least this field accepts`, `use at least ${quote(istioDuration(min))}`);
    return undefined;
  }
  return millis;
}

/**
 * Writes whole milliseconds as an Istio duration string in the largest unit that holds it exactly:
 * `2h`, `90s`, `1500ms`, `0s`.
 */
export function istioDuration(millis: number): string {
  if (millis === 0) return '0s';
  if (millis % 3_600_000 === 0) return `${millis / 3_600_000}h`;
  if (millis % 60_000 === 0) return `${millis / 60_000}m`;
  if (millis % 1_000 === 0) return `${millis / 1_000}s`;
  return `${millis}ms`;
}

/**
 * Writes whole milliseconds in the protobuf JSON form Envoy's own configuration requires (seconds with a fraction,
 * `0.25s`, `60s`), for durations inside an EnvoyFilter patch.
 */
export function protobufDuration(millis: number): string {
  const seconds = Math.trunc(millis / 1000);
  const rest = millis % 1000;
  return rest === 0 ? `${seconds}s` : `${seconds}.${String(rest).padStart(3, '0').replace(/0+$/, '')}s`;
}
