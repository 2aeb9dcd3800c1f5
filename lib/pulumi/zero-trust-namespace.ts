import * as pulumi from '@pulumi/pulumi';
import { CallerLike, CallOptions, CallProps, renderZeroTrustNamespace, TargetLike, ZeroTrustNamespaceProps } from '../core';
import { childName, createResource } from './resources';

/**
 * A namespace where nothing may call anything until it is declared, as a Pulumi component with the same props as
 * the cdk8s construct. The Namespace is registered at once, so resources given `dependsOn: [namespace]` are created
 * after it; the policies are registered once the program has declared its calls (props.calls and `allow()` in the
 * same synchronous run of the program).
 */
export class ZeroTrustNamespace extends pulumi.ComponentResource {
  /** Name of the namespace; pass it as `namespace` to the GrayscaleServices that run in it. */
  public readonly namespaceName: string;
  /** The Namespace resource. */
  public readonly namespace: pulumi.CustomResource;
  /** Every child resource; complete once the policies are registered. */
  public readonly resources: pulumi.CustomResource[] = [];
  /** Resolves once every child resource has been created. */
  public readonly ready: Promise<void>;
  private readonly componentName: string;
  private readonly props: ZeroTrustNamespaceProps;
  private calls: readonly CallProps[];
  private sealed = false;

  public constructor(name: string, props: ZeroTrustNamespaceProps = {}, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, so bad props leave no half-made component in the stack.
    const rendered = renderZeroTrustNamespace(props, { path: name, defaultName: name });
    super('meshlight:index:ZeroTrustNamespace', name, {}, opts);
    this.componentName = name;
    this.props = props;
    this.calls = props.calls ?? [];
    this.namespaceName = rendered.name;
    this.namespace = createResource(childName(name, rendered.manifests[0]), rendered.manifests[0], { parent: this });
    this.resources.push(this.namespace);
    this.ready = new Promise((resolve) => setImmediate(() => {
      this.registerPolicies();
      resolve();
    }));
  }

  /**
   * Allows `from` to call `to` (a workload of this namespace), optionally only on some ports, methods and paths.
   * Throws at once, naming this component, when the call is invalid or comes after the policies were registered.
   */
  public allow(from: CallerLike, to: TargetLike, options: CallOptions = {}): this {
    if (this.sealed) {
      throw new Error(`${this.componentName}: allow() was called after the program awaited; declare every call in props.calls or before the first await`);
    }
    const calls = [...this.calls, { ...options, from, to }];
    renderZeroTrustNamespace({ ...this.props, calls }, { path: this.componentName, defaultName: this.componentName });
    this.calls = calls;
    return this;
  }

  private registerPolicies(): void {
    this.sealed = true;
    const rendered = renderZeroTrustNamespace({ ...this.props, calls: this.calls }, { path: this.componentName, defaultName: this.componentName });
    for (const m of rendered.manifests.slice(1)) {
      this.resources.push(createResource(childName(this.componentName, m), m, { parent: this, dependsOn: [this.namespace] }));
    }
    this.registerOutputs({ namespaceName: this.namespaceName });
  }
}
