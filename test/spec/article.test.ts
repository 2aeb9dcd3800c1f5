// The article's cases in the article's shape (examples/spec/article.yaml): what each says in words, evaluated on what
// meshlight synth writes by explain, with the pods the article's platform deploys beside it.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { buildMesh, checkRequest, CheckRequest, manifestsFromObjects, Mesh } from '../../lib/explain';
import { cli, ROOT } from '../cli/helpers';
import { clusterProblemsOfAll } from '../support/validate';

const ARTICLE = path.join(ROOT, 'examples', 'spec', 'article.yaml');

/** What `meshlight synth` writes for the article's spec. */
function synthesised(): Record<string, any>[] {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-article-'));
  const run = cli(['synth', ARTICLE, '-o', out]);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return parseAllDocuments(fs.readFileSync(path.join(out, 'article.k8s.yaml'), 'utf8')).map((d) => d.toJS());
}

/** A pod of the article's platform: one per version (app, version labels, the service's account), and sleep. */
function pod(name: string, labels: Record<string, string>, serviceAccount: string): Record<string, any> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'dataworks', labels }, spec: { serviceAccountName: serviceAccount, containers: [{ name: 'app', image: 'app' }] } };
}

const PODS = [
  pod('sleep', { app: 'sleep' }, 'sleep'),
  ...['1.1', '1.2', '2.0'].map((v) => pod(`myservice1-${v}`, { app: 'myservice1', version: v }, 'myservice1')),
  ...['1.0', '1.1', '2.0'].map((v) => pod(`httpbin-${v}`, { app: 'httpbin', version: v }, 'httpbin')),
];

let mesh: Mesh;
beforeAll(() => {
  mesh = buildMesh(manifestsFromObjects([...synthesised(), ...PODS], 'article'));
});

/** Where a request from sleep goes: pod -> percent, and whether it is let through. */
function fromSleep(request: Partial<CheckRequest> & { to: string }): { outcome: string; pods: Record<string, number | undefined> } {
  const result = checkRequest(mesh, { from: 'dataworks/sleep', ...request });
  const pods: Record<string, number | undefined> = {};
  for (const d of result.destinations) for (const w of d.workloads) pods[w.workload.replace('dataworks/', '')] = d.percent;
  return { outcome: result.verdict.outcome, pods };
}

describe('the article\'s spec, in its own shape', () => {
  test('synthesises objects a cluster accepts', async () => {
    expect(await clusterProblemsOfAll(synthesised())).toEqual([]);
  });

  test('weight grayscale: the minor versions of a major share its context path by weight', () => {
    expect(fromSleep({ to: 'myservice1', path: '/v1/orders' })).toEqual({ outcome: 'allowed', pods: { 'myservice1-1.1': 70, 'myservice1-1.2': 30 } });
    expect(fromSleep({ to: 'myservice1', path: '/v2/orders' })).toEqual({ outcome: 'allowed', pods: { 'myservice1-2.0': 100 } });
  });

  test('rule grayscale: header gray=1 or query debug=true reaches 1.1, and only exactly those', () => {
    for (const request of [{ headers: { gray: '1' } }, { path: '/v1/orders?debug=true' }] as Partial<CheckRequest>[]) {
      expect(fromSleep({ to: 'myservice1', path: '/v1/orders', ...request }).pods).toEqual({ 'myservice1-1.1': 100 });
    }
    for (const request of [{ headers: { gray: '10' } }, { path: '/v1/orders?debug=truex' }, { headers: { grey: '1' } }] as Partial<CheckRequest>[]) {
      expect(fromSleep({ to: 'myservice1', path: '/v1/orders', ...request }).pods).toEqual({ 'myservice1-1.1': 70, 'myservice1-1.2': 30 });
    }
  });

  test('the response names the version that served', () => {
    const vs = synthesised().find((o) => o.kind === 'VirtualService' && o.metadata.name === 'myservice1')!;
    const named = vs.spec.http.flatMap((r: any) => (r.route ?? []).map((d: any) => [d.destination.subset, d.headers?.response?.set]));
    expect(named).toEqual(expect.arrayContaining([['v1-1', { 'x-meshlight-version': '1.1' }], ['v2-0', { 'x-meshlight-version': '2.0' }]]));
  });

  test('access is denied by default: sleep may call myservice1, not httpbin (the article\'s 403)', () => {
    expect(fromSleep({ to: 'myservice1', path: '/v1/get' }).outcome).toBe('allowed');
    for (const from of ['dataworks/sleep', 'dataworks/myservice1-1.1']) {
      const result = checkRequest(mesh, { from, to: 'httpbin', path: '/v1/get' });
      // Stopped at the caller's Sidecar, which sees only what the namespace lets it call.
      expect([from, result.verdict.outcome]).toEqual([from, 'blocked']);
    }
    // A caller whose proxy sends anything (another namespace's) is refused at httpbin's pods: the article's 403.
    for (const to of ['httpbin.dataworks', 'myservice1.dataworks']) {
      expect([to, checkRequest(mesh, { from: 'monitoring/sa/prometheus', to, path: '/v1/get' }).verdict.outcome]).toEqual([to, 'denied']);
    }
  });

  test('egress: sleep reaches www.aliyun.com and no other host outside the mesh (REGISTRY_ONLY without an opt-in)', () => {
    expect(checkRequest(mesh, { from: 'dataworks/sleep', to: 'www.aliyun.com', port: 443 }).egress.decision).toBe('allowed');
    expect(checkRequest(mesh, { from: 'dataworks/sleep', to: 'www.example.com', port: 443 }).egress.decision).toBe('blocked');
    expect(checkRequest(mesh, { from: 'dataworks/myservice1-1.1', to: 'www.aliyun.com', port: 443 }).egress.decision).toBe('blocked');
  });
});
