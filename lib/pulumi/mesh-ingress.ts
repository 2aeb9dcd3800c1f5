import * as pulumi from '@pulumi/pulumi';
import { IngressCaller, MeshIngressProps, renderMeshIngress } from '../core/internal';
import { checkAgainstApp } from './app-checks';
import { clusterOf } from './program-run';
import { assertPlain } from './inputs';
import { childName, createResource } from './resources';

/**
 * The north-south edge, as a Pulumi component with the same props as the cdk8s construct: Gateway, a
 * VirtualService per host serving GrayscaleServices, CORS, CSRF protection and login.
 */
export class MeshIngress extends pulumi.ComponentResource {
  /** Name of the Gateway. */
  public readonly name: string;
  /** Every child resource, in output order. */
  public readonly resources: readonly pulumi.CustomResource[];
  /**
   * The ingress as a caller: pass the MeshIngress to a ZeroTrustNamespace's `allow()` to admit its gateway for the
   * hosts it routes to a service (and, with jwt, only requests with a valid token).
   */
  public readonly ingressCaller: IngressCaller;

  public constructor(name: string, props: MeshIngressProps, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, so bad props leave no half-made component in the stack.
    assertPlain(name, props, () => false);
    const rendered = renderMeshIngress(props, { path: name, defaultName: name });
    checkAgainstApp(name, rendered.manifests, [], undefined, clusterOf(opts));
    super('meshlight:index:MeshIngress', name, {}, opts);
    this.name = rendered.name;
    this.ingressCaller = rendered.caller;
    this.resources = rendered.manifests.map((m) => createResource(childName(name, m), m, { parent: this }));
    this.registerOutputs({ name: this.name });
  }

  /** @deprecated Use `name`, as in cdk8s. */
  public get gatewayName(): string {
    return this.name;
  }
}
