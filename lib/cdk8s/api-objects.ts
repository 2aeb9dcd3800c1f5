import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { appProblems, DeclaredWorkload, Manifest, WorkloadIdentity } from '../core';

// Objects meshlight added carry the manifest core rendered for them under this symbol, which nothing else sees (a
// property costs less than a WeakMap entry per object, of which an app has tens of thousands); and the apps whose
// synth already checks them.
const MANIFEST: unique symbol = Symbol('meshlight manifest');
type RecordedObject = ApiObject & { readonly [MANIFEST]: Manifest };
const checkedApps = new WeakSet<Construct>();
// Workloads constructs declare (pods meshlight does not deploy), so the whole-app check can tell what exists.
const declaredWorkloads = new WeakMap<Construct, readonly WorkloadIdentity[]>();

function isRecorded(c: Construct): c is RecordedObject {
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
      const objects: RecordedObject[] = [];
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

/**
 * Adds a core manifest to the construct tree as a plain ApiObject, written out as core rendered it. The construct id
 * is `<kind>-<name>`, unique within one meshlight construct.
 *
 * Istio kinds are not built through the classes `cdk8s import` generated (imports/): those add nothing to the object
 * (cdk8s answers `instanceof` of any ApiObject class alike), their toJson() copies the spec field by field under
 * names of their own (outlierDetection's consecutive5xxErrors as consecutive5XxErrors, jwksUri as jwks_uri), and
 * objects of ten subclasses make ApiObject's constructor, run for every object of the app, several times slower.
 */
export function addManifest(scope: Construct, manifest: Manifest): ApiObject {
  return recorded(scope, new ApiObject(scope, `${manifest.kind}-${manifest.metadata.name}`, manifest), manifest);
}

// Scopes whose app already has the whole-app check: finding a scope's root walks up the tree, once per scope is enough.
const scopesWithCheck = new WeakSet<Construct>();

function recorded(scope: Construct, object: ApiObject, manifest: Manifest): ApiObject {
  Object.defineProperty(object, MANIFEST, { value: manifest });
  if (!scopesWithCheck.has(scope)) {
    checkAppOnSynth(scope);
    scopesWithCheck.add(scope);
  }
  return object;
}
