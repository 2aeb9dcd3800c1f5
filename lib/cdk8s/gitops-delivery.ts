import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { GitOpsDeliveryProps, renderGitOpsDelivery } from '../core/internal';
import { addManifest } from './synth';

/**
 * Hands a fleet to Argo CD: an ApplicationSet, or an Application per cluster, that syncs each cluster's folder
 * `<path>/<cluster>` of a Git repository to that cluster.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/
 */
export class GitOpsDelivery extends Construct {
  /** Name of each cluster's Application, `meshlight-<cluster>`, sorted by cluster. */
  public readonly applicationNames: readonly string[];
  /** Every object this construct emits, in output order. */
  public readonly apiObjects: readonly ApiObject[];

  public constructor(scope: Construct, id: string, props: GitOpsDeliveryProps) {
    super(scope, id);
    const rendered = renderGitOpsDelivery(props, { path: this.node.path, defaultName: id });
    this.applicationNames = rendered.applicationNames;
    this.apiObjects = rendered.manifests.map((m) => addManifest(this, m));
  }
}
