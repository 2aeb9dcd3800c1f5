import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CallerLike, CallOptions, CallProps, EgressAllowListProps, renderZeroTrustNamespace, TargetLike, ZeroTrustNamespaceProps,
} from '../core';
import { addManifest } from './api-objects';

/**
 * A namespace where nothing may call anything until it is declared: the Namespace (in the mesh), STRICT mTLS, an
 * allow-nothing AuthorizationPolicy, an ALLOW policy per declared call, a Sidecar per workload scoping its proxy to
 * what it calls and the external hosts it may reach, and NetworkPolicies as a second fence.
 *
 * @see https://istio.io/latest/docs/ops/best-practices/security/
 */
export class ZeroTrustNamespace extends Construct {
  /** Name of the namespace; pass it as `namespace` to the GrayscaleServices that run in it. */
  public readonly name: string;
  private readonly props: ZeroTrustNamespaceProps;
  private calls: readonly CallProps[];
  private egress: readonly EgressAllowListProps[];
  private objects: readonly ApiObject[] = [];

  public constructor(scope: Construct, id: string, props: ZeroTrustNamespaceProps = {}) {
    super(scope, id);
    this.props = props;
    this.calls = props.calls ?? [];
    this.egress = props.egress ?? [];
    this.name = this.render(this.calls, this.egress);
  }

  /**
   * Allows `from` to call `to` (a workload of this namespace), optionally only on some ports, methods and paths.
   * Throws at once, naming this construct, when the call is invalid.
   */
  public allow(from: CallerLike, to: TargetLike, options: CallOptions = {}): this {
    const calls = [...this.calls, { ...options, from, to }];
    this.render(calls, this.egress);
    this.calls = calls;
    return this;
  }

  /**
   * Lets the namespace, or one workload of it, reach external hosts: what an EgressAllowList given this namespace
   * does. Throws at once when the allow-list is invalid or clashes with one already added.
   */
  public allowEgress(list: EgressAllowListProps): this {
    const egress = [...this.egress, list];
    this.render(this.calls, egress);
    this.egress = egress;
    return this;
  }

  /** Every object this construct emits, in output order. */
  public get apiObjects(): readonly ApiObject[] {
    return this.objects;
  }

  // Objects depend on every call and allow-list (a workload's Sidecar lists all it reaches), so each change renders
  // them anew.
  private render(calls: readonly CallProps[], egress: readonly EgressAllowListProps[]): string {
    const rendered = renderZeroTrustNamespace({ ...this.props, calls, egress }, { path: this.node.path, defaultName: this.node.id });
    for (const o of this.objects) this.node.tryRemoveChild(o.node.id);
    this.objects = rendered.manifests.map((m) => addManifest(this, m));
    return rendered.name;
  }
}
