import * as path from 'path';
import { EgressAllowList, Fleet, GrayscaleService, ZeroTrustNamespace } from '../../lib/cdk8s';
import { CLUSTERS, CURRENT_WAVE, DESTINATIONS, metadata, myservice1, myservice1Egress, namespace, NAMESPACE, WAVES } from './dataworks';

/**
 * The fleet at `wave`, written to `<outdir>/<cluster>`, with its Argo CD objects in `<outdir>/argocd` when `delivered`.
 * Returned unsynthesised.
 */
export function dataworksFleet(outdir: string, wave: string = CURRENT_WAVE, delivered = true): Fleet {
  const fleet = new Fleet({ outdir, clusters: CLUSTERS, waves: WAVES, wave });
  fleet.forEachCluster((chart, cluster) => {
    const dataworks = new ZeroTrustNamespace(chart, NAMESPACE, namespace(fleet.remoteClustersOf(cluster.name)));
    const service1 = new GrayscaleService(chart, 'myservice1', myservice1(cluster));
    const metadataService = new GrayscaleService(chart, 'metadata', metadata(cluster));
    dataworks.allow('sleep', service1, { ports: [80] });
    dataworks.allow(service1, metadataService, { methods: ['GET'] });
    new EgressAllowList(chart, 'myservice1-egress', { ...myservice1Egress(cluster), namespace: dataworks, workload: service1 });
  });
  if (delivered) {
    fleet.delivery({ repoURL: 'https://github.com/example/dataworks-fleet.git', path: 'dist/fleet', destinations: DESTINATIONS });
  }
  return fleet;
}

/**
 * Writes the fleet as the release stands to `<outdir>/fleet` (what Argo CD syncs), and every wave of the release to
 * `<outdir>/fleet-waves/<wave>`, for review: each wave a complete fleet.
 */
export function synthDataworksFleet(outdir: string): void {
  dataworksFleet(path.join(outdir, 'fleet')).synth();
  for (const wave of WAVES) dataworksFleet(path.join(outdir, 'fleet-waves', wave.name), wave.name, false).synth();
}

if (require.main === module) {
  synthDataworksFleet(process.env.CDK8S_OUTDIR ?? 'dist');
}
