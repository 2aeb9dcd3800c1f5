import * as pulumi from '@pulumi/pulumi';
import {
  CallerLike, CallOptions, EgressAllowListProps, ProblemCollector, TargetLike, ZeroTrustNamespaceDeclaration, ZeroTrustNamespaceProps,
} from '../core/internal';
import { checkAgainstApp } from './app-checks';
import { assertPlain } from './inputs';
import { claimNamespace } from './egress-registry';
import { childName, createResource } from './resources';

/**
 * A namespace where nothing may call anything until it is declared, as a Pulumi component with the same props as
 * the cdk8s construct. The Namespace is registered at once, so resources given `dependsOn: [namespace]` are created
 * after it; the policies are registered once the program has declared its calls and allow-lists (props, `allow()`
 * and `allowEgress()` in the same synchronous run of the program).
 */
export class ZeroTrustNamespace extends pulumi.ComponentResource {
  /** Name of the namespace; pass it as `namespace` to the GrayscaleServices that run in it. */
  public readonly name: string;
  /** The Namespace resource. */
  public readonly namespace: pulumi.CustomResource;
  /** Every child resource; complete once the policies are registered. */
  public readonly resources: pulumi.CustomResource[] = [];
  /**
   * Resolves once every child resource has been created; rejects with MeshlightAppError, the policies unregistered,
   * when they conflict with the rest of the app (e.g. a call to a workload that selects no pods).
   */
  public readonly ready: Promise<void>;
  private readonly componentName: string;
  // Checks each call and allow-list as it comes, in time proportional to it, and renders the objects once.
  private readonly declaration: ZeroTrustNamespaceDeclaration;
  private sealed = false;

  public constructor(name: string, props: ZeroTrustNamespaceProps = {}, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, so bad props leave no half-made component in the stack.
    assertPlain(name, props, () => false);
    const declaration = new ZeroTrustNamespaceDeclaration(props, { path: name, defaultName: name });
    claimNamespace(declaration.name, name);
    super('meshlight:index:ZeroTrustNamespace', name, {}, opts);
    this.componentName = name;
    this.declaration = declaration;
    this.name = declaration.name;
    const namespace = declaration.render().manifests[0];
    this.namespace = createResource(childName(name, namespace), namespace, { parent: this });
    this.resources.push(this.namespace);
    this.ready = new Promise((resolve, reject) => setImmediate(() => {
      try {
        this.registerPolicies();
        resolve();
      } catch (e) {
        reject(e);
      }
    }));
  }

  /**
   * Allows `from` to call `to` (a workload of this namespace), optionally only on some ports, methods and paths.
   * Throws at once, naming this component, when the call is invalid or comes after the policies were registered.
   */
  public allow(from: CallerLike, to: TargetLike, options: CallOptions = {}): this {
    this.assertOpen('allow()', 'a call');
    this.declaration.allow({ ...options, from, to });
    return this;
  }

  /**
   * Lets the namespace, or one workload of it, reach external hosts: what an EgressAllowList given this namespace
   * does. Throws at once when the allow-list is invalid, clashes with one already added, or comes too late.
   */
  public allowEgress(list: EgressAllowListProps): this {
    this.assertOpen('allowEgress()', 'an allow-list');
    this.declaration.allowEgress(list);
    return this;
  }

  /** @deprecated Use `name`, as in cdk8s. */
  public get namespaceName(): string {
    return this.name;
  }

  private assertOpen(field: string, value: unknown): void {
    if (this.sealed) {
      const problems = new ProblemCollector(this.componentName);
      problems.add(field, value, 'comes after the program awaited, when the namespace had registered its policies', 'declare calls and allow-lists in props, or before the program\'s first await');
      problems.throwIfAny();
    }
  }

  private registerPolicies(): void {
    this.sealed = true;
    const rendered = this.declaration.render();
    // Checked whole, once its calls are all declared and the workloads the program deploys are known.
    checkAgainstApp(this.componentName, rendered.manifests, rendered.declaredWorkloads, this.name);
    for (const m of rendered.manifests.slice(1)) {
      this.resources.push(createResource(childName(this.componentName, m), m, { parent: this, dependsOn: [this.namespace] }));
    }
    this.registerOutputs({ name: this.name });
  }
}
