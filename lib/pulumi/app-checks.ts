import { AppChecker, DeclaredWorkload, Manifest, MeshlightAppError, WorkloadIdentity } from '../core/internal';
import { perCluster } from './program-run';

/**
 * Checks a component's objects against those of the components before it (two VirtualServices for one host,
 * conflicting Sidecars, routes to undefined subsets, ...) and throws MeshlightAppError before the component registers
 * anything when they conflict. Components of different clusters (Kubernetes providers) are checked apart. A ZeroTrustNamespace passes the workloads it declares and `settles` its namespace:
 * from then on, what objects select or name in it must be a workload of the app (see AppChecker.settle).
 */
export function checkAgainstApp(component: string, manifests: readonly Manifest[], declared: readonly WorkloadIdentity[] = [], settles?: string, cluster?: object): void {
  // A run of the program deploys one stack: its components are checked against those of the same cluster (see
  // clusterOf) as they come.
  const checker = perCluster('app-checker', cluster, () => new AppChecker());
  const workloads: DeclaredWorkload[] = declared.map((identity) => ({ path: component, identity }));
  const problems = [
    ...checker.add(manifests.map((manifest) => ({ path: component, manifest })), workloads),
    ...(settles === undefined ? [] : checker.settle([settles])),
  ];
  if (problems.length > 0) throw new MeshlightAppError(problems);
}
