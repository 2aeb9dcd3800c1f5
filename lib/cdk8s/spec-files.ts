import * as fs from 'fs';
import { Construct } from 'constructs';
import { CallerLike, formatProblem, MeshlightValidationError, TargetLike } from '../core/internal';
import { checkedSpec, declareSpec, locatedSpecError, problemAt, SpecDeclarer, SpecError, SpecLocation, SpecSource } from '../spec';
import { EgressAllowList } from './egress-allow-list';
import { Fleet, FleetProps } from './fleet';
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
  /**
   * Declares a spec with a Fleet document: the other documents in every cluster of a cdk8s Fleet (each cluster's
   * chart, written to `<outdir>/<cluster>`), with the Fleet's delivery when it gives one. Every document is checked in
   * every cluster first: a problem anywhere throws a SpecError and declares nothing. Returns the Fleet, to synth.
   */
  public static fleet(props: SpecFilesProps & Pick<FleetProps, 'outdir'>): Fleet {
    const checked = checkedSpec(sourcesOf(props), (name, cluster) => `${cluster?.name}/${name}`);
    if (checked.fleet === undefined) {
      throw new SpecError([{ file: sourcesOf(props)[0]?.file ?? '-', line: 1, col: 1, message: 'the spec declares no Fleet. Fix: add a Fleet document with the clusters, or include the spec into one chart with new SpecFiles(chart, ...)' }]);
    }
    const { document, props: fleetProps } = checked.fleet;
    const fleet = new Fleet({ outdir: props.outdir, clusters: fleetProps.clusters, waves: fleetProps.waves, wave: fleetProps.wave });
    for (const { cluster, read } of checked.clusters) {
      const chart = fleet.cluster(cluster.name);
      const { problems } = declareSpec(read, cdk8sDeclarer(chart), (name) => `${chart.node.path}/${name}`);
      if (problems.length > 0) throw new SpecError(problems);
    }
    if (fleetProps.delivery !== undefined) {
      try {
        fleet.delivery(fleetProps.delivery);
      } catch (e) {
        if (!(e instanceof MeshlightValidationError)) throw e;
        throw new SpecError(e.problems.map((p) => problemAt(document.location, 'delivery', formatProblem(p))));
      }
    }
    return fleet;
  }

  /** The constructs declared, by metadata.name. */
  public readonly constructs: ReadonlyMap<string, Construct>;
  private readonly byPath: ReadonlyMap<string, SpecLocation>;

  public constructor(scope: Construct, id: string, props: SpecFilesProps) {
    super(scope, id);
    const sources = sourcesOf(props);
    const pathOf = (name: string) => (scope.node.path === '' ? name : `${scope.node.path}/${name}`);
    // Every document is checked by core first, so that one run reports every problem and nothing is declared with one.
    const checked = checkedSpec(sources, pathOf);
    if (checked.fleet !== undefined) {
      throw new SpecError([problemAt(checked.fleet.document.location, '', `${checked.fleet.document.name}: a Fleet declares the documents in each of its clusters, not in one chart. Fix: declare the spec with SpecFiles.fleet({ files }), or run meshlight synth`)]);
    }
    const { declared, problems: left } = declareSpec(checked.read, cdk8sDeclarer(scope), pathOf);
    if (left.length > 0) throw new SpecError(left);
    this.constructs = new Map([...declared].map(([name, d]) => [name, d.construct]));
    this.byPath = new Map([...declared.values()].map((d) => [d.construct.node.path, d.document.location]));
  }

  /**
   * The problems of an error the app's synth raised (problems across the app, such as two services for one host) at
   * the documents whose constructs they name; undefined when it is no MeshlightValidationError of this spec.
   */
  public problemsOf(error: unknown): SpecError | undefined {
    return locatedSpecError(error, (path) => this.byPath.get(path));
  }
}

/** The spec texts `props` gives: its files, read in order, then its sources. */
function sourcesOf(props: SpecFilesProps): SpecSource[] {
  return [...(props.files ?? []).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') })), ...(props.sources ?? [])];
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
