import * as pulumi from '@pulumi/pulumi';
import { GitOpsDeliveryProps, renderGitOpsDelivery } from '../core/internal';
import { assertPlain } from './inputs';
import { childName, createResource } from './resources';

/**
 * Hands a fleet to Argo CD, as a Pulumi component with the same props as the cdk8s construct: an ApplicationSet, or
 * an Application per cluster, that syncs each cluster's folder of a Git repository to that cluster.
 */
export class GitOpsDelivery extends pulumi.ComponentResource {
  /** Name of each cluster's Application, `meshlight-<cluster>`, sorted by cluster. */
  public readonly applicationNames: readonly string[];
  /** Every child resource, in output order. */
  public readonly resources: readonly pulumi.CustomResource[];

  public constructor(name: string, props: GitOpsDeliveryProps, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, so bad props leave no half-made component in the stack.
    assertPlain(name, props, () => false);
    const rendered = renderGitOpsDelivery(props, { path: name, defaultName: name });
    super('meshlight:index:GitOpsDelivery', name, {}, opts);
    this.applicationNames = rendered.applicationNames;
    this.resources = rendered.manifests.map((m) => createResource(childName(name, m), m, { parent: this }));
    this.registerOutputs({ applicationNames: this.applicationNames });
  }
}
