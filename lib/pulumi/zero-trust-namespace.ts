import * as pulumi from '@pulumi/pulumi';
import {
  CallerLike, CallOptions, EgressAllowListProps, ProblemCollector, TargetLike, ZeroTrustNamespaceDeclaration, ZeroTrustNamespaceProps,
} from '../core/internal';
import { checkAgainstApp } from './app-checks';
import { clusterOf } from './program-run';
import { assertPlain } from './inputs';
import { claimNamespace } from './egress-registry';
import { childName, createResource } from './resources';

/**
 * A namespace where nothing may call anything until it is declared, as a Pulumi component with the same props as
 * the cdk8s construct. Its objects, the Namespace first, are registered together once the program has declared its
 * calls and allow-lists (props, `allow()` and `allowEgress()` in the same synchronous run of the program) and they
 * have been checked against the rest of the app; resources given `dependsOn: [namespace]` are created after them.
 * A refused namespace (an `allow()` or `allowEgress()` that threw, a conflict with the rest of the app) registers
 * none of its objects: only the component itself, which Pulumi registers on construction, is in the stack.
 */
export class ZeroTrustNamespace extends pulumi.ComponentResource {
  /** Name of the namespace; pass it as `namespace` to the GrayscaleServices that run in it. */
  public readonly name: string;
  /**
   * The Namespace resource, for `dependsOn`. Created with the policies, so it is a promise: it resolves when `ready`
   * does and rejects, like `ready`, when the namespace is refused.
   */
  public readonly namespace: Promise<pulumi.CustomResource>;
  /** Every child resource, the Namespace first; empty until `ready` resolves, and stays empty when it rejects. */
  public readonly resources: pulumi.CustomResource[] = [];
  /**
   * Resolves once every child resource has been created. Rejects, with nothing of the namespace registered, with the
   * error of the first `allow()` or `allowEgress()` that threw, or with MeshlightAppError when the objects conflict
   * with the rest of the app (e.g. a call to a workload that selects no pods).
   */
  public readonly ready: Promise<void>;
  private readonly componentName: string;
  // Checks each call and allow-list as it comes, in time proportional to it, and renders the objects once.
  private readonly declaration: ZeroTrustNamespaceDeclaration;
  private sealed = false;
  // The cluster (Kubernetes provider) it deploys to, whose whole-app check it joins.
  private readonly cluster?: object;
  // The first error a declaration threw: the program may catch it, but the namespace it left is not registered.
  private refusal?: { readonly error: unknown };
  // Resolves once the namespace is registered or refused; never rejects, so waiting on it handles nothing.
  private readonly settled: Promise<void>;

  public constructor(name: string, props: ZeroTrustNamespaceProps = {}, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, so bad props leave no half-made component in the stack.
    assertPlain(name, props, () => false);
    const declaration = new ZeroTrustNamespaceDeclaration(props, { path: name, defaultName: name });
    const cluster = clusterOf(opts);
    claimNamespace(declaration.name, name, cluster);
    super('meshlight:index:ZeroTrustNamespace', name, {}, opts);
    this.cluster = cluster;
    this.componentName = name;
    this.declaration = declaration;
    this.name = declaration.name;
    // setImmediate runs once the program's synchronous run, and the promise callbacks it queued, are over. Only `ready`
    // carries a refusal: nothing of meshlight's handles it, so unless the program does, it fails the program.
    let settle!: () => void;
    this.settled = new Promise((resolve) => {
      settle = resolve;
    });
    this.ready = new Promise((resolve, reject) => setImmediate(() => {
      try {
        this.register();
        resolve();
      } catch (e) {
        this.refusal ??= { error: e };
        reject(e);
      } finally {
        settle();
      }
    }));
    this.namespace = this.settled.then(() => (this.refusal === undefined ? this.resources[0] : Promise.reject(this.refusal.error)));
    // Reported once, by `ready`; not again by `namespace`.
    this.namespace.catch(() => undefined);
  }

  /**
   * Allows `from` to call `to` (a workload of this namespace), optionally only on some ports, methods and paths.
   * Throws at once, naming this component, when the call is invalid or comes after the objects were registered; an
   * invalid call also keeps the namespace from registering anything.
   */
  public allow(from: CallerLike, to: TargetLike, options: CallOptions = {}): this {
    this.declare('allow()', 'a call', () => this.declaration.allow({ ...options, from, to }));
    return this;
  }

  /**
   * Lets the namespace, or one workload of it, reach external hosts: what an EgressAllowList given this namespace
   * does. Throws at once when the allow-list is invalid, clashes with one already added, or comes too late; an
   * allow-list refused for any reason but lateness also keeps the namespace from registering anything.
   */
  public allowEgress(list: EgressAllowListProps): this {
    return this.allowEgressFrom(list);
  }

  /**
   * allowEgress, for an EgressAllowList given this namespace: `source` is its resource name, which later problems name.
   * @internal
   */
  public allowEgressFrom(list: EgressAllowListProps, source?: string): this {
    this.declare('allowEgress()', 'an allow-list', () => this.declaration.allowEgress(list, source));
    return this;
  }

  /** @deprecated Use `name`, as in cdk8s. */
  public get namespaceName(): string {
    return this.name;
  }

  /**
   * Pulumi reads a component's children, for those that give it in `dependsOn`, once this resolves: so they wait for
   * the Namespace and policies. It is called from `super()`, before this object's fields are set; a turn later the
   * constructor has run.
   */
  protected override async initialize(): Promise<undefined> {
    await undefined;
    await this.settled;
    this.registerOutputs({ name: this.name });
    return undefined;
  }

  private declare(field: string, value: unknown, add: () => void): void {
    if (this.sealed) {
      const problems = new ProblemCollector(this.componentName);
      problems.add(field, value, 'comes after the program awaited, when the namespace had registered its objects', 'declare calls and allow-lists in props, or before the program\'s first await');
      problems.throwIfAny();
    }
    try {
      add();
    } catch (e) {
      this.refusal ??= { error: e };
      throw e;
    }
  }

  private register(): void {
    this.sealed = true;
    if (this.refusal !== undefined) throw this.refusal.error;
    const rendered = this.declaration.render();
    // Checked whole, once its calls are all declared and the workloads the program deploys are known.
    checkAgainstApp(this.componentName, rendered.manifests, rendered.declaredWorkloads, this.name, this.cluster);
    const [namespace, ...policies] = rendered.manifests;
    const namespaceResource = createResource(childName(this.componentName, namespace), namespace, { parent: this });
    this.resources.push(namespaceResource);
    for (const m of policies) {
      this.resources.push(createResource(childName(this.componentName, m), m, { parent: this, dependsOn: [namespaceResource] }));
    }
  }
}
