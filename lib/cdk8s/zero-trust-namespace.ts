import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { CallerLike, CallOptions, CallProps, renderZeroTrustNamespace, TargetLike, ZeroTrustNamespaceProps } from '../core';
import { addManifest } from './api-objects';

/**
 * A namespace where nothing may call anything until it is declared: the Namespace (in the mesh), STRICT mTLS, an
 * allow-nothing AuthorizationPolicy, an ALLOW policy per declared call, a Sidecar per workload scoping its proxy to
 * what it calls, and NetworkPolicies as a second fence.
 *
 * @see https://istio.io/latest/docs/ops/best-practices/security/
 */
export class ZeroTrustNamespace extends Construct {
  /** Name of the namespace; pass it as `namespace` to the GrayscaleServices that run in it. */
  public readonly name: string;
  private readonly props: ZeroTrustNamespaceProps;
  private calls: readonly CallProps[];
  private objects: readonly ApiObject[] = [];

  public constructor(scope: Construct, id: string, props: ZeroTrustNamespaceProps = {}) {
    super(scope, id);
    this.props = props;
    this.calls = props.calls ?? [];
    this.name = this.render(this.calls);
  }

  /**
   * Allows `from` to call `to` (a workload of this namespace), optionally only on some ports, methods and paths.
   * Throws at once, naming this construct, when the call is invalid.
   */
  public allow(from: CallerLike, to: TargetLike, options: CallOptions = {}): this {
    const calls = [...this.calls, { ...options, from, to }];
    this.render(calls);
    this.calls = calls;
    return this;
  }

  /** Every object this construct emits, in output order. */
  public get apiObjects(): readonly ApiObject[] {
    return this.objects;
  }

  // Objects depend on every call (a workload's Sidecar lists all it calls), so each change renders them anew.
  private render(calls: readonly CallProps[]): string {
    const rendered = renderZeroTrustNamespace({ ...this.props, calls }, { path: this.node.path, defaultName: this.node.id });
    for (const o of this.objects) this.node.tryRemoveChild(o.node.id);
    this.objects = rendered.manifests.map((m) => addManifest(this, m));
    return rendered.name;
  }
}
