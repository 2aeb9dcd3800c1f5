// The objects of a Mesh by namespace, so that the questions asked once per workload (which policies, Sidecar and
// PeerAuthentications apply to it) read the objects of its namespace and of the root namespace, not the whole mesh:
// explaining stays linear in the size of the mesh instead of quadratic.
import { compareText } from '../core/internal';
import { AuthorizationPolicyConfig } from './authorization-policy';
import { Mesh } from './mesh';
import { PeerAuthenticationConfig } from './peer-authentication';
import { SidecarConfig } from './sidecar';
import { Identity, Workload } from './workloads';

/** Per-namespace views of a Mesh's objects. */
export interface MeshIndex {
  /** AuthorizationPolicies that may apply to a workload of `namespace`: its own and the root namespace's. */
  policiesFor(namespace: string): readonly AuthorizationPolicyConfig[];
  /** PeerAuthentications that may apply to a workload of `namespace`. */
  peerAuthenticationsFor(namespace: string): readonly PeerAuthenticationConfig[];
  /** Sidecars that may apply to a workload of `namespace`. */
  sidecarsFor(namespace: string): readonly SidecarConfig[];
  /** Every caller identity of the mesh. */
  readonly identities: readonly Identity[];
  /** The caller identities of `namespace`. */
  identitiesIn(namespace: string): readonly Identity[];
  /** The identity whose principal is `principal`. */
  identityOf(principal: string): Identity | undefined;
  /** The workloads of `namespace`. */
  workloadsIn(namespace: string): readonly Workload[];
  /** Every namespace with a workload or an identity, sorted. */
  readonly namespaces: readonly string[];
}

const indexes = new WeakMap<Mesh, MeshIndex>();

/** The index of `mesh`, built on first use. */
export function indexOf(mesh: Mesh): MeshIndex {
  let index = indexes.get(mesh);
  if (index === undefined) {
    index = buildIndex(mesh);
    indexes.set(mesh, index);
  }
  return index;
}

/** `items` by `key`, each group in the order of `items`. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

function buildIndex(mesh: Mesh): MeshIndex {
  const root = mesh.options.rootNamespace;
  // Each namespace's own objects, then the root namespace's, as the per-workload functions filter them anyway.
  const withRoot = <T extends { readonly namespace: string }>(items: readonly T[]) => {
    const byNamespace = groupBy(items, (i) => i.namespace);
    const rootItems = byNamespace.get(root) ?? [];
    const cache = new Map<string, readonly T[]>();
    return (namespace: string): readonly T[] => {
      let found = cache.get(namespace);
      if (found === undefined) {
        found = namespace === root ? rootItems : [...(byNamespace.get(namespace) ?? []), ...rootItems];
        cache.set(namespace, found);
      }
      return found;
    };
  };
  const identities = groupBy(mesh.identities, (i) => i.namespace);
  const byPrincipal = new Map(mesh.identities.map((i) => [i.principal, i]));
  const workloads = groupBy(mesh.workloads, (w) => w.namespace);
  return {
    policiesFor: withRoot(mesh.authorizationPolicies),
    peerAuthenticationsFor: withRoot(mesh.peerAuthentications),
    sidecarsFor: withRoot(mesh.sidecars),
    identities: mesh.identities,
    identitiesIn: (namespace) => identities.get(namespace) ?? [],
    identityOf: (principal) => byPrincipal.get(principal),
    workloadsIn: (namespace) => workloads.get(namespace) ?? [],
    namespaces: [...new Set([...workloads.keys(), ...identities.keys()])].sort(compareText),
  };
}
