import { allowListClash, allowListInZeroTrustNamespace, MeshlightAppError, RenderedEgressAllowList, StandaloneAllowList } from '../core/internal';
import { perCluster } from './program-run';

// A run of a Pulumi program deploys one stack, so what owns each namespace's Sidecars is tracked per run, the way
// cdk8s checks its construct tree. Lists clash only within a namespace, so they are kept by namespace: each new list
// is checked against its own namespace's lists, not every list of the program. The rules are core's, as in cdk8s.
// Namespaces of different clusters (Kubernetes providers) are different namespaces.
const zeroTrustNamespaces = (cluster: object | undefined) => perCluster('zero-trust-namespaces', cluster, () => new Map<string, string>());
const standaloneLists = (cluster: object | undefined) => perCluster('standalone-egress-lists', cluster, () => new Map<string, StandaloneAllowList[]>());

/** Records that the ZeroTrustNamespace `component` owns `namespace`; throws if a standalone allow-list is there. */
export function claimNamespace(namespace: string, component: string, cluster?: object): void {
  const list = standaloneLists(cluster).get(namespace)?.[0];
  if (list !== undefined) throw new MeshlightAppError([allowListInZeroTrustNamespace(list, component)]);
  zeroTrustNamespaces(cluster).set(namespace, component);
}

/** Records a standalone allow-list; throws if it clashes with another one or with a ZeroTrustNamespace. */
export function claimEgressScope(name: string, rendered: RenderedEgressAllowList, cluster?: object): void {
  const list: StandaloneAllowList = { path: name, rendered };
  const owner = zeroTrustNamespaces(cluster).get(rendered.namespace);
  if (owner !== undefined) throw new MeshlightAppError([allowListInZeroTrustNamespace(list, owner)]);
  const lists = standaloneLists(cluster).get(rendered.namespace) ?? [];
  const clashes = lists.flatMap((other) => allowListClash(list, other) ?? []);
  if (clashes.length > 0) throw new MeshlightAppError(clashes);
  lists.push(list);
  standaloneLists(cluster).set(rendered.namespace, lists);
}
