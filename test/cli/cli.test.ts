import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { GrayscaleDemoChart } from '../../examples/cdk8s/main';
import { BOOKINFO, INVALID, lineWith, squash } from '../explain/helpers';
import { cli as runCli, CliRun } from './helpers';

/** Runs the CLI in-process on these arguments. */
function cli(...argv: string[]): CliRun {
  return runCli(argv);
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-cli-'));
}

describe('meshlight explain', () => {
  test('prints a summary by default: per namespace, then findings and notes', () => {
    const { code, stdout, stderr } = cli('explain', BOOKINFO);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.match(/^(SUMMARY|ROUTES|ACCESS|EGRESS|NOTES)$/gm)).toEqual(['SUMMARY']);
    const text = squash(stdout);
    expect(lineWith(text, 'bookinfo | 6 |')).toBe('bookinfo | 6 | 3 | 1 | 7 (1 with faults) | STRICT 5, PERMISSIVE 1 | 6/6 | 7 (2 conditional) | 1 | 0 | REGISTRY_ONLY 5, ALLOW_ANY 1 | 2: httpbin.org, www.googleapis.com');
    expect(stdout).toContain('  ! bookinfo: 1 workload open to callers no policy names: bookinfo/productpage-v1\n');
    expect(stdout).toContain('  ! tools: 1 workload may reach any external host (ALLOW_ANY): tools/sleep\n');
  });

  test('--detail prints routes, the access matrix and the egress table of a directory', () => {
    const { code, stdout, stderr } = cli('explain', BOOKINFO, '--detail');
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout.match(/^(ROUTES|ACCESS|EGRESS|NOTES)$/gm)).toEqual(['ROUTES', 'ACCESS', 'EGRESS']);
    const text = squash(stdout);
    expect(stdout).toContain('\nreviews.bookinfo.svc.cluster.local  |  Service bookinfo/reviews  |  VirtualService bookinfo/reviews\n');
    expect(lineWith(text, '| jason-v2 |')).toBe('1 | jason-v2 | header end-user = "jason" | v2 | 100% | x-reviews-version: v2 | - | -');
    expect(lineWith(text, 'bookinfo/sa/bookinfo-reviews | bookinfo/ratings-v1')).toContain('| depends | DENY bookinfo/deny-ratings-delete, ALLOW bookinfo/ratings-from-reviews |');
    const partner = text.split('\n').filter((l) => l.includes('bookinfo/productpage-v1 | api.partner.example.com'));
    expect(partner.length).toBeGreaterThan(0); // one row per port of the host
    expect(partner.filter((l) => !l.includes('| BLOCKED |'))).toEqual([]);
  });

  test('reads several files and kubectl-style lists of paths', () => {
    const files = ['workloads.yaml', 'security.yaml'].map((f) => path.join(BOOKINFO, f));
    const { code, stdout } = cli('explain', ...files, '--format', 'json', '--detail');
    expect(code).toBe(0);
    const model = JSON.parse(stdout);
    expect(model.traffic.every((t: { virtualService?: string }) => t.virtualService === undefined)).toBe(true);
    expect(model.access.entries).toHaveLength(7 * 7);
  });

  test('--format json is the model, parseable and stable', () => {
    const first = cli('explain', BOOKINFO, '--format', 'json', '--detail');
    expect(first.code).toBe(0);
    expect(cli('explain', BOOKINFO, '-f', 'json', '--detail').stdout).toBe(first.stdout);
    const model = JSON.parse(first.stdout);
    expect(model.version).toBe(2);
    const summary = JSON.parse(cli('explain', BOOKINFO, '--format', 'json').stdout);
    expect(Object.keys(summary)).toEqual(['version', 'notes', 'summary']);
    expect(summary.summary.totals.workloads).toBe(7);
    expect(model.traffic.map((t: { shortHost: string }) => t.shortHost)).toEqual([
      'api.partner.example.com', 'details.bookinfo', 'httpbin.org', 'productpage.bookinfo', 'ratings.bookinfo', 'reviews.bookinfo', 'www.googleapis.com',
    ]);
  });

  test('a scope narrows the detail: --in, --service, --caller, --target; a name the input lacks exits 1', () => {
    const caller = cli('explain', BOOKINFO, '--caller', 'tools/sa/sleep');
    expect(caller.code).toBe(0);
    expect(caller.stdout.match(/^(SUMMARY|ROUTES|ACCESS|EGRESS)$/gm)).toEqual(['ROUTES', 'ACCESS', 'EGRESS']);
    expect(squash(caller.stdout).split('\n').filter((l) => / \| bookinfo\/details-v1 \| /.test(l))).toEqual([expect.stringMatching(/^tools\/sa\/sleep \| bookinfo\/details-v1 \| depends \|/)]);
    const service = cli('explain', BOOKINFO, '--service', 'reviews.bookinfo');
    expect(service.stdout).toContain('reviews.bookinfo.svc.cluster.local  |  Service bookinfo/reviews');
    expect(service.stdout).not.toContain('details.bookinfo.svc.cluster.local  |');
    const unknown = cli('explain', BOOKINFO, '--in', 'shop');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('meshlight: no namespace "shop" in the input.');
  });

  test('--format mermaid is Markdown with one flowchart per host and the allowed-calls graph', () => {
    const { code, stdout } = cli('explain', BOOKINFO, '--format', 'mermaid', '--detail');
    expect(code).toBe(0);
    expect(stdout.match(/^```mermaid\nflowchart LR$/gm)).toHaveLength(5);
    expect(stdout).toContain('## Traffic to reviews.bookinfo');
    expect(stdout).toContain('## Allowed calls');
  });

  test('mesh options: the mesh-wide outbound policy and the namespace of objects without one', () => {
    const strict = cli('explain', BOOKINFO, '--outbound-traffic-policy', 'REGISTRY_ONLY', '--detail');
    expect(lineWith(squash(strict.stdout), 'tools/sleep | (any other host)')).toContain('| BLOCKED | istio-system/default | REGISTRY_ONLY (mesh default)');
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: { name: web }\nspec: { selector: { app: web }, ports: [{ port: 80 }] }\n');
    expect(cli('explain', dir, '-n', 'shop', '--detail').stdout).toContain('web.shop.svc.cluster.local');
  });

  test('on the example that npm run synth writes', () => {
    const outdir = tempDir();
    const app = new App({ outdir });
    new GrayscaleDemoChart(app, 'grayscale-demo');
    app.synth();
    // The summary the README shows for the example is what explain prints.
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const shown = /On the example, the summary reads[^\n]*\n\n```text\n([\s\S]*?)```/.exec(readme)![1].split('\n').filter((l) => l.trim() !== '');
    const summary = cli('explain', outdir).stdout.split('\n');
    expect(shown.filter((l) => !summary.includes(l))).toEqual([]);
    const { code, stdout, stderr } = cli('explain', outdir, '--detail');
    expect([code, stderr]).toEqual([0, '']);
    const text = squash(stdout);
    expect(lineWith(text, '| major-1 |', '/v1')).toBe('1 | major-1 | uri = "/v1" | v1-0 | 80% | x-meshlight-version: 1.0 | - | rewrite uri "/"');
    expect(text).toContain('OR uri starts with "/v1/" | v1-1 | 20% | x-meshlight-version: 1.1');
    expect(lineWith(text, '| gray |')).toBe('1 | gray | header gray = "1" | v1-1 | 100% | x-meshlight-version: 1.1 | - | -');
    const check = cli('check', outdir, '--from', 'grayscale-demo/myservice1-v1-0', '--to', 'httpbin', '--path', '/v1/get');
    expect(check.code).toBe(0);
    expect(squash(check.stdout)).toContain('route | VirtualService grayscale-demo/httpbin: route #1 major-1, matched by uri starts with "/v1/"');
  });
});

describe('meshlight check', () => {
  test('an external host is decided on the port called: its ServiceEntry must declare it', () => {
    const on = (port: string) => cli('check', BOOKINFO, '--from', 'bookinfo/productpage-v1', '--to', 'httpbin.org', '--port', port).stdout;
    expect(on('80')).toContain('verdict  allowed: it leaves the mesh to httpbin.org');
    expect(on('443')).toContain('egress   blocked: REGISTRY_ONLY (Sidecar bookinfo/default): port 443: ServiceEntry istio-system/httpbin-org declares only 80/HTTP');
  });

  test('prints the route, the version reached and the deciding policy', () => {
    const { code, stdout, stderr } = cli('check', BOOKINFO, '--from', 'bookinfo/productpage-v1', '--to', 'reviews', '--path', '/reviews/1', '--header', 'End-User=jason');
    expect([code, stderr]).toEqual([0, '']);
    expect(squash(stdout).split('\n')).toEqual([
      'request | GET /reviews/1 to reviews.bookinfo.svc.cluster.local with end-user: jason',
      'from | bookinfo/productpage-v1 (cluster.local/ns/bookinfo/sa/bookinfo-productpage)',
      'egress | allowed: visible: Sidecar bookinfo/default egress host "./*"',
      'route | VirtualService bookinfo/reviews: route #1 jason-v2, matched by header end-user = "jason"',
      'outcome | routed',
      'reaches | reviews.bookinfo subset v2, 100%: bookinfo/reviews-v2',
      'authz | bookinfo/reviews-v2 (path /reviews/1, port 9080): allowed, decided by ALLOW bookinfo/reviews-from-productpage: ALLOW rule #1 matches',
      'verdict | allowed: bookinfo/reviews-v2 lets it in',
      '',
    ]);
  });

  test('a denied request names the DENY policy; --format json gives the same as data', () => {
    const args = ['check', BOOKINFO, '--from', 'bookinfo/reviews-v1', '--to', 'ratings.bookinfo', '--path', '/ratings/7', '--method', 'delete'];
    expect(cli(...args).stdout).toContain('bookinfo/ratings-v1 (path /ratings/7, port 9080): DENIED, decided by DENY bookinfo/deny-ratings-delete');
    const json = JSON.parse(cli(...args, '--format', 'json').stdout);
    expect([json.method, json.route.name, json.destinations[0].workloads[0].authorization.decision]).toEqual(['DELETE', 'default', 'denied']);
  });

  test('an identity caller with --from-label', () => {
    const { code, stdout } = cli('check', BOOKINFO, '--from', 'tools/sa/sleep', '--from-label', 'app=sleep', '--to', 'details.bookinfo', '--path', '/details/1');
    expect(code).toBe(0);
    expect(stdout).toContain('allowed, decided by ALLOW bookinfo/details-readers');
    expect(stdout).not.toContain('pod labels are unknown');
  });

  test('an unknown --from lists the known workloads and identities, exit code 1', () => {
    const { code, stdout, stderr } = cli('check', BOOKINFO, '--from', 'bookinfo/nope', '--to', 'reviews');
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toContain('meshlight: no workload "bookinfo/nope" in the input. Fix: --from takes namespace/workload or namespace/sa/name. Known workloads: bookinfo/details-v1, bookinfo/productpage-v1,');
    expect(stderr).toContain('Known identities: bookinfo/sa/bookinfo-details,');
  });

  test('an unknown short host lists the known Services, exit code 1', () => {
    const { code, stderr } = cli('check', BOOKINFO, '--from', 'bookinfo/productpage-v1', '--to', 'reveiws');
    expect(code).toBe(1);
    expect(stderr).toContain('no Service "reveiws" in namespace bookinfo of the input');
    expect(stderr).toContain('Known Services: details.bookinfo, productpage.bookinfo, ratings.bookinfo, reviews.bookinfo');
  });

  test.each([
    [['check', BOOKINFO, '--to', 'reviews'], 'give --from (a caller in the mesh) or --via (a gateway, for a request from the internet)'],
    [['check', BOOKINFO, '--from', 'bookinfo/productpage-v1', '--to', 'reviews', '--header', 'no-equals'], '"no-equals" is not name=value'],
    [['check', BOOKINFO, '--from', 'bookinfo/productpage-v1', '--to', 'reviews', '--port', 'http'], '"http" is not a port'],
    [['explain', BOOKINFO, '--format', 'svg'], "argument 'svg' is invalid. Allowed choices are text, mermaid, json"],
    [['explain'], "missing required argument 'paths'"],
    [['frobnicate'], "unknown command 'frobnicate'"],
  ])('bad usage %j exits 2 with commander\'s message', (argv, message) => {
    const { code, stderr } = cli(...argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  test('--help prints usage and exits 0', () => {
    const { code, stdout } = cli('check', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: meshlight check [options] <paths...>');
    expect(stdout).toContain('--from-label <key=value>');
  });
});

describe('unreadable or invalid input: a message naming the file and document, exit code 1', () => {
  test.each([
    ['a missing path', [path.join(INVALID, 'missing.yaml')], [`cannot read ${path.join(INVALID, 'missing.yaml')}: no such file or directory`]],
    ['invalid YAML', [path.join(INVALID, 'bad-yaml.yaml')], [`${path.join(INVALID, 'bad-yaml.yaml')} document 2 (line 5): invalid YAML: `, 'at line 12, column 3']],
    ['an object without kind', [path.join(INVALID, 'no-kind.yaml')], [`${path.join(INVALID, 'no-kind.yaml')} document 2 (line 6): the object has no "kind"`]],
    ['fields of the wrong type', [path.join(INVALID, 'wrong-field.yaml')], [
      'meshlight found 2 problems in the input:',
      'VirtualService shop/reviews: spec.http[0].route[0].weight = "fifty": expected a number',
      'AuthorizationPolicy shop/typo: spec.rules[0].from[0].source.principal = ["cluster.local/ns/shop/sa/web"]',
      'did you mean "principals"?',
    ]],
  ])('%s', (_, paths, messages) => {
    for (const command of [['explain', ...paths], ['check', ...paths, '--from', 'a/b', '--to', 'c']]) {
      const { code, stdout, stderr } = cli(...command);
      expect([code, stdout]).toEqual([1, '']);
      messages.forEach((m) => expect(stderr).toContain(m));
    }
  });

  test('a directory without manifests, or files without objects', () => {
    const empty = tempDir();
    expect(cli('explain', empty).stderr).toContain(`${empty}: no .yaml, .yml or .json file in this directory. Fix: pass the directory that holds the manifests, or add --recursive`);
    fs.writeFileSync(path.join(empty, 'blank.yaml'), '# nothing\n---\n');
    const { code, stderr } = cli('explain', empty);
    expect(code).toBe(1);
    expect(stderr).toContain(`no Kubernetes object in ${empty}`);
  });

  test('in a directory, a file without any Kubernetes object (cdk8s construct-metadata.json) is skipped; named, it is an error', () => {
    const dir = tempDir();
    fs.copyFileSync(path.join(BOOKINFO, 'workloads.yaml'), path.join(dir, 'app.k8s.yaml'));
    fs.writeFileSync(path.join(dir, 'construct-metadata.json'), '{"version": "1.0.0", "resources": {}}');
    const skipped = cli('explain', dir);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toBe(`meshlight: skipped ${path.join(dir, 'construct-metadata.json')}: it holds no Kubernetes object\n`);
    const named = cli('explain', path.join(dir, 'construct-metadata.json'));
    expect(named.code).toBe(1);
    expect(named.stderr).toContain('construct-metadata.json document 1 (line 1): the object has no "apiVersion" and "kind"');
  });

  test('--recursive reads subdirectories, never node_modules', () => {
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'apps'));
    fs.mkdirSync(path.join(root, 'node_modules'));
    fs.copyFileSync(path.join(BOOKINFO, 'workloads.yaml'), path.join(root, 'apps', 'workloads.yaml'));
    fs.writeFileSync(path.join(root, 'node_modules', 'package.json'), '{"name": "x"}');
    expect(cli('explain', root).code).toBe(1);
    expect(cli('explain', root, '--recursive').code).toBe(0);
  });
});

describe('explain --each: each path on its own, as the cluster folders of a fleet', () => {
  const DEMO = path.join(__dirname, '..', 'fixtures', 'explain', 'grayscale-demo');

  test('text: each path\'s summary under a heading naming it, in the order given, neither mixed with the other', () => {
    const run = runCli(['explain', '--each', BOOKINFO, DEMO]);
    expect(run.code).toBe(0);
    const [first, second] = [run.stdout.indexOf(`# ${BOOKINFO} #`), run.stdout.indexOf(`# ${DEMO} #`)];
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
    expect(run.stdout.slice(first, second)).toContain('bookinfo');
    expect(run.stdout.slice(first, second)).not.toContain('grayscale-demo ');
    expect(run.stdout.slice(second)).toContain('grayscale-demo');
    expect(run.stdout.slice(second)).not.toMatch(/^\s+bookinfo\s/m);
  });

  test('json: a list of { path, explanation }, each explanation what explain gives for that path alone', () => {
    const run = runCli(['explain', '--each', '--format', 'json', BOOKINFO, DEMO]);
    expect(run.code).toBe(0);
    const each = JSON.parse(run.stdout) as { path: string; explanation: unknown }[];
    expect(each.map((e) => e.path)).toEqual([BOOKINFO, DEMO]);
    expect(each[1].explanation).toEqual(JSON.parse(runCli(['explain', '--format', 'json', DEMO]).stdout));
  });

  test('a path that cannot be read fails the run, naming it', () => {
    const run = runCli(['explain', '--each', BOOKINFO, path.join(DEMO, 'missing')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('missing: no such file or directory');
  });
});
