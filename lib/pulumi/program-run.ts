import * as pulumi from '@pulumi/pulumi';

/**
 * State that belongs to one run of a Pulumi program: the whole-app checks and the egress registry. A process can run a
 * program more than once (Automation API inline programs, test suites that call `setMocks` again), and each run
 * deploys a stack of its own, so what one run declared must not clash with the next. Pulumi gives every run its own
 * resource monitor (`pulumi.runtime.getMonitor()`: the engine's client, or the mocks); state is kept per monitor.
 */
const states = new WeakMap<object, Map<string, unknown>>();
/** For code that runs with no monitor at all (no engine, no mocks): one state for the process. */
const withoutMonitor = new Map<string, unknown>();

/** The value kept under `key` for the current program run, made by `create` on first use. */
export function perRun<T>(key: string, create: () => T): T {
  const monitor = pulumi.runtime.getMonitor() as object | undefined;
  let state = monitor === undefined ? withoutMonitor : states.get(monitor);
  if (state === undefined) {
    state = new Map();
    states.set(monitor!, state);
  }
  if (!state.has(key)) state.set(key, create());
  return state.get(key) as T;
}

/**
 * The cluster a component deploys to, as the whole-app checks tell clusters apart: the Kubernetes provider its
 * options give (`provider`, or the `kubernetes` one of `providers`), else its parent's, else none (the program's
 * default provider). The same service in two clusters is normal; twice in one cluster is still an error.
 */
export function clusterOf(opts: pulumi.ComponentResourceOptions | undefined): object | undefined {
  if (opts === undefined) return undefined;
  if (opts.provider !== undefined) return opts.provider;
  const providers = opts.providers;
  // A ProviderResource keeps its package in `pkg` (not typed as public); `providers` may be a list or a map.
  const listed = Array.isArray(providers) ? providers.find((p) => (p as unknown as { pkg?: string }).pkg === 'kubernetes') : providers?.kubernetes;
  return listed ?? opts.parent?.getProvider('kubernetes::any');
}

/** The value kept under `key` for `cluster` in the current program run, made by `create` on first use. */
export function perCluster<T>(key: string, cluster: object | undefined, create: () => T): T {
  const byCluster = perRun(key, () => new Map<object | undefined, T>());
  if (!byCluster.has(cluster)) byCluster.set(cluster, create());
  return byCluster.get(cluster)!;
}
