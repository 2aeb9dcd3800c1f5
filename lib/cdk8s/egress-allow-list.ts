import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { allowEgressAs, allowListObject, EgressAllowListProps, egressConflict, renderEgressAllowList, RenderedEgressAllowList } from '../core/internal';
import { addManifest } from './api-objects';
import { ZeroTrustNamespace } from './zero-trust-namespace';

/** Props of the cdk8s EgressAllowList: `namespace` may also be a ZeroTrustNamespace, which then owns the list. */
export interface EgressAllowListConstructProps extends Omit<EgressAllowListProps, 'namespace'> {
  /**
   * Namespace of the workloads: its name, or a ZeroTrustNamespace, whose Sidecars and NetworkPolicies then carry
   * the list (merged with its calls and other lists).
   * @default 'default'
   */
  readonly namespace?: string | ZeroTrustNamespace;
}

/**
 * The external hosts a namespace, or one workload in it, may reach; every other host stays blocked. Emits a
 * ServiceEntry per host (visible to this namespace only) and a Sidecar with REGISTRY_ONLY listing them, optionally
 * routes through an egress gateway and fences pods with a NetworkPolicy.
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/egress/egress-control/
 */
export class EgressAllowList extends Construct {
  /** Every object this construct emits itself; empty when a ZeroTrustNamespace carries the list. */
  public readonly apiObjects: readonly ApiObject[];
  private readonly rendered?: RenderedEgressAllowList;

  public constructor(scope: Construct, id: string, props: EgressAllowListConstructProps) {
    super(scope, id);
    const { namespace, ...list } = allowListObject(props, { path: this.node.path });
    if (namespace instanceof ZeroTrustNamespace) {
      allowEgressAs(this.node.path, () => namespace.allowEgress(list));
      this.apiObjects = [];
      return;
    }
    this.rendered = renderEgressAllowList({ ...list, namespace }, { path: this.node.path });
    this.apiObjects = this.rendered.manifests.map((m) => addManifest(this, m));
    standaloneNamespaces.set(this, this.rendered.namespace);
    indexOnSynth(this.node.root);
    this.node.addValidation({ validate: () => this.conflicts() });
  }

  // Sidecars and ServiceEntries are per namespace, so a standalone list is checked against the lists and
  // ZeroTrustNamespaces of its namespace anywhere in the app, in the order of the construct tree.
  private conflicts(): string[] {
    const mine = this.rendered!;
    const errors: string[] = [];
    for (const other of namespaceIndexFor(this).get(mine.namespace) ?? []) {
      if (other instanceof EgressAllowList && other !== this && other.rendered !== undefined) {
        const why = egressConflict(mine, other.rendered);
        if (why !== undefined) errors.push(`${this.node.path} and ${other.node.path}: ${why}`);
      }
      if (other instanceof ZeroTrustNamespace) {
        errors.push(`${this.node.path}: namespace "${mine.namespace}" is the ZeroTrustNamespace ${other.node.path}, whose Sidecars would clash with this list's; pass that object as namespace`);
      }
    }
    return errors;
  }
}

/** Standalone allow-lists and ZeroTrustNamespaces of an app by namespace, in construct tree order. */
type NamespaceIndex = Map<string, (EgressAllowList | ZeroTrustNamespace)[]>;

/** The namespace of each standalone list (a list a ZeroTrustNamespace carries has none of its own). */
const standaloneNamespaces = new WeakMap<EgressAllowList, string>();

// The index of each app's validation pass under way, and the lists the pass has yet to validate. Checking every list
// against the whole tree made an app's validation quadratic in its size; the index takes one walk per pass.
const passes = new WeakMap<Construct, { readonly index: NamespaceIndex; readonly pending: Set<EgressAllowList> }>();
const indexedApps = new WeakSet<Construct>();

function buildNamespaceIndex(root: Construct): NamespaceIndex {
  const index: NamespaceIndex = new Map();
  for (const c of root.node.findAll()) {
    const namespace = c instanceof EgressAllowList ? standaloneNamespaces.get(c) : c instanceof ZeroTrustNamespace ? c.name : undefined;
    if (namespace === undefined) continue;
    const entries = index.get(namespace);
    if (entries === undefined) index.set(namespace, [c as EgressAllowList | ZeroTrustNamespace]);
    else entries.push(c as EgressAllowList | ZeroTrustNamespace);
  }
  return index;
}

/**
 * Indexes the app at the start of every validation pass: cdk8s validates the root before any other construct, so
 * the lists' own validations, which come after in the same pass, see the tree as it is. Each list uses the index
 * once; a list validated outside a pass (or twice in one) walks the tree afresh.
 */
function indexOnSynth(root: Construct): void {
  if (indexedApps.has(root)) return;
  indexedApps.add(root);
  root.node.addValidation({
    validate: () => {
      const index = buildNamespaceIndex(root);
      const pending = new Set([...index.values()].flat().filter((c): c is EgressAllowList => c instanceof EgressAllowList));
      const pass = { index, pending };
      passes.set(root, pass);
      // Should a validation of the pass throw before every list's turn, the index goes with the synchronous work.
      queueMicrotask(() => {
        if (passes.get(root) === pass) passes.delete(root);
      });
      return [];
    },
  });
}

function namespaceIndexFor(list: EgressAllowList): NamespaceIndex {
  const root = list.node.root;
  const pass = passes.get(root);
  if (pass === undefined || !pass.pending.delete(list)) return buildNamespaceIndex(root);
  if (pass.pending.size === 0) passes.delete(root);
  return pass.index;
}
