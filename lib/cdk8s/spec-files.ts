import * as fs from 'fs';
import { Construct } from 'constructs';
import { CallProps, formatProblem, MeshlightValidationError, quote } from '../core/internal';
import { problemAt, readSpecDocuments, SpecDocument, SpecError, SpecLocation, SpecProblem, SpecSource } from '../spec';
import { EgressAllowList } from './egress-allow-list';
import { GrayscaleService } from './grayscale-service';
import { MeshIngress } from './mesh-ingress';
import { ZeroTrustNamespace } from './zero-trust-namespace';

/** Props of SpecFiles: the spec files to include, by path or as text. */
export interface SpecFilesProps {
  /** Paths of YAML spec files, read in order. @default - none */
  readonly files?: readonly string[];
  /** Spec texts with the name to report them by (e.g. `-` for standard input), read after `files`. @default - none */
  readonly sources?: readonly SpecSource[];
}

/** A construct a document declared, with the document. */
interface Declared {
  readonly document: SpecDocument;
  readonly construct: Construct;
}

/**
 * Includes meshlight YAML spec files into a chart: each document (GrayscaleService, ZeroTrustNamespace,
 * EgressAllowList, MeshIngress) becomes that construct, in document order, with `metadata.name` as its id, so the
 * chart synthesises what the same constructs written in TypeScript would. Documents refer to each other by name; a
 * ZeroTrustNamespace's calls are allowed once every document is declared. Throws a SpecError, every problem at its
 * `file:line:col`, when any document is invalid.
 *
 * The constructs are added to `scope` itself (this node only records them), so their paths, and the problems that
 * name them, are those of the TypeScript app.
 */
export class SpecFiles extends Construct {
  /** The constructs declared, by metadata.name. */
  public readonly constructs: ReadonlyMap<string, Construct>;
  private readonly byPath: ReadonlyMap<string, SpecLocation>;

  public constructor(scope: Construct, id: string, props: SpecFilesProps) {
    super(scope, id);
    const sources = [...(props.files ?? []).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') })), ...(props.sources ?? [])];
    const read = readSpecDocuments(sources);
    if (read.problems.length > 0) throw new SpecError(read.problems);
    const declared = declareDocuments(scope, read.documents);
    this.constructs = new Map([...declared].map(([name, d]) => [name, d.construct]));
    this.byPath = new Map([...declared.values()].map((d) => [d.construct.node.path, d.document.location]));
  }

  /**
   * The problems of an error the app's synth raised (problems across the app, such as two services for one host) at
   * the documents whose constructs they name; undefined when it is no MeshlightValidationError of this spec.
   */
  public problemsOf(error: unknown): SpecError | undefined {
    if (!(error instanceof MeshlightValidationError)) return undefined;
    const located = error.problems.map((p) => ({ p, location: this.byPath.get(p.path) }));
    if (located.some((l) => l.location === undefined)) return undefined;
    return new SpecError(located.map(({ p, location }) => problemAt(location!, p.field, formatProblem(p))));
  }
}

/** Declares each document's construct in `scope`, then the namespaces' calls; throws a SpecError listing every problem. */
function declareDocuments(scope: Construct, documents: readonly SpecDocument[]): Map<string, Declared> {
  const kindOf = new Map(documents.map((d) => [d.name, d.kind]));
  const declared = new Map<string, Declared>();
  const failed = new Set<string>();
  const problems: SpecProblem[] = [];
  const report = (location: SpecLocation, e: unknown, field?: (f: string) => string) => {
    if (!(e instanceof MeshlightValidationError)) throw e;
    problems.push(...e.problems.map((p) => {
      const shown = field === undefined ? p : { ...p, field: field(p.field) };
      return problemAt(location, shown.field, formatProblem(shown));
    }));
  };

  /** The construct a name refers to when a document of one of `kinds` has it; the name itself otherwise. */
  const refer = (document: SpecDocument, field: string, value: unknown, kinds: readonly string[]): unknown => {
    if (typeof value !== 'string' || !kinds.includes(kindOf.get(value) ?? '')) return value;
    if (failed.has(value)) throw new Skip();
    const target = declared.get(value);
    if (target === undefined) {
      problems.push(problemAt(document.location, field, `${document.name}: ${field} = ${quote(value)}: refers to a document declared below this one. Fix: move the ${kindOf.get(value)} "${value}" above "${document.name}"`));
      throw new Skip();
    }
    return target.construct;
  };

  for (const document of documents) {
    try {
      const construct = declareDocument(scope, document, refer);
      declared.set(document.name, { document, construct });
    } catch (e) {
      failed.add(document.name);
      if (!(e instanceof Skip)) report(document.location, e);
    }
  }
  for (const { document, construct } of declared.values()) {
    if (!(construct instanceof ZeroTrustNamespace)) continue;
    const calls = (document.spec.calls ?? []) as readonly CallProps[];
    if (!Array.isArray(calls)) continue;
    calls.forEach((call, i) => {
      try {
        const { from, to, ...options } = call;
        construct.allow(
          refer(document, `calls[${i}].from`, from, ['GrayscaleService', 'MeshIngress']) as CallProps['from'],
          refer(document, `calls[${i}].to`, to, ['GrayscaleService']) as CallProps['to'],
          options,
        );
      } catch (e) {
        if (!(e instanceof Skip)) report(document.location, e, (f) => f.replace(/^calls\[\d+\]/, `calls[${i}]`));
      }
    });
  }
  if (problems.length > 0) throw new SpecError(problems);
  return declared;
}

/** A document left out because one it refers to has problems (reported there) or is declared below it. */
class Skip extends Error {}

type Refer = (document: SpecDocument, field: string, value: unknown, kinds: readonly string[]) => unknown;

/** The construct of one document, with its references to earlier documents resolved. */
function declareDocument(scope: Construct, document: SpecDocument, refer: Refer): Construct {
  const spec = document.spec as Record<string, any>;
  switch (document.kind) {
    case 'GrayscaleService':
      return new GrayscaleService(scope, document.name, spec as any);
    case 'ZeroTrustNamespace': {
      // Calls may name any document, the ones below too: they are allowed once every construct exists.
      const { calls: _calls, ...props } = spec;
      return new ZeroTrustNamespace(scope, document.name, props);
    }
    case 'EgressAllowList':
      return new EgressAllowList(scope, document.name, {
        ...spec,
        namespace: refer(document, 'namespace', spec.namespace, ['ZeroTrustNamespace']),
        workload: refer(document, 'workload', spec.workload, ['GrayscaleService']),
      } as any);
    case 'MeshIngress': {
      const routes = Array.isArray(spec.routes)
        ? spec.routes.map((route: any, i: number) => (route !== null && typeof route === 'object'
          ? { ...route, service: referToService(document, `routes[${i}].service`, route.service, refer) } : route))
        : spec.routes;
      return new MeshIngress(scope, document.name, { ...spec, routes } as any);
    }
  }
}

/** A route's service: a GrayscaleService document's construct; a name of no such document is a problem. */
function referToService(document: SpecDocument, field: string, value: unknown, refer: Refer): unknown {
  const resolved = refer(document, field, value, ['GrayscaleService']);
  if (typeof resolved === 'string') {
    throw new MeshlightValidationError([{
      path: document.name, field, value, problem: 'names no GrayscaleService document of the spec',
      fix: 'give the metadata.name of a GrayscaleService document',
    }]);
  }
  return resolved;
}
