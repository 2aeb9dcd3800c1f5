// From documents to constructs, whichever front end makes them: documents are declared in order, each with its
// references to other documents (by metadata.name) resolved to their constructs, then the namespaces' calls. The front
// end (cdk8s, Pulumi, or core's check) says what declaring a document and allowing a call mean.
import { formatProblem, MeshlightValidationError, Problem, quote } from '../core/internal';
import { ConstructKind, problemAt, ReadSpec, SpecDocument, SpecKind, SpecLocation } from './documents';
import { SpecError, SpecProblem } from './errors';

/** What a front end makes of documents: constructs of one type `C` (cdk8s constructs, Pulumi components, ...). */
export interface SpecDeclarer<C> {
  /**
   * Declares the construct of `document` with `props`: its spec with every reference to another document replaced by
   * that document's construct, and, for a ZeroTrustNamespace, without `calls`. Throws MeshlightValidationError when
   * the props are invalid.
   */
  declare(document: ConstructDocument, props: Record<string, unknown>): C;
  /** Allows a call in the namespace `namespace`, `from` and `to` resolved like props. Throws MeshlightValidationError. */
  allow(namespace: C, from: unknown, to: unknown, options: Record<string, unknown>): void;
}

/** A document that declares a construct (any but the Fleet). */
export type ConstructDocument = SpecDocument & { readonly kind: ConstructKind };

/** Whether `document` declares a construct. */
export function isConstructDocument(document: SpecDocument): document is ConstructDocument {
  return document.kind !== 'Fleet';
}

/** A construct a document declared, with the document. */
export interface Declared<C> {
  readonly document: SpecDocument;
  readonly construct: C;
}

/** What declaring a spec gave: the constructs of the documents without problems, and every problem found. */
export interface DeclaredSpec<C> {
  readonly declared: ReadonlyMap<string, Declared<C>>;
  readonly problems: readonly SpecProblem[];
}

/** Which document kinds a reference field may name. */
const REFERENCES = {
  callFrom: ['GrayscaleService', 'MeshIngress'],
  callTo: ['GrayscaleService'],
  namespace: ['ZeroTrustNamespace'],
  workload: ['GrayscaleService'],
  routeService: ['GrayscaleService'],
} as const satisfies Record<string, readonly SpecKind[]>;

/**
 * Declares the documents `read` holds with `declarer`, in document order, then each ZeroTrustNamespace's calls (which
 * may name documents below them; other references name documents above). A document that refers to one with problems,
 * or to one `read` withheld, is left out without a problem of its own. `pathOf` is the path a document's construct
 * has (its problems name it), for placing problems the front end reports at other documents.
 */
export function declareSpec<C>(read: ReadSpec, declarer: SpecDeclarer<C>, pathOf: (name: string) => string): DeclaredSpec<C> {
  const documents = read.documents.filter(isConstructDocument);
  const kindOf = new Map(documents.map((d) => [d.name, d.kind]));
  const byPath = new Map(documents.map((d) => [pathOf(d.name), d.location]));
  const declared = new Map<string, Declared<C>>();
  const failed = new Set<string>(read.withheld);
  const problems: SpecProblem[] = [];

  /** The problems of `e` at the documents they name (the current one when they name none of the spec). */
  const report = (location: SpecLocation, e: unknown, field?: (f: string) => string): void => {
    if (!(e instanceof MeshlightValidationError)) throw e;
    problems.push(...e.problems.map((p: Problem) => {
      const shown = field === undefined ? p : { ...p, field: field(p.field) };
      return problemAt(byPath.get(p.path) ?? location, shown.field, formatProblem(shown));
    }));
  };

  /** The construct a name refers to when a document of one of `kinds` has it; the name itself otherwise. */
  const refer = (document: SpecDocument, field: string, value: unknown, kinds: readonly SpecKind[]): unknown => {
    if (typeof value !== 'string') return value;
    if (failed.has(value)) throw new Skip();
    const kind = kindOf.get(value);
    if (kind === undefined || !kinds.includes(kind)) return value;
    const target = declared.get(value);
    if (target === undefined) {
      problems.push(problemAt(document.location, field, `${pathOf(document.name)}: ${field} = ${quote(value)}: refers to a document declared below this one. Fix: move the ${kind} "${value}" above "${document.name}"`));
      throw new Skip();
    }
    return target.construct;
  };

  for (const document of documents) {
    try {
      const construct = declarer.declare(document, propsOf(document, refer, pathOf(document.name)));
      declared.set(document.name, { document, construct });
    } catch (e) {
      failed.add(document.name);
      if (!(e instanceof Skip)) report(document.location, e);
    }
  }
  for (const { document, construct } of declared.values()) {
    if (document.kind !== 'ZeroTrustNamespace' || !Array.isArray(document.spec.calls)) continue;
    document.spec.calls.forEach((call: unknown, i: number) => {
      if (call === null || typeof call !== 'object') return;
      try {
        const { from, to, ...options } = call as Record<string, unknown>;
        declarer.allow(
          construct,
          refer(document, `calls[${i}].from`, from, REFERENCES.callFrom),
          refer(document, `calls[${i}].to`, to, REFERENCES.callTo),
          options,
        );
      } catch (e) {
        if (!(e instanceof Skip)) report(document.location, e, (f) => f.replace(/^calls\[\d+\]/, `calls[${i}]`));
      }
    });
  }
  return { declared, problems };
}

/** A document left out because one it refers to has problems (reported there) or is declared below it. */
class Skip extends Error {}

type Refer = (document: SpecDocument, field: string, value: unknown, kinds: readonly SpecKind[]) => unknown;

/** The props of a document's construct: its references to earlier documents resolved, a namespace's calls left out. */
function propsOf(document: ConstructDocument, refer: Refer, path: string): Record<string, unknown> {
  const spec = document.spec;
  switch (document.kind) {
    case 'GrayscaleService':
      return spec;
    case 'ZeroTrustNamespace': {
      // Calls may name any document, the ones below too: they are allowed once every construct exists.
      const { calls: _calls, ...props } = spec;
      return props;
    }
    case 'EgressAllowList':
      return {
        ...spec,
        ...(spec.namespace === undefined ? {} : { namespace: refer(document, 'namespace', spec.namespace, REFERENCES.namespace) }),
        ...(spec.workload === undefined ? {} : { workload: refer(document, 'workload', spec.workload, REFERENCES.workload) }),
      };
    case 'MeshIngress': {
      if (!Array.isArray(spec.routes)) return spec;
      const routes = spec.routes.map((route: unknown, i: number) => (route !== null && typeof route === 'object'
        ? { ...route, service: referToService(document, path, `routes[${i}].service`, (route as Record<string, unknown>).service, refer) } : route));
      return { ...spec, routes };
    }
  }
}

/** A route's service: a GrayscaleService document's construct; a name of no such document is a problem. */
function referToService(document: SpecDocument, path: string, field: string, value: unknown, refer: Refer): unknown {
  const resolved = refer(document, field, value, REFERENCES.routeService);
  if (typeof resolved === 'string') {
    throw new MeshlightValidationError([{
      path, field, value, problem: 'names no GrayscaleService document of the spec',
      fix: 'give the metadata.name of a GrayscaleService document',
    }]);
  }
  return resolved;
}

/**
 * The SpecError placing each problem of `error` (one a front end raised after declaring, such as a whole-app clash) at
 * the document whose construct has the problem's path; undefined when it is no MeshlightValidationError, or names a
 * construct no document declared.
 */
export function locatedSpecError(error: unknown, locationOf: (path: string) => SpecLocation | undefined): SpecError | undefined {
  if (!(error instanceof MeshlightValidationError)) return undefined;
  const locations = error.problems.map((p) => locationOf(p.path));
  if (locations.some((l) => l === undefined)) return undefined;
  return new SpecError(error.problems.map((p, i) => problemAt(locations[i]!, p.field, formatProblem(p))));
}

/** Problems in the order a reader meets them: by file (in the order given), then line and column. */
export function inReadingOrder(problems: readonly SpecProblem[], files: readonly string[]): SpecProblem[] {
  const rank = (p: SpecProblem) => files.indexOf(p.file);
  return [...problems].sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.col - b.col);
}
