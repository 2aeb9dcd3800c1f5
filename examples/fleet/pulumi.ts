import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { EgressAllowList, Fleet, GrayscaleService, ZeroTrustNamespace } from '../../lib/pulumi';
import { CLUSTERS, CURRENT_WAVE, metadata, myservice1, myservice1Egress, namespace, NAMESPACE, WAVES } from './dataworks';

// The wave the release has reached comes from the stack's config (`pulumi config set wave china`), else the example's.
const wave = new pulumi.Config().get('wave') ?? CURRENT_WAVE;

/** Each cluster's provider, by the kubeconfig context named like the cluster. */
export const providers = Object.fromEntries(CLUSTERS.map((c) => [c.name, new k8s.Provider(c.name, { context: c.name })]));

export const fleet = new Fleet({ clusters: CLUSTERS, waves: WAVES, wave, providers });

/** Each cluster's components, by cluster name. */
export const components: Record<string, { namespace: ZeroTrustNamespace; services: GrayscaleService[]; egress: EgressAllowList }> = {};

fleet.forEachCluster((cluster, opts) => {
  // Pulumi names resources program-wide, so each cluster's carry its name; the objects keep theirs.
  const dataworks = new ZeroTrustNamespace(`${NAMESPACE}-${cluster.name}`, { ...namespace(fleet.remoteClustersOf(cluster.name)), name: NAMESPACE }, opts);
  const service1 = new GrayscaleService(`myservice1-${cluster.name}`, { ...myservice1(cluster), name: 'myservice1' }, { ...opts, dependsOn: [dataworks] });
  const metadataService = new GrayscaleService(`metadata-${cluster.name}`, { ...metadata(cluster), name: 'metadata' }, { ...opts, dependsOn: [dataworks] });
  dataworks.allow('sleep', service1, { ports: [80] });
  dataworks.allow(service1, metadataService, { methods: ['GET'] });
  const egress = new EgressAllowList(`myservice1-egress-${cluster.name}`, { ...myservice1Egress(cluster), namespace: dataworks, workload: service1 }, opts);
  components[cluster.name] = { namespace: dataworks, services: [service1, metadataService], egress };
});
