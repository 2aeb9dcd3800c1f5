// meshlight check --via: a request from the internet followed through a gateway, on what `npm run synth` writes for
// the grayscale example (test/fixtures/explain/grayscale-demo, a captured dist/grayscale-demo.k8s.yaml).
import * as path from 'path';
import { lineWith, squash } from '../explain/helpers';
import { cli as runCli, CliRun } from './helpers';

const DEMO = path.join(__dirname, '..', 'fixtures', 'explain', 'grayscale-demo');
const LOGIN = ['--token-issuer', 'https://login.example.com', '--token-audience', 'console.example.com'];

function check(...argv: string[]): CliRun {
  return runCli(['check', DEMO, '--via', 'grayscale-demo/edge', ...argv]);
}

describe('meshlight check --via', () => {
  test('a valid token reaches the version the rule header picks, with the gateway as the caller', () => {
    const { code, stdout, stderr } = check('--to', 'apps.example.com', '--path', '/myservice1/orders', '--header', 'gray=1', ...LOGIN, '--token-subject', 'alice');
    expect([code, stderr]).toEqual([0, '']);
    const text = squash(stdout);
    expect(lineWith(text, 'route |')).toBe('route | VirtualService grayscale-demo/edge-apps-example-com: route #1 myservice1-gray, matched by uri starts with "/myservice1/" AND header gray = "1"');
    expect(lineWith(text, 'authz |')).toBe('authz | grayscale-demo/myservice1-v1-1 (path /orders, port 8080): allowed, decided by ALLOW grayscale-demo/myservice1-from-ingress-edge: ALLOW rule #1 matches');
    expect(lineWith(text, 'verdict |')).toBe('verdict | allowed: grayscale-demo/myservice1-v1-1 lets it in');
  });

  test('a token for another audience: 401, which --expect unauthenticated asserts', () => {
    const ok = check('--to', 'HTTPBIN.example.com:443', '--path', '/v1/get', '--token-issuer', 'https://login.example.com', '--token-audience', 'another-app', '--expect', 'unauthenticated');
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    const unmet = check('--to', 'httpbin.example.com', '--path', '/v1/get', '--token-issuer', 'https://login.example.com', '--token-audience', 'another-app', '--expect', 'allowed');
    expect(unmet.code).toBe(1);
    expect(unmet.stderr).toContain('meshlight: expected allowed, but the verdict is unauthenticated: the gateway answers 401');
  });

  test('no token: denied at the gateway but on the health path; unknown token: depends', () => {
    expect(squash(check('--to', 'httpbin.example.com', '--path', '/v1/get', '--no-token').stdout)).toContain('verdict | denied: the gateway denies it: DENY istio-system/edge-require-jwt');
    expect(check('--to', 'httpbin.example.com', '--path', '/v1/healthz', '--no-token', '--expect', 'allowed').code).toBe(0);
    expect(check('--to', 'httpbin.example.com', '--path', '/v1/get', '--expect', 'depends').code).toBe(0);
  });

  test('--format json gives the same as data', () => {
    const { code, stdout } = check('--to', 'httpbin.example.com', '--path', '/v1/get', '--no-token', '--format', 'json');
    expect(code).toBe(0);
    const model = JSON.parse(stdout);
    expect([model.verdict.outcome, model.authorization.policy, model.token]).toEqual(['denied', 'DENY istio-system/edge-require-jwt', 'none']);
  });

  test.each([
    [['--from', 'grayscale-demo/sleep'], 'cannot be used with option \'--via <gateway>\''],
    [['--no-token', ...LOGIN], 'cannot be used with option \'--token-issuer <iss>\''],
  ])('usage errors exit 2: %j', (extra, message) => {
    const { code, stderr } = check('--to', 'httpbin.example.com', ...extra);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  test('neither --from nor --via, or a token without --via: usage errors', () => {
    const neither = runCli(['check', DEMO, '--to', 'httpbin']);
    expect([neither.code, neither.stderr.split('\n')[0]]).toEqual([2, 'error: give --from (a caller in the mesh) or --via (a gateway, for a request from the internet)']);
    const token = runCli(['check', DEMO, '--from', 'grayscale-demo/sleep', '--to', 'httpbin', '--no-token']);
    expect([token.code, token.stderr.split('\n')[0]]).toEqual([2, 'error: --token-issuer and --no-token describe a request from the internet: give --via too']);
  });

  test('an unknown gateway lists the known ones, exit code 1', () => {
    const { code, stderr } = runCli(['check', DEMO, '--via', 'istio-system/nope', '--to', 'httpbin.example.com']);
    expect(code).toBe(1);
    expect(stderr).toBe('meshlight: no Gateway or gateway workload "istio-system/nope" in the input. Fix: --via takes a Gateway namespace/name or the gateway\'s namespace/workload. Known: grayscale-demo/edge, grayscale-demo/egress-oss-cn-hangzhou-aliyuncs-com\n');
  });
});
