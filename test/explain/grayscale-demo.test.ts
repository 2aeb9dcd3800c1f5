import { Testing } from 'cdk8s';
import { buildMesh, checkRequest, explainMesh, manifestsFromObjects, Mesh } from '../../lib/explain';
import { GrayscaleDemoChart } from '../../examples/cdk8s/main';

// The repository's example, synthesised in-process: what meshlight's own output does, as explain reads it.
function demoMesh(): Mesh {
  return buildMesh(manifestsFromObjects(Testing.synth(new GrayscaleDemoChart(Testing.app(), 'grayscale-demo')), 'grayscale-demo'));
}

const mesh = demoMesh();
const explanation = explainMesh(mesh);

describe('explain on the grayscale example', () => {
  test('httpbin: /v1 splits 80/20 between 1.0 and 1.1 and is rewritten to /; /v2 goes to 2.0; the rest is a 404', () => {
    const httpbin = explanation.traffic.find((t) => t.shortHost === 'httpbin.grayscale-demo')!;
    expect(httpbin.routes.map((r) => [r.name, r.when, r.destinations.map((d) => [d.subset, d.percent, d.responseHeaders]), r.rewrite, r.directResponse?.status])).toEqual([
      ['major-1', ['uri = "/v1"', 'uri starts with "/v1/"'], [['v1-0', 80, ['x-meshlight-version: 1.0']], ['v1-1', 20, ['x-meshlight-version: 1.1']]], 'uri "/"', undefined],
      ['major-2', ['uri = "/v2"', 'uri starts with "/v2/"'], [['v2-0', 100, ['x-meshlight-version: 2.0']]], 'uri "/"', undefined],
      ['no-version', ['any request'], [], undefined, 404],
    ]);
    expect(httpbin.versions.map((v) => [v.subset, v.workloads])).toEqual([
      ['v1-0', ['grayscale-demo/httpbin-v1-0']],
      ['v1-1', ['grayscale-demo/httpbin-v1-1']],
      ['v2-0', ['grayscale-demo/httpbin-v2-0']],
    ]);
  });

  test('myservice1: header gray=1 OR query debug=true reaches 1.1, everything else 1.0', () => {
    const myservice1 = explanation.traffic.find((t) => t.shortHost === 'myservice1.grayscale-demo')!;
    expect(myservice1.routes.map((r) => [r.name, r.when, r.destinations.map((d) => d.subset)])).toEqual([
      ['gray', ['header gray = "1"', 'query debug = "true"'], ['v1-1']],
      ['major-1', ['any request'], ['v1-0']],
    ]);
  });

  test('the zero-trust namespace denies by default and allows only the declared calls', () => {
    const cell = (caller: string, target: string) => explanation.access.entries.find((e) => e.caller === caller && e.target === target)!;
    expect(cell('grayscale-demo/sa/myservice1', 'grayscale-demo/httpbin-v1-0')).toMatchObject({ decision: 'depends', why: 'allowed only when port = 8080 AND method = GET' });
    expect(cell('grayscale-demo/sa/httpbin', 'grayscale-demo/myservice1-v1-0')).toMatchObject({ decision: 'denied', policy: 'ALLOW grayscale-demo/allow-nothing' });
    expect(cell('plaintext (no identity)', 'grayscale-demo/httpbin-v1-0')).toMatchObject({ decision: 'denied', why: 'mTLS STRICT: plaintext requests are rejected before any policy' });
  });

  test('nothing leaves the mesh unless listed: REGISTRY_ONLY blocks any other host', () => {
    const other = explanation.egress.filter((e) => e.host === '(any other host)');
    expect(other.length).toBe(mesh.workloads.length);
    expect(other.every((e) => e.decision === 'blocked' && e.mode === 'REGISTRY_ONLY')).toBe(true);
  });
});

describe('check on the grayscale example', () => {
  test('myservice1 GET /v1/get reaches httpbin 1.0 (80%) or 1.1 (20%) as /get, allowed by its declared call', () => {
    const result = checkRequest(mesh, { from: 'grayscale-demo/myservice1-v1-0', to: 'httpbin', path: '/v1/get' });
    expect(result.route?.name).toBe('major-1');
    expect(result.matchedBy).toBe('uri starts with "/v1/"');
    expect(result.destinations.map((d) => [d.subset, d.percent, d.workloads.map((w) => [w.workload, w.path, w.authorization.decision, w.authorization.policy])])).toEqual([
      ['v1-0', 80, [['grayscale-demo/httpbin-v1-0', '/get', 'allowed', 'ALLOW grayscale-demo/httpbin-from-myservice1']]],
      ['v1-1', 20, [['grayscale-demo/httpbin-v1-1', '/get', 'allowed', 'ALLOW grayscale-demo/httpbin-from-myservice1']]],
    ]);
  });

  test('a POST from myservice1 is denied: only GET was declared', () => {
    const result = checkRequest(mesh, { from: 'grayscale-demo/myservice1-v1-0', to: 'httpbin.grayscale-demo', path: '/v2/anything', method: 'POST' });
    expect(result.destinations.map((d) => [d.subset, d.workloads[0].authorization.decision])).toEqual([['v2-0', 'denied']]);
  });

  test('sleep (given as an identity with its pod label) reaches myservice1 1.1 with gray=1', () => {
    const result = checkRequest(mesh, { from: 'grayscale-demo/sa/sleep', fromLabels: { app: 'sleep' }, to: 'myservice1', headers: { gray: '1' } });
    expect(result.egress.decision).toBe('allowed');
    expect(result.destinations.map((d) => [d.subset, d.workloads[0].authorization.decision])).toEqual([['v1-1', 'allowed']]);
  });

  test('httpbin may not call myservice1: its Sidecar does not even import the host', () => {
    const result = checkRequest(mesh, { from: 'grayscale-demo/httpbin-v1-0', to: 'myservice1' });
    expect([result.egress.decision, result.outcome]).toEqual(['blocked', 'blocked']);
  });
});
