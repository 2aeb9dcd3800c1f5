import * as fs from 'fs';
import * as pulumi from '@pulumi/pulumi';
import { CallerLike, FleetCluster, formatProblem, MeshlightValidationError, TargetLike } from '../core/internal';
import {
  checkedSpec, declareSpec, Declared, locatedSpecError, problemAt, ReadSpec, SpecDeclarer, SpecError, SpecFleet, SpecSource,
} from '../spec';
import { EgressAllowList } from './egress-allow-list';
import { Fleet } from './fleet';
import { GrayscaleService } from './grayscale-service';
import { MeshIngress } from './mesh-ingress';
import { ZeroTrustNamespace } from './zero-trust-namespace';

/** Props of SpecFiles: the spec files to include, by path or as text. */
export interface SpecFilesArgs {
  /** Paths of YAML spec files, read in order. @default - none */
  readonly files?: readonly string[];
  /** Spec texts with the name to report them by, read after `files`. @default - none */
  readonly sources?: readonly SpecSource[];
  /**
   * With a Fleet document: the Kubernetes provider of each cluster, by cluster name (every cluster, no other), as a
   * Fleet takes them.
   * @default - none: only for a spec without a Fleet
   */
  readonly providers?: Readonly<Record<string, pulumi.ProviderResource>>;
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
  /**
   * The components declared, by metadata.name, in document order. With a Fleet, by `<name>-<cluster>`, cluster by
   * cluster: Pulumi names resources program-wide, so each cluster's carry its name (their objects keep the document's).
   */
  public readonly components: ReadonlyMap<string, SpecComponent>;
  /**
   * Resolves once every namespace's objects are registered (see ZeroTrustNamespace.ready). Rejects with a SpecError at
   * the documents at fault when the namespaces conflict with the rest of the program.
   */
  public readonly ready: Promise<void>;

  public constructor(name: string, props: SpecFilesArgs, opts?: pulumi.ComponentResourceOptions) {
    const sources = [...(props.files ?? []).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') })), ...(props.sources ?? [])];
    // A component's path in problems is its resource name: the document's name, in a fleet followed by the cluster's.
    const resourceName = (document: string, cluster?: FleetCluster) => (cluster === undefined ? document : `${document}-${cluster.name}`);
    const checked = checkedSpec(sources, resourceName);
    const fleet = checked.fleet === undefined ? undefined : fleetOf(checked.fleet, props.providers);
    if (checked.fleet === undefined && props.providers !== undefined) {
      throw new SpecError([{ file: sources[0]?.file ?? '-', line: 1, col: 1, message: `${name}: providers = (providers): are given for a fleet, and the spec declares none. Fix: add a Fleet document, or leave providers out and give the provider in the options` }]);
    }
    super('meshlight:index:SpecFiles', name, {}, opts);
    const components = new Map<string, SpecComponent>();
    const declared = new Map<string, Declared<SpecComponent>>();
    const declare = (read: ReadSpec, childOpts: pulumi.ComponentResourceOptions, cluster?: FleetCluster) => {
      const pathOf = (document: string) => resourceName(document, cluster);
      const result = declareSpec(read, pulumiDeclarer(childOpts, pathOf), pathOf);
      // Only what the program declared besides the spec (a namespace claimed twice, ...) is found this late.
      if (result.problems.length > 0) throw new SpecError(result.problems);
      for (const [document, d] of result.declared) {
        components.set(pathOf(document), d.construct);
        declared.set(pathOf(document), d);
      }
    };
    if (checked.fleet?.props.delivery !== undefined) {
      void pulumi.log.warn(`${name}: the Fleet's delivery (Argo CD syncing each cluster's folder) is for synthesised folders; this program deploys each cluster through its provider`, this);
    }
    if (checked.fleet === undefined) declare(checked.read, { parent: this });
    else checked.clusters.forEach(({ cluster, read }) => declare(read, { ...fleet!.cluster(cluster.name), parent: this }, cluster));
    this.components = components;
    this.ready = Promise.all([...this.components.values()]
      .filter((c): c is ZeroTrustNamespace => c instanceof ZeroTrustNamespace)
      .map((c) => c.ready)).then(() => undefined, (e: unknown) => Promise.reject(locatedError(e, declared)));
    this.registerOutputs({});
  }
}

/** The SpecError placing the problems of `error` at the documents they name, or `error` when it names none of them. */
function locatedError(error: unknown, declared: ReadonlyMap<string, Declared<SpecComponent>>): unknown {
  return locatedSpecError(error, (path) => declared.get(path)?.document.location) ?? error;
}

/** The Pulumi declarer: each document's component, registered with `opts` as the TypeScript program would register it. */
function pulumiDeclarer(opts: pulumi.ComponentResourceOptions, resourceName: (document: string) => string): SpecDeclarer<SpecComponent> {
  return {
    declare(document, props): SpecComponent {
      // The props are plain data core has checked; references are components declared before. A resource named
      // otherwise than its document (in a fleet) names its objects as the document does.
      const name = resourceName(document.name);
      const named = (given: Record<string, unknown>): any => (name === document.name || given.name !== undefined ? given : { ...given, name: document.name });
      switch (document.kind) {
        case 'GrayscaleService':
          return new GrayscaleService(name, named(props), opts);
        case 'ZeroTrustNamespace':
          return new ZeroTrustNamespace(name, named(props), opts);
        case 'EgressAllowList':
          return new EgressAllowList(name, props as any, opts);
        case 'MeshIngress':
          return new MeshIngress(name, named(props), opts);
      }
    },
    allow(namespace, from, to, options): void {
      (namespace as ZeroTrustNamespace).allow(from as CallerLike, to as TargetLike, options);
    },
  };
}

/** The Pulumi Fleet of a spec's Fleet document with `providers`; its problems at the document. */
function fleetOf(spec: SpecFleet, providers: SpecFilesArgs['providers']): Fleet {
  const { clusters, waves, wave } = spec.props;
  try {
    return new Fleet({ clusters, waves, wave, providers: providers as NonNullable<SpecFilesArgs['providers']> });
  } catch (e) {
    if (!(e instanceof MeshlightValidationError)) throw e;
    throw new SpecError(e.problems.map((p) => problemAt(spec.document.location, '', formatProblem(p))));
  }
}
