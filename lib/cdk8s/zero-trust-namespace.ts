import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  CallerLike, CallOptions, EgressAllowListProps, TargetLike, ZeroTrustNamespaceDeclaration, ZeroTrustNamespaceProps,
} from '../core/internal';
import { addManifest, declareWorkloads, declareZeroTrustNamespace, renderBeforeSynth } from './synth';

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
  private readonly declaration: ZeroTrustNamespaceDeclaration;
  private readonly renderIfStale = () => this.renderObjects();
  private objects: readonly ApiObject[] = [];
  private current = false;

  public constructor(scope: Construct, id: string, props: ZeroTrustNamespaceProps = {}) {
    super(scope, id);
    this.declaration = new ZeroTrustNamespaceDeclaration(props, { path: this.node.path, defaultName: this.node.id });
    this.name = this.declaration.name;
    declareZeroTrustNamespace(this, this.name);
    this.renderObjects();
  }

  /**
   * Allows `from` to call `to` (a workload of this namespace), optionally only on some ports, methods and paths.
   * Throws at once, naming this construct, when the call is invalid.
   */
  public allow(from: CallerLike, to: TargetLike, options: CallOptions = {}): this {
    this.declaration.allow({ ...options, from, to });
    this.changed();
    return this;
  }

  /**
   * Lets the namespace, or one workload of it, reach external hosts: what an EgressAllowList given this namespace
   * does. Throws at once when the allow-list is invalid or clashes with one already added.
   */
  public allowEgress(list: EgressAllowListProps): this {
    return this.allowEgressFrom(list);
  }

  /**
   * allowEgress, for an EgressAllowList given this namespace: `source` is its construct path, which later problems name.
   * @internal
   */
  public allowEgressFrom(list: EgressAllowListProps, source?: string): this {
    this.declaration.allowEgress(list, source);
    this.changed();
    return this;
  }

  /** Every object this construct emits, in output order. */
  public get apiObjects(): readonly ApiObject[] {
    this.renderObjects();
    return this.objects;
  }

  // Rendered before the app's synth (see synth.ts), or when apiObjects is read, not on every call.
  private changed(): void {
    this.current = false;
    renderBeforeSynth(this, this.renderIfStale);
  }

  private renderObjects(): void {
    if (this.current) return;
    for (const o of this.objects) this.node.tryRemoveChild(o.node.id);
    const rendered = this.declaration.render();
    this.objects = rendered.manifests.map((m) => addManifest(this, m));
    declareWorkloads(this, rendered.declaredWorkloads);
    this.current = true;
  }
}
