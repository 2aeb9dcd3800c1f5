import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { DestinationRule, EnvoyFilter, Gateway, ServiceEntry, Sidecar, VirtualService } from '../../imports/istio-networking.istio.io';
import { AuthorizationPolicy, PeerAuthentication } from '../../imports/istio-security.istio.io';
import { Telemetry } from '../../imports/istio-telemetry.istio.io';
import { appProblems, DeclaredWorkload, Manifest, WorkloadIdentity } from '../core';

type IstioClass = { readonly GVK: { readonly apiVersion: string; readonly kind: string } } & (new (scope: Construct, id: string, props: any) => ApiObject);

// The typed classes `cdk8s import` generated from Istio's CRDs, so Istio objects are what a cdk8s user would write.
// RequestAuthentication is left out: its CRD has both jwksUri and the deprecated jwks_uri, and the generated class
// writes jwksUri as jwks_uri, so it goes out as a plain ApiObject, exactly as core renders it.
const ISTIO_CLASSES: readonly IstioClass[] = [
  AuthorizationPolicy, DestinationRule, EnvoyFilter, Gateway, PeerAuthentication, ServiceEntry, Sidecar, Telemetry, VirtualService,
];

// By apiVersion, then kind: looked up once per object, without building a key.
const ISTIO_CLASS_BY_GVK = new Map<string, Map<string, IstioClass>>();
for (const c of ISTIO_CLASSES) {
  let byKind = ISTIO_CLASS_BY_GVK.get(c.GVK.apiVersion);
  if (byKind === undefined) ISTIO_CLASS_BY_GVK.set(c.GVK.apiVersion, (byKind = new Map()));
  byKind.set(c.GVK.kind, c);
}

// `cdk8s import` spells outlierDetection's consecutive5xxErrors as consecutive5XxErrors, and its classes keep only
// the fields they know by their own spelling: hand it over under that name so the class writes it back. Nearly
// every manifest has no such field and goes over as it is, so the class shares core's manifest instead of a copy.
function withImportedSpelling(value: unknown): unknown {
  return spelledDifferently(value) ? respelt(value) : value;
}

function isRespelt(key: string, parentKey: string | undefined): boolean {
  return parentKey === 'outlierDetection' && key === 'consecutive5xxErrors';
}

function spelledDifferently(value: unknown, parentKey?: string): boolean {
  if (Array.isArray(value)) {
    return value.some((item) => spelledDifferently(item));
  }
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  for (const key in value) {
    if (isRespelt(key, parentKey) || spelledDifferently((value as Record<string, unknown>)[key], key)) return true;
  }
  return false;
}

function respelt(value: unknown, parentKey?: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => respelt(item));
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [
    isRespelt(key, parentKey) ? 'consecutive5XxErrors' : key,
    respelt(child, key),
  ]));
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
 * plain ApiObjects. The construct id is `<kind>-<name>`, unique within one meshlight construct.
 */
export function addManifest(scope: Construct, manifest: Manifest): ApiObject {
  const id = `${manifest.kind}-${manifest.metadata.name}`;
  const istioClass = ISTIO_CLASS_BY_GVK.get(manifest.apiVersion)?.get(manifest.kind);
  if (istioClass === undefined) {
    return recorded(scope, new ApiObject(scope, id, manifest), manifest);
  }
  // The class adds its own apiVersion and kind, the same as the manifest's, ahead of the rest.
  return recorded(scope, new istioClass(scope, id, withImportedSpelling(manifest)), manifest);
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
