// An app someone else deploys (examples/adopted/app.yaml: bookinfo's Services, Deployments labelled app/version and
// ServiceAccounts of their own), adopted by meshlight (examples/adopted/main.ts). Judged by what the two together do,
// not by meshlight's YAML alone: meshlight explain, which reads Istio's semantics independently of core, follows each
// request from the YAML's productpage pods through meshlight's routes to the YAML's reviews pods, and decides its
// access with the service accounts those pods really run as.
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { AdoptedBookinfoChart } from '../../examples/adopted/main';
import { buildMesh, checkRequest, CheckRequest, manifestsFromObjects, parseManifests } from '../../lib/explain';
import { manifestsOf, recordPulumiResources, registered } from '../support/pulumi-mocks';
import { clusterProblemsOfAll } from '../support/validate';
import { canonicalYaml } from '../support/yaml';

const pulumiResources = recordPulumiResources();
const APP_YAML = path.resolve(__dirname, '../../examples/adopted/app.yaml');
const deployed = parseManifests(fs.readFileSync(APP_YAML, 'utf8'), APP_YAML);

function meshlightManifests(): any[] {
  return Testing.synth(new AdoptedBookinfoChart(Testing.app(), 'adopted-bookinfo'));
}

/** What one request comes to over app.yaml and meshlight's objects: per workload of app.yaml, its share and the verdict. */
function check(request: Omit<CheckRequest, 'to'> & { to?: string }): { outcome: string; reached: Record<string, [number | undefined, string]> } {
  const mesh = buildMesh([...deployed, ...manifestsFromObjects(meshlightManifests(), 'synth')]);
  const result = checkRequest(mesh, { to: 'reviews', path: '/reviews/1', ...request });
  const reached: Record<string, [number | undefined, string]> = {};
  for (const d of result.destinations) {
    for (const w of d.workloads) reached[w.workload] = [d.percent, w.authorization.decision];
  }
  return { outcome: result.verdict.outcome, reached };
}

describe('adopting an app deployed from plain YAML', () => {
  test('meshlight emits no Service or ServiceAccount: the YAML\'s stay as they are', () => {
    const out = meshlightManifests();
    expect(out.filter((m) => m.kind === 'Service' || m.kind === 'ServiceAccount' || m.kind === 'Deployment')).toEqual([]);
    const names = deployed.map((m) => `${m.kind}/${(m.object as any).metadata.name}`);
    const clashes = out.filter((m) => names.includes(`${m.kind}/${m.metadata.name}`));
    expect(clashes).toEqual([]);
  });

  test('productpage, balanced by Kubernetes, gets no routing objects', () => {
    expect(meshlightManifests().filter((m) => m.metadata.name === 'productpage' && ['VirtualService', 'DestinationRule'].includes(m.kind))).toEqual([]);
  });

  test('meshlight\'s objects, and the YAML they adopt, are accepted by a cluster', async () => {
    expect(await clusterProblemsOfAll(meshlightManifests())).toEqual([]);
    expect(await clusterProblemsOfAll(deployed.map((m) => m.object as Record<string, unknown>))).toEqual([]);
  });

  test('the split reaches the YAML\'s pods by their labels: 90% v1, 10% v2, and productpage is let in', () => {
    expect(check({ from: 'bookinfo/productpage-v1' })).toEqual({
      outcome: 'allowed',
      reached: { 'bookinfo/reviews-v1': [90, 'allowed'], 'bookinfo/reviews-v2': [10, 'allowed'] },
    });
  });

  test('the rule sends jason to v3\'s pods', () => {
    expect(check({ from: 'bookinfo/productpage-v1', headers: { 'end-user': 'jason' } })).toEqual({
      outcome: 'allowed',
      reached: { 'bookinfo/reviews-v3': [100, 'allowed'] },
    });
  });

  test('access follows the real service accounts: only what productpage declared, not ratings, not another method', () => {
    expect(check({ from: 'bookinfo/productpage-v1', method: 'DELETE' }).outcome).toBe('denied');
    // ratings declared no call: its own proxy does not let the request out.
    expect(check({ from: 'bookinfo/ratings-v1' }).outcome).toBe('blocked');
    const policy = meshlightManifests().find((m) => m.kind === 'AuthorizationPolicy' && JSON.stringify(m.spec).includes('principals'));
    expect(JSON.stringify(policy.spec)).toContain('cluster.local/ns/bookinfo/sa/bookinfo-productpage');
    expect(policy.spec.selector.matchLabels).toEqual({ app: 'reviews' });
  });

  test('the Pulumi program registers what the cdk8s app synthesises', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require('../../examples/adopted/pulumi') as typeof import('../../examples/adopted/pulumi');
    await program.namespace.ready;
    await registered([...program.namespace.resources, ...program.reviewsService.resources, ...program.productpageService.resources]);
    expect(canonicalYaml(manifestsOf(pulumiResources))).toEqual(canonicalYaml(meshlightManifests()));
  });
});
