import { ApiObject, App, ImplicitTokenResolver, JsonPatch, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { Construct } from 'constructs';
import { appProblems, DeclaredWorkload, Manifest, WorkloadIdentity } from '../core/internal';

// Objects meshlight added carry the manifest core rendered for them under this symbol, which nothing else sees (a
// property costs less than a WeakMap entry per object, of which an app has tens of thousands); and the apps whose
// synth already checks them.
const MANIFEST: unique symbol = Symbol('meshlight manifest');
const checkedApps = new WeakSet<Construct>();
// Workloads constructs declare (pods meshlight does not deploy), so the whole-app check can tell what exists.
const declaredWorkloads = new WeakMap<Construct, readonly WorkloadIdentity[]>();

/** What sortedCopy returns for a value that is not plain JSON data. */
const NOT_PLAIN: unique symbol = Symbol('not plain JSON data');

/**
 * `value` as cdk8s writes plain JSON data (ApiObject.toJson's sanitizeValue with sorted keys): keys sorted, null and
 * undefined values left out (in arrays, undefined). NOT_PLAIN for anything else, such as a Lazy, a function or a
 * class instance, which cdk8s resolves first.
 */
function sortedCopy(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value !== 'object') return NOT_PLAIN;
  if (Array.isArray(value)) {
    const items = value.map(sortedCopy);
    return items.includes(NOT_PLAIN) ? NOT_PLAIN : items;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    // Assigned, it would set the copy's prototype, as in cdk8s: cdk8s then says what it makes of it.
    if (key === '__proto__') return NOT_PLAIN;
    const field = sortedCopy(record[key]);
    if (field === NOT_PLAIN) return NOT_PLAIN;
    if (field !== undefined) copy[key] = field;
  }
  return copy;
}

const BUILT_IN_RESOLVERS = [LazyResolver, ImplicitTokenResolver, NumberStringUnionResolver];

/**
 * An object meshlight rendered. Its body is the plain JSON data core built, in which cdk8s's resolvers find nothing
 * to replace, so toJson() writes it without resolving it: cdk8s's resolve hands every value of every object to each
 * resolver of the app, with a context and a key path of its own, which is some 40% of writing a mesh's objects out.
 * What it writes is what ApiObject.toJson() writes; wherever that could differ (JSON patches, resolvers of the app's
 * own, unsorted keys, values that are not plain data) it leaves the object to ApiObject.toJson().
 */
class RenderedObject extends ApiObject {
  public readonly [MANIFEST]: Manifest;
  private patched = false;

  public constructor(scope: Construct, id: string, manifest: Manifest) {
    super(scope, id, manifest);
    this[MANIFEST] = manifest;
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
    this.patched = true;
  }

  public toJson(): any {
    if (this.patched || process.env.CDK8S_DISABLE_SORT || !App.of(this).resolvers.every((r) => BUILT_IN_RESOLVERS.some((c) => r instanceof c))) {
      return super.toJson();
    }
    let json: unknown;
    try {
      json = sortedCopy({ ...this[MANIFEST], metadata: this.metadata.toJson() });
    } catch {
      // Metadata cdk8s cannot write: ApiObject.toJson() says so, naming the object.
      return super.toJson();
    }
    if (json === NOT_PLAIN) return super.toJson();
    // As ApiObject.toJson() orders the top-level keys: apiVersion, kind and metadata first.
    const written = json as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    for (const key of ['apiVersion', 'kind', 'metadata', ...Object.keys(written)]) {
      if (key in written) result[key] = written[key];
    }
    return result;
  }
}

function isRecorded(c: Construct): c is RenderedObject {
  // Not `instanceof RenderedObject`: ApiObject's Symbol.hasInstance, which subclasses inherit, says yes to any ApiObject.
  return MANIFEST in c;
}

/** Records the workloads `scope` declares, replacing what it declared before. */
export function declareWorkloads(scope: Construct, workloads: readonly WorkloadIdentity[]): void {
  declaredWorkloads.set(scope, workloads);
}

/**
 * Makes `cdk8s synth` check the app as a whole before writing anything: problems that no single construct can see
 * (two VirtualServices for one host, conflicting Sidecars, routes to undefined subsets, selectors that match no
 * workload, ...), each naming the constructs.
 */
function checkAppOnSynth(scope: Construct): void {
  const root = scope.node.root;
  if (checkedApps.has(root)) return;
  checkedApps.add(root);
  // `app.synthYaml()` validates the app, and so does each chart's toJson() after it: the check runs again only
  // when the objects or declared workloads differ from those it last checked.
  let last: { readonly inputs: readonly unknown[]; readonly problems: string[] } | undefined;
  root.node.addValidation({
    validate: () => {
      const objects: RenderedObject[] = [];
      const declaring: Construct[] = [];
      const inputs: unknown[] = [];
      const declaredInputs: unknown[] = [];
      for (const c of root.node.findAll()) {
        if (isRecorded(c)) {
          objects.push(c);
          inputs.push(c, c[MANIFEST]);
        }
        const workloads = declaredWorkloads.get(c);
        if (workloads !== undefined) {
          declaring.push(c);
          declaredInputs.push(c, workloads);
        }
      }
      inputs.push(...declaredInputs);
      if (last === undefined || last.inputs.length !== inputs.length || last.inputs.some((x, i) => x !== inputs[i])) {
        // Objects of one construct come one after another: their scope's path is looked up once.
        let scope: Construct | undefined;
        let path = '';
        last = {
          inputs,
          problems: appProblems(
            objects.map((o) => {
              if (o.node.scope !== scope) {
                scope = o.node.scope!;
                path = scope.node.path;
              }
              return { path, manifest: o[MANIFEST] };
            }),
            declaring.flatMap((c): DeclaredWorkload[] => declaredWorkloads.get(c)!.map((identity) => ({ path: c.node.path, identity }))),
          ),
        };
      }
      return [...last.problems];
    },
  });
}

// Scopes whose app already has the whole-app check.
const scopesWithCheck = new WeakSet<Construct>();

/**
 * Adds a core manifest to the construct tree as an ApiObject, written out as core rendered it. The construct id is
 * `<kind>-<name>`, unique within one meshlight construct.
 *
 * Istio kinds are not built through the classes `cdk8s import` generated (imports/): those add nothing to the object
 * (cdk8s answers `instanceof` of any ApiObject class alike), their toJson() copies the spec field by field under
 * names of their own (outlierDetection's consecutive5xxErrors as consecutive5XxErrors, jwksUri as jwks_uri), and
 * objects of ten subclasses make ApiObject's constructor, run for every object of the app, several times slower.
 */
export function addManifest(scope: Construct, manifest: Manifest): ApiObject {
  const object = new RenderedObject(scope, `${manifest.kind}-${manifest.metadata.name}`, manifest);
  // Finding a scope's root walks up the tree: once per scope is enough.
  if (!scopesWithCheck.has(scope)) {
    checkAppOnSynth(scope);
    scopesWithCheck.add(scope);
  }
  return object;
}
