import * as pulumi from '@pulumi/pulumi';
import { allowEgressAs, allowListObject, EgressAllowListProps, renderEgressAllowList } from '../core/internal';
import { assertPlain } from './inputs';
import { claimEgressScope } from './egress-registry';
import { checkAgainstApp } from './app-checks';
import { clusterOf } from './program-run';
import { childName, createResource } from './resources';
import { ZeroTrustNamespace } from './zero-trust-namespace';

/** Props of the Pulumi EgressAllowList: `namespace` may also be a ZeroTrustNamespace, which then owns the list. */
export interface EgressAllowListArgs extends Omit<EgressAllowListProps, 'namespace'> {
  /**
   * Namespace of the workloads: its name, or a ZeroTrustNamespace, whose Sidecars and NetworkPolicies then carry
   * the list (merged with its calls and other lists).
   * @default 'default'
   */
  readonly namespace?: string | ZeroTrustNamespace;
}

/**
 * The external hosts a namespace, or one workload in it, may reach, as a Pulumi component with the same props as
 * the cdk8s construct; every other host stays blocked.
 */
export class EgressAllowList extends pulumi.ComponentResource {
  /** Every child resource; empty when a ZeroTrustNamespace carries the list. */
  public readonly resources: readonly pulumi.CustomResource[];

  public constructor(name: string, props: EgressAllowListArgs, opts?: pulumi.ComponentResourceOptions) {
    assertPlain(name, props, () => false);
    const { namespace, ...list } = allowListObject(props, { path: name });
    const owner = namespace instanceof ZeroTrustNamespace ? namespace : undefined;
    // Validate (and, in a ZeroTrustNamespace, hand over) before registering anything.
    const rendered = owner === undefined ? renderEgressAllowList({ ...list, namespace: namespace as string | undefined }, { path: name }) : undefined;
    if (owner !== undefined) allowEgressAs(name, () => owner.allowEgressFrom(list, name));
    const cluster = clusterOf(opts);
    if (rendered !== undefined) claimEgressScope(name, rendered, cluster);
    if (rendered !== undefined) checkAgainstApp(name, rendered.manifests, [], undefined, cluster);
    super('meshlight:index:EgressAllowList', name, {}, opts);
    this.resources = (rendered?.manifests ?? []).map((m) => createResource(childName(name, m), m, { parent: this }));
    this.registerOutputs({});
  }
}
