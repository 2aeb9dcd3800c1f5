import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  allowListClash, allowListInZeroTrustNamespace, AppObject, appProblems, DeclaredWorkload, formatProblem, Manifest, Problem,
  RenderedEgressAllowList, StandaloneAllowList, WorkloadIdentity,
} from '../core/internal';
import { manifestOf, renderedObject } from './api-objects';

// What meshlight runs when a cdk8s app is synthesised, in one place.
//
// cdk8s validates an app before it writes anything (`app.synth()`, `app.synthYaml()`, a chart's `toJson()`): the
// root's validations first, in the order they were added, then every other construct's, in tree order. With its first
// meshlight construct an app gets one validation on its root, the synth pass, which runs in this order:
//  1. Renders the ZeroTrustNamespaces changed since the last pass. A namespace's objects depend on every call and
//     allow-list (a workload's Sidecar lists all it reaches) and come out sorted, so rendering them on each change
//     made declaring a namespace quadratic; `allow()` only marks it stale.
//  2. Walks the tree once, collecting meshlight's objects, the workloads constructs declare (pods meshlight does not
//     deploy), and the namespaces of standalone EgressAllowLists and of ZeroTrustNamespaces.
//  3. Checks the app as a whole (core's appProblems: two VirtualServices for one host, a selector that matches no
//     workload, ...), unless nothing it reads changed since the last pass (`app.synthYaml()` validates the app, and
//     so does each chart's toJson() after it).
//  4. Checks each standalone EgressAllowList against those of its namespace before it, and against a
//     ZeroTrustNamespace there: a pod gets one Sidecar.
// Its problems fail the synth, each a core Problem naming the construct path. Then cdk8s writes each chart; meshlight's
// objects write core's data without cdk8s's resolve pass (api-objects.ts).

/** What the synth pass knows of a construct beyond its objects: what it declares, or whose Sidecars it owns. */
type Registration =
  | { readonly kind: 'workloads'; readonly workloads: readonly WorkloadIdentity[] }
  | { readonly kind: 'allow-list'; readonly rendered: RenderedEgressAllowList }
  | { readonly kind: 'zero-trust-namespace'; readonly name: string };

/** The synth pass of one app: the renders it owes and what it checked last. */
interface SynthPass {
  readonly staleRenders: Set<() => void>;
  lastCheck?: { readonly inputs: readonly unknown[]; readonly problems: readonly Problem[] };
}

const passes = new WeakMap<Construct, SynthPass>();
// Scopes whose app is known to have its pass: finding a scope's root walks up the tree, once per scope is enough.
const scopesWithPass = new WeakSet<Construct>();
// Registrations are few beside objects, and a WeakMap keeps them off the constructs.
const registrations = new WeakMap<Construct, Registration[]>();

function passOf(scope: Construct): SynthPass {
  const root = scope.node.root;
  let pass = passes.get(root);
  if (pass === undefined) {
    pass = { staleRenders: new Set() };
    passes.set(root, pass);
    const app = pass;
    root.node.addValidation({ validate: () => runPass(root, app).map(formatProblem) });
  }
  scopesWithPass.add(scope);
  return pass;
}

function runPass(root: Construct, pass: SynthPass): Problem[] {
  for (const render of pass.staleRenders) render();
  pass.staleRenders.clear();

  const objects: AppObject[] = [];
  const inputs: unknown[] = [];
  const declared: DeclaredWorkload[] = [];
  const declaredInputs: unknown[] = [];
  const lists: StandaloneAllowList[] = [];
  const zeroTrustNamespaces = new Map<string, string[]>();
  // Objects of one construct come one after another: their scope's path is looked up once.
  let scope: Construct | undefined;
  let path = '';
  for (const c of root.node.findAll()) {
    const manifest = manifestOf(c);
    if (manifest !== undefined) {
      if (c.node.scope !== scope) {
        scope = c.node.scope!;
        path = scope.node.path;
      }
      objects.push({ path, manifest });
      inputs.push(c, manifest);
    }
    for (const registration of registrations.get(c) ?? []) {
      if (registration.kind === 'workloads') {
        declared.push(...registration.workloads.map((identity) => ({ path: c.node.path, identity })));
        declaredInputs.push(c, registration.workloads);
      } else if (registration.kind === 'allow-list') {
        lists.push({ path: c.node.path, rendered: registration.rendered });
      } else {
        zeroTrustNamespaces.set(registration.name, [...(zeroTrustNamespaces.get(registration.name) ?? []), c.node.path]);
      }
    }
  }
  inputs.push(...declaredInputs);
  const last = pass.lastCheck;
  if (last === undefined || last.inputs.length !== inputs.length || last.inputs.some((x, i) => x !== inputs[i])) {
    pass.lastCheck = { inputs, problems: appProblems(objects, declared) };
  }
  return [...pass.lastCheck!.problems, ...allowListProblems(lists, zeroTrustNamespaces)];
}

/**
 * Problems of standalone allow-lists, in tree order: each against the lists of its namespace before it, and against
 * the ZeroTrustNamespaces (by construct path) of its namespace.
 */
function allowListProblems(lists: readonly StandaloneAllowList[], zeroTrustNamespaces: ReadonlyMap<string, readonly string[]>): Problem[] {
  const before = new Map<string, StandaloneAllowList[]>();
  return lists.flatMap((list) => {
    const namespace = list.rendered.namespace;
    let earlier = before.get(namespace);
    if (earlier === undefined) before.set(namespace, (earlier = []));
    const problems = [
      ...earlier.flatMap((other) => allowListClash(list, other) ?? []),
      ...(zeroTrustNamespaces.get(namespace) ?? []).map((path) => allowListInZeroTrustNamespace(list, path)),
    ];
    earlier.push(list);
    return problems;
  });
}

function register(scope: Construct, registration: Registration): void {
  passOf(scope);
  const own = registrations.get(scope) ?? [];
  registrations.set(scope, [...own.filter((r) => r.kind !== registration.kind), registration]);
}

/**
 * Adds a core manifest to the construct tree as an ApiObject, written out as core rendered it, and makes the app's
 * synth run meshlight's pass. The construct id is `<kind>-<name>`, unique within one meshlight construct.
 */
export function addManifest(scope: Construct, manifest: Manifest): ApiObject {
  if (!scopesWithPass.has(scope)) passOf(scope);
  return renderedObject(scope, manifest);
}

/** Records the workloads `scope` declares (pods meshlight does not deploy), replacing what it declared before. */
export function declareWorkloads(scope: Construct, workloads: readonly WorkloadIdentity[]): void {
  register(scope, { kind: 'workloads', workloads });
}

/** Records a standalone EgressAllowList: the pass checks it against the other lists and namespaces of its namespace. */
export function declareStandaloneAllowList(list: Construct, rendered: RenderedEgressAllowList): void {
  register(list, { kind: 'allow-list', rendered });
}

/** Records that a ZeroTrustNamespace owns the Sidecars of namespace `name`. */
export function declareZeroTrustNamespace(namespace: Construct, name: string): void {
  register(namespace, { kind: 'zero-trust-namespace', name });
}

/** Has `render` run once before the app's next synth, however often this is called before it. */
export function renderBeforeSynth(scope: Construct, render: () => void): void {
  passOf(scope).staleRenders.add(render);
}
