// The two duration syntaxes meshlight writes, read as their consumers read them and independent of lib/core/duration.ts:
// Istio's fields (Go's time.ParseDuration, which istiod and the CRDs' CEL rules use) and Envoy's own configuration
// inside an EnvoyFilter (the protobuf JSON form of google.protobuf.Duration). Exact: nanoseconds as bigints.

const NANOS: Readonly<Record<string, bigint>> = {
  h: 3_600_000_000_000n, m: 60_000_000_000n, s: 1_000_000_000n, ms: 1_000_000n, us: 1_000n, 'µs': 1_000n, 'μs': 1_000n, ns: 1n,
};
const NANOS_PER_MILLI = 1_000_000n;

/** Go's time.ParseDuration syntax, unsigned: `0`, or one or more `<decimal><unit>` components. */
export const GO_DURATION = /^(0|(([0-9]+(\.[0-9]*)?|\.[0-9]+)(h|ms|m|s|us|µs|μs|ns))+)$/;

/** google.protobuf.Duration in JSON, unsigned: whole seconds, up to nine fraction digits, then `s`. */
export const PROTOBUF_JSON_DURATION = /^([0-9]+)(\.([0-9]{1,9}))?s$/;

function toMillis(nanos: bigint, text: string): number {
  if (nanos % NANOS_PER_MILLI !== 0n) throw new Error(`${JSON.stringify(text)} is not a whole number of milliseconds`);
  return Number(nanos / NANOS_PER_MILLI);
}

/** The milliseconds of a Go duration string, as istiod reads it; throws when it is not one. */
export function millisOfGoDuration(text: string): number {
  if (!GO_DURATION.test(text)) throw new Error(`${JSON.stringify(text)} is not a Go duration`);
  if (text === '0') return 0;
  let nanos = 0n;
  for (const [, number, , , unit] of text.matchAll(/(([0-9]+(\.[0-9]*)?|\.[0-9]+))(h|ms|m|s|us|µs|μs|ns)/g)) {
    const [whole, fraction = ''] = number.split('.');
    const scale = 10n ** BigInt(fraction.length);
    const scaled = BigInt(whole || '0') * scale + BigInt(fraction || '0');
    if ((scaled * NANOS[unit]) % scale !== 0n) throw new Error(`${JSON.stringify(text)} is finer than a nanosecond`);
    nanos += (scaled * NANOS[unit]) / scale;
  }
  return toMillis(nanos, text);
}

/** The milliseconds of a protobuf JSON duration, as Envoy reads it; throws when it is not one. */
export function millisOfProtobufDuration(text: string): number {
  const m = PROTOBUF_JSON_DURATION.exec(text);
  if (m === null) throw new Error(`${JSON.stringify(text)} is not a protobuf JSON duration`);
  const nanos = BigInt(m[1]) * NANOS.s + BigInt((m[3] ?? '').padEnd(9, '0') || '0');
  return toMillis(nanos, text);
}
