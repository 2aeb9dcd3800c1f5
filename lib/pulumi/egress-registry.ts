import { egressConflict, RenderedEgressAllowList } from '../core/internal';
import { perRun } from './program-run';

// A run of a Pulumi program deploys one stack, so what owns each namespace's Sidecars is tracked per run, the way
// cdk8s checks its construct tree. Lists clash only within a namespace, so they are kept by namespace: each new list
// is checked against its own namespace's lists, not every list of the program.
const zeroTrustNamespaces = () => perRun('zero-trust-namespaces', () => new Map<string, string>());
const standaloneLists = () => perRun('standalone-egress-lists', () => new Map<string, { readonly name: string; readonly rendered: RenderedEgressAllowList }[]>());

/** Records that the ZeroTrustNamespace `component` owns `namespace`; throws if a standalone allow-list is there. */
export function claimNamespace(namespace: string, component: string): void {
  const list = standaloneLists().get(namespace)?.[0];
  if (list !== undefined) {
    throw new Error(`${component}: the EgressAllowList ${list.name} owns Sidecars in namespace "${namespace}"; pass this ZeroTrustNamespace as its namespace instead`);
  }
  zeroTrustNamespaces().set(namespace, component);
}

/** Records a standalone allow-list; throws if it clashes with another one or with a ZeroTrustNamespace. */
export function claimEgressScope(name: string, rendered: RenderedEgressAllowList): void {
  const owner = zeroTrustNamespaces().get(rendered.namespace);
  if (owner !== undefined) {
    throw new Error(`${name}: namespace "${rendered.namespace}" is the ZeroTrustNamespace ${owner}, whose Sidecars would clash with this list's; pass that component as namespace`);
  }
  const lists = standaloneLists().get(rendered.namespace) ?? [];
  for (const other of lists) {
    const why = egressConflict(rendered, other.rendered);
    if (why !== undefined) throw new Error(`${name} and ${other.name}: ${why}`);
  }
  lists.push({ name, rendered });
  standaloneLists().set(rendered.namespace, lists);
}
