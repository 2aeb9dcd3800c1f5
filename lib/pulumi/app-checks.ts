import { AppChecker, Manifest, MeshlightAppError } from '../core';

// A Pulumi program is one process deploying one stack: its components are checked against each other as they come.
const checker = new AppChecker();

/**
 * Checks a component's objects against those of the components before it (two VirtualServices for one host,
 * conflicting Sidecars, routes to undefined subsets) and throws MeshlightAppError before the component registers
 * anything when they conflict.
 */
export function checkAgainstApp(component: string, manifests: readonly Manifest[]): void {
  const problems = checker.add(manifests.map((manifest) => ({ path: component, manifest })));
  if (problems.length > 0) throw new MeshlightAppError(problems);
}
