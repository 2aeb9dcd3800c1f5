import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { allowEgressAs, allowListObject, EgressAllowListProps, renderEgressAllowList } from '../core/internal';
import { addManifest, declareStandaloneAllowList } from './synth';
import { ZeroTrustNamespace } from './zero-trust-namespace';

/** Props of the cdk8s EgressAllowList: `namespace` may also be a ZeroTrustNamespace, which then owns the list. */
export interface EgressAllowListConstructProps extends Omit<EgressAllowListProps, 'namespace'> {
  /**
   * Namespace of the workloads: its name, or a ZeroTrustNamespace, whose Sidecars and NetworkPolicies then carry
   * the list (merged with its calls and other lists).
   * @default 'default'
   */
  readonly namespace?: string | ZeroTrustNamespace;
}

/**
 * The external hosts a namespace, or one workload in it, may reach; every other host stays blocked. Emits a
 * ServiceEntry per host (visible to this namespace only) and a Sidecar with REGISTRY_ONLY listing them, optionally
 * routes through an egress gateway and fences pods with a NetworkPolicy.
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-control/
 */
export class EgressAllowList extends Construct {
  /** Every object this construct emits itself; empty when a ZeroTrustNamespace carries the list. */
  public readonly apiObjects: readonly ApiObject[];

  public constructor(scope: Construct, id: string, props: EgressAllowListConstructProps) {
    super(scope, id);
    const { namespace, ...list } = allowListObject(props, { path: this.node.path });
    if (namespace instanceof ZeroTrustNamespace) {
      allowEgressAs(this.node.path, () => namespace.allowEgressFrom(list, this.node.path));
      this.apiObjects = [];
      return;
    }
    const rendered = renderEgressAllowList({ ...list, namespace }, { path: this.node.path });
    this.apiObjects = rendered.manifests.map((m) => addManifest(this, m));
    declareStandaloneAllowList(this, rendered);
  }
}
