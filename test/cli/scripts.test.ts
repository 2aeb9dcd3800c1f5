import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { meshlightVersion } from '../../lib/cli';
import { BOOKINFO, INVALID } from '../explain/helpers';
import { cli, ROOT, spawnCli } from './helpers';

// meshlight in scripts and CI: its version, manifests on standard input, a verdict that check can be held to, and
// exit codes that tell an unmet expectation (1) from a mistake in the command line (2).

const PACKAGE_VERSION: string = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

/** The bookinfo fixture as one stream of YAML documents, as `cdk8s synth --stdout` writes them. */
function bookinfoYaml(files = fs.readdirSync(BOOKINFO).sort()): string {
  return files.map((f) => fs.readFileSync(path.join(BOOKINFO, f), 'utf8')).join('\n---\n');
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-scripts-'));
}

// A mesh for the verdicts that bookinfo does not show. In namespace shop: api v1 and v2 behind one Service, split
// 50/50 after a route for testers (by caller labels); v2 lets in only the admin service account, so web is allowed at
// v1 and denied at v2. reports takes a JWT (which check cannot know) and routes only /v1/. db has tcp routes only,
// and ghost no workload.
const SHOP = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec: { template: { metadata: { labels: { app: web } }, spec: { serviceAccountName: web, containers: [{ name: app, image: web }] } } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api-v1, namespace: shop }
spec: { template: { metadata: { labels: { app: api, version: v1 } }, spec: { serviceAccountName: api, containers: [{ name: app, image: api }] } } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api-v2, namespace: shop }
spec: { template: { metadata: { labels: { app: api, version: v2 } }, spec: { serviceAccountName: api, containers: [{ name: app, image: api }] } } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: reports, namespace: shop }
spec: { template: { metadata: { labels: { app: reports } }, spec: { serviceAccountName: reports, containers: [{ name: app, image: reports }] } } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: db, namespace: shop }
spec: { template: { metadata: { labels: { app: db } }, spec: { serviceAccountName: db, containers: [{ name: app, image: db }] } } }
---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec: { selector: { app: api }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: reports, namespace: shop }
spec: { selector: { app: reports }, ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: db, namespace: shop }
spec: { selector: { app: db }, ports: [{ port: 5432 }] }
---
apiVersion: v1
kind: Service
metadata: { name: ghost, namespace: shop }
spec: { selector: { app: ghost }, ports: [{ port: 80 }] }
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: api, namespace: shop }
spec: { host: api, subsets: [{ name: v1, labels: { version: v1 } }, { name: v2, labels: { version: v2 } }] }
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: api, namespace: shop }
spec:
  hosts: [api]
  http:
    - name: testers
      match: [{ sourceLabels: { app: tester } }]
      route: [{ destination: { host: api, subset: v2 } }]
    - name: split
      route: [{ destination: { host: api, subset: v1 }, weight: 50 }, { destination: { host: api, subset: v2 }, weight: 50 }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: reports, namespace: shop }
spec:
  hosts: [reports]
  http: [{ name: v1, match: [{ uri: { prefix: /v1/ } }], route: [{ destination: { host: reports } }] }]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: { name: db, namespace: shop }
spec:
  hosts: [db]
  tcp: [{ route: [{ destination: { host: db } }] }]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: api-v2-admin, namespace: shop }
spec: { selector: { matchLabels: { version: v2 } }, rules: [{ from: [{ source: { principals: [cluster.local/ns/shop/sa/admin] } }] }] }
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: reports-with-token, namespace: shop }
spec: { selector: { matchLabels: { app: reports } }, rules: [{ from: [{ source: { requestPrincipals: ["https://login.example.com/*"] } }] }] }
`;

const shopDir = tempDir();
const SHOP_FILE = path.join(shopDir, 'shop.yaml');
fs.writeFileSync(SHOP_FILE, SHOP);

describe('meshlight --version', () => {
  test.each(['--version', '-V'])('%s prints the version of package.json and exits 0', (flag) => {
    expect(cli([flag])).toEqual({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: '' });
  });

  test('the executable prints it too', () => {
    expect(spawnCli(['--version'])).toEqual({ code: 0, stdout: `${PACKAGE_VERSION}\n`, stderr: '' });
  });

  test('is read from the nearest package.json named meshlight above the running file, as in an installed package', () => {
    const installed = path.join(tempDir(), 'node_modules', 'meshlight');
    const cliDir = path.join(installed, 'dist-lib', 'lib', 'cli');
    fs.mkdirSync(cliDir, { recursive: true });
    fs.writeFileSync(path.join(installed, 'package.json'), JSON.stringify({ name: 'meshlight', version: '9.8.7' }));
    fs.writeFileSync(path.join(installed, 'dist-lib', 'package.json'), JSON.stringify({ name: 'not-meshlight', version: '1.0.0' }));
    expect(meshlightVersion(cliDir)).toBe('9.8.7');
    expect(() => meshlightVersion(os.tmpdir())).toThrow('no package.json of meshlight in');
  });
});

describe('- reads manifests from standard input', () => {
  test('explain - prints what explain prints for the files', () => {
    const fromFiles = cli(['explain', BOOKINFO]);
    expect(fromFiles.code).toBe(0);
    expect(cli(['explain', '-'], bookinfoYaml())).toEqual(fromFiles);
  });

  test('check - prints what check prints for the files', () => {
    const request = ['--from', 'tools/sleep', '--to', 'details.bookinfo', '--path', '/admin/users', '--format', 'json'];
    const fromFiles = cli(['check', BOOKINFO, ...request]);
    expect(fromFiles.code).toBe(0);
    expect(cli(['check', '-', ...request], bookinfoYaml())).toEqual(fromFiles);
  });

  test('piped into the executable: cdk8s synth --stdout | meshlight explain -', () => {
    expect(spawnCli(['explain', '-', '--format', 'json'], bookinfoYaml())).toEqual(cli(['explain', BOOKINFO, '--format', 'json']));
  });

  test('- mixes with files', () => {
    const rest = bookinfoYaml(['egress.yaml', 'security.yaml', 'traffic.yaml']);
    expect(cli(['explain', path.join(BOOKINFO, 'workloads.yaml'), '-'], rest)).toEqual(cli(['explain', BOOKINFO]));
  });

  test('messages name standard input <stdin>', () => {
    const invalid = cli(['explain', '-'], fs.readFileSync(path.join(INVALID, 'bad-yaml.yaml'), 'utf8'));
    expect([invalid.code, invalid.stdout]).toEqual([1, '']);
    expect(invalid.stderr).toContain('<stdin> document 2 (line 5): invalid YAML: ');
    expect(cli(['explain', '-'], '# nothing\n').stderr).toContain('no Kubernetes object in <stdin>.');
  });
});

describe('check --expect: exit 0 when the verdict is the one expected, 1 when it is not', () => {
  const bookinfo = (...request: string[]): string[] => ['check', BOOKINFO, ...request];
  const shop = (...request: string[]): string[] => ['check', SHOP_FILE, ...request];
  // Each verdict: a request that has it, what check prints for it, and another verdict to expect in vain.
  const VERDICTS: [string, string[], string, string][] = [
    ['allowed', bookinfo('--from', 'bookinfo/productpage-v1', '--to', 'reviews', '--header', 'end-user=jason'), 'bookinfo/reviews-v2 lets it in', 'denied'],
    ['allowed', bookinfo('--from', 'bookinfo/details-v1', '--to', 'www.googleapis.com'), 'it leaves the mesh to www.googleapis.com', 'blocked'],
    ['denied', bookinfo('--from', 'tools/sleep', '--to', 'details.bookinfo', '--path', '/admin/users'), 'bookinfo/details-v1 denies it', 'allowed'],
    ['denied', bookinfo('--from', 'tools/sleep', '--to', 'reviews.bookinfo'), 'bookinfo/reviews-v1, bookinfo/reviews-v3 deny it', 'allowed'],
    ['blocked', bookinfo('--from', 'bookinfo/details-v1', '--to', 'httpbin.org'), 'the caller\'s sidecar does not let it out', 'allowed'],
    ['not-found', shop('--from', 'shop/web', '--to', 'reports', '--path', '/v2/x'), 'no route matches: Envoy answers 404', 'denied'],
    ['redirect', bookinfo('--from', 'bookinfo/productpage-v1', '--to', 'productpage', '--path', '/index.html'), 'VirtualService bookinfo/productpage answers it: redirect 301 to /productpage', 'allowed'],
    ['direct-response', bookinfo('--from', 'bookinfo/productpage-v1', '--to', 'productpage', '--path', '/healthz'), 'VirtualService bookinfo/productpage answers it: direct response 200', 'allowed'],
    ['depends', shop('--from', 'shop/web', '--to', 'reports', '--path', '/v1/x'), 'at shop/reports: allowed only when JWT principal = https://login.example.com/*', 'allowed'],
    ['depends', shop('--from', 'shop/web', '--to', 'api'), 'it depends on the version or workload it reaches: allowed at shop/api-v1, DENIED at shop/api-v2', 'denied'],
    ['depends', shop('--from', 'shop/sa/web', '--to', 'api'), 'the route depends on what the request does not say: earlier route #1 testers when caller labels app=tester would win', 'allowed'],
    ['not-evaluated', shop('--from', 'shop/web', '--to', 'db'), 'the VirtualService has only tcp/tls routes, which are not evaluated', 'allowed'],
    ['not-evaluated', shop('--from', 'shop/web', '--to', 'ghost'), 'no workload of the input behind ghost.shop, so no policy decides', 'allowed'],
    ['unauthenticated', ['check', path.join(__dirname, '..', 'fixtures', 'explain', 'grayscale-demo'), '--via', 'grayscale-demo/edge', '--to', 'httpbin.example.com', '--path', '/v1/get',
      '--token-issuer', 'https://login.example.com', '--token-audience', 'another-app'],
    'the gateway answers 401: the token is for audience another-app; RequestAuthentication istio-system/edge-jwt accepts only console.example.com', 'allowed'],
  ];

  test('the cases cover every verdict that --expect takes', () => {
    const { stdout } = cli(['check', '--help']);
    const choices = /--expect <verdict>[\s\S]*?\(choices: ([^)]*)\)/.exec(stdout)?.[1].replace(/\s+/g, ' ').split(', ').map((c) => c.replace(/"/g, ''));
    expect([...new Set(VERDICTS.map((v) => v[0]))].sort()).toEqual([...(choices ?? [])].sort());
  });

  test.each(VERDICTS)('%s: %j', (verdict, argv, why) => {
    const plain = cli(argv);
    expect([plain.code, plain.stderr]).toEqual([0, '']);
    expect(plain.stdout).toContain(`\nverdict  ${verdict}: ${why}\n`);
    expect(JSON.parse(cli([...argv, '--format', 'json']).stdout).verdict).toEqual({ outcome: verdict, why });
    expect(cli([...argv, '--expect', verdict])).toEqual(plain);
  });

  test.each(VERDICTS)('%s, but --expect another: exit 1 and why on stderr (%j)', (verdict, argv, why, other) => {
    const { code, stdout, stderr } = cli([...argv, '--expect', other]);
    expect(code).toBe(1);
    expect(stdout).toBe(cli(argv).stdout);
    expect(stderr.startsWith(`meshlight: expected ${other}, but the verdict is ${verdict}: ${why}`)).toBe(true);
  });

  test.each(['allowed', 'denied'])('when the verdict depends, --expect %s does not hold, and stderr says what it depends on', (expected) => {
    const { code, stderr } = cli(['check', SHOP_FILE, '--from', 'shop/web', '--to', 'reports', '--path', '/v1/x', '--expect', expected]);
    expect(code).toBe(1);
    expect(stderr).toBe(`meshlight: expected ${expected}, but the verdict is depends: at shop/reports: allowed only when JWT principal = https://login.example.com/*. `
      + `--expect ${expected} holds only when every request the options describe is ${expected}. Fix: give what the answer depends on (--path, --method, --header, --port, --from-label), or --expect depends\n`);
  });

  test('the executable exits 1 when the expectation does not hold, reading manifests from standard input', () => {
    const { code, stdout, stderr } = spawnCli(['check', '-', '--from', 'tools/sleep', '--to', 'details.bookinfo', '--path', '/admin/users', '--expect', 'allowed'], bookinfoYaml());
    expect(code).toBe(1);
    expect(stdout).toContain('verdict  denied: bookinfo/details-v1 denies it');
    expect(stderr).toBe('meshlight: expected allowed, but the verdict is denied: bookinfo/details-v1 denies it\n');
  });
});

describe('exit codes', () => {
  test('--help documents them', () => {
    for (const argv of [['--help'], ['check', '--help']]) {
      const { code, stdout } = cli(argv);
      expect(code).toBe(0);
      expect(stdout).toContain('Exit codes:\n  0  done; with check --expect, the verdict is the one expected\n  1  check --expect: another verdict; or unreadable or invalid input');
      expect(stdout).toContain('\n  2  usage error: unknown command or option, missing argument, bad option value, - given twice\n');
    }
  });

  test.each([
    [['explain', BOOKINFO, '--frobnicate'], "error: unknown option '--frobnicate'"],
    [['explain'], "error: missing required argument 'paths'"],
    [['frobnicate'], "error: unknown command 'frobnicate'"],
    [[], 'Usage: meshlight [options] [command]'],
    [['check', BOOKINFO, '--to', 'reviews'], 'error: give --from (a caller in the mesh) or --via (a gateway, for a request from the internet)'],
    [['check', BOOKINFO, '--from', 'bookinfo/productpage-v1', '--to', 'reviews', '--expect', 'maybe'], "argument 'maybe' is invalid. Allowed choices are allowed, denied, blocked, not-found, redirect, direct-response, depends, not-evaluated"],
    [['explain', '-', BOOKINFO, '-'], "error: command-argument value '-' is invalid for argument 'paths'. \"-\" (standard input) is given twice. Fix: give - once"],
  ])('a usage error %j exits 2, with the message on stderr', (argv, message) => {
    const { code, stdout, stderr } = cli(argv, '');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain(message);
  });

  test('the executable exits 2 on a usage error', () => {
    const { code, stdout, stderr } = spawnCli(['explain', '-', '-']);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain('"-" (standard input) is given twice');
  });

  test.each([
    ['invalid YAML', ['explain', path.join(INVALID, 'bad-yaml.yaml')], 'invalid YAML'],
    ['an unknown caller', ['check', BOOKINFO, '--from', 'bookinfo/nope', '--to', 'reviews'], 'no workload "bookinfo/nope" in the input'],
    ['an unknown host', ['check', BOOKINFO, '--from', 'bookinfo/productpage-v1', '--to', 'reveiws'], 'no Service "reveiws" in namespace bookinfo'],
  ])('%s exits 1', (_, argv, message) => {
    const { code, stdout, stderr } = cli(argv);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toContain(message);
  });
});
