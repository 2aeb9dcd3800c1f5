import * as pulumi from '@pulumi/pulumi';
import { GrayscaleServiceProps, HttpRoute, renderGrayscaleService, WorkloadIdentity } from '../core/internal';
import { checkAgainstApp } from './app-checks';
import { childName, createResource } from './resources';


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

  public constructor(name: string, props: GrayscaleServiceProps, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, so bad props leave no half-made component in the stack.
    const rendered = renderGrayscaleService(props, { path: name, defaultName: name });
    checkAgainstApp(name, rendered.manifests);
    super('meshlight:index:GrayscaleService', name, {}, opts);
    this.name = rendered.name;
    this.namespace = rendered.namespace;
    this.host = rendered.host;
    this.identity = rendered.identity;
    this.httpRoutes = rendered.httpRoutes;
    this.requestChosenRoutes = rendered.requestChosenRoutes;
    this.versionHeader = rendered.versionHeader;
    this.resources = rendered.manifests.map((m) => createResource(childName(name, m), m, { parent: this }));
    this.registerOutputs({ name: this.name, namespace: this.namespace, host: this.host });
  }

  /** @deprecated Use `name`, as in cdk8s. */
  public get serviceName(): string {
    return this.name;
  }
}
