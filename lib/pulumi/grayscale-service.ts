import * as pulumi from '@pulumi/pulumi';
import {
  ConfigMapKeyValue, EmptyDirProps, EnvFromProps, formatProblem, GrayscaleServiceProps, HttpRoute, renderGrayscaleService, ResourceQuantities,
  SecretKeyValue, VersionProps, VolumeProps, WorkloadIdentity, WorkloadProps,
} from '../core/internal';
import { checkAgainstApp } from './app-checks';
import { clusterOf } from './program-run';
import { assertPlain, InputKind, InputSlots } from './inputs';
import { childName, createResource } from './resources';

/**
 * A version, as a Pulumi program gives it: the image and environment values may be Inputs (an image another resource
 * builds, a value from a secret), as they carry no mesh meaning; everything else is plain, checked when the program runs.
 */
export interface VersionArgs extends Omit<VersionProps, 'image' | 'env' | 'workload'> {
  /** Container image; meshlight creates a Deployment for this version running it. @default - no Deployment is created */
  readonly image?: pulumi.Input<string>;
  /** Environment variables of the version's container (only with `image`). @default - none */
  readonly env?: Readonly<Record<string, pulumi.Input<string>>>;
  /** How meshlight runs this version; see VersionProps.workload. @default - the service's */
  readonly workload?: WorkloadArgs;
}

/** A name given as an Input: a Secret's, a ConfigMap's or a volume claim's, which carry no mesh meaning. */
type NamedByInput<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]?: pulumi.Input<string> };

/** Resource quantities as Inputs. */
export type ResourceQuantitiesArgs = { readonly [K in keyof ResourceQuantities]?: pulumi.Input<string> };

/**
 * WorkloadProps as a Pulumi program gives them: environment values, names of Secrets, ConfigMaps and volume claims,
 * and resource quantities may be Inputs; everything else is plain.
 */
export interface WorkloadArgs extends Omit<WorkloadProps, 'env' | 'envFrom' | 'volumes' | 'resources' | 'imagePullSecrets'> {
  /** See WorkloadProps.env. @default - none */
  readonly env?: Readonly<Record<string, pulumi.Input<string> | NamedByInput<SecretKeyValue, 'secret'> | NamedByInput<ConfigMapKeyValue, 'configMap'>>>;
  /** See WorkloadProps.envFrom. @default - none */
  readonly envFrom?: readonly NamedByInput<EnvFromProps, 'secret' | 'configMap'>[];
  /** See WorkloadProps.volumes. @default - none besides meshlight's emptyDir at /tmp */
  readonly volumes?: Readonly<Record<string, NamedByInput<Omit<VolumeProps, 'emptyDir'>, 'secret' | 'configMap' | 'persistentVolumeClaim'> & {
    readonly emptyDir?: NamedByInput<EmptyDirProps, 'sizeLimit'>;
  }>>;
  /** See WorkloadProps.resources. @default - none */
  readonly resources?: { readonly requests?: ResourceQuantitiesArgs; readonly limits?: ResourceQuantitiesArgs };
  /** See WorkloadProps.imagePullSecrets. @default - none */
  readonly imagePullSecrets?: readonly pulumi.Input<string>[];
}

/** GrayscaleService props as a Pulumi program gives them: the cdk8s props, with Inputs where they carry no mesh meaning. */
export interface GrayscaleServiceArgs extends Omit<GrayscaleServiceProps, 'versions' | 'workload'> {
  /** The versions; see GrayscaleServiceProps.versions. */
  readonly versions: readonly VersionArgs[];
  /** How meshlight runs every version it deploys; see GrayscaleServiceProps.workload. @default - the pod defaults */
  readonly workload?: WorkloadArgs;
}

// Where Inputs may stand in props, and what each stands for: versions' images and environment values; in a service's
// or version's workload, environment values, names of Secrets, ConfigMaps and volume claims, and resource quantities.
const INPUT_FIELDS: readonly [RegExp, InputKind][] = [
  [/^versions\[\d+\]\.image$/, 'image'],
  [/^versions\[\d+\]\.env\.[^.]+$/, 'text'],
  [/^(versions\[\d+\]\.)?workload\.env\.[^.]+(\.(secret|configMap))?$/, 'text'],
  [/^(versions\[\d+\]\.)?workload\.envFrom\[\d+\]\.(secret|configMap)$/, 'text'],
  [/^(versions\[\d+\]\.)?workload\.volumes\.[^.]+\.(secret|configMap|persistentVolumeClaim)$/, 'text'],
  [/^(versions\[\d+\]\.)?workload\.imagePullSecrets\[\d+\]$/, 'text'],
  [/^(versions\[\d+\]\.)?workload\.resources\.requests\.[^.]+$/, 'request'],
  [/^(versions\[\d+\]\.)?workload\.resources\.limits\.[^.]+$/, 'limit'],
  [/^(versions\[\d+\]\.)?workload\.volumes\.[^.]+\.emptyDir\.sizeLimit$/, 'limit'],
];

/** What an Input at `field` stands for, or undefined where Inputs are refused. */
function inputKindOf(field: string): InputKind | undefined {
  return INPUT_FIELDS.find(([pattern]) => pattern.test(field))?.[1];
}

/**
 * A service with several versions that share traffic by weight and by rule (canary or "grayscale" release), as a
 * Pulumi component. Takes the same props as the cdk8s construct and registers the same objects as children.
 *
 * @see https://istio.io/latest/docs/concepts/traffic-management/
 */
export class GrayscaleService extends pulumi.ComponentResource {
  /** Name of the Service, ServiceAccount, DestinationRule and VirtualService. */
  public readonly name: string;
  /** Namespace of every object. */
  public readonly namespace: string;
  /** Fully qualified in-mesh host of the service, e.g. `httpbin.demo.svc.cluster.local`. */
  public readonly host: string;
  /** The service's mesh identity: pass the service itself wherever a call's caller or target is wanted. */
  public readonly identity: WorkloadIdentity;
  /** The HTTP routes of the service's VirtualService, in evaluation order; MeshIngress serves them at the edge. */
  public readonly httpRoutes: readonly HttpRoute[];
  /** Names of the routes a request picks by what it sends (rules, sticky versions); MeshIngress can keep them from the internet. */
  public readonly requestChosenRoutes: readonly string[];
  /** The response header naming the version that served, if any. */
  public readonly versionHeader?: string;
  /** Every child resource, in output order. */
  public readonly resources: readonly pulumi.CustomResource[];

  public constructor(name: string, props: GrayscaleServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, so bad props leave no half-made component in the stack.
    assertPlain(name, props, (field) => inputKindOf(field) !== undefined);
    const slots = new InputSlots();
    const rendered = renderGrayscaleService(slots.holdAll(props, inputKindOf) as GrayscaleServiceProps, { path: name, defaultName: name });
    checkAgainstApp(name, rendered.manifests, rendered.declaredWorkloads, undefined, clusterOf(opts));
    super('meshlight:index:GrayscaleService', name, {}, opts);
    this.name = rendered.name;
    this.namespace = rendered.namespace;
    this.host = rendered.host;
    this.identity = rendered.identity;
    this.httpRoutes = rendered.httpRoutes;
    this.requestChosenRoutes = rendered.requestChosenRoutes;
    this.versionHeader = rendered.versionHeader;
    this.resources = slots.restore(rendered.manifests).map((m) => createResource(childName(name, m), m, { parent: this }));
    for (const warning of rendered.warnings) void pulumi.log.warn(formatProblem(warning), this);
    this.registerOutputs({ name: this.name, namespace: this.namespace, host: this.host });
  }

  /** @deprecated Use `name`, as in cdk8s. */
  public get serviceName(): string {
    return this.name;
  }
}
