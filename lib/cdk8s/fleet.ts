import * as path from 'path';
import { App, Chart } from 'cdk8s';
import {
  FLEET_DELIVERY_FOLDER, FleetCluster, fleetClusterNamed, FleetDeliveryProps, fleetGitOpsClusters, FleetSpecProps, FleetWave,
  planFleet, refuseSecondFleetDelivery, RemoteClustersProps, remoteClustersOf,
} from '../core/internal';
import { GitOpsDelivery } from './gitops-delivery';

/** Props of a Fleet: its clusters (each synthesised to its own folder), its release waves, and where it is written. */
export interface FleetProps extends FleetSpecProps {
  /**
   * Folder that receives one subfolder per cluster, `<outdir>/<cluster>`, and `<outdir>/argocd` for the delivery.
   * @default - `CDK8S_OUTDIR` (what `cdk8s synth` sets from cdk8s.yaml's `output`), else 'dist'
   */
  readonly outdir?: string;
}

/** Path named in a Fleet's errors: it is no construct. */
const FLEET_PATH = 'Fleet';

/**
 * A fleet of clusters declared once: each cluster is a cdk8s App of its own, written to `<outdir>/<cluster>`, so the
 * whole-app checks run per cluster (the same service in two clusters is normal, twice in one is an error). What
 * differs per cluster (images, hosts, replicas) is plain code over the cluster's typed values, in `forEachCluster`.
 *
 * @see https://istio.io/latest/docs/setup/install/multicluster/
 */
export class Fleet {
  /** The clusters, validated, in the order given, each with where the release stands for it. */
  public readonly clusters: readonly FleetCluster[];
  /** The release's waves, in order; none without them. */
  public readonly waves: readonly FleetWave[];
  /** The wave the release has reached; none without waves. */
  public readonly wave?: string;
  /** The folder each cluster's folder is in. */
  public readonly outdir: string;
  private readonly charts = new Map<string, Chart>();
  /** Each cluster's App by name, then the delivery's under `argocd`. */
  private readonly apps = new Map<string, App>();
  private delivered = false;

  public constructor(props: FleetProps) {
    const plan = planFleet(props, FLEET_PATH, ['outdir']);
    this.clusters = plan.clusters;
    this.waves = plan.waves;
    this.wave = plan.wave;
    this.outdir = props.outdir ?? process.env.CDK8S_OUTDIR ?? 'dist';
    for (const cluster of this.clusters) {
      const app = new App({ outdir: path.join(this.outdir, cluster.name) });
      this.apps.set(cluster.name, app);
      this.charts.set(cluster.name, new Chart(app, cluster.name));
    }
  }

  /** The chart of cluster `name`, the root of its own App; refused, with the fleet's names, for an unknown cluster. */
  public cluster(name: string): Chart {
    return this.charts.get(fleetClusterNamed(this.clusters, name, FLEET_PATH).name)!;
  }

  /**
   * What a ZeroTrustNamespace in cluster `name` admits of the other clusters, the fleet being one mesh (Istio
   * multi-primary): give it as the namespace's `remoteClusters`, so calls declared between workloads work whichever
   * cluster each runs in. Built from the clusters' `network`, `podCidrs` and `eastWestGatewayAddresses`.
   */
  public remoteClustersOf(name: string): RemoteClustersProps | undefined {
    return remoteClustersOf(this.clusters, name, FLEET_PATH);
  }

  /** Calls `declare` with each cluster's chart and values, in the order of the clusters. */
  public forEachCluster(declare: (chart: Chart, cluster: FleetCluster) => void): void {
    for (const cluster of this.clusters) declare(this.charts.get(cluster.name)!, cluster);
  }

  /**
   * Declares the Argo CD objects that sync each cluster's folder to that cluster, written to `<outdir>/argocd`: a
   * GitOpsDelivery over exactly the fleet's clusters. Once per fleet.
   */
  public delivery(props: FleetDeliveryProps): GitOpsDelivery {
    if (this.delivered) refuseSecondFleetDelivery(FLEET_PATH);
    const { destinations, ...rest } = props;
    const clusters = fleetGitOpsClusters(this.clusters, destinations, FLEET_PATH);
    const app = new App({ outdir: path.join(this.outdir, FLEET_DELIVERY_FOLDER) });
    const delivery = new GitOpsDelivery(new Chart(app, FLEET_DELIVERY_FOLDER), 'delivery', {
      ...rest, clusters, path: props.path ?? path.posix.normalize(this.outdir).replace(/\/$/, ''),
    });
    this.apps.set(FLEET_DELIVERY_FOLDER, app);
    this.delivered = true;
    return delivery;
  }

  /**
   * Writes every cluster's App, then the delivery's, each validated on its own (the whole-app checks run per cluster).
   * All are validated before any is written, so a problem in one cluster writes nothing.
   */
  public synth(): void {
    // What cdk8s runs before it writes an app (each construct's validations, meshlight's synth pass among them), for
    // every app first; app.synth() runs them again, and meshlight's pass reuses what it found.
    const errors = [...this.apps.values()].flatMap((app) => app.node.findAll().flatMap((c) => c.node.validate().map((e) => `[${c.node.path}] ${e}`)));
    if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
    for (const app of this.apps.values()) app.synth();
  }

  /** Each cluster's YAML by cluster name, and the delivery's under `argocd`, validated as `synth()` validates them. */
  public synthYaml(): Record<string, string> {
    const yaml: Record<string, string> = {};
    for (const [name, app] of this.apps) yaml[name] = app.synthYaml();
    return yaml;
  }
}
