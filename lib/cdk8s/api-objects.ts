import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { DestinationRule, EnvoyFilter, Gateway, ServiceEntry, Sidecar, VirtualService } from '../../imports/istio-networking.istio.io';
import { AuthorizationPolicy, PeerAuthentication, RequestAuthentication } from '../../imports/istio-security.istio.io';
import { Telemetry } from '../../imports/istio-telemetry.istio.io';
import { appProblems, DeclaredWorkload, Manifest, WorkloadIdentity } from '../core';

type IstioClass = { readonly GVK: { readonly apiVersion: string; readonly kind: string } } & (new (scope: Construct, id: string, props: any) => ApiObject);

// The typed classes `cdk8s import` generated from Istio's CRDs, so Istio objects are what a cdk8s user would write.
const ISTIO_CLASSES: readonly IstioClass[] = [
  AuthorizationPolicy, DestinationRule, EnvoyFilter, Gateway, PeerAuthentication, RequestAuthentication, ServiceEntry, Sidecar, Telemetry,
  VirtualService,
];

/**
 * The imported class, writing core's manifest out as it is. An imported class's toJson() copies its typed props
 * back to JSON field by field under the names its generator chose, which are not always the CRD's
 * (outlierDetection's consecutive5xxErrors becomes consecutive5XxErrors, RequestAuthentication's jwksUri becomes
 * jwks_uri) and costs a copy of every object at synthesis. Core's manifests are already the CRD's JSON, and the same
 * that Pulumi is given, so they go out through ApiObject's own toJson(): resolved, patches applied, keys sorted.
 */
function writingManifestAsIs(istioClass: IstioClass): IstioClass {
  const base = istioClass as unknown as typeof ApiObject;
  const asIs = class extends base {
    public override toJson(): any {
      return ApiObject.prototype.toJson.call(this);
    }
  };
  Object.defineProperty(asIs, 'name', { value: istioClass.name });
  return asIs as unknown as IstioClass;
}

// By apiVersion, then kind: looked up once per object, without building a key.
const ISTIO_CLASS_BY_GVK = new Map<string, Map<string, IstioClass>>();
for (const c of ISTIO_CLASSES) {
  let byKind = ISTIO_CLASS_BY_GVK.get(c.GVK.apiVersion);
  if (byKind === undefined) ISTIO_CLASS_BY_GVK.set(c.GVK.apiVersion, (byKind = new Map()));
  byKind.set(c.GVK.kind, writingManifestAsIs(c));
}

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
 * Adds a core manifest to the construct tree: Istio kinds through their imported classes, Kubernetes kinds as
 * plain ApiObjects; either way the manifest is written out as core rendered it. The construct id is
 * `<kind>-<name>`, unique within one meshlight construct.
 */
export function addManifest(scope: Construct, manifest: Manifest): ApiObject {
  const id = `${manifest.kind}-${manifest.metadata.name}`;
  const istioClass = ISTIO_CLASS_BY_GVK.get(manifest.apiVersion)?.get(manifest.kind);
  if (istioClass === undefined) {
    return recorded(scope, new ApiObject(scope, id, manifest), manifest);
  }
  // The class adds its own apiVersion and kind, the same as the manifest's, ahead of the rest.
  return recorded(scope, new istioClass(scope, id, manifest), manifest);
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
