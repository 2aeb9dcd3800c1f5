import { ApiObject, App, ImplicitTokenResolver, JsonPatch, LazyResolver, NumberStringUnionResolver } from 'cdk8s';
import { Construct } from 'constructs';
import { Manifest } from '../core/internal';

// Objects meshlight added carry the manifest core rendered for them under this symbol, which nothing else sees (a
// property costs less than a WeakMap entry per object, of which an app has tens of thousands).
const MANIFEST: unique symbol = Symbol('meshlight manifest');

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
/** The kinds meshlight emits that live in no namespace. */
const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set(['Namespace']);

class RenderedObject extends ApiObject {
  public readonly [MANIFEST]: Manifest;
  private patched = false;

  public constructor(scope: Construct, id: string, manifest: Manifest) {
    super(scope, id, manifest);
    this[MANIFEST] = manifest;
    // A Chart's `namespace` goes to every object without one, cluster-scoped ones included; a Namespace has none.
    if (CLUSTER_SCOPED_KINDS.has(manifest.kind) && manifest.metadata.namespace === undefined && this.metadata.namespace !== undefined) {
      this.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
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

/** The manifest core rendered for `c`, if `c` is an object meshlight added. */
export function manifestOf(c: Construct): Manifest | undefined {
  // Not `instanceof RenderedObject`: ApiObject's Symbol.hasInstance, which subclasses inherit, says yes to any ApiObject.
  return MANIFEST in c ? (c as RenderedObject)[MANIFEST] : undefined;
}

/**
 * `manifest` as an ApiObject of `scope`, with the construct id `<kind>-<name>`.
 *
 * Istio kinds are not built through the classes `cdk8s import` generated (imports/): those add nothing to the object
 * (cdk8s answers `instanceof` of any ApiObject class alike), their toJson() copies the spec field by field under
 * names of their own (outlierDetection's consecutive5xxErrors as consecutive5XxErrors, jwksUri as jwks_uri), and
 * objects of ten subclasses make ApiObject's constructor, run for every object of the app, several times slower.
 */
export function renderedObject(scope: Construct, manifest: Manifest): ApiObject {
  return new RenderedObject(scope, `${manifest.kind}-${manifest.metadata.name}`, manifest);
}
