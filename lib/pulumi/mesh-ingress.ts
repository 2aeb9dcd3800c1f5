import * as pulumi from '@pulumi/pulumi';
import { MeshIngressProps, renderMeshIngress } from '../core';
import { checkAgainstApp } from './app-checks';
import { childName, createResource } from './resources';

/**
 * The north-south edge, as a Pulumi component with the same props as the cdk8s construct: Gateway, a
 * VirtualService per host serving GrayscaleServices, CORS, CSRF protection and login.
 */
export class MeshIngress extends pulumi.ComponentResource {
  /** Name of the Gateway. */
  public readonly gatewayName: string;
  /** Every child resource, in output order. */
  public readonly resources: readonly pulumi.CustomResource[];

  public constructor(name: string, props: MeshIngressProps, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, so bad props leave no half-made component in the stack.
    const rendered = renderMeshIngress(props, { path: name, defaultName: name });
    checkAgainstApp(name, rendered.manifests);
    super('meshlight:index:MeshIngress', name, {}, opts);
    this.gatewayName = rendered.name;
    this.resources = rendered.manifests.map((m) => createResource(childName(name, m), m, { parent: this }));
    this.registerOutputs({ gatewayName: this.gatewayName });
  }
}
