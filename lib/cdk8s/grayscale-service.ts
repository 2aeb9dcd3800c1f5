import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  GrayscaleServiceProps as CoreGrayscaleServiceProps, HttpRoute, renderGrayscaleService, VersionProps as CoreVersionProps, WorkloadIdentity,
} from '../core/internal';
import { DeploymentLike, handOverDeployments, renderWithDeployments } from './deployment-like';
import { addManifest, declareWorkloads } from './synth';
import { addWarning } from './warnings';

/** One version of a GrayscaleService: core's props, or a cdk8s-plus Deployment the app built to run it. */
export interface VersionProps extends CoreVersionProps {
  /**
   * A cdk8s-plus Deployment (of any major) that runs this version, instead of an `image`: meshlight emits no
   * Deployment for it, adds the version's labels (`app=<service>`, `version=<version>`) to its pod template, and runs
   * its pods as the service's service account when it names none. It must be in the service's namespace and expose
   * `containerPort`.
   * @default - meshlight deploys `image`, or the version's pods are deployed elsewhere with `labels`
   * @see https://cdk8s.io/docs/latest/plus/
   */
  readonly deployment?: DeploymentLike;
}

/** GrayscaleService props in a cdk8s app: core's, with versions that may hand over a cdk8s-plus Deployment. */
export interface GrayscaleServiceProps extends Omit<CoreGrayscaleServiceProps, 'versions'> {
  /** The versions; see core's GrayscaleServiceProps.versions. */
  readonly versions: readonly VersionProps[];
}

/**
 * A service with several versions that share traffic by weight and by rule (canary or "grayscale" release):
 * ServiceAccount and Service (unless `existing` says they are deployed elsewhere), a Deployment per version with an
 * image, a DestinationRule with a subset per version and a VirtualService with the rules first and the weighted split
 * after them.
 *
 * @see https://istio.io/latest/docs/concepts/traffic-management/
 */
export class GrayscaleService extends Construct {
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
  /** Every object this construct emits, in output order. */
  public readonly apiObjects: readonly ApiObject[];

  public constructor(scope: Construct, id: string, props: GrayscaleServiceProps) {
    super(scope, id);
    const handed = handOverDeployments(props, this.node.path);
    const rendered = renderWithDeployments(handed, this.node.path, (coreProps) => renderGrayscaleService(coreProps, { path: this.node.path, defaultName: id }));
    this.name = rendered.name;
    this.namespace = rendered.namespace;
    this.host = rendered.host;
    this.identity = rendered.identity;
    this.httpRoutes = rendered.httpRoutes;
    this.requestChosenRoutes = rendered.requestChosenRoutes;
    this.versionHeader = rendered.versionHeader;
    this.apiObjects = rendered.manifests.map((m) => addManifest(this, m));
    for (const warning of rendered.warnings) addWarning(this, warning);
    if (rendered.declaredWorkloads.length > 0) declareWorkloads(this, rendered.declaredWorkloads);
  }

  /** The emitted object of `kind` named `name` (default: the service's own name), e.g. to add a JSON patch. */
  public findApiObject(kind: string, name: string = this.name): ApiObject | undefined {
    return this.apiObjects.find((o) => o.kind === kind && o.name === name);
  }
}
