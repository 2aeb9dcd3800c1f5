import * as fs from 'fs';
import { Construct } from 'constructs';
import { CallerLike, formatProblem, MeshlightValidationError, TargetLike } from '../core/internal';
import { declareSpec, problemAt, readSpecDocuments, SpecDeclarer, SpecError, SpecLocation, SpecSource, specProblems } from '../spec';
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
    const pathOf = (name: string) => (scope.node.path === '' ? name : `${scope.node.path}/${name}`);
    // Every document is checked by core first, so that one run reports every problem and nothing is declared with one.
    const problems = specProblems(read, sources.map((source) => source.file), pathOf);
    if (problems.length > 0) throw new SpecError(problems);
    const { declared, problems: left } = declareSpec(read, cdk8sDeclarer(scope), pathOf);
    if (left.length > 0) throw new SpecError(left);
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

/** The cdk8s declarer: each document's construct added to `scope`, as the TypeScript app would add it. */
function cdk8sDeclarer(scope: Construct): SpecDeclarer<Construct> {
  return {
    declare(document, props): Construct {
      // The props are plain data checked by core as the constructs check them; references are constructs of scope.
      const given = props as any;
      switch (document.kind) {
        case 'GrayscaleService':
          return new GrayscaleService(scope, document.name, given);
        case 'ZeroTrustNamespace':
          return new ZeroTrustNamespace(scope, document.name, given);
        case 'EgressAllowList':
          return new EgressAllowList(scope, document.name, given);
        case 'MeshIngress':
          return new MeshIngress(scope, document.name, given);
      }
    },
    allow(namespace, from, to, options): void {
      (namespace as ZeroTrustNamespace).allow(from as CallerLike, to as TargetLike, options);
    },
  };
}
