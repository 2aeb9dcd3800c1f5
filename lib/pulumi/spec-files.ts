import * as fs from 'fs';
import * as pulumi from '@pulumi/pulumi';
import { CallerLike, formatProblem, MeshlightValidationError, TargetLike } from '../core/internal';
import {
  declareSpec, Declared, problemAt, readSpecDocuments, SpecDeclarer, SpecError, SpecLocation, SpecSource, specProblems,
} from '../spec';
import { EgressAllowList } from './egress-allow-list';
import { GrayscaleService } from './grayscale-service';
import { MeshIngress } from './mesh-ingress';
import { ZeroTrustNamespace } from './zero-trust-namespace';

/** Props of SpecFiles: the spec files to include, by path or as text. */
export interface SpecFilesArgs {
  /** Paths of YAML spec files, read in order. @default - none */
  readonly files?: readonly string[];
  /** Spec texts with the name to report them by, read after `files`. @default - none */
  readonly sources?: readonly SpecSource[];
}

/** A component a document declares. */
export type SpecComponent = GrayscaleService | ZeroTrustNamespace | EgressAllowList | MeshIngress;

/**
 * Deploys meshlight YAML spec files from a Pulumi program: each document (GrayscaleService, ZeroTrustNamespace,
 * EgressAllowList, MeshIngress) becomes that component, a child of this one named by its `metadata.name`, so the
 * program registers what the same components written in TypeScript would. The whole spec is checked first: when any
 * document has a problem, the constructor throws a SpecError (every problem at its `file:line:col`) and nothing is
 * registered, not even this component.
 */
export class SpecFiles extends pulumi.ComponentResource {
  /** The components declared, by metadata.name, in document order. */
  public readonly components: ReadonlyMap<string, SpecComponent>;
  /**
   * Resolves once every namespace's objects are registered (see ZeroTrustNamespace.ready). Rejects with a SpecError at
   * the documents at fault when the namespaces conflict with the rest of the program.
   */
  public readonly ready: Promise<void>;

  public constructor(name: string, props: SpecFilesArgs, opts?: pulumi.ComponentResourceOptions) {
    const sources = [...(props.files ?? []).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') })), ...(props.sources ?? [])];
    const read = readSpecDocuments(sources);
    // A component's path in problems is its resource name, which is the document's name.
    const pathOf = (document: string) => document;
    const problems = specProblems(read, sources.map((source) => source.file), pathOf);
    if (problems.length > 0) throw new SpecError(problems);
    super('meshlight:index:SpecFiles', name, {}, opts);
    const { declared, problems: left } = declareSpec(read, pulumiDeclarer({ parent: this }), pathOf);
    // Only what the program declared besides the spec (a namespace claimed twice, ...) is found this late.
    if (left.length > 0) throw new SpecError(left);
    this.components = new Map([...declared].map(([document, d]) => [document, d.construct]));
    this.ready = Promise.all([...this.components.values()]
      .filter((c): c is ZeroTrustNamespace => c instanceof ZeroTrustNamespace)
      .map((c) => c.ready)).then(() => undefined, (e: unknown) => Promise.reject(locatedError(e, declared)));
    this.registerOutputs({});
  }
}

/** The SpecError placing the problems of `error` at the documents they name, or `error` when it names none of them. */
function locatedError(error: unknown, declared: ReadonlyMap<string, Declared<SpecComponent>>): unknown {
  if (!(error instanceof MeshlightValidationError)) return error;
  const locations: (SpecLocation | undefined)[] = error.problems.map((p) => declared.get(p.path)?.document.location);
  if (locations.some((l) => l === undefined)) return error;
  return new SpecError(error.problems.map((p, i) => problemAt(locations[i]!, p.field, formatProblem(p))));
}

/** The Pulumi declarer: each document's component, registered with `opts` as the TypeScript program would register it. */
function pulumiDeclarer(opts: pulumi.ComponentResourceOptions): SpecDeclarer<SpecComponent> {
  return {
    declare(document, props): SpecComponent {
      // The props are plain data core has checked; references are components declared before.
      const given = props as any;
      switch (document.kind) {
        case 'GrayscaleService':
          return new GrayscaleService(document.name, given, opts);
        case 'ZeroTrustNamespace':
          return new ZeroTrustNamespace(document.name, given, opts);
        case 'EgressAllowList':
          return new EgressAllowList(document.name, given, opts);
        case 'MeshIngress':
          return new MeshIngress(document.name, given, opts);
      }
    },
    allow(namespace, from, to, options): void {
      (namespace as ZeroTrustNamespace).allow(from as CallerLike, to as TargetLike, options);
    },
  };
}
