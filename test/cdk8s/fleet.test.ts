import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { Fleet, FleetClusterProps, GrayscaleService, MeshlightValidationError, ZeroTrustNamespace } from '../../lib/cdk8s';
import { argoCdValidator } from '../support/argo-cd';
import { expectProblem, validationErrorOf } from '../support/errors';

const CLUSTERS: FleetClusterProps[] = [
  { name: 'eu-1', region: 'europe-west1', zones: ['europe-west1-b', 'europe-west1-c'], network: 'net-eu' },
  { name: 'us-1', region: 'us-east1', network: 'net-us', trustDomain: 'us.example.com' },
];
const IMAGES: Record<string, string> = { 'europe-west1': 'ghcr.io/example/cart:1.0-eu', 'us-east1': 'ghcr.io/example/cart:1.0-us' };

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-fleet-'));
const documentsIn = (file: string): any[] => YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS());

/** The same shop in every cluster, with the image of the cluster's region. */
function shopEverywhere(fleet: Fleet): void {
  fleet.forEachCluster((chart, cluster) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
    const cart = new GrayscaleService(chart, 'cart', { namespace: shop.name, versions: [{ version: '1.0', image: IMAGES[cluster.region] }], workload: { readinessProbe: { http: { path: '/healthz' } } } });
    shop.allow('sleep', cart);
  });
}

describe('Fleet (cdk8s)', () => {
  test('the same services in two clusters synthesise, one folder per cluster, each with its own values', () => {
    const outdir = tmp();
    const fleet = new Fleet({ outdir, clusters: CLUSTERS });
    shopEverywhere(fleet);
    expect(() => fleet.synth()).not.toThrow();

    expect(fs.readdirSync(outdir).sort()).toEqual(['eu-1', 'us-1']);
    for (const cluster of CLUSTERS) {
      const files = fs.readdirSync(path.join(outdir, cluster.name));
      expect(files).toEqual([`${cluster.name}.k8s.yaml`]);
      const objects = documentsIn(path.join(outdir, cluster.name, files[0]));
      expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toContain('Namespace/shop');
      const images = objects.filter((o) => o.kind === 'Deployment').flatMap((o) => o.spec.template.spec.containers.map((c: any) => c.image));
      expect(images).toEqual([IMAGES[cluster.region]]);
    }
  });

  test('the clusters are typed values the code reads, in the order given', () => {
    const fleet = new Fleet({ outdir: tmp(), clusters: CLUSTERS });
    const seen: string[] = [];
    fleet.forEachCluster((chart, cluster) => seen.push(`${chart.node.id} ${cluster.region} ${cluster.zones.length} ${cluster.network}`));
    expect(seen).toEqual(['eu-1 europe-west1 2 net-eu', 'us-1 us-east1 0 net-us']);
    expect(fleet.cluster('us-1').node.id).toBe('us-1');
    expect(fleet.clusters[1].trustDomain).toBe('us.example.com');
  });

  test('one App of all the regions is what the whole-app check refuses; the fleet is what it is for', () => {
    const app = new App({ outdir: tmp() });
    for (const cluster of CLUSTERS) {
      const chart = new Chart(app, cluster.name);
      new ZeroTrustNamespace(chart, 'shop');
    }
    expect(() => app.synthYaml()).toThrow(/emits Namespace/);
  });

  test('the same service twice in one cluster is still refused, and nothing is written', () => {
    const outdir = tmp();
    const fleet = new Fleet({ outdir, clusters: CLUSTERS });
    const versions = [{ version: '1.0', image: 'ghcr.io/example/cart:1.0', workload: { readinessProbe: { http: { path: '/healthz' } } } }];
    fleet.forEachCluster((chart) => new GrayscaleService(chart, 'cart', { namespace: 'shop', versions }));
    new GrayscaleService(fleet.cluster('us-1'), 'cart-again', { namespace: 'shop', name: 'cart', versions } as any);
    expect(() => fleet.synth()).toThrow(/us-1\/cart-again.*emits .* too/s);
    expect(fs.readdirSync(outdir)).toEqual([]);
  });

  test('an unknown cluster is refused with the names of the known ones', () => {
    const fleet = new Fleet({ outdir: tmp(), clusters: CLUSTERS });
    const error = validationErrorOf(() => fleet.cluster('ap-1'));
    expectProblem(error, 'Fleet', 'cluster = "ap-1"', 'is not a cluster of the fleet', true);
    expect(error.message).toContain('["eu-1","us-1"]');
  });

  test.each<[string, FleetClusterProps[], string, string]>([
    ['no clusters', [], 'clusters = []', 'lists no clusters'],
    ['a name that is no DNS label', [{ name: 'EU_1', region: 'europe-west1' }], 'clusters[0].name', 'is not a DNS label'],
    ['a name given twice', [CLUSTERS[0], { ...CLUSTERS[1], name: 'eu-1' }], 'clusters[1].name', 'names the same cluster as clusters[0]'],
    ['an empty region', [{ name: 'eu-1', region: '' }], 'clusters[0].region', 'is not a region'],
    ['a bad zone', [{ name: 'eu-1', region: 'r', zones: ['zone b'] }], 'clusters[0].zones[0]', 'is not a zone'],
    ['a bad network', [{ name: 'eu-1', region: 'r', network: 'net/eu' }], 'clusters[0].network', 'is not an Istio network name'],
    ['a bad trust domain', [{ name: 'eu-1', region: 'r', trustDomain: 'EU Domain' }], 'clusters[0].trustDomain', 'is not a trust domain'],
  ])('refuses %s', (_case, clusters, field, message) => {
    expectProblem(validationErrorOf(() => new Fleet({ outdir: tmp(), clusters })), 'Fleet', field, message, true);
  });

  describe('delivery', () => {
    const destinations = { 'eu-1': { server: 'https://eu-1.example.com:6443' }, 'us-1': { destinationName: 'us-1' } };

    test.each(['applicationSet', 'applications'] as const)('syncs exactly the fleet\'s clusters from their folders (%s), written to <outdir>/argocd', (mode) => {
      const outdir = tmp();
      const fleet = new Fleet({ outdir, clusters: CLUSTERS });
      shopEverywhere(fleet);
      const delivery = fleet.delivery({ repoURL: 'https://github.com/example/fleet.git', path: 'fleet/dist', destinations, mode });
      expect(delivery.applicationNames).toEqual(['meshlight-eu-1', 'meshlight-us-1']);
      fleet.synth();
      expect(fs.readdirSync(outdir).sort()).toEqual(['argocd', 'eu-1', 'us-1']);
      const objects = documentsIn(path.join(outdir, 'argocd', 'argocd.k8s.yaml'));
      expect(objects.flatMap((o) => argoCdValidator().validate(o))).toEqual([]);
      if (mode === 'applications') {
        expect(objects.map((o) => [o.metadata.name, o.spec.source.path, o.spec.destination])).toEqual([
          ['meshlight-eu-1', 'fleet/dist/eu-1', { server: 'https://eu-1.example.com:6443' }],
          ['meshlight-us-1', 'fleet/dist/us-1', { name: 'us-1' }],
        ]);
      } else {
        expect(objects).toHaveLength(1);
        expect(objects[0].spec.generators[0].list.elements.map((e: any) => e.cluster)).toEqual(['eu-1', 'us-1']);
        expect(objects[0].spec.template.spec.source.path).toBe('fleet/dist/{{.cluster}}');
      }
    });

    test('its path defaults to the fleet\'s outdir, which must then be a folder of the repository', () => {
      const fleet = new Fleet({ outdir: './out/', clusters: CLUSTERS });
      const delivery = fleet.delivery({ repoURL: 'https://github.com/example/fleet.git', destinations, mode: 'applications' });
      expect(delivery.apiObjects.map((o) => o.toJson().spec.source.path)).toEqual(['out/eu-1', 'out/us-1']);
      const absolute = new Fleet({ outdir: tmp(), clusters: CLUSTERS });
      expect(() => absolute.delivery({ repoURL: 'https://github.com/example/fleet.git', destinations })).toThrow(/argocd\/delivery: path = .*is not a folder of the repository/);
    });

    test.each<[string, Record<string, any>, string, string]>([
      ['a cluster without destination', { 'eu-1': destinations['eu-1'] }, 'destinations.us-1', 'is missing'],
      ['a destination of no cluster', { ...destinations, 'ap-1': { server: 'https://ap-1.example.com' } }, 'destinations.ap-1', 'is for no cluster of the fleet'],
    ])('refuses %s', (_case, given, field, message) => {
      const fleet = new Fleet({ outdir: tmp(), clusters: CLUSTERS });
      expectProblem(validationErrorOf(() => fleet.delivery({ repoURL: 'https://github.com/example/fleet.git', destinations: given as any })), 'Fleet', field, message, true);
    });

    test('refuses a cluster whose folder is the delivery\'s, and a second delivery', () => {
      const hub = new Fleet({ outdir: tmp(), clusters: [{ name: 'argocd', region: 'r' }] });
      expectProblem(validationErrorOf(() => hub.delivery({ repoURL: 'https://github.com/example/fleet.git', destinations: { argocd: { destinationName: 'in-cluster' } } })), 'Fleet', 'destinations.argocd', 'the one the Argo CD objects go to', true);
      const fleet = new Fleet({ outdir: tmp(), clusters: CLUSTERS });
      fleet.delivery({ repoURL: 'https://github.com/example/fleet.git', path: 'dist', destinations });
      expectProblem(validationErrorOf(() => fleet.delivery({ repoURL: 'https://github.com/example/fleet.git', path: 'dist', destinations })), 'Fleet', 'delivery', 'is declared a second time', true);
    });

    test('bad GitOpsDelivery props are refused by GitOpsDelivery\'s own checks', () => {
      const fleet = new Fleet({ outdir: tmp(), clusters: CLUSTERS });
      expect(() => fleet.delivery({ repoURL: 'fleet', destinations })).toThrow(MeshlightValidationError);
    });
  });
});
