// The DMSP article's shape as a fleet: the same services in several regions of one cloud, each region a cluster,
// released region by region in waves (a canary region first). Shared by the cdk8s and the Pulumi program, so both
// deploy the same thing: what differs per cluster is plain code over the cluster's values.
import {
  EgressAllowListProps, FleetCluster, FleetClusterProps, FleetDestination, FleetWaveProps, GrayscaleServiceProps, LocalityProps,
  RemoteClustersProps, ZeroTrustNamespaceProps,
} from '../../lib/core';

/** The namespace every cluster runs the services in. */
export const NAMESPACE = 'dataworks';

/**
 * One cluster per region, all one mesh: the regions of mainland China share one network (their pods reach each
 * other's directly), the others another; between the two, east-west gateways carry the calls.
 */
export const CLUSTERS: readonly FleetClusterProps[] = [
  { name: 'hz-1', region: 'cn-hangzhou', zones: ['cn-hangzhou-h', 'cn-hangzhou-i'], network: 'net-cn', podCidrs: ['10.16.0.0/14'], eastWestGatewayAddresses: ['203.0.113.11/32'] },
  { name: 'sh-1', region: 'cn-shanghai', zones: ['cn-shanghai-e', 'cn-shanghai-f'], network: 'net-cn', podCidrs: ['10.20.0.0/14'], eastWestGatewayAddresses: ['203.0.113.12/32'] },
  { name: 'bj-1', region: 'cn-beijing', zones: ['cn-beijing-g', 'cn-beijing-h'], network: 'net-cn', podCidrs: ['10.24.0.0/14'], eastWestGatewayAddresses: ['203.0.113.13/32'] },
  { name: 'sg-1', region: 'ap-southeast-1', zones: ['ap-southeast-1a', 'ap-southeast-1b'], network: 'net-intl', podCidrs: ['10.32.0.0/14'], eastWestGatewayAddresses: ['203.0.113.21/32'] },
  { name: 'fra-1', region: 'eu-central-1', zones: ['eu-central-1a', 'eu-central-1b'], network: 'net-intl', podCidrs: ['10.36.0.0/14'], eastWestGatewayAddresses: ['203.0.113.22/32'] },
];

/** The release of myservice1 1.1: Shanghai first, then the rest of China, then the world. */
export const WAVES: readonly FleetWaveProps[] = [
  { name: 'canary', regions: ['cn-shanghai'] },
  { name: 'china', regions: ['cn-hangzhou', 'cn-beijing'] },
  { name: 'global' },
];

/** The wave the release has reached: moving it to the next wave, in one commit, is the next step. */
export const CURRENT_WAVE = 'canary';

/** Where Argo CD syncs each cluster's folder: the cluster's API server. */
export const DESTINATIONS: Readonly<Record<string, FleetDestination>> = Object.fromEntries(
  CLUSTERS.map((c) => [c.name, { server: `https://${c.name}.k8s.example.com:6443` }]),
);

/** Images come from the registry of the cluster's own region. */
const image = (cluster: FleetCluster, name: string, tag: string): string => `registry.${cluster.region}.aliyuncs.com/dataworks/${name}:${tag}`;

/** A pod is ready once it answers its health check. */
const READY_WHEN_SERVING = { readinessProbe: { http: { path: '/healthz' } } } as const;

/** The regions each fails over to, within its network: an outage of a region's pods moves its callers next door. */
const FAILOVER: LocalityProps = {
  failover: [
    { from: 'cn-hangzhou', to: 'cn-shanghai' },
    { from: 'cn-shanghai', to: 'cn-hangzhou' },
    { from: 'cn-beijing', to: 'cn-hangzhou' },
    { from: 'ap-southeast-1', to: 'eu-central-1' },
    { from: 'eu-central-1', to: 'ap-southeast-1' },
  ],
};

/**
 * Deny by default; `sleep`, the namespace's client, is declared so that calls can name it. The other clusters'
 * workloads are admitted as this cluster's are (`remoteClusters`, from the fleet), so a call fails over across regions.
 */
export function namespace(remoteClusters: RemoteClustersProps | undefined): ZeroTrustNamespaceProps {
  return { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }], ...(remoteClusters === undefined ? {} : { remoteClusters }) };
}

/**
 * myservice1 in a cluster: where the release has reached, 1.1 takes 20% and every request with header gray=1 or query
 * debug=true; elsewhere 1.0 serves everything and 1.1 is not deployed.
 */
export function myservice1(cluster: FleetCluster): GrayscaleServiceProps {
  const replicas = cluster.name === 'hz-1' ? 3 : 2;
  const stable = { version: '1.0', image: image(cluster, 'myservice1', '1.0.7'), replicas };
  return {
    namespace: NAMESPACE,
    workload: READY_WHEN_SERVING,
    circuitBreaker: { consecutive5xxErrors: 5 },
    locality: FAILOVER,
    ...(cluster.released
      ? {
        versions: [{ ...stable, weight: 80 }, { version: '1.1', weight: 20, image: image(cluster, 'myservice1', '1.1.0'), replicas: 1 }],
        rules: [{ name: 'gray', version: '1.1', anyOf: [{ headers: { gray: '1' } }, { query: { debug: 'true' } }] }],
      }
      : { versions: [stable] }),
  };
}

/** metadata, which myservice1 reads: one version everywhere, untouched by the release. */
export function metadata(cluster: FleetCluster): GrayscaleServiceProps {
  return {
    namespace: NAMESPACE,
    workload: READY_WHEN_SERVING,
    versions: [{ version: '2.3', image: image(cluster, 'metadata', '2.3.1') }],
  };
}

/** myservice1 stores objects in the OSS endpoint of its own region, and reaches nothing else outside the mesh. */
export function myservice1Egress(cluster: FleetCluster): Omit<EgressAllowListProps, 'namespace' | 'workload'> {
  return { hosts: [`oss-${cluster.region}.aliyuncs.com`] };
}
