import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { IngressCaller, MeshIngressProps, renderMeshIngress } from '../core/internal';
import { addManifest } from './synth';

/**
 * The north-south edge: an Istio Gateway for a set of hosts (HTTPS, HTTP redirected), a VirtualService per host that
 * serves GrayscaleServices with their rule and weight grayscale, CORS, CSRF protection on the gateway, and login by
 * JWT or an external provider.
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress/
 */
export class MeshIngress extends Construct {
  /** Name of the Gateway; VirtualServices bind to `<namespace>/<name>`. */
  public readonly name: string;
  /** Every object this construct emits, in output order. */
  public readonly apiObjects: readonly ApiObject[];
  /**
   * The ingress as a caller: pass the MeshIngress to a ZeroTrustNamespace's `allow()` to admit its gateway for the
   * hosts it routes to a service (and, with jwt, only requests with a valid token).
   */
  public readonly ingressCaller: IngressCaller;

  public constructor(scope: Construct, id: string, props: MeshIngressProps) {
    super(scope, id);
    const rendered = renderMeshIngress(props, { path: this.node.path, defaultName: id });
    this.name = rendered.name;
    this.ingressCaller = rendered.caller;
    this.apiObjects = rendered.manifests.map((m) => addManifest(this, m));
  }
}
