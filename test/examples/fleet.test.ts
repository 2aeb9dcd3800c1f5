// The article's regions as a fleet released in waves (examples/fleet). Judged per cluster and per wave by what the
// objects do, read back by meshlight explain (which reads Istio's semantics independently of core): where a request
// of sleep goes and in what shares, whom each service admits, and which OSS endpoint each region's myservice1 reaches.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { CLUSTERS, CURRENT_WAVE, WAVES } from '../../examples/fleet/dataworks';
import { dataworksFleet } from '../../examples/fleet/main';
import { buildMesh, checkRequest, CheckRequest, decideAccess, manifestsFromObjects, Mesh } from '../../lib/explain';
import { cli } from '../cli/helpers';
import { argoCdValidator } from '../support/argo-cd';
import { egressAllowed, ingressAllowed, Pod } from '../support/network-policy';
import { manifestsOf, recordPulumiResources, registered } from '../support/pulumi-mocks';
import { clusterProblemsOfAll } from '../support/validate';
import { canonicalYaml } from '../support/yaml';

const pulumiResources = recordPulumiResources();

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-fleet-example-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const documentsIn = (file: string): any[] => YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS());

/** Each cluster's objects at `wave`, as the cdk8s program writes them, by cluster name. */
const outputs = new Map<string, Record<string, any[]>>();
function objectsAt(wave: string): Record<string, any[]> {
  if (!outputs.has(wave)) {
    const outdir = path.join(root, wave);
    dataworksFleet(outdir, wave).synth();
    outputs.set(wave, Object.fromEntries(fs.readdirSync(outdir).map((folder) => [folder, documentsIn(path.join(outdir, folder, `${folder}.k8s.yaml`))])));
  }
  return outputs.get(wave)!;
}

const meshes = new Map<string, Mesh>();
function meshOf(wave: string, cluster: string): Mesh {
  const key = `${wave}/${cluster}`;
  if (!meshes.has(key)) meshes.set(key, buildMesh(manifestsFromObjects(objectsAt(wave)[cluster], key)));
  return meshes.get(key)!;
}

/** Where one request goes in a cluster at a wave: version -> [percent, verdict], and the request's outcome. */
function served(wave: string, cluster: string, request: Partial<CheckRequest> = {}): { outcome: string; versions: Record<string, [number | undefined, string]> } {
  const result = checkRequest(meshOf(wave, cluster), { from: 'dataworks/sa/sleep', fromLabels: { app: 'sleep' }, to: 'myservice1', ...request });
  const versions: Record<string, [number | undefined, string]> = {};
  for (const d of result.destinations) {
    for (const w of d.workloads) versions[w.workload.replace('dataworks/myservice1-v', '')] = [d.percent, w.authorization.decision];
  }
  return { outcome: result.verdict.outcome, versions };
}

const WAVE_NAMES = WAVES.map((w) => w.name);
const CLUSTER_NAMES = CLUSTERS.map((c) => c.name);
/** The clusters each wave releases to, as the example's waves say in words: Shanghai, then China, then the world. */
const RELEASED: Record<string, string[]> = {
  canary: ['sh-1'],
  china: ['hz-1', 'sh-1', 'bj-1'],
  global: CLUSTER_NAMES,
};

describe('the DataWorks fleet, released in waves', () => {
  test('the release is in its canary wave, and every wave is a complete fleet: every cluster, and the Argo CD objects', () => {
    expect(CURRENT_WAVE).toBe('canary');
    for (const wave of WAVE_NAMES) {
      expect(Object.keys(objectsAt(wave)).sort()).toEqual([...CLUSTER_NAMES, 'argocd'].sort());
    }
  });

  test.each(WAVE_NAMES)('at wave %s, every cluster\'s objects are accepted by a cluster, and the delivery by Argo CD', async (wave) => {
    for (const cluster of CLUSTER_NAMES) expect(await clusterProblemsOfAll(objectsAt(wave)[cluster])).toEqual([]);
    const delivery = objectsAt(wave).argocd;
    expect(delivery.flatMap((o) => argoCdValidator().validate(o))).toEqual([]);
    // The delivery does not change with the wave: the folders do.
    expect(delivery).toEqual(objectsAt(CURRENT_WAVE).argocd);
  });

  test.each(WAVE_NAMES)('at wave %s, released clusters send sleep 80/20 to 1.0 and 1.1; the others 1.0 only', (wave) => {
    for (const cluster of CLUSTER_NAMES) {
      const expected = RELEASED[wave].includes(cluster)
        ? { '1-0': [80, 'allowed'], '1-1': [20, 'allowed'] }
        : { '1-0': [100, 'allowed'] };
      expect([cluster, served(wave, cluster)]).toEqual([cluster, { outcome: 'allowed', versions: expected }]);
    }
  });

  test.each(WAVE_NAMES)('at wave %s, the gray header and the debug query reach 1.1 where it is released, 1.0 elsewhere', (wave) => {
    for (const cluster of CLUSTER_NAMES) {
      const version = RELEASED[wave].includes(cluster) ? '1-1' : '1-0';
      expect([cluster, served(wave, cluster, { headers: { gray: '1' } }).versions]).toEqual([cluster, { [version]: [100, 'allowed'] }]);
      expect([cluster, served(wave, cluster, { path: '/?debug=true' }).versions]).toEqual([cluster, { [version]: [100, 'allowed'] }]);
    }
  });

  test.each(WAVE_NAMES)('at wave %s, every cluster admits only the declared calls', (wave) => {
    for (const cluster of CLUSTER_NAMES) {
      const mesh = meshOf(wave, cluster);
      const outcome = (from: string, to: string, method = 'GET'): string => checkRequest(mesh, { from, to, method, ...(from.includes('/sa/') ? { fromLabels: { app: 'sleep' } } : {}) }).verdict.outcome;
      expect([cluster, outcome('dataworks/sa/sleep', 'metadata')]).toEqual([cluster, 'blocked']);
      expect([cluster, outcome('dataworks/myservice1-v1-0', 'metadata')]).toEqual([cluster, 'allowed']);
      expect([cluster, outcome('dataworks/myservice1-v1-0', 'metadata', 'DELETE')]).toEqual([cluster, 'denied']);
      expect([cluster, outcome('dataworks/metadata-v2-3', 'myservice1')]).toEqual([cluster, 'blocked']);
    }
  });

  test('each region\'s myservice1 reaches the OSS endpoint of its own region, and no other region\'s', () => {
    const regions = CLUSTERS.map((c) => c.region);
    for (const cluster of CLUSTERS) {
      const mesh = meshOf(CURRENT_WAVE, cluster.name);
      for (const region of regions) {
        const result = checkRequest(mesh, { from: 'dataworks/myservice1-v1-0', to: `oss-${region}.aliyuncs.com`, port: 443 });
        expect([cluster.name, region, result.egress.decision]).toEqual([cluster.name, region, region === cluster.region ? 'allowed' : 'blocked']);
      }
    }
  });

  test.each(WAVE_NAMES)('meshlight explain --each says per cluster what wave %s serves', (wave) => {
    objectsAt(wave);
    const folders = CLUSTER_NAMES.map((c) => path.join(root, wave, c));
    const run = cli(['explain', '--each', '--format', 'json', '--service', 'myservice1.dataworks', ...folders]);
    expect(run.code).toBe(0);
    const each = JSON.parse(run.stdout) as { path: string; explanation: { traffic: { routes: { name: string; destinations: { workloads: string[]; percent?: number }[] }[] }[] } }[];
    const split = Object.fromEntries(each.map(({ path: folder, explanation }) => [
      path.basename(folder),
      explanation.traffic.flatMap((t) => t.routes).filter((r) => r.name !== 'gray').flatMap((r) => r.destinations.map((d) => `${d.workloads.join(' ')}: ${d.percent}%`)),
    ]));
    // Where the release has not come, one version gets every request.
    const [v10, v11] = ['dataworks/myservice1-v1-0', 'dataworks/myservice1-v1-1'];
    expect(split).toEqual(Object.fromEntries(CLUSTER_NAMES.map((c) => [c, RELEASED[wave].includes(c) ? [`${v10}: 80%`, `${v11}: 20%`] : [`${v10}: 100%`]])));
  });

  describe('one mesh across the clusters: a declared call works whichever cluster its caller runs in', () => {
    const objects = (cluster: string) => objectsAt(CURRENT_WAVE)[cluster];
    /** A pod of Deployment `name` in `cluster`, as NetworkPolicies see it, at `ip`; and the port it serves on. */
    const podOf = (cluster: string, name: string, ip: string): { pod: Pod; port: number } => {
      const deployment = objects(cluster).find((o) => o.kind === 'Deployment' && o.metadata.name === name);
      return { pod: { namespace: 'dataworks', labels: deployment.spec.template.metadata.labels, ip }, port: deployment.spec.template.spec.containers[0].ports[0].containerPort };
    };

    test('on one network, myservice1 in Shanghai reaches metadata in Hangzhou directly, and metadata calls nothing back', () => {
      const caller = podOf('sh-1', 'myservice1-v1-0', '10.20.3.4');
      const target = podOf('hz-1', 'metadata-v2-3', '10.16.5.6');
      expect(egressAllowed(objects('sh-1'), caller.pod, target.pod, 'TCP', target.port)).toBe(true);
      expect(ingressAllowed(objects('hz-1'), caller.pod, target.pod, 'TCP', target.port)).toBe(true);
      const back = podOf('hz-1', 'myservice1-v1-0', '10.16.7.8');
      expect(egressAllowed(objects('sh-1'), podOf('sh-1', 'metadata-v2-3', '10.20.9.9').pod, back.pod, 'TCP', back.port)).toBe(false);
    });

    test('across networks, myservice1 in Hangzhou leaves for Frankfurt\'s east-west gateway, which Frankfurt\'s metadata admits', () => {
      const caller = podOf('hz-1', 'myservice1-v1-0', '10.16.3.4');
      const gatewayAddress: Pod = { namespace: 'istio-system', labels: {}, ip: '203.0.113.22' };
      expect(egressAllowed(objects('hz-1'), caller.pod, gatewayAddress, 'TCP', 15443)).toBe(true);
      expect(egressAllowed(objects('hz-1'), caller.pod, { ...gatewayAddress, ip: '198.51.100.22' }, 'TCP', 15443)).toBe(false);
      const target = podOf('fra-1', 'metadata-v2-3', '10.36.5.6');
      const eastWestGateway: Pod = { namespace: 'istio-system', labels: { istio: 'eastwestgateway' }, ip: '10.36.0.9' };
      expect(ingressAllowed(objects('fra-1'), eastWestGateway, target.pod, 'TCP', target.port)).toBe(true);
      expect(ingressAllowed(objects('fra-1'), { ...eastWestGateway, labels: { istio: 'ingressgateway' } }, target.pod, 'TCP', target.port)).toBe(false);
    });

    test('the target\'s cluster admits the caller by its identity, the same in every cluster, and no one else', () => {
      // What arrives from another cluster carries the caller's principal; the target's AuthorizationPolicy decides.
      const identity = (serviceAccount: string) => ({ namespace: 'dataworks', serviceAccount, principal: `cluster.local/ns/dataworks/sa/${serviceAccount}` });
      for (const cluster of CLUSTER_NAMES) {
        const mesh = meshOf(CURRENT_WAVE, cluster);
        const metadataPods = mesh.workloads.filter((w) => w.name === 'metadata-v2-3');
        const decide = (serviceAccount: string, method: string) => metadataPods.map((w) => decideAccess(mesh, identity(serviceAccount), w, { method, path: '/', port: 8080 }).decision);
        expect([cluster, decide('myservice1', 'GET'), decide('myservice1', 'DELETE'), decide('sleep', 'GET')]).toEqual([cluster, ['allowed'], ['denied'], ['denied']]);
      }
    });
  });

  test('a wave moves only the clusters it releases: from one wave to the next, no other cluster\'s objects change', () => {
    for (let i = 1; i < WAVE_NAMES.length; i++) {
      const [before, after] = [objectsAt(WAVE_NAMES[i - 1]), objectsAt(WAVE_NAMES[i])];
      const changed = CLUSTER_NAMES.filter((c) => canonicalYaml(before[c]) !== canonicalYaml(after[c]));
      expect(changed.sort()).toEqual(RELEASED[WAVE_NAMES[i]].filter((c) => !RELEASED[WAVE_NAMES[i - 1]].includes(c)).sort());
    }
  });

  test('the Pulumi program registers each cluster\'s objects with that cluster\'s provider, the same objects as cdk8s', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require('../../examples/fleet/pulumi') as typeof import('../../examples/fleet/pulumi');
    const all = Object.values(program.components);
    await Promise.all(all.map((c) => c.namespace.ready));
    await registered(all.flatMap((c) => [...c.namespace.resources, ...c.services.flatMap((s) => s.resources), ...c.egress.resources]));
    const objects = pulumiResources.filter((r) => r.type.startsWith('kubernetes:'));
    for (const cluster of CLUSTER_NAMES) {
      const own = objects.filter((r) => r.provider?.includes(`pulumi:providers:kubernetes::${cluster}::`));
      expect([cluster, canonicalYaml(manifestsOf(own))]).toEqual([cluster, canonicalYaml(objectsAt(CURRENT_WAVE)[cluster])]);
    }
    expect(objects.filter((r) => r.provider === undefined)).toEqual([]);
  });
});
