import * as pulumi from '@pulumi/pulumi';
import {
  FleetCluster, fleetClusterNamed, FleetSpecProps, FleetWave, planFleet, ProblemCollector, RemoteClustersProps, remoteClustersOf, valuePerCluster,
} from '../core/internal';

/** Props of a Fleet from Pulumi: its clusters and release waves, as from cdk8s, and each cluster's Kubernetes provider. */
export interface FleetProps extends FleetSpecProps {
  /**
   * The Kubernetes provider of each cluster (a `@pulumi/kubernetes` Provider), by cluster name: every cluster of the
   * fleet, and only those.
   */
  readonly providers: Readonly<Record<string, pulumi.ProviderResource>>;
}

/** Path named in a Fleet's errors: it is no resource. */
const FLEET_PATH = 'Fleet';

/**
 * A fleet of clusters declared once, from Pulumi: what runs in a cluster is registered with that cluster's Kubernetes
 * provider, so the whole-app checks run per cluster (the same service in two clusters is normal, twice in one is an
 * error). What differs per cluster is plain code over the cluster's typed values, in `forEachCluster`. It registers
 * no resource of its own.
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
  private readonly providers: Readonly<Record<string, pulumi.ProviderResource>>;

  public constructor(props: FleetProps) {
    const plan = planFleet(props, FLEET_PATH, ['providers']);
    const problems = new ProblemCollector(FLEET_PATH);
    this.providers = valuePerCluster(problems, plan.clusters, 'providers', props.providers, {
      example: '{ "eu-1": new k8s.Provider("eu-1", { context: "eu-1" }) }',
      missing: 'is missing: the cluster\'s resources would go to the default Kubernetes provider, whichever cluster that is',
      fix: 'give the cluster\'s @pulumi/kubernetes Provider',
    }) as Readonly<Record<string, pulumi.ProviderResource>>;
    problems.throwIfAny();
    this.clusters = plan.clusters;
    this.waves = plan.waves;
    this.wave = plan.wave;
  }

  /**
   * The resource options that put a component in cluster `name`: its provider. Refused, with the fleet's names, for
   * an unknown cluster.
   */
  public cluster(name: string): pulumi.ComponentResourceOptions {
    return { provider: this.providers[fleetClusterNamed(this.clusters, name, FLEET_PATH).name] };
  }

  /**
   * What a ZeroTrustNamespace in cluster `name` admits of the other clusters, the fleet being one mesh (Istio
   * multi-primary): give it as the namespace's `remoteClusters`, so calls declared between workloads work whichever
   * cluster each runs in. Built from the clusters' `network`, `podCidrs` and `eastWestGatewayAddresses`.
   */
  public remoteClustersOf(name: string): RemoteClustersProps | undefined {
    return remoteClustersOf(this.clusters, name, FLEET_PATH);
  }

  /**
   * Calls `declare` with each cluster's values and the resource options that put a component in it, in the order of
   * the clusters. Pulumi names resources program-wide: make each cluster's names its own, such as `cart-${cluster.name}`.
   */
  public forEachCluster(declare: (cluster: FleetCluster, opts: pulumi.ComponentResourceOptions) => void): void {
    for (const cluster of this.clusters) declare(cluster, this.cluster(cluster.name));
  }
}
