import { ProblemCollector, quote } from './errors';
import { checkKnownFields, fieldsOf } from './fields';
import { Manifest, MANAGED_BY_LABEL, sortedRecord } from './manifest';
import { isDnsLabel } from './names';
import { checkObject, planPercent } from './traffic-policy';

/**
 * Where and which requests are access-logged.
 * @see https://istio.io/latest/docs/reference/config/telemetry/#AccessLogging
 */
export interface AccessLoggingProps {
  /**
   * The access log provider, one of the mesh config's extension providers (Telemetry `accessLogging.providers`).
   * @default 'envoy' (the sidecar's standard output)
   * @see https://istio.io/latest/docs/reference/config/telemetry/#AccessLogging
   */
  readonly provider?: string;

  /**
   * A CEL expression; only requests for which it is true are logged (`accessLogging.filter.expression`), e.g.
   * `'response.code >= 400'`.
   * @default - every request
   * @see https://istio.io/latest/docs/tasks/observability/logs/telemetry-api/#get-started-with-telemetry-api
   */
  readonly filter?: string;
}

/**
 * How many requests are traced.
 * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
 */
export interface TracingProps {
  /**
   * Percentage of requests traced, from 0 to 100 (Telemetry `tracing.randomSamplingPercentage`), e.g. 1 or 0.1.
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
   */
  readonly samplePercent: number;

  /**
   * The tracing provider, one of the mesh config's extension providers (`tracing.providers`).
   * @default - the mesh's default tracing provider
   * @see https://istio.io/latest/docs/reference/config/telemetry/#Tracing
   */
  readonly provider?: string;
}

/**
 * Access logging and tracing, through Istio's Telemetry API.
 * @see https://istio.io/latest/docs/tasks/observability/telemetry/
 */
export interface TelemetryProps {
  /**
   * Access logging (Telemetry `accessLogging`): `true` logs every request to the sidecar's standard output, `false`
   * turns logging off, or options choose the provider and filter.
   * @default - as the namespace or mesh says
   * @see https://istio.io/latest/docs/tasks/observability/logs/telemetry-api/
   */
  readonly accessLogging?: boolean | AccessLoggingProps;

  /**
   * Tracing sampling (Telemetry `tracing`).
   * @default - as the namespace or mesh says
   * @see https://istio.io/latest/docs/tasks/observability/distributed-tracing/telemetry-api/
   */
  readonly tracing?: TracingProps;
}

/** Props of a namespace-wide Telemetry. */
export interface NamespaceTelemetryProps extends TelemetryProps {
  /**
   * The namespace whose workloads it applies to (Telemetry `metadata.namespace`).
   * @see https://istio.io/latest/docs/reference/config/telemetry/
   */
  readonly namespace: string;

  /**
   * Name of the Telemetry; Istio expects one namespace-wide Telemetry per namespace.
   * @default 'default'
   * @see https://istio.io/latest/docs/reference/config/telemetry/
   */
  readonly name?: string;
}

/** The access log provider Istio ships: the sidecar's standard output. */
export const DEFAULT_ACCESS_LOG_PROVIDER = 'envoy';

const PROVIDER_NAME = /^\S+$/;

// The fields each props interface declares, for reporting misspelt ones.
const ACCESS_LOGGING_FIELDS = fieldsOf<AccessLoggingProps>({ provider: true, filter: true });
const TRACING_FIELDS = fieldsOf<TracingProps>({ samplePercent: true, provider: true });
const TELEMETRY_FIELDS = fieldsOf<TelemetryProps>({ accessLogging: true, tracing: true });
const NAMESPACE_TELEMETRY_FIELDS = fieldsOf<NamespaceTelemetryProps>({
  namespace: true, name: true, accessLogging: true, tracing: true,
});

function checkProvider(problems: ProblemCollector, field: string, value: unknown): value is string | undefined {
  if (value === undefined || (typeof value === 'string' && PROVIDER_NAME.test(value))) {
    return true;
  }
  problems.add(field, value, 'is not a provider name', 'use the name of one of the mesh config\'s extensionProviders, such as "envoy"');
  return false;
}

function planAccessLogging(problems: ProblemCollector, field: string, raw: unknown): Record<string, unknown>[] | undefined {
  if (raw === false) {
    return [{ disabled: true }];
  }
  if (raw === true) {
    return [{ providers: [{ name: DEFAULT_ACCESS_LOG_PROVIDER }] }];
  }
  if (!checkObject(problems, field, raw, '{ filter: "response.code >= 400" }, or true')) {
    return undefined;
  }
  checkKnownFields(problems, field, raw, ACCESS_LOGGING_FIELDS, 'access logging settings');
  const okProvider = checkProvider(problems, `${field}.provider`, raw.provider);
  const provider = raw.provider === undefined ? DEFAULT_ACCESS_LOG_PROVIDER : raw.provider;
  const filter = raw.filter;
  if (filter !== undefined && (typeof filter !== 'string' || filter.trim() === '')) {
    problems.add(`${field}.filter`, filter, 'is not a CEL expression', 'write a condition such as "response.code >= 400", or leave filter out to log every request');
    return undefined;
  }
  if (!okProvider) {
    return undefined;
  }
  return [filter === undefined ? { providers: [{ name: provider }] } : { filter: { expression: filter }, providers: [{ name: provider }] }];
}

function planTracing(problems: ProblemCollector, field: string, raw: unknown): Record<string, unknown>[] | undefined {
  if (!checkObject(problems, field, raw, '{ samplePercent: 1 }')) {
    return undefined;
  }
  const misspelt = checkKnownFields(problems, field, raw, TRACING_FIELDS, 'tracing settings');
  if (raw.samplePercent === undefined) {
    // A misspelt field (say samplePercentage) is already reported, and is most likely what is missing.
    if (!misspelt) problems.add(`${field}.samplePercent`, undefined, 'is missing', 'give the percentage of requests to trace, e.g. samplePercent: 1');
    return undefined;
  }
  const percent = planPercent(problems, `${field}.samplePercent`, raw.samplePercent, 100);
  if (!checkProvider(problems, `${field}.provider`, raw.provider) || percent === undefined) {
    return undefined;
  }
  return [raw.provider === undefined ? { randomSamplingPercentage: percent } : { providers: [{ name: raw.provider }], randomSamplingPercentage: percent }];
}

/**
 * Validates telemetry props, naming their fields under `prefix` (empty for top-level props, whose other fields
 * `known` lists), and returns the Telemetry spec fields they set (`accessLogging`, `tracing`), or undefined when
 * absent or invalid.
 */
export function planTelemetry(
  problems: ProblemCollector, prefix: string, raw: unknown, known: readonly string[] = TELEMETRY_FIELDS, what = 'telemetry settings',
): Record<string, unknown> | undefined {
  const under = (name: string): string => (prefix === '' ? name : `${prefix}.${name}`);
  if (raw === undefined || !checkObject(problems, prefix, raw, '{ accessLogging: true, tracing: { samplePercent: 1 } }')) {
    return undefined;
  }
  const misspelt = checkKnownFields(problems, prefix, raw, known, what);
  if (raw.accessLogging === undefined && raw.tracing === undefined) {
    if (!misspelt) problems.add(prefix === '' ? 'props' : prefix, raw, 'sets neither accessLogging nor tracing', 'give accessLogging, tracing or both');
    return undefined;
  }
  const spec: Record<string, unknown> = {};
  if (raw.accessLogging !== undefined) {
    spec.accessLogging = planAccessLogging(problems, under('accessLogging'), raw.accessLogging);
  }
  if (raw.tracing !== undefined) {
    spec.tracing = planTracing(problems, under('tracing'), raw.tracing);
  }
  return spec;
}

/** A Telemetry (`telemetry.istio.io/v1`) with the given metadata and spec, keys in a fixed order. */
export function telemetryManifest(metadata: Manifest['metadata'], spec: Record<string, unknown>): Manifest {
  return { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata, spec: sortedRecord(spec) };
}

/**
 * Renders the namespace-wide Telemetry: access logging and tracing sampling for every workload in the namespace
 * (no selector). Throws MeshlightValidationError when the props are invalid, naming `context.path` (by default the
 * namespace).
 * @see https://istio.io/latest/docs/reference/config/telemetry/
 */
export function renderNamespaceTelemetry(props: NamespaceTelemetryProps, context?: { readonly path?: string }): Manifest {
  const given: unknown = (props as { namespace?: unknown } | null | undefined)?.namespace;
  const path = typeof context?.path === 'string' ? context.path : typeof given === 'string' && given !== '' ? given : 'Telemetry';
  const problems = new ProblemCollector(path);
  if (!checkObject(problems, 'props', props, '{ namespace: "shop", accessLogging: true }')) {
    problems.throwIfAny();
  }
  const input = props as Partial<NamespaceTelemetryProps>;
  const namespace = input.namespace;
  if (namespace === undefined) {
    problems.add('namespace', namespace, 'is missing', 'give the namespace whose workloads it applies to, such as "shop"');
  } else if (typeof namespace !== 'string' || !isDnsLabel(namespace)) {
    problems.add('namespace', namespace, 'is not a namespace name (DNS-1123 label)', 'give the namespace, such as "shop"');
  }
  const name = input.name === undefined ? 'default' : input.name;
  if (typeof name !== 'string' || !isDnsLabel(name)) {
    problems.add('name', name, 'is not a valid Telemetry name (DNS-1123 label)', `use a name such as ${quote('default')}`);
  }
  const spec = planTelemetry(problems, '', input, NAMESPACE_TELEMETRY_FIELDS, 'namespace telemetry props');
  problems.throwIfAny();
  return telemetryManifest({ name, namespace, labels: sortedRecord({ ...MANAGED_BY_LABEL }) }, spec!);
}
