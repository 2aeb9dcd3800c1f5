import * as pulumi from '@pulumi/pulumi';

/** A resource the program registered: its Pulumi type, name and inputs. */
export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
  /** The provider reference it was registered with (`<urn>::<id>`), when one was given. */
  readonly provider?: string;
}

/**
 * Runs Pulumi programs offline: every registered resource is recorded with its inputs, and its outputs echo the
 * inputs. Call before the program's module is loaded.
 */
export function recordPulumiResources(): Registered[] {
  const registered: Registered[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs, ...(args.provider === undefined ? {} : { provider: args.provider }) });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call(args) {
        return args.inputs;
      },
    },
    'meshlight-test',
    'test',
    false,
  );
  return registered;
}

/** Resolves once every resource has been registered with the (mock) engine. */
export function registered(resources: readonly pulumi.Resource[]): Promise<void> {
  return Promise.all(resources.map((r) => new Promise<void>((resolve) => r.urn.apply(() => resolve())))).then(() => undefined);
}

/** The Kubernetes objects among the registered resources (components left out), as their manifests. */
export function manifestsOf(resources: readonly Registered[]): Record<string, any>[] {
  return resources.filter((r) => r.type.startsWith('kubernetes:')).map((r) => r.inputs);
}

/** Lets the mock engine take any registration already started, so a test can check that none was. */
export function settled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
