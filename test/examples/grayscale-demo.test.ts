import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { GrayscaleDemoChart } from '../../examples/cdk8s/main';
import { evaluate } from '../support/authz';
import { atBackend, atGateway } from '../support/edge';
import { canReach } from '../support/egress';
import { routeRequest } from '../support/routing';
import { manifestsOf, recordPulumiResources, registered } from '../support/pulumi-mocks';
import { clusterProblemsOfAll } from '../support/validate';
import { canonicalYaml } from '../support/yaml';

const pulumiResources = recordPulumiResources();

function cdk8sManifests(): any[] {
  return Testing.synth(new GrayscaleDemoChart(Testing.app(), 'grayscale-demo'));
}

async function pulumiManifests(): Promise<any[]> {
  // Loaded after the mocks are set, as the Pulumi engine would run the program.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const program = require('../../examples/pulumi/index') as typeof import('../../examples/pulumi/index');
  await program.namespace.ready;
  await registered([...program.namespace.resources, ...program.httpbinService.resources, ...program.myservice1Service.resources, ...program.ingress.resources]);
  return manifestsOf(pulumiResources);
}

describe('the grayscale example', () => {
  test('the Pulumi program deploys byte for byte what the cdk8s app synthesises', async () => {
    expect(canonicalYaml(await pulumiManifests())).toEqual(canonicalYaml(cdk8sManifests()));
  });

  test('cdk8s output snapshot', () => {
    expect(cdk8sManifests()).toMatchSnapshot();
  });

  test('Pulumi output snapshot', async () => {
    expect(canonicalYaml(await pulumiManifests())).toMatchSnapshot();
  });

  test('the YAML that synth writes is accepted by a cluster', async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-'));
    const app = new App({ outdir });
    new GrayscaleDemoChart(app, 'grayscale-demo');
    app.synth();
    expect(fs.readdirSync(outdir)).toEqual(['grayscale-demo.k8s.yaml']);
    const written = parseAllDocuments(fs.readFileSync(path.join(outdir, 'grayscale-demo.k8s.yaml'), 'utf8')).map((d) => d.toJS());
    expect(written).toEqual(cdk8sManifests());
    expect(await clusterProblemsOfAll(written)).toEqual([]);
    // explain's tests and docs read the example's output from a captured copy, which must stay what synth writes.
    const captured = path.join(__dirname, '..', 'fixtures', 'explain', 'grayscale-demo', 'grayscale-demo.k8s.yaml');
    expect(fs.readFileSync(path.join(outdir, 'grayscale-demo.k8s.yaml'), 'utf8')).toBe(fs.readFileSync(captured, 'utf8'));
  });

  test('httpbin: /v1 splits 80/20 between 1.0 and 1.1, /v2 goes to 2.0', () => {
    const vs = cdk8sManifests().find((m) => m.kind === 'VirtualService' && m.metadata.name === 'httpbin');
    const [v1, v2, rest] = vs.spec.http;
    expect(v1.route.map((d: any) => [d.destination.subset, d.weight])).toEqual([['v1-0', 80], ['v1-1', 20]]);
    expect(v2.route.map((d: any) => [d.destination.subset, d.weight])).toEqual([['v2-0', undefined]]);
    expect(rest.directResponse.status).toBe(404);
  });

  test('myservice1: header gray=1 OR query debug=true reaches 1.1, everything else 1.0', () => {
    const vs = cdk8sManifests().find((m) => m.kind === 'VirtualService' && m.metadata.name === 'myservice1');
    expect(vs.spec.http.map((r: any) => [r.name, r.match, r.route[0].destination.subset])).toEqual([
      ['gray', [{ headers: { gray: { exact: '1' } } }, { queryParams: { debug: { exact: 'true' } } }], 'v1-1'],
      ['major-1', undefined, 'v1-0'],
    ]);
  });

  describe('access in the zero-trust namespace: allowed exactly when declared', () => {
    const objects = cdk8sManifests();
    const principal = (ns: string, sa: string) => ({ principal: `cluster.local/ns/${ns}/sa/${sa}`, namespace: ns });
    const callers: Record<string, { principal?: string; namespace?: string }> = {
      httpbin: principal('grayscale-demo', 'httpbin'),
      myservice1: principal('grayscale-demo', 'myservice1'),
      sleep: principal('grayscale-demo', 'sleep'),
      gateway: principal('istio-system', 'istio-ingressgateway-service-account'),
      outsider: principal('default', 'default'),
      plaintext: {},
    };
    // The example's allow() lines, written out: gateway -> httpbin and myservice1; myservice1 -> httpbin GET;
    // sleep -> myservice1 port 80.
    const declared = (caller: string, target: string, method: string): boolean =>
      (caller === 'gateway' && (target === 'httpbin' || target === 'myservice1'))
      || (caller === 'myservice1' && target === 'httpbin' && method === 'GET')
      || (caller === 'sleep' && target === 'myservice1');
    const cases = Object.keys(callers).flatMap((caller) => ['httpbin', 'myservice1', 'sleep'].flatMap((target) =>
      ['GET', 'DELETE'].map((method) => [caller, target, method] as const)));

    test.each(cases.filter(([caller]) => caller !== 'gateway'))('%s -> %s %s', (caller, target, method) => {
      const verdict = evaluate(objects, { ...callers[caller], target: { namespace: 'grayscale-demo', labels: { app: target } }, port: 8080, method, path: '/get' });
      expect(verdict.allowed).toBe(declared(caller, target, method));
    });

    // The gateway is admitted for the hosts the ingress routes to each service, with a valid token.
    const TOKEN = { iss: 'https://login.example.com', sub: 'alice', aud: 'console.example.com' };
    const HOSTS: Record<string, string> = { httpbin: 'httpbin.example.com', myservice1: 'apps.example.com', sleep: 'apps.example.com' };
    test.each(cases.filter(([caller]) => caller === 'gateway'))('%s -> %s %s, with a token and the routed host', (_caller, target, method) => {
      const pods = { namespace: 'grayscale-demo', labels: { app: target }, serviceAccount: target };
      expect(atBackend(objects, pods, 8080, { host: HOSTS[target], path: '/get', method, token: TOKEN }) === 'allowed').toBe(declared('gateway', target, method));
    });
  });

  describe('the edge against hostile requests', () => {
    const objects = cdk8sManifests();
    const HTTPBIN = { namespace: 'grayscale-demo', labels: { app: 'httpbin', version: '1.0' }, serviceAccount: 'httpbin' };

    test.each(['httpbin.example.com', 'httpbin.example.com:443', 'HTTPBIN.EXAMPLE.COM', 'Httpbin.Example.Com:8443'])('no token, Host %s: denied at the gateway', (host) => {
      expect(atGateway(objects, { host, path: '/v1/anything' })).toBe('denied');
    });

    test('each health check is open on its own host only', () => {
      expect(atGateway(objects, { host: 'httpbin.example.com:443', path: '/v1/healthz' })).toBe('allowed');
      expect(atGateway(objects, { host: 'apps.example.com', path: '/myservice1/healthz' })).toBe('allowed');
      expect(atGateway(objects, { host: 'httpbin.example.com', path: '/myservice1/healthz' })).toBe('denied');
      expect(atBackend(objects, HTTPBIN, 8080, { host: 'httpbin.example.com', path: '/healthz' })).toBe('allowed');
      expect(atBackend(objects, HTTPBIN, 8080, { host: 'httpbin.example.com', path: '/get' })).toBe('denied');
    });

    test('another namespace\'s Gateway on the same pods reaches no service', () => {
      expect(atBackend(objects, HTTPBIN, 8080, { host: 'evil.example.com', path: '/get' })).toBe('denied');
      expect(atBackend(objects, HTTPBIN, 8080, { host: 'httpbin.example.com', path: '/get' })).toBe('denied');
      expect(atBackend(objects, HTTPBIN, 15020, { host: 'httpbin.example.com', path: '/stats/prometheus', token: { iss: 'https://login.example.com', sub: 'a', aud: 'console.example.com' } })).toBe('denied');
    });

    test('CSRF: an unsafe request from the plain-HTTP console is denied, from the HTTPS one allowed', () => {
      const token = { iss: 'https://login.example.com', sub: 'a', aud: 'console.example.com' };
      expect(atGateway(objects, { host: 'httpbin.example.com', path: '/v1/post', method: 'POST', token, headers: { origin: 'http://console.example.com' } })).toBe('denied');
      expect(atGateway(objects, { host: 'httpbin.example.com', path: '/v1/post', method: 'POST', token, headers: { origin: 'https://console.example.com' } })).toBe('allowed');
    });
  });

  test('egress: each workload reaches exactly its listed external hosts', () => {
    const objects = cdk8sManifests();
    const candidates = ['www.aliyun.com', 'oss-cn-hangzhou.aliyuncs.com', 'evil.example.com'];
    const reachable = (app: string) => candidates.filter((h) => canReach(objects, 'grayscale-demo', { app }, h, 443));
    expect(reachable('sleep')).toEqual(['www.aliyun.com']);
    expect(reachable('myservice1')).toEqual(['oss-cn-hangzhou.aliyuncs.com']);
    expect(reachable('httpbin')).toEqual([]);
  });

  describe('through the gateway: which request reaches which version', () => {
    const objects = cdk8sManifests();
    const vs = (name: string) => objects.find((m) => m.kind === 'VirtualService' && m.metadata.name === name);

    test.each<[string, string, Record<string, string>, Record<string, string>, Record<string, number>, string]>([
      ['httpbin.example.com', '/v1/get', {}, {}, { 'v1-0': 80, 'v1-1': 20 }, '/get'],
      ['httpbin.example.com', '/v2/get', {}, {}, { 'v2-0': 100 }, '/get'],
      ['apps.example.com', '/myservice1/get', {}, {}, { 'v1-0': 100 }, '/get'],
      ['apps.example.com', '/myservice1/get', { gray: '1' }, {}, { 'v1-1': 100 }, '/get'],
      ['apps.example.com', '/myservice1/get', {}, { debug: 'true' }, { 'v1-1': 100 }, '/get'],
    ])('https://%s%s with headers %p and query %p', (host, path, headers, query, subsets, arrives) => {
      const routed = routeRequest(vs(`edge-${host.replace(/\./g, '-')}`), { path, headers, query })!;
      expect(routed.subsets).toEqual(subsets);
      expect(routed.path).toBe(arrives);
    });

    test('CORS, CSRF and JWT land on the gateway side', () => {
      const kinds = objects.filter((m) => m.metadata.namespace === 'istio-system').map((m) => `${m.kind}/${m.metadata.name}`);
      expect(kinds).toEqual(expect.arrayContaining(['EnvoyFilter/edge-csrf', 'RequestAuthentication/edge-jwt', 'AuthorizationPolicy/edge-require-jwt']));
      expect(vs('edge-apps-example-com').spec.http.every((r: any) => r.corsPolicy?.allowCredentials === true)).toBe(true);
    });
  });
});
