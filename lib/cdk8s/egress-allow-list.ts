import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { EgressAllowListProps, egressConflict, renderEgressAllowList, RenderedEgressAllowList } from '../core';
import { addManifest } from './api-objects';
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
  private readonly rendered?: RenderedEgressAllowList;

  public constructor(scope: Construct, id: string, props: EgressAllowListConstructProps) {
    super(scope, id);
    const { namespace, ...list } = props;
    if (namespace instanceof ZeroTrustNamespace) {
      namespace.allowEgress(list);
      this.apiObjects = [];
      return;
    }
    this.rendered = renderEgressAllowList({ ...list, namespace }, { path: this.node.path });
    this.apiObjects = this.rendered.manifests.map((m) => addManifest(this, m));
    this.node.addValidation({ validate: () => this.conflicts() });
  }

  // Sidecars and ServiceEntries are per namespace, so standalone lists are checked against the whole app.
  private conflicts(): string[] {
    const mine = this.rendered!;
    const errors: string[] = [];
    for (const other of this.node.root.node.findAll()) {
      if (other instanceof EgressAllowList && other !== this && other.rendered !== undefined) {
        const why = egressConflict(mine, other.rendered);
        if (why !== undefined) errors.push(`${this.node.path} and ${other.node.path}: ${why}`);
      }
      if (other instanceof ZeroTrustNamespace && other.name === mine.namespace) {
        errors.push(`${this.node.path}: namespace "${mine.namespace}" is the ZeroTrustNamespace ${other.node.path}, whose Sidecars would clash with this list's; pass that object as namespace`);
      }
    }
    return errors;
  }
}
