import * as pulumi from '@pulumi/pulumi';
import { GrayscaleServiceProps, HttpRoute, renderGrayscaleService, VersionProps, WorkloadIdentity } from '../core/internal';
import { checkAgainstApp } from './app-checks';
import { assertPlain, InputSlots } from './inputs';
import { childName, createResource } from './resources';

/**
 * A version, as a Pulumi program gives it: the image and environment values may be Inputs (an image another resource
 * builds, a value from a secret), as they carry no mesh meaning; everything else is plain, checked when the program runs.
 */
export interface VersionArgs extends Omit<VersionProps, 'image' | 'env'> {
  /** Container image; meshlight creates a Deployment for this version running it. @default - no Deployment is created */
  readonly image?: pulumi.Input<string>;
  /** Environment variables of the version's container (only with `image`). @default - none */
  readonly env?: Readonly<Record<string, pulumi.Input<string>>>;
}

/** GrayscaleService props as a Pulumi program gives them: the cdk8s props, with Inputs where they carry no mesh meaning. */
export interface GrayscaleServiceArgs extends Omit<GrayscaleServiceProps, 'versions'> {
  /** The versions; see GrayscaleServiceProps.versions. */
  readonly versions: readonly VersionArgs[];
}

/** Where Inputs may stand in props: versions' images and environment values. */
const INPUT_FIELD = /^versions\[\d+\]\.(image|env\.[^.]+)$/;

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
    assertPlain(name, props, (field) => INPUT_FIELD.test(field));
    const slots = new InputSlots();
    const rendered = renderGrayscaleService(withPlaceholders(props, slots), { path: name, defaultName: name });
    checkAgainstApp(name, rendered.manifests);
    super('meshlight:index:GrayscaleService', name, {}, opts);
    this.name = rendered.name;
    this.namespace = rendered.namespace;
    this.host = rendered.host;
    this.identity = rendered.identity;
    this.httpRoutes = rendered.httpRoutes;
    this.requestChosenRoutes = rendered.requestChosenRoutes;
    this.versionHeader = rendered.versionHeader;
    this.resources = slots.restore(rendered.manifests).map((m) => createResource(childName(name, m), m, { parent: this }));
    this.registerOutputs({ name: this.name, namespace: this.namespace, host: this.host });
  }

  /** @deprecated Use `name`, as in cdk8s. */
  public get serviceName(): string {
    return this.name;
  }
}

/** The props with each Input of a version's image and environment held in `slots` as a placeholder. */
function withPlaceholders(props: GrayscaleServiceArgs, slots: InputSlots): GrayscaleServiceProps {
  if (typeof props !== 'object' || props === null || !Array.isArray(props.versions)) return props as GrayscaleServiceProps;
  const versions = props.versions.map((v) => {
    if (typeof v !== 'object' || v === null) return v;
    const out: Record<string, unknown> = { ...v };
    if ('image' in v) out.image = slots.hold(v.image, 'image');
    if (typeof v.env === 'object' && v.env !== null) out.env = Object.fromEntries(Object.entries(v.env).map(([k, value]) => [k, slots.hold(value, 'text')]));
    return out;
  });
  return { ...props, versions } as GrayscaleServiceProps;
}
