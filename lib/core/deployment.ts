import { DurationLike, planDuration } from './duration';
import { Problem, ProblemCollector, quote } from './errors';
import { checkKnownFields, fieldsOf, isRecord } from './fields';
import { MANAGED_BY_LABEL, Manifest, sortedRecord } from './manifest';
import { checkLabelMap, isDnsLabel, isDnsSubdomain, isLabelKey, isLabelValue } from './names';
import { checkObject, planWholeNumber } from './traffic-policy';

// The Deployment, HorizontalPodAutoscaler and PodDisruptionBudget of a version meshlight deploys: the `workload`
// props, their checks, and their rendering. Secure defaults hold unless a named field loosens them.

/**
 * CPU, memory and ephemeral storage of a container, as Kubernetes quantities (`"250m"`, `"512Mi"`, `"1Gi"`).
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 */
export interface ResourceQuantities {
  /**
   * CPU, in cores or millicores, e.g. `"250m"` or `"1"` (container `resources.*.cpu`).
   * @default - none
   */
  readonly cpu?: string;
  /**
   * Memory, e.g. `"512Mi"` (container `resources.*.memory`).
   * @default - none
   */
  readonly memory?: string;
  /**
   * Local ephemeral storage, e.g. `"1Gi"` (container `resources.*.ephemeral-storage`).
   * @default - none
   */
  readonly ephemeralStorage?: string;
}

/**
 * What the container asks for and may use (container `resources`).
 * @see https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
 */
export interface ResourcesProps {
  /**
   * What the scheduler reserves for the container (`resources.requests`).
   * @default - none
   */
  readonly requests?: ResourceQuantities;
  /**
   * The most the container may use (`resources.limits`); each must be at least its request.
   * @default - none
   */
  readonly limits?: ResourceQuantities;
}

/** An HTTP GET a probe sends (probe `httpGet`). */
export interface HttpProbeTarget {
  /** Path of the request, e.g. `/healthz`. */
  readonly path: string;
  /**
   * Port number, or the name of a container port (the protocol's name for the service port, or a key of `ports`).
   * @default - the service's containerPort
   */
  readonly port?: number | string;
  /**
   * `HTTP` or `HTTPS`.
   * @default 'HTTP'
   */
  readonly scheme?: 'HTTP' | 'HTTPS';
}

/** A TCP connection a probe opens (probe `tcpSocket`). */
export interface TcpProbeTarget {
  /**
   * Port number, or the name of a container port.
   * @default - the service's containerPort
   */
  readonly port?: number | string;
}

/**
 * How often and how patiently a probe checks. Durations are whole seconds, as Kubernetes counts them.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */
export interface ProbeTiming {
  /**
   * Wait after the container starts before the first check (`initialDelaySeconds`).
   * @default - none (Kubernetes: 0s)
   */
  readonly initialDelay?: DurationLike;
  /**
   * Time between checks (`periodSeconds`).
   * @default - Kubernetes's (10s)
   */
  readonly period?: DurationLike;
  /**
   * Time a check may take (`timeoutSeconds`).
   * @default - Kubernetes's (1s)
   */
  readonly timeout?: DurationLike;
  /**
   * Failed checks in a row that count as failure (`failureThreshold`).
   * @default - Kubernetes's (3)
   */
  readonly failureThreshold?: number;
  /**
   * Successful checks in a row that count as success after a failure (`successThreshold`); 1 for liveness and startup probes.
   * @default - Kubernetes's (1)
   */
  readonly successThreshold?: number;
}

/** A probe that sends an HTTP GET: `{ http: { path: '/healthz' } }`. */
export interface HttpProbe extends ProbeTiming {
  /** The request. */
  readonly http: HttpProbeTarget;
  readonly tcp?: never;
  readonly command?: never;
}

/** A probe that opens a TCP connection: `{ tcp: { port: 8080 } }`. */
export interface TcpProbe extends ProbeTiming {
  /** The connection. */
  readonly tcp: TcpProbeTarget;
  readonly http?: never;
  readonly command?: never;
}

/** A probe that runs a command in the container, healthy when it exits 0: `{ command: ['pg_isready'] }`. */
export interface CommandProbe extends ProbeTiming {
  /** The command and its arguments (probe `exec.command`). */
  readonly command: readonly string[];
  readonly http?: never;
  readonly tcp?: never;
}

/**
 * A container probe, as cdk8s-plus writes them: exactly one of `http`, `tcp` or `command`, with its timing.
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/
 */
export type ProbeProps = HttpProbe | TcpProbe | CommandProbe;

/** An environment value read from a key of a Secret (`valueFrom.secretKeyRef`). */
export interface SecretKeyValue {
  /** Name of the Secret, in the service's namespace. */
  readonly secret: string;
  /** The key in it. */
  readonly key: string;
  /**
   * Start the container without the variable when the Secret or key is missing.
   * @default false
   */
  readonly optional?: boolean;
  readonly configMap?: never;
}

/** An environment value read from a key of a ConfigMap (`valueFrom.configMapKeyRef`). */
export interface ConfigMapKeyValue {
  /** Name of the ConfigMap, in the service's namespace. */
  readonly configMap: string;
  /** The key in it. */
  readonly key: string;
  /**
   * Start the container without the variable when the ConfigMap or key is missing.
   * @default false
   */
  readonly optional?: boolean;
  readonly secret?: never;
}

/** An environment variable's value: a string, or a key of a Secret or ConfigMap. */
export type EnvValue = string | SecretKeyValue | ConfigMapKeyValue;

/** Every key of a Secret or a ConfigMap as environment variables (container `envFrom`). */
export interface EnvFromProps {
  /** Name of the Secret. Give this or `configMap`. */
  readonly secret?: string;
  /** Name of the ConfigMap. Give this or `secret`. */
  readonly configMap?: string;
  /**
   * Prefix of every variable's name.
   * @default - none
   */
  readonly prefix?: string;
  /**
   * Start the container when the Secret or ConfigMap is missing.
   * @default false
   */
  readonly optional?: boolean;
}

/** A scratch directory that lives as long as the pod (volume `emptyDir`). */
export interface EmptyDirProps {
  /**
   * Keep it in memory (tmpfs, counted as the container's memory) instead of on the node's disk.
   * @default false
   */
  readonly memory?: boolean;
  /**
   * The most it may hold, e.g. `"1Gi"`.
   * @default - no limit of its own
   */
  readonly sizeLimit?: string;
}

/**
 * A volume mounted in the container: exactly one of `emptyDir`, `configMap`, `secret` or `persistentVolumeClaim`.
 * @see https://kubernetes.io/docs/concepts/storage/volumes/
 */
export interface VolumeProps {
  /** Absolute path where the container sees it (`volumeMounts.mountPath`); not `/tmp`, which meshlight mounts. */
  readonly mountPath: string;
  /** A scratch directory. */
  readonly emptyDir?: EmptyDirProps;
  /** Name of a ConfigMap whose keys become files. */
  readonly configMap?: string;
  /** Name of a Secret whose keys become files. */
  readonly secret?: string;
  /** Name of a PersistentVolumeClaim. */
  readonly persistentVolumeClaim?: string;
  /**
   * Mount it read-only (`volumeMounts.readOnly`). ConfigMap and Secret volumes are read-only whatever it says.
   * @default - true for configMap and secret, false otherwise
   */
  readonly readOnly?: boolean;
  /**
   * A path inside the volume to mount instead of its root (`volumeMounts.subPath`).
   * @default - the volume's root
   */
  readonly subPath?: string;
}

/**
 * Lets pods run on nodes with a matching taint (pod `tolerations`).
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
 */
export interface TolerationProps {
  /**
   * The taint's key; leave it out with operator `Exists` to tolerate every taint.
   * @default - every key
   */
  readonly key?: string;
  /**
   * `Equal` (the taint's value must be `value`) or `Exists` (any value).
   * @default 'Equal'
   */
  readonly operator?: 'Equal' | 'Exists';
  /**
   * The taint's value, with operator `Equal`.
   * @default - the empty value
   */
  readonly value?: string;
  /**
   * The taint effect tolerated.
   * @default - every effect
   */
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/**
 * Spreads the version's pods across a topology, such as zones (pod `topologySpreadConstraints`, selecting the
 * version's own pods).
 * @see https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/
 */
export interface TopologySpreadProps {
  /** The node label whose values are the domains, e.g. `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
  /**
   * The most the number of pods may differ between two domains.
   * @default 1
   */
  readonly maxSkew?: number;
  /**
   * `DoNotSchedule` leaves a pod pending rather than skew more; `ScheduleAnyway` only prefers spreading.
   * @default 'ScheduleAnyway'
   */
  readonly whenUnsatisfiable?: 'DoNotSchedule' | 'ScheduleAnyway';
}

/**
 * A HorizontalPodAutoscaler (`autoscaling/v2`) of the version's Deployment, scaling on CPU or memory utilization
 * (relative to the container's requests, which must be set). The Deployment then sets no `replicas`.
 * @see https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
 */
export interface AutoscalingProps {
  /**
   * The fewest replicas.
   * @default 1
   */
  readonly minReplicas?: number;
  /** The most replicas. */
  readonly maxReplicas: number;
  /**
   * Target average CPU use, in percent of the CPU request.
   * @default - 80 when memoryUtilization is not set either, else none
   */
  readonly cpuUtilization?: number;
  /**
   * Target average memory use, in percent of the memory request.
   * @default - none
   */
  readonly memoryUtilization?: number;
}

/**
 * A PodDisruptionBudget (`policy/v1`) of the version's pods: exactly one of `minAvailable` or `maxUnavailable`, each
 * a number of pods or a percentage such as `"50%"`. One that would never let a pod be evicted is refused: it blocks
 * node drains.
 * @see https://kubernetes.io/docs/tasks/run-application/configure-pdb/
 */
export interface DisruptionBudgetProps {
  /** Pods that must stay available during a voluntary disruption. */
  readonly minAvailable?: number | string;
  /** Pods that may be unavailable during a voluntary disruption. */
  readonly maxUnavailable?: number | string;
}

/**
 * How meshlight runs a version it deploys: resources, probes, environment, volumes, ports, scaling, disruption
 * budget, scheduling, and each loosening of the secure pod defaults by name. Given on the service, it is every
 * deployed version's default; given on a version, it completes the service's field by field (a map field, such as
 * `env`, `volumes`, `nodeSelector` or `resources`, entry by entry).
 */
export interface WorkloadProps {
  /**
   * CPU and memory requests and limits of the container (container `resources`).
   * @default - none
   */
  readonly resources?: ResourcesProps;

  /**
   * Whether a pod may receive traffic (container `readinessProbe`). A version with weight that has none gets a
   * warning at synth: its pods get requests before they are ready.
   * @default - none
   */
  readonly readinessProbe?: ProbeProps;

  /**
   * Whether the container must be restarted (container `livenessProbe`).
   * @default - none
   */
  readonly livenessProbe?: ProbeProps;

  /**
   * Holds the other probes off until the container has started (container `startupProbe`).
   * @default - none
   */
  readonly startupProbe?: ProbeProps;

  /**
   * Environment variables, plain or from Secrets and ConfigMaps (container `env`); a version's own `env` completes them.
   * @default - none
   */
  readonly env?: Readonly<Record<string, EnvValue>>;

  /**
   * Every key of Secrets or ConfigMaps as environment variables (container `envFrom`).
   * @default - none
   */
  readonly envFrom?: readonly EnvFromProps[];

  /**
   * Volumes by name, each mounted in the container (pod `volumes`, container `volumeMounts`).
   * @default - none besides meshlight's emptyDir at /tmp
   */
  readonly volumes?: Readonly<Record<string, VolumeProps>>;

  /**
   * More container ports, by name (an IANA service name such as `metrics`), e.g. `{ metrics: 9090 }`; TCP.
   * @default - only the service's containerPort
   */
  readonly ports?: Readonly<Record<string, number>>;

  /**
   * A HorizontalPodAutoscaler of the Deployment, or `false` on a version to turn the service's off.
   * @default - none: the Deployment runs `replicas` pods
   */
  readonly autoscaling?: AutoscalingProps | false;

  /**
   * A PodDisruptionBudget of the version's pods, or `false` on a version to turn the service's off.
   * @default - none
   */
  readonly disruptionBudget?: DisruptionBudgetProps | false;

  /**
   * Secrets holding registry credentials for pulling the image (pod `imagePullSecrets`).
   * @default - none
   */
  readonly imagePullSecrets?: readonly string[];

  /**
   * Node labels the pods' node must have (pod `nodeSelector`).
   * @default - any node
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;

  /**
   * Taints the pods tolerate (pod `tolerations`).
   * @default - none
   */
  readonly tolerations?: readonly TolerationProps[];

  /**
   * How the version's pods spread across nodes, zones or other topologies (pod `topologySpreadConstraints`).
   * @default - none
   */
  readonly topologySpread?: readonly TopologySpreadProps[];

  /**
   * Loosening: let the container write to its root filesystem (container `readOnlyRootFilesystem: false`), for an
   * image that writes outside `/tmp` and its volumes.
   * @default false
   */
  readonly writableRootFilesystem?: boolean;

  /**
   * The user the container runs as (pod `runAsUser`), for an image built for a given UID; 0 needs `runAsRoot`.
   * @default 65532
   */
  readonly runAsUser?: number;

  /**
   * The primary group the container runs as (pod `runAsGroup`).
   * @default 65532
   */
  readonly runAsGroup?: number;

  /**
   * The group that owns mounted volumes (pod `fsGroup`), so a non-root user can write to a volume claim.
   * @default - none
   */
  readonly fsGroup?: number;

  /**
   * Loosening: run as root (pod `runAsNonRoot: false`, `runAsUser: 0`, `runAsGroup: 0`), for an image that cannot
   * run otherwise. Capabilities stay dropped and privilege escalation off.
   * @default false
   */
  readonly runAsRoot?: boolean;

  /**
   * Loosening: Linux capabilities added back after dropping all (container `capabilities.add`), e.g.
   * `['NET_BIND_SERVICE']`.
   * @default - none
   */
  readonly addCapabilities?: readonly string[];
}

/** What meshlight needs of the service to render a version's workload. */
export interface DeploymentOwner {
  /** Name of the service: of its ServiceAccount, and the prefix of each version's objects. */
  readonly name: string;
  readonly namespace: string;
  /** The service's container port, named after the protocol. */
  readonly containerPort: number;
  readonly protocol: string;
  /** The Service's selector; every version's pods carry it, and `version: <version>`. */
  readonly selector: Readonly<Record<string, string>>;
  /** The service account the pods run as. */
  readonly serviceAccount: string;
}

/** A version meshlight deploys, as its Deployment needs it. */
export interface DeployedVersion {
  readonly version: string;
  /** Subset name; the Deployment is `<service>-<subset>`. */
  readonly subset: string;
  readonly image?: string;
  readonly replicas: number;
  readonly env: Readonly<Record<string, string>>;
  /** The version's workload, service defaults applied; undefined renders meshlight's defaults. */
  readonly workload?: WorkloadPlan;
}

/** A Kubernetes object fragment, as rendered. */
type Json = Record<string, unknown>;

/** The workload of a version, resolved: every fragment ready to render, keys sorted. */
export interface WorkloadPlan {
  readonly resources?: Json;
  readonly readinessProbe?: Json;
  readonly livenessProbe?: Json;
  readonly startupProbe?: Json;
  /** Environment entries by name, from `workload.env` (the version's own `env` is added at render). */
  readonly env: Readonly<Record<string, Json>>;
  readonly envFrom?: readonly Json[];
  /** Each volume's pod entry and mount, by name. */
  readonly volumes: Readonly<Record<string, { readonly volume: Json; readonly mount: Json }>>;
  readonly ports: Readonly<Record<string, number>>;
  readonly autoscaling?: { readonly minReplicas: number; readonly maxReplicas: number; readonly cpu?: number; readonly memory?: number };
  readonly disruptionBudget?: Json;
  readonly imagePullSecrets?: readonly string[];
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly tolerations?: readonly Json[];
  readonly topologySpread?: readonly { readonly topologyKey: string; readonly maxSkew: number; readonly whenUnsatisfiable: string }[];
  readonly writableRootFilesystem: boolean;
  readonly runAsRoot: boolean;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly fsGroup?: number;
  readonly addCapabilities?: readonly string[];
}

/** One `workload` as written, checked: the fields it gives, each valid, and where it sits in the props. */
export interface WorkloadDraft {
  /** Where the workload sits: `workload` or `versions[<i>].workload`. */
  readonly at: string;
  readonly fields: Partial<Record<keyof WorkloadProps, unknown>>;
}

/** The pod user meshlight runs containers as unless told otherwise (distroless's `nonroot`). */
export const DEFAULT_RUN_AS = 65532;
const RESERVED_VOLUME = 'tmp';
const RESERVED_MOUNT = '/tmp';
const MAX_ID = 2147483647;

const WORKLOAD_FIELDS = fieldsOf<WorkloadProps>({
  resources: true, readinessProbe: true, livenessProbe: true, startupProbe: true, env: true, envFrom: true, volumes: true, ports: true,
  autoscaling: true, disruptionBudget: true, imagePullSecrets: true, nodeSelector: true, tolerations: true, topologySpread: true,
  writableRootFilesystem: true, runAsUser: true, runAsGroup: true, fsGroup: true, runAsRoot: true, addCapabilities: true,
});
// `privileged` is known only to be refused with its reason, not as a misspelling.
const WORKLOAD_FIELDS_READ = [...WORKLOAD_FIELDS, 'privileged'];
const RESOURCES_FIELDS = fieldsOf<ResourcesProps>({ requests: true, limits: true });
const QUANTITY_FIELDS = fieldsOf<ResourceQuantities>({ cpu: true, memory: true, ephemeralStorage: true });
const PROBE_FIELDS = fieldsOf<ProbeTiming & { http: unknown; tcp: unknown; command: unknown }>({
  http: true, tcp: true, command: true, initialDelay: true, period: true, timeout: true, failureThreshold: true, successThreshold: true,
});
const HTTP_FIELDS = fieldsOf<HttpProbeTarget>({ path: true, port: true, scheme: true });
const TCP_FIELDS = fieldsOf<TcpProbeTarget>({ port: true });
const KEY_VALUE_FIELDS = fieldsOf<{ secret: unknown; configMap: unknown; key: unknown; optional: unknown }>({ secret: true, configMap: true, key: true, optional: true });
const ENV_FROM_FIELDS = fieldsOf<EnvFromProps>({ secret: true, configMap: true, prefix: true, optional: true });
const VOLUME_FIELDS = fieldsOf<VolumeProps>({
  mountPath: true, emptyDir: true, configMap: true, secret: true, persistentVolumeClaim: true, readOnly: true, subPath: true,
});
const EMPTY_DIR_FIELDS = fieldsOf<EmptyDirProps>({ memory: true, sizeLimit: true });
const TOLERATION_FIELDS = fieldsOf<TolerationProps>({ key: true, operator: true, value: true, effect: true });
const SPREAD_FIELDS = fieldsOf<TopologySpreadProps>({ topologyKey: true, maxSkew: true, whenUnsatisfiable: true });
const AUTOSCALING_FIELDS = fieldsOf<AutoscalingProps>({ minReplicas: true, maxReplicas: true, cpuUtilization: true, memoryUtilization: true });
const BUDGET_FIELDS = fieldsOf<DisruptionBudgetProps>({ minAvailable: true, maxUnavailable: true });

// Kubernetes's resource.Quantity: a decimal number, then a binary (Ki..Ei) or decimal (m, k..E) suffix or an exponent.
const QUANTITY = /^\+?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const QUANTITY_SCALE: Readonly<Record<string, number>> = {
  '': 1, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
  'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50, 'Ei': 2 ** 60,
};
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
// An IANA service name, as a container port's name must be: at most 15 characters, a letter among them.
const PORT_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?!-))*[a-z0-9]$|^[a-z]$/;
const CAPABILITY = /^[A-Z][A-Z0-9_]*$/;

/** The value of a Kubernetes quantity, for comparing a request with its limit; undefined if it is not one. */
export function quantityValue(text: string): number | undefined {
  const m = QUANTITY.exec(text);
  if (m === null) return undefined;
  const suffix = m[3] ?? '';
  const scale = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : QUANTITY_SCALE[suffix];
  return Number(m[1]) * scale;
}

function checkQuantity(problems: ProblemCollector, field: string, value: unknown): value is string {
  if (typeof value === 'string' && quantityValue(value) !== undefined && value.length <= 64) return true;
  problems.add(field, value, 'is not a Kubernetes quantity', 'write a quantity such as "250m" or "1" (CPU), "512Mi" or "1Gi" (memory and storage)');
  return false;
}

function checkBoolean(problems: ProblemCollector, field: string, value: unknown): value is boolean {
  if (typeof value === 'boolean') return true;
  problems.add(field, value, 'is not true or false', 'use true or false, or leave it out');
  return false;
}

function checkChoice<T extends string>(problems: ProblemCollector, field: string, value: unknown, choices: readonly T[]): value is T {
  if (choices.includes(value as T)) return true;
  problems.add(field, value, 'is not one of the values Kubernetes accepts here', `use one of ${quote(choices)}`);
  return false;
}

/** A name of an object in the namespace (Secret, ConfigMap, PersistentVolumeClaim). */
function checkObjectName(problems: ProblemCollector, field: string, value: unknown, kind: string): value is string {
  if (typeof value === 'string' && isDnsSubdomain(value)) return true;
  problems.add(field, value, `is not the name of a ${kind} (DNS-1123 subdomain)`, `use the ${kind}'s name as kubectl shows it, e.g. "app-settings"`);
  return false;
}

function checkStringList(problems: ProblemCollector, field: string, value: unknown, example: string): value is string[] {
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && v !== '')) return true;
  problems.add(field, value, 'is not a non-empty list of strings', `use a list such as ${example}`);
  return false;
}

function checkList(problems: ProblemCollector, field: string, value: unknown, example: string): value is unknown[] {
  if (Array.isArray(value)) return true;
  problems.add(field, value, 'is not a list', `use a list such as ${example}`);
  return false;
}

/** Reports a required field left out, unless a misspelt field (already reported) is most likely it. */
function checkRequired(problems: ProblemCollector, field: string, value: unknown, misspelt: boolean, fix: string): boolean {
  if (value !== undefined) return true;
  if (!misspelt) problems.add(field, undefined, 'is missing', fix);
  return false;
}

/** Checks that exactly one of `keys` is given in `raw`; returns it. */
function exactlyOne(problems: ProblemCollector, field: string, raw: Record<string, unknown>, keys: readonly string[], misspelt: boolean, example: string): string | undefined {
  const given = keys.filter((k) => raw[k] !== undefined);
  if (given.length === 1) return given[0];
  if (!(given.length === 0 && misspelt)) {
    problems.add(field, raw, `must have exactly one of ${keys.join(', ')}`, `give one of them, e.g. ${example}`);
  }
  return undefined;
}

function planResources(problems: ProblemCollector, field: string, raw: unknown): Json | undefined {
  if (!checkObject(problems, field, raw, '{ requests: { cpu: "100m", memory: "128Mi" } }')) return undefined;
  checkKnownFields(problems, field, raw, RESOURCES_FIELDS, 'resources');
  const out: Json = {};
  for (const kind of ['limits', 'requests'] as const) {
    const given = raw[kind];
    if (given === undefined) continue;
    if (!checkObject(problems, `${field}.${kind}`, given, '{ cpu: "100m", memory: "128Mi" }')) continue;
    checkKnownFields(problems, `${field}.${kind}`, given, QUANTITY_FIELDS, `resource ${kind}`);
    const quantities: Record<string, string> = {};
    for (const name of QUANTITY_FIELDS) {
      const value = given[name];
      if (value !== undefined && checkQuantity(problems, `${field}.${kind}.${name}`, value)) {
        quantities[name === 'ephemeralStorage' ? 'ephemeral-storage' : name] = value;
      }
    }
    out[kind] = sortedRecord(quantities);
  }
  return out;
}

/** The whole seconds of a probe's duration, or undefined after recording a problem. */
function probeSeconds(problems: ProblemCollector, field: string, value: unknown, min: number): number | undefined {
  const millis = planDuration(problems, field, value, { min: min * 1000 });
  if (millis === undefined) return undefined;
  if (millis % 1000 !== 0) {
    problems.add(field, value, 'is not a whole number of seconds, which Kubernetes counts probes in', `round it to seconds, e.g. "${Math.max(min, Math.round(millis / 1000))}s"`);
    return undefined;
  }
  return millis / 1000;
}

function planProbePort(problems: ProblemCollector, field: string, value: unknown, containerPort: number): number | string | undefined {
  if (value === undefined) return containerPort;
  if (typeof value === 'string') return value;
  return planWholeNumber(problems, field, value, 1, 65535, 'the port', 8080);
}

/** A probe as Kubernetes writes it; a named port is checked against the container's ports when they are known. */
function planProbe(problems: ProblemCollector, field: string, raw: unknown, kind: 'readiness' | 'liveness' | 'startup', containerPort: number): Json | undefined {
  if (!checkObject(problems, field, raw, '{ http: { path: "/healthz" } }')) return undefined;
  const misspelt = checkKnownFields(problems, field, raw, PROBE_FIELDS, 'a probe');
  const probe: Json = {};
  const how = exactlyOne(problems, field, raw, ['http', 'tcp', 'command'], misspelt, '{ http: { path: "/healthz" } }, { tcp: {} } or { command: ["cat", "/tmp/ready"] }');
  if (how === 'http' && checkObject(problems, `${field}.http`, raw.http, '{ path: "/healthz", port: 8080 }')) {
    const http = raw.http;
    const httpMisspelt = checkKnownFields(problems, `${field}.http`, http, HTTP_FIELDS, 'an HTTP probe');
    const get: Json = {};
    if (checkRequired(problems, `${field}.http.path`, http.path, httpMisspelt, 'give the path to request, e.g. path: "/healthz"')) {
      if (typeof http.path !== 'string' || !/^\/[^\s]*$/.test(http.path)) {
        problems.add(`${field}.http.path`, http.path, 'is not a URL path', 'use a path that starts with "/" and has no spaces, such as "/healthz"');
      } else {
        get.path = http.path;
      }
    }
    get.port = planProbePort(problems, `${field}.http.port`, http.port, containerPort);
    if (http.scheme !== undefined && checkChoice(problems, `${field}.http.scheme`, http.scheme, ['HTTP', 'HTTPS'])) get.scheme = http.scheme;
    probe.httpGet = get;
  } else if (how === 'tcp' && checkObject(problems, `${field}.tcp`, raw.tcp, '{ port: 8080 }')) {
    checkKnownFields(problems, `${field}.tcp`, raw.tcp, TCP_FIELDS, 'a TCP probe');
    probe.tcpSocket = { port: planProbePort(problems, `${field}.tcp.port`, raw.tcp.port, containerPort) };
  } else if (how === 'command' && checkStringList(problems, `${field}.command`, raw.command, '["cat", "/tmp/ready"]')) {
    probe.exec = { command: [...raw.command] };
  }
  const seconds: [keyof ProbeTiming, string, number][] = [['initialDelay', 'initialDelaySeconds', 0], ['period', 'periodSeconds', 1], ['timeout', 'timeoutSeconds', 1]];
  for (const [name, k8s, min] of seconds) {
    if (raw[name] !== undefined) probe[k8s] = probeSeconds(problems, `${field}.${name}`, raw[name], min);
  }
  if (raw.failureThreshold !== undefined) {
    probe.failureThreshold = planWholeNumber(problems, `${field}.failureThreshold`, raw.failureThreshold, 1, 1000, 'the failed checks in a row', 3);
  }
  if (raw.successThreshold !== undefined) {
    const success = planWholeNumber(problems, `${field}.successThreshold`, raw.successThreshold, 1, 1000, 'the successful checks in a row', 1);
    if (success !== undefined && success !== 1 && kind !== 'readiness') {
      problems.add(`${field}.successThreshold`, success, `must be 1 for a ${kind} probe (Kubernetes refuses any other)`, 'leave successThreshold out; only a readiness probe may ask for several successes');
    }
    probe.successThreshold = success;
  }
  return sortedRecord(probe);
}

function planEnvName(problems: ProblemCollector, field: string, name: string): boolean {
  if (ENV_NAME.test(name)) return true;
  problems.add(field, name, 'is not a valid environment variable name', 'use letters, digits, "_", "-" and "." not starting with a digit, such as "DATABASE_URL"');
  return false;
}

function planEnvValue(problems: ProblemCollector, field: string, raw: unknown): Json | undefined {
  if (typeof raw === 'string') return { value: raw };
  if (!checkObject(problems, field, raw, '"info", or { secret: "db", key: "password" }')) return undefined;
  const misspelt = checkKnownFields(problems, field, raw, KEY_VALUE_FIELDS, 'an environment value');
  const from = exactlyOne(problems, field, raw, ['secret', 'configMap'], misspelt, '{ secret: "db", key: "password" } or { configMap: "settings", key: "log-level" }');
  const kind = from === 'secret' ? 'Secret' : 'ConfigMap';
  const nameOk = from !== undefined && checkObjectName(problems, `${field}.${from}`, raw[from], kind);
  let keyOk = false;
  if (checkRequired(problems, `${field}.key`, raw.key, misspelt, 'give the key whose value the variable takes, e.g. key: "password"')) {
    keyOk = typeof raw.key === 'string' && raw.key.length <= 253 && CONFIG_KEY.test(raw.key);
    if (!keyOk) problems.add(`${field}.key`, raw.key, 'is not a key of a Secret or ConfigMap', 'use letters, digits, "-", "_" and ".", such as "password"');
  }
  const optionalOk = raw.optional === undefined || checkBoolean(problems, `${field}.optional`, raw.optional);
  if (!nameOk || !keyOk || !optionalOk) return undefined;
  const ref = sortedRecord({ key: raw.key, name: raw[from!], ...(raw.optional === undefined ? {} : { optional: raw.optional }) });
  return { valueFrom: from === 'secret' ? { secretKeyRef: ref } : { configMapKeyRef: ref } };
}

function planEnv(problems: ProblemCollector, field: string, raw: unknown): Record<string, Json> {
  const env: Record<string, Json> = {};
  if (!checkObject(problems, field, raw, '{ LOG_LEVEL: "info", DB_PASSWORD: { secret: "db", key: "password" } }')) return env;
  for (const [name, value] of Object.entries(raw)) {
    if (!planEnvName(problems, `${field}.${name}`, name)) continue;
    const planned = planEnvValue(problems, `${field}.${name}`, value);
    if (planned !== undefined) env[name] = planned;
  }
  return env;
}

function planEnvFrom(problems: ProblemCollector, field: string, raw: unknown): Json[] | undefined {
  if (!checkList(problems, field, raw, '[{ configMap: "settings" }, { secret: "credentials", prefix: "DB_" }]')) return undefined;
  return raw.flatMap((entry, i) => {
    const at = `${field}[${i}]`;
    if (!checkObject(problems, at, entry, '{ configMap: "settings" }')) return [];
    const misspelt = checkKnownFields(problems, at, entry, ENV_FROM_FIELDS, 'an envFrom source');
    const from = exactlyOne(problems, at, entry, ['secret', 'configMap'], misspelt, '{ secret: "credentials" } or { configMap: "settings" }');
    const nameOk = from !== undefined && checkObjectName(problems, `${at}.${from}`, entry[from], from === 'secret' ? 'Secret' : 'ConfigMap');
    const prefixOk = entry.prefix === undefined || (typeof entry.prefix === 'string' && planEnvName(problems, `${at}.prefix`, entry.prefix));
    if (entry.prefix !== undefined && typeof entry.prefix !== 'string') planEnvName(problems, `${at}.prefix`, String(entry.prefix));
    const optionalOk = entry.optional === undefined || checkBoolean(problems, `${at}.optional`, entry.optional);
    if (!nameOk || !prefixOk || !optionalOk) return [];
    const ref = entry.optional === undefined ? { name: entry[from!] } : { name: entry[from!], optional: entry.optional };
    const source: Json = from === 'secret' ? { secretRef: ref } : { configMapRef: ref };
    return [entry.prefix === undefined ? source : sortedRecord({ ...source, prefix: entry.prefix })];
  });
}

function planVolumes(problems: ProblemCollector, field: string, raw: unknown): Record<string, { volume: Json; mount: Json }> {
  const volumes: Record<string, { volume: Json; mount: Json }> = {};
  if (!checkObject(problems, field, raw, '{ cache: { mountPath: "/var/cache/app", emptyDir: {} } }')) return volumes;
  for (const [name, volume] of Object.entries(raw)) {
    const at = `${field}.${name}`;
    if (!isDnsLabel(name) || name === RESERVED_VOLUME) {
      problems.add(at, name, name === RESERVED_VOLUME ? 'is the name of the emptyDir meshlight mounts at /tmp' : 'is not a volume name (DNS-1123 label)', 'name the volume with lower-case letters, digits and "-", such as "cache"');
      continue;
    }
    if (!checkObject(problems, at, volume, '{ mountPath: "/var/cache/app", emptyDir: {} }')) continue;
    const misspelt = checkKnownFields(problems, at, volume, VOLUME_FIELDS, 'a volume');
    const source = exactlyOne(problems, at, volume, ['emptyDir', 'configMap', 'secret', 'persistentVolumeClaim'], misspelt, '{ mountPath: "/var/cache/app", emptyDir: {} } or { mountPath: "/etc/app", configMap: "app-settings" }');
    let ok = source !== undefined;
    const mount: Json = { name };
    if (checkRequired(problems, `${at}.mountPath`, volume.mountPath, misspelt, 'give the absolute path where the container sees the volume, e.g. mountPath: "/var/cache/app"')) {
      const path = volume.mountPath;
      if (typeof path !== 'string' || !path.startsWith('/') || path.split('/').includes('..') || path.replace(/\/+$/, '') === RESERVED_MOUNT) {
        problems.add(`${at}.mountPath`, path, path === RESERVED_MOUNT || path === `${RESERVED_MOUNT}/` ? 'is where meshlight mounts its own emptyDir' : 'is not an absolute path without ".."', 'mount it at another absolute path, such as "/var/cache/app"');
        ok = false;
      } else {
        mount.mountPath = path;
      }
    } else {
      ok = false;
    }
    if (volume.subPath !== undefined) {
      if (typeof volume.subPath !== 'string' || volume.subPath.startsWith('/') || volume.subPath.split('/').includes('..')) {
        problems.add(`${at}.subPath`, volume.subPath, 'is not a relative path without ".."', 'use a path inside the volume, such as "app.conf"');
        ok = false;
      } else {
        mount.subPath = volume.subPath;
      }
    }
    const readOnly = volume.readOnly === undefined ? source === 'configMap' || source === 'secret' : volume.readOnly;
    if (!checkBoolean(problems, `${at}.readOnly`, readOnly)) ok = false;
    if (readOnly === true) mount.readOnly = true;
    let pod: Json = { name };
    if (source === 'emptyDir' && checkObject(problems, `${at}.emptyDir`, volume.emptyDir, '{ sizeLimit: "1Gi" }')) {
      const dir = volume.emptyDir;
      checkKnownFields(problems, `${at}.emptyDir`, dir, EMPTY_DIR_FIELDS, 'an emptyDir');
      const spec: Json = {};
      if (dir.memory !== undefined && checkBoolean(problems, `${at}.emptyDir.memory`, dir.memory) && dir.memory) spec.medium = 'Memory';
      if (dir.sizeLimit !== undefined && checkQuantity(problems, `${at}.emptyDir.sizeLimit`, dir.sizeLimit)) spec.sizeLimit = dir.sizeLimit;
      pod = { emptyDir: sortedRecord(spec), name };
    } else if (source === 'configMap' && checkObjectName(problems, `${at}.configMap`, volume.configMap, 'ConfigMap')) {
      pod = { configMap: { name: volume.configMap }, name };
    } else if (source === 'secret' && checkObjectName(problems, `${at}.secret`, volume.secret, 'Secret')) {
      pod = { name, secret: { secretName: volume.secret } };
    } else if (source === 'persistentVolumeClaim' && checkObjectName(problems, `${at}.persistentVolumeClaim`, volume.persistentVolumeClaim, 'PersistentVolumeClaim')) {
      pod = { name, persistentVolumeClaim: sortedRecord({ claimName: volume.persistentVolumeClaim, ...(readOnly === true ? { readOnly: true } : {}) }) };
    } else {
      ok = false;
    }
    if (ok) volumes[name] = { volume: pod, mount: sortedRecord(mount) };
  }
  return volumes;
}

function planPorts(problems: ProblemCollector, field: string, raw: unknown): Record<string, number> {
  const ports: Record<string, number> = {};
  if (!checkObject(problems, field, raw, '{ metrics: 9090 }')) return ports;
  for (const [name, port] of Object.entries(raw)) {
    if (name.length > 15 || !PORT_NAME.test(name)) {
      problems.add(`${field}.${name}`, name, 'is not a port name (an IANA service name: at most 15 lower-case letters, digits and "-", with a letter)', 'use a name such as "metrics" or "admin"');
      continue;
    }
    const number = planWholeNumber(problems, `${field}.${name}`, port, 1, 65535, 'the container port', 9090);
    if (number !== undefined) ports[name] = number;
  }
  return ports;
}

function planAutoscaling(problems: ProblemCollector, field: string, raw: unknown): Json | false | undefined {
  if (raw === false) return false;
  if (!checkObject(problems, field, raw, '{ maxReplicas: 10, cpuUtilization: 70 }')) return undefined;
  const misspelt = checkKnownFields(problems, field, raw, AUTOSCALING_FIELDS, 'autoscaling');
  const minReplicas = raw.minReplicas === undefined ? 1 : planWholeNumber(problems, `${field}.minReplicas`, raw.minReplicas, 1, 10000, 'the fewest replicas', 2);
  const maxReplicas = checkRequired(problems, `${field}.maxReplicas`, raw.maxReplicas, misspelt, 'give the most replicas, e.g. maxReplicas: 10')
    ? planWholeNumber(problems, `${field}.maxReplicas`, raw.maxReplicas, 1, 10000, 'the most replicas', 10) : undefined;
  if (minReplicas !== undefined && maxReplicas !== undefined && maxReplicas < minReplicas) {
    problems.add(`${field}.maxReplicas`, maxReplicas, `is less than minReplicas (${minReplicas})`, `raise maxReplicas to at least ${minReplicas}, or lower minReplicas`);
  }
  const utilization = (name: string) => raw[name] === undefined ? undefined : planWholeNumber(problems, `${field}.${name}`, raw[name], 1, 1000, 'the target utilization in percent of the request', 70);
  const memory = utilization('memoryUtilization');
  const cpu = raw.cpuUtilization === undefined && raw.memoryUtilization === undefined ? 80 : utilization('cpuUtilization');
  if (minReplicas === undefined || maxReplicas === undefined) return undefined;
  return { minReplicas, maxReplicas, ...(cpu === undefined ? {} : { cpu }), ...(memory === undefined ? {} : { memory }) };
}

function planBudgetValue(problems: ProblemCollector, field: string, value: unknown): number | string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^(100|[1-9]?[0-9])%$/.test(value)) return value;
  problems.add(field, value, 'is not a whole number of pods or a percentage', 'use a number of pods such as 1, or a percentage such as "50%"');
  return undefined;
}

function planDisruptionBudget(problems: ProblemCollector, field: string, raw: unknown): Json | false | undefined {
  if (raw === false) return false;
  if (!checkObject(problems, field, raw, '{ maxUnavailable: 1 }')) return undefined;
  const misspelt = checkKnownFields(problems, field, raw, BUDGET_FIELDS, 'a disruption budget');
  const which = exactlyOne(problems, field, raw, ['minAvailable', 'maxUnavailable'], misspelt, '{ maxUnavailable: 1 } or { minAvailable: "50%" }');
  if (which === undefined) return undefined;
  const value = planBudgetValue(problems, `${field}.${which}`, raw[which]);
  return value === undefined ? undefined : { [which]: value };
}

function planTolerations(problems: ProblemCollector, field: string, raw: unknown): Json[] | undefined {
  if (!checkList(problems, field, raw, '[{ key: "dedicated", value: "payments", effect: "NoSchedule" }]')) return undefined;
  return raw.flatMap((entry, i) => {
    const at = `${field}[${i}]`;
    if (!checkObject(problems, at, entry, '{ key: "dedicated", value: "payments", effect: "NoSchedule" }')) return [];
    checkKnownFields(problems, at, entry, TOLERATION_FIELDS, 'a toleration');
    const before = problems.count;
    if (entry.key !== undefined && (typeof entry.key !== 'string' || !isLabelKey(entry.key))) {
      problems.add(`${at}.key`, entry.key, 'is not a taint key', 'use the key of the nodes\' taint, such as "dedicated" or "example.com/gpu"');
    }
    const operator = entry.operator === undefined ? 'Equal' : entry.operator;
    checkChoice(problems, `${at}.operator`, operator, ['Equal', 'Exists']);
    if (entry.value !== undefined && (typeof entry.value !== 'string' || !isLabelValue(entry.value))) {
      problems.add(`${at}.value`, entry.value, 'is not a taint value', 'use the value of the nodes\' taint, such as "payments"');
    }
    if (entry.effect !== undefined) checkChoice(problems, `${at}.effect`, entry.effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']);
    if (problems.count > before) return [];
    if ((operator === 'Exists' && entry.value !== undefined) || (operator === 'Equal' && entry.key === undefined)) {
      problems.add(at, entry, operator === 'Exists' ? 'sets a value, which operator "Exists" ignores' : 'has no key, which only operator "Exists" allows', 'use { key, value } to tolerate one taint value, { key, operator: "Exists" } for any value, or { operator: "Exists" } for every taint');
      return [];
    }
    return [sortedRecord({ ...entry, operator })];
  });
}

function planTopologySpread(problems: ProblemCollector, field: string, raw: unknown): Json[] | undefined {
  if (!checkList(problems, field, raw, '[{ topologyKey: "topology.kubernetes.io/zone" }]')) return undefined;
  return raw.flatMap((entry, i) => {
    const at = `${field}[${i}]`;
    if (!checkObject(problems, at, entry, '{ topologyKey: "topology.kubernetes.io/zone" }')) return [];
    const misspelt = checkKnownFields(problems, at, entry, SPREAD_FIELDS, 'a topology spread');
    let ok = true;
    if (checkRequired(problems, `${at}.topologyKey`, entry.topologyKey, misspelt, 'give the node label that names the domains, e.g. topologyKey: "topology.kubernetes.io/zone"')) {
      if (typeof entry.topologyKey !== 'string' || !isLabelKey(entry.topologyKey)) {
        problems.add(`${at}.topologyKey`, entry.topologyKey, 'is not a node label key', 'use a node label such as "topology.kubernetes.io/zone" or "kubernetes.io/hostname"');
        ok = false;
      }
    } else {
      ok = false;
    }
    const maxSkew = entry.maxSkew === undefined ? 1 : planWholeNumber(problems, `${at}.maxSkew`, entry.maxSkew, 1, 1000, 'the most the pod counts may differ', 1);
    const whenUnsatisfiable = entry.whenUnsatisfiable === undefined ? 'ScheduleAnyway' : entry.whenUnsatisfiable;
    ok = checkChoice(problems, `${at}.whenUnsatisfiable`, whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway']) && ok && maxSkew !== undefined;
    return ok ? [{ topologyKey: entry.topologyKey, maxSkew, whenUnsatisfiable }] : [];
  });
}

function planCapabilities(problems: ProblemCollector, field: string, raw: unknown): string[] | undefined {
  if (!checkStringList(problems, field, raw, '["NET_BIND_SERVICE"]')) return undefined;
  let ok = true;
  raw.forEach((cap, i) => {
    if (!CAPABILITY.test(cap) || cap === 'ALL' || cap.startsWith('CAP_')) {
      problems.add(`${field}[${i}]`, cap, cap === 'ALL' ? 'adds every capability, as good as privileged' : 'is not a capability name as Kubernetes writes it', `name each capability the image needs, upper-case without "CAP_", e.g. ${quote(cap.startsWith('CAP_') ? cap.slice(4) : 'NET_BIND_SERVICE')}`);
      ok = false;
    }
  });
  return ok ? [...new Set(raw)].sort() : undefined;
}

/**
 * Checks one `workload` as written (at `at`, `workload` or `versions[<i>].workload`) and returns the fields it gives,
 * each rendered to its Kubernetes fragment; the checks that need the service's and version's fields together are in
 * resolveWorkload. `containerPort` is the port probes default to.
 */
export function planWorkload(problems: ProblemCollector, at: string, raw: unknown, containerPort: number): WorkloadDraft {
  const fields: Partial<Record<keyof WorkloadProps, unknown>> = {};
  if (!checkObject(problems, at, raw, '{ resources: { requests: { cpu: "100m" } }, readinessProbe: { http: { path: "/healthz" } } }')) return { at, fields };
  checkKnownFields(problems, at, raw, WORKLOAD_FIELDS_READ, 'workload settings');
  const f = (name: string) => `${at}.${name}`;
  if ('privileged' in raw) {
    problems.add(f('privileged'), raw.privileged, 'is not offered: a privileged container can take over its node, and with it the mesh', 'name what the image needs instead: addCapabilities, runAsRoot, runAsUser or writableRootFilesystem');
  }
  const given = (name: keyof WorkloadProps) => raw[name] !== undefined;
  if (given('resources')) fields.resources = planResources(problems, f('resources'), raw.resources);
  for (const [name, kind] of [['readinessProbe', 'readiness'], ['livenessProbe', 'liveness'], ['startupProbe', 'startup']] as const) {
    if (given(name)) fields[name] = planProbe(problems, f(name), raw[name], kind, containerPort);
  }
  if (given('env')) fields.env = planEnv(problems, f('env'), raw.env);
  if (given('envFrom')) fields.envFrom = planEnvFrom(problems, f('envFrom'), raw.envFrom);
  if (given('volumes')) fields.volumes = planVolumes(problems, f('volumes'), raw.volumes);
  if (given('ports')) fields.ports = planPorts(problems, f('ports'), raw.ports);
  if (given('autoscaling')) fields.autoscaling = planAutoscaling(problems, f('autoscaling'), raw.autoscaling);
  if (given('disruptionBudget')) fields.disruptionBudget = planDisruptionBudget(problems, f('disruptionBudget'), raw.disruptionBudget);
  if (given('imagePullSecrets') && checkList(problems, f('imagePullSecrets'), raw.imagePullSecrets, '["registry-credentials"]')) {
    const names = raw.imagePullSecrets.filter((name, i) => checkObjectName(problems, `${f('imagePullSecrets')}[${i}]`, name, 'Secret'));
    fields.imagePullSecrets = [...new Set(names as string[])];
  }
  if (given('nodeSelector') && checkLabelMap(problems, f('nodeSelector'), raw.nodeSelector, '{ "kubernetes.io/arch": "arm64" }')) {
    fields.nodeSelector = sortedRecord(raw.nodeSelector);
  }
  if (given('tolerations')) fields.tolerations = planTolerations(problems, f('tolerations'), raw.tolerations);
  if (given('topologySpread')) fields.topologySpread = planTopologySpread(problems, f('topologySpread'), raw.topologySpread);
  for (const name of ['writableRootFilesystem', 'runAsRoot'] as const) {
    if (given(name) && checkBoolean(problems, f(name), raw[name])) fields[name] = raw[name];
  }
  for (const name of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) {
    if (given(name)) fields[name] = planWholeNumber(problems, f(name), raw[name], 0, MAX_ID, 'the numeric id', DEFAULT_RUN_AS);
  }
  if (given('addCapabilities')) fields.addCapabilities = planCapabilities(problems, f('addCapabilities'), raw.addCapabilities);
  return { at, fields };
}

/** Where a field of the resolved workload came from: the version's workload if it gives it, else the service's. */
function originOf(name: keyof WorkloadProps, service: WorkloadDraft | undefined, version: WorkloadDraft | undefined): string {
  const from = version !== undefined && version.fields[name] !== undefined ? version : service;
  return `${from?.at ?? 'workload'}.${name}`;
}

/** The version's own field if it gives it, else the service's. */
function pick<T>(name: keyof WorkloadProps, service: WorkloadDraft | undefined, version: WorkloadDraft | undefined): T | undefined {
  const own = version?.fields[name];
  return (own !== undefined ? own : service?.fields[name]) as T | undefined;
}

/** Map fields complete the service's entry by entry. */
function merged<T>(name: keyof WorkloadProps, service: WorkloadDraft | undefined, version: WorkloadDraft | undefined): Record<string, T> {
  return sortedRecord({ ...(service?.fields[name] as Record<string, T> | undefined), ...(version?.fields[name] as Record<string, T> | undefined) });
}

/** What resolveWorkload needs of the version. */
export interface WorkloadVersion {
  /** Position in props.versions. */
  readonly index: number;
  readonly version: string;
  /** Whether the version's props give `replicas`. */
  readonly replicasGiven: boolean;
  readonly replicas: number;
  /** The version's own `env`, to refuse a variable also set by its workload. */
  readonly env: Readonly<Record<string, unknown>>;
  /** The service's container port name, which extra ports must not take. */
  readonly protocol: string;
  readonly containerPort: number;
}

/** The service's side of its versions' workloads, shared by them while they are resolved one after another. */
export interface ServiceWorkload {
  /** The service's own `workload`, checked once; undefined without one. */
  readonly draft?: WorkloadDraft;
  /** Problems of the service's own fields already reported for an earlier version. */
  readonly reported: Set<string>;
  /** The workload of a version that gives none of its own: the service's, resolved for the first such version. */
  inherited?: WorkloadPlan;
}

/**
 * The workload of a version: the service's completed by the version's, field by field, then checked as a whole
 * (probes name existing ports, requests fit their limits, autoscaling has the requests it measures against, a
 * disruption budget lets pods be evicted). Problems of the service's own fields are reported once, at `workload`.
 */
export function resolveWorkload(problems: ProblemCollector, service: ServiceWorkload, version: WorkloadDraft | undefined, v: WorkloadVersion): WorkloadPlan {
  if (version !== undefined && Object.keys(version.fields).length > 0) return resolveWhole(problems, service, version, v);
  // A version without fields of its own gets what the first such version got: the rest of the whole's problems are
  // the service's, reported once already; only the version's replicas are its own to check.
  if (service.inherited === undefined) {
    service.inherited = resolveWhole(problems, service, undefined, v);
  } else {
    const { autoscaling, disruptionBudget } = service.inherited;
    checkReplicasBesideAutoscaling(problems, autoscaling, v, originOf('autoscaling', service.draft, undefined));
    checkDisruptionBudget(problems, disruptionBudget, autoscaling, v, originOf('disruptionBudget', service.draft, undefined));
  }
  return service.inherited;
}

/** A version that gives `replicas` beside autoscaling (at `at`), which decides them. */
function checkReplicasBesideAutoscaling(problems: ProblemCollector, autoscaling: WorkloadPlan['autoscaling'], v: WorkloadVersion, at: string): void {
  if (autoscaling !== undefined && v.replicasGiven) {
    problems.add(`versions[${v.index}].replicas`, v.replicas, `is set, but ${at} lets a HorizontalPodAutoscaler decide the replicas`, 'remove replicas (autoscaling.minReplicas is the floor), or set workload: { autoscaling: false } on this version');
  }
}

/** A disruption budget (at `at`) that lets no pod of the version be evicted, for the pods it runs. */
function checkDisruptionBudget(problems: ProblemCollector, budget: Json | undefined, autoscaling: WorkloadPlan['autoscaling'], v: WorkloadVersion, at: string): void {
  const pods = autoscaling?.minReplicas ?? v.replicas;
  if (budget === undefined || !(pods > 0)) return;
  const share = (value: number | string) => typeof value === 'number' ? value : Math.ceil((Number(value.slice(0, -1)) * pods) / 100);
  const evictable = budget.minAvailable !== undefined ? pods - share(budget.minAvailable as number | string) : share(budget.maxUnavailable as number | string);
  if (evictable < 1) {
    const which = budget.minAvailable !== undefined ? 'minAvailable' : 'maxUnavailable';
    problems.add(`${at}.${which}`, budget[which], `lets no pod of version ${v.version} be evicted (it runs ${pods} ${autoscaling !== undefined ? 'pods at least' : pods === 1 ? 'replica' : 'replicas'}), so every node drain would block on it`, which === 'minAvailable' ? `run more replicas than minAvailable, or use maxUnavailable: 1` : 'use maxUnavailable: 1 or more');
  }
}

/** resolveWorkload's work for one version: the fields merged, then the whole checked. */
function resolveWhole(problems: ProblemCollector, shared: ServiceWorkload, version: WorkloadDraft | undefined, v: WorkloadVersion): WorkloadPlan {
  const { draft: service, reported } = shared;
  const at = (name: keyof WorkloadProps) => originOf(name, service, version);
  /** Whether a problem of the whole (at `field`, of kind `what`) is not reported yet: the service's fields once. */
  const first = (field: string, what: string): boolean => {
    if (field.startsWith('versions[')) return true;
    const key = `${field} ${what}`;
    if (reported.has(key)) return false;
    reported.add(key);
    return true;
  };

  const ports = merged<number>('ports', service, version);
  for (const [name, port] of Object.entries(ports)) {
    if ((name === v.protocol || port === v.containerPort) && first(`${at('ports')}.${name}`, 'port')) {
      problems.add(`${at('ports')}.${name}`, port, `clashes with the service's container port ${v.containerPort}, named ${quote(v.protocol)}`, 'give each extra port its own name and number; the service\'s port is already declared');
    }
  }
  const portNames = [v.protocol, ...Object.keys(ports)];
  const probes: Partial<Record<'readinessProbe' | 'livenessProbe' | 'startupProbe', Json>> = {};
  for (const name of ['readinessProbe', 'livenessProbe', 'startupProbe'] as const) {
    const probe = pick<Json>(name, service, version);
    if (probe === undefined) continue;
    const target = (probe.httpGet ?? probe.tcpSocket) as Json | undefined;
    const port = target?.port;
    if (typeof port === 'string' && !portNames.includes(port)) {
      const field = `${at(name)}.${probe.httpGet !== undefined ? 'http' : 'tcp'}.port`;
      if (first(field, 'probe port')) problems.add(field, port, 'names no port of the container', `use a port number, or one of ${quote(portNames)}`);
    }
    probes[name] = probe;
  }

  const resources = {
    limits: { ...(service?.fields.resources as Json | undefined)?.limits as Json, ...(version?.fields.resources as Json | undefined)?.limits as Json },
    requests: { ...(service?.fields.resources as Json | undefined)?.requests as Json, ...(version?.fields.resources as Json | undefined)?.requests as Json },
  } as { limits: Record<string, string>; requests: Record<string, string> };
  for (const [name, request] of Object.entries(resources.requests)) {
    const limit = resources.limits[name];
    const [r, l] = [quantityValue(request), limit === undefined ? undefined : quantityValue(limit)];
    if (r !== undefined && l !== undefined && r > l && first(`${at('resources')}.requests`, name)) {
      problems.add(`${at('resources')}.requests.${name === 'ephemeral-storage' ? 'ephemeralStorage' : name}`, request, `is more than its limit ${quote(limit)}, which Kubernetes refuses`, `lower the request to at most ${quote(limit)}, or raise the limit`);
    }
  }

  let autoscaling = pick<WorkloadPlan['autoscaling'] | false>('autoscaling', service, version);
  if (autoscaling === false) autoscaling = undefined;
  checkReplicasBesideAutoscaling(problems, autoscaling, v, at('autoscaling'));
  if (autoscaling !== undefined) {
    for (const [resource, target] of [['cpu', autoscaling.cpu], ['memory', autoscaling.memory]] as const) {
      if (target !== undefined && resources.requests[resource] === undefined && first(at('autoscaling'), `needs ${resource}`)) {
        problems.add(at('autoscaling'), autoscaling, `scales on ${resource} utilization, a percentage of the ${resource} request, but version ${v.version} has no ${resource} request`, `set resources: { requests: { ${resource}: ${resource === 'cpu' ? '"250m"' : '"256Mi"'} } } beside it`);
      }
    }
  }

  let budget = pick<Json | false>('disruptionBudget', service, version);
  if (budget === false) budget = undefined;
  checkDisruptionBudget(problems, budget, autoscaling, v, at('disruptionBudget'));

  const runAsRoot = pick<boolean>('runAsRoot', service, version) === true;
  const runAsUser = pick<number>('runAsUser', service, version);
  if (runAsUser === 0 && !runAsRoot && first(at('runAsUser'), 'root')) {
    problems.add(at('runAsUser'), 0, 'is root, which the pod refuses to run as (runAsNonRoot)', 'run as another user, or set runAsRoot: true to run as root on purpose');
  }
  if (runAsRoot && runAsUser !== undefined && runAsUser !== 0 && first(at('runAsRoot'), 'root')) {
    problems.add(at('runAsRoot'), true, `is set together with runAsUser ${runAsUser}, which is not root`, 'remove runAsRoot to run as that user, or remove runAsUser to run as root');
  }

  const env = merged<Json>('env', service, version);
  for (const name of Object.keys(v.env)) {
    if (version?.fields.env !== undefined && name in (version.fields.env as Json)) {
      problems.add(`versions[${v.index}].env.${name}`, v.env[name], `is also set in versions[${v.index}].workload.env`, 'set each variable once: in env for a plain value, in workload.env for one from a Secret or ConfigMap');
    }
  }

  const volumes = merged<{ volume: Json; mount: Json }>('volumes', service, version);
  const mountedAt = new Map<string, string>();
  for (const [name, { mount }] of Object.entries(volumes)) {
    const path = String(mount.mountPath).replace(/\/+$/, '');
    const other = mountedAt.get(path);
    if (other !== undefined && first(`${at('volumes')}.${name}.mountPath`, 'mount')) {
      problems.add(`${at('volumes')}.${name}.mountPath`, mount.mountPath, `is where volume ${quote(other)} is mounted too`, 'mount each volume at its own path');
    }
    mountedAt.set(path, name);
  }

  const plan: Record<string, unknown> = {
    ...probes, env, volumes, ports, autoscaling,
    disruptionBudget: budget,
    envFrom: pick('envFrom', service, version),
    imagePullSecrets: pick('imagePullSecrets', service, version),
    nodeSelector: pick('nodeSelector', service, version) === undefined ? undefined : merged('nodeSelector', service, version),
    tolerations: pick('tolerations', service, version),
    topologySpread: pick('topologySpread', service, version),
    writableRootFilesystem: pick<boolean>('writableRootFilesystem', service, version) === true,
    runAsRoot,
    runAsUser,
    runAsGroup: pick('runAsGroup', service, version),
    fsGroup: pick('fsGroup', service, version),
    addCapabilities: pick('addCapabilities', service, version),
  };
  const hasResources = Object.keys(resources.limits).length + Object.keys(resources.requests).length > 0;
  if (hasResources) {
    plan.resources = sortedRecord({
      ...(Object.keys(resources.limits).length > 0 ? { limits: sortedRecord(resources.limits) } : {}),
      ...(Object.keys(resources.requests).length > 0 ? { requests: sortedRecord(resources.requests) } : {}),
    });
  }
  return plan as unknown as WorkloadPlan;
}

const MANAGED_BY = MANAGED_BY_LABEL['app.kubernetes.io/managed-by'];

/** The labels of a version's Deployment, HorizontalPodAutoscaler and PodDisruptionBudget, keys sorted. */
function versionObjectMetadata(owner: DeploymentOwner, version: DeployedVersion): Manifest['metadata'] {
  return {
    name: `${owner.name}-${version.subset}`,
    namespace: owner.namespace,
    labels: { app: owner.name, 'app.kubernetes.io/managed-by': MANAGED_BY, version: version.version },
  };
}

/** The labels of a version's pods: the Service's selector and `version`. */
function podLabels(owner: DeploymentOwner, version: DeployedVersion): Record<string, string> {
  return sortedRecord({ ...owner.selector, version: version.version });
}

/** Drops the undefined values of a record whose keys are already in sorted order. */
function defined(record: Json): Json {
  const out: Json = {};
  for (const key of Object.keys(record)) {
    if (record[key] !== undefined) out[key] = record[key];
  }
  return out;
}

/** The pod security context: meshlight's restricted one, loosened only by the workload's named fields. */
function podSecurityContext(w: WorkloadPlan | undefined): Json {
  const root = w?.runAsRoot === true;
  return defined({
    fsGroup: w?.fsGroup,
    runAsGroup: w?.runAsGroup ?? (root ? 0 : DEFAULT_RUN_AS),
    runAsNonRoot: !root,
    runAsUser: w?.runAsUser ?? (root ? 0 : DEFAULT_RUN_AS),
    seccompProfile: { type: 'RuntimeDefault' },
  });
}

/**
 * Renders the Deployment of a version that has an image, with a restricted pod security context that only the
 * version's named workload fields loosen. With autoscaling it sets no `replicas`: the HorizontalPodAutoscaler owns
 * them, and a GitOps sync that wrote them back would fight it.
 */
export function renderDeployment(owner: DeploymentOwner, version: DeployedVersion): Manifest {
  const labels = podLabels(owner, version);
  const w = version.workload;
  const plainEnv = Object.fromEntries(Object.entries(version.env).map(([name, value]) => [name, { value }]));
  const env = Object.entries(sortedRecord<Json>({ ...w?.env, ...plainEnv })).map(([name, value]) => ({ name, ...value }));
  const volumes = Object.entries(sortedRecord({ [RESERVED_VOLUME]: { volume: { emptyDir: {}, name: RESERVED_VOLUME }, mount: { mountPath: RESERVED_MOUNT, name: RESERVED_VOLUME } }, ...w?.volumes }));
  const extraPorts = Object.entries(w?.ports ?? {}).map(([name, containerPort]) => ({ containerPort, name, protocol: 'TCP' }));
  const container: Json = defined({
    env: env.length > 0 ? env : undefined,
    envFrom: w?.envFrom,
    image: version.image,
    livenessProbe: w?.livenessProbe,
    name: owner.name,
    ports: [{ containerPort: owner.containerPort, name: owner.protocol, protocol: 'TCP' }, ...extraPorts],
    readinessProbe: w?.readinessProbe,
    resources: w?.resources,
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: w?.addCapabilities === undefined ? { drop: ['ALL'] } : { add: [...w.addCapabilities], drop: ['ALL'] },
      readOnlyRootFilesystem: w?.writableRootFilesystem !== true,
    },
    startupProbe: w?.startupProbe,
    volumeMounts: volumes.map(([, v]) => v.mount),
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: versionObjectMetadata(owner, version),
    spec: defined({
      replicas: w?.autoscaling === undefined ? version.replicas : undefined,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: defined({
          automountServiceAccountToken: false,
          containers: [container],
          imagePullSecrets: w?.imagePullSecrets?.map((name) => ({ name })),
          nodeSelector: w?.nodeSelector,
          securityContext: podSecurityContext(w),
          serviceAccountName: owner.serviceAccount,
          tolerations: w?.tolerations,
          topologySpreadConstraints: w?.topologySpread?.map((s) => ({ labelSelector: { matchLabels: labels }, maxSkew: s.maxSkew, topologyKey: s.topologyKey, whenUnsatisfiable: s.whenUnsatisfiable })),
          volumes: volumes.map(([, v]) => v.volume),
        }),
      },
    }),
  };
}

/** Renders the HorizontalPodAutoscaler of a version with autoscaling, or undefined without. */
export function renderHorizontalPodAutoscaler(owner: DeploymentOwner, version: DeployedVersion): Manifest | undefined {
  const scaling = version.workload?.autoscaling;
  if (scaling === undefined) return undefined;
  const metric = (name: string, utilization: number) => ({ resource: { name, target: { averageUtilization: utilization, type: 'Utilization' } }, type: 'Resource' });
  const metrics = [
    ...(scaling.cpu === undefined ? [] : [metric('cpu', scaling.cpu)]),
    ...(scaling.memory === undefined ? [] : [metric('memory', scaling.memory)]),
  ];
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: versionObjectMetadata(owner, version),
    spec: {
      maxReplicas: scaling.maxReplicas,
      metrics,
      minReplicas: scaling.minReplicas,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `${owner.name}-${version.subset}` },
    },
  };
}

/** Renders the PodDisruptionBudget of a version with a disruption budget, or undefined without. */
export function renderPodDisruptionBudget(owner: DeploymentOwner, version: DeployedVersion): Manifest | undefined {
  const budget = version.workload?.disruptionBudget;
  if (budget === undefined) return undefined;
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: versionObjectMetadata(owner, version),
    spec: { ...budget, selector: { matchLabels: podLabels(owner, version) } },
  };
}

/**
 * The objects of a version meshlight deploys, in order: its Deployment, then its HorizontalPodAutoscaler and its
 * PodDisruptionBudget when it has them.
 */
export function renderVersionWorkload(owner: DeploymentOwner, version: DeployedVersion): Manifest[] {
  return [renderDeployment(owner, version), renderHorizontalPodAutoscaler(owner, version), renderPodDisruptionBudget(owner, version)]
    .filter((m): m is Manifest => m !== undefined);
}

/**
 * The warning of a version that gets weighted traffic but has no readiness probe: its pods get requests as soon as
 * their container starts, before the application can answer them.
 */
export function readinessWarning(path: string, index: number, version: string, share: string): Problem {
  return {
    path,
    field: `versions[${index}].workload.readinessProbe`,
    value: undefined,
    problem: `is missing, but version ${version} gets ${share} of the service's traffic: its pods receive requests as soon as they start, before they can serve them`,
    fix: 'add a readiness probe, e.g. workload: { readinessProbe: { http: { path: "/healthz" } } } on the version or the service',
  };
}

/** Whether `value` is a `workload` that sets anything, for refusing one where nothing is deployed. */
export function setsWorkload(value: unknown): boolean {
  return value !== undefined && !(isRecord(value) && Object.keys(value).length === 0);
}
