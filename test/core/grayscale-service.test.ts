import { RE2JS } from 're2js';
import {
  GrayscaleServiceProps, Manifest, MeshlightValidationError, renderGrayscaleService, StringMatch, majorVersionOf,
  subsetNameOf,
} from '../../lib/core/internal';
import { clusterProblemsOfAll } from '../support/validate';
import { expectProblem, validationErrorOf } from '../support/errors';
import { findObject as find } from '../support/manifests';

const IMAGE = 'ghcr.io/example/app:1';

function render(props: GrayscaleServiceProps, path = 'app/svc'): Manifest[] {
  return [...renderGrayscaleService(props, { path, defaultName: 'svc' }).manifests];
}


function routes(props: GrayscaleServiceProps): any[] {
  return find(render(props), 'VirtualService').spec.http;
}

/** The weights of a route as { version: weight }, read from the response header each destination sets. */
function weightsOf(route: any): Record<string, number> {
  return Object.fromEntries(route.route.map((d: any) => [d.headers.response.set['x-meshlight-version'], d.weight ?? 100]));
}

function errorOf(props: unknown, path = 'app/svc'): MeshlightValidationError {
  return validationErrorOf(() => renderGrayscaleService(props as GrayscaleServiceProps, { path, defaultName: 'svc' }));
}

describe('versions and names', () => {
  test('a lone version gets all traffic, on every path, with no weight to write, and no subset: its pods are all the Service\'s', () => {
    const out = render({ versions: [{ version: '1.0', image: IMAGE }] });
    expect(find(out, 'VirtualService').spec.http).toEqual([
      {
        name: 'major-1',
        route: [{
          destination: { host: 'svc.default.svc.cluster.local', port: { number: 80 } },
          headers: { response: { set: { 'x-meshlight-version': '1.0' } } },
        }],
      },
    ]);
    expect(out.map((m) => m.kind)).not.toContain('DestinationRule');
  });

  test.each([
    ['1.0', '1', 'v1-0'],
    ['1.12.3', '1', 'v1-12-3'],
    ['v2', '2', 'v2'],
    ['V3_beta', '3', 'v3-beta'],
    ['canary', undefined, 'canary'],
  ])('version %s has major %s and subset %s', (version, major, subset) => {
    expect(majorVersionOf(version)).toBe(major);
    expect(subsetNameOf(version)).toBe(subset);
  });

  test('emits ServiceAccount, Service, Deployments, DestinationRule, VirtualService in that order', () => {
    const out = render({ namespace: 'shop', versions: [{ version: '1.1', weight: 10, image: IMAGE }, { version: '1.0', weight: 90, image: IMAGE }] });
    expect(out.map((m) => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`)).toEqual([
      'ServiceAccount/shop/svc', 'Service/shop/svc', 'Deployment/shop/svc-v1-0', 'Deployment/shop/svc-v1-1',
      'DestinationRule/shop/svc', 'VirtualService/shop/svc',
    ]);
    expect(out.filter((m) => m.apiVersion.includes('istio')).map((m) => m.apiVersion)).toEqual(['networking.istio.io/v1', 'networking.istio.io/v1']);
  });

  test('the Service has a named port with appProtocol, selecting every version by app', () => {
    const service = find(render({ protocol: 'grpc', port: 9000, containerPort: 50051, versions: [{ version: '1.0', image: IMAGE }] }), 'Service');
    expect(service.spec).toEqual({
      ports: [{ appProtocol: 'grpc', name: 'grpc', port: 9000, protocol: 'TCP', targetPort: 50051 }],
      selector: { app: 'svc' },
    });
  });

  test('a version with an image gets a Deployment with restricted security defaults, running as the service account', () => {
    const deployment = find(render({ versions: [{ version: '1.0', image: IMAGE, replicas: 3, env: { B: '2', A: '1' } }] }), 'Deployment');
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.selector.matchLabels).toEqual({ app: 'svc', version: '1.0' });
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'svc', version: '1.0' });
    const pod = deployment.spec.template.spec;
    expect(pod.serviceAccountName).toBe('svc');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true });
    expect(pod.containers[0].env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
  });

  test('a version deployed elsewhere gets no Deployment; its labels select its pods in the subset', () => {
    const out = render({
      name: 'reviews',
      grouping: 'all',
      versions: [
        { version: 'v1', weight: 90, labels: { app: 'reviews', track: 'stable', version: 'v1' } },
        { version: 'v2', weight: 10 },
      ],
    });
    expect(out.filter((m) => m.kind === 'Deployment')).toEqual([]);
    expect(find(out, 'DestinationRule').spec.subsets).toEqual([
      { labels: { app: 'reviews', track: 'stable', version: 'v1' }, name: 'v1' },
      { labels: { app: 'reviews', version: 'v2' }, name: 'v2' },
    ]);
  });
});

describe('weight grayscale', () => {
  const article: GrayscaleServiceProps = {
    name: 'httpbin',
    versions: [
      { version: '1.0', weight: 80, image: IMAGE },
      { version: '1.1', weight: 20, image: IMAGE },
      { version: '2.0', weight: 100, image: IMAGE },
    ],
    majors: { '1': { rewrite: '/' } },
  };

  test('each major is served under /v<major>; its minor versions split its traffic', () => {
    const http = routes(article);
    expect(http.map((r) => r.name)).toEqual(['major-1', 'major-2', 'no-version']);
    expect(http[0].match).toEqual([{ uri: { exact: '/v1' } }, { uri: { prefix: '/v1/' } }]);
    expect(weightsOf(http[0])).toEqual({ '1.0': 80, '1.1': 20 });
    expect(http[1].match).toEqual([{ uri: { exact: '/v2' } }, { uri: { prefix: '/v2/' } }]);
    expect(weightsOf(http[1])).toEqual({ '2.0': 100 });
  });

  test('a prefix rewrite strips the context path of that major only', () => {
    const http = routes(article);
    expect(http[0].rewrite).toEqual({ uri: '/' });
    expect(http[1].rewrite).toBeUndefined();
  });

  test('a path matching no major gets 404; defaultMajor sends it to that major instead', () => {
    expect(routes(article)[2]).toEqual({ name: 'no-version', directResponse: { status: 404, body: { string: 'no version of httpbin is served on this path\n' } } });
    const http = routes({ ...article, defaultMajor: '2' });
    expect(http[2].name).toBe('default');
    expect(http[2].match).toBeUndefined();
    expect(weightsOf(http[2])).toEqual({ '2.0': 100 });
  });

  test('majors can be split by host; the host matches with or without a port', () => {
    const out = render({ ...article, majors: { '2': { host: 'api-v2.example.com' } } });
    const vs = find(out, 'VirtualService');
    expect(vs.spec.hosts).toEqual(['httpbin.default.svc.cluster.local', 'api-v2.example.com']);
    const byHost = vs.spec.http[0];
    expect(byHost.name).toBe('major-2');
    const authority = RE2JS.compile(byHost.match[0].authority.regex);
    expect(authority.matches('api-v2.example.com')).toBe(true);
    expect(authority.matches('api-v2.example.com:8080')).toBe(true);
    expect(authority.matches('api-v2xexample.com')).toBe(false);
    expect(byHost.match[0].uri).toBeUndefined();
  });

  test('a nested context path is routed before the path that contains it', () => {
    const http = routes({
      versions: [{ version: '1.0', image: IMAGE }, { version: '2.0', image: IMAGE }],
      majors: { '1': { path: '/api' }, '2': { path: '/api/v2' } },
    });
    expect(http.map((r) => r.name)).toEqual(['major-2', 'major-1', 'no-version']);
  });

  test('grouping "all" splits one weight across versions named like bookinfo\'s v1, v2, v3', () => {
    const http = routes({
      grouping: 'all',
      versions: [{ version: 'v1', weight: 50 }, { version: 'v2', weight: 30 }, { version: 'v3', weight: 20 }],
    });
    expect(http).toHaveLength(1);
    expect(http[0].match).toBeUndefined();
    expect(weightsOf(http[0])).toEqual({ v1: 50, v2: 30, v3: 20 });
  });

  test('a version with weight 0 gets no weighted traffic but stays a subset for rules', () => {
    const out = render({ versions: [{ version: '1.0', weight: 100, image: IMAGE }, { version: '1.1', weight: 0, image: IMAGE }] });
    expect(weightsOf(find(out, 'VirtualService').spec.http[0])).toEqual({ '1.0': 100 });
    expect(find(out, 'DestinationRule').spec.subsets.map((s: any) => s.name)).toEqual(['v1-0', 'v1-1']);
  });

  test('the version header can be renamed or turned off', () => {
    const renamed = routes({ versionHeader: 'x-served-by', versions: [{ version: '1.0', image: IMAGE }] });
    expect(renamed[0].route[0].headers).toEqual({ response: { set: { 'x-served-by': '1.0' } } });
    const off = routes({ versionHeader: false, versions: [{ version: '1.0', weight: 90, image: IMAGE }, { version: '1.1', weight: 10, image: IMAGE }] });
    expect(off[0].route[0].headers).toBeUndefined();
  });
});

describe('rule grayscale', () => {
  const base: GrayscaleServiceProps = {
    name: 'myservice1',
    versions: [{ version: '1.0', weight: 100, image: IMAGE }, { version: '1.1', weight: 0, image: IMAGE }],
  };
  const toGray = (header: Record<string, string>) => ({ response: { set: { 'x-meshlight-version': header.version } } });

  test('the article\'s "header gray=1 OR query debug=true" becomes two matches of one route, before the split', () => {
    const http = routes({ ...base, rules: [{ version: '1.1', anyOf: [{ headers: { gray: '1' } }, { query: { debug: 'true' } }] }] });
    expect(http.map((r) => r.name)).toEqual(['rule-1', 'major-1']);
    expect(http[0].match).toEqual([{ headers: { gray: { exact: '1' } } }, { queryParams: { debug: { exact: 'true' } } }]);
    expect(http[0].route[0].destination.subset).toBe('v1-1');
    expect(http[0].route[0].headers).toEqual(toGray({ version: '1.1' }));
  });

  test('conditions of one match must all hold: they land in one match entry', () => {
    const http = routes({ ...base, rules: [{ version: '1.1', match: { headers: { gray: '1' }, query: { debug: 'true' } } }] });
    expect(http[0].match).toEqual([{ headers: { gray: { exact: '1' } }, queryParams: { debug: { exact: 'true' } } }]);
  });

  test('prefix and regex matches; a query prefix becomes the equivalent regex Istio supports', () => {
    const http = routes({ ...base, rules: [{ version: '1.1', match: { headers: { 'x-user': StringMatch.regex('.*@example\\.com') }, query: { tenant: StringMatch.prefix('beta.') } } }] });
    expect(http[0].match[0]).toEqual({ headers: { 'x-user': { regex: '.*@example\\.com' } }, queryParams: { tenant: { regex: 'beta\\..*' } } });
  });

  test('a cookie matches inside the cookie header, wherever it stands', () => {
    const http = routes({ ...base, rules: [{ version: '1.1', match: { cookies: { gray: '1' } } }] });
    const regex = RE2JS.compile(http[0].match[0].headers.cookie.regex);
    expect(regex.matches('gray=1')).toBe(true);
    expect(regex.matches('session=abc; gray=1; theme=dark')).toBe(true);
    expect(regex.matches('gray=10')).toBe(false);
    expect(regex.matches('notgray=1')).toBe(false);
  });

  test('a rule can require the calling workload', () => {
    const http = routes({ ...base, rules: [{ version: '1.1', match: { from: { labels: { app: 'tester' }, namespace: 'qa' } } }] });
    expect(http[0].match).toEqual([{ sourceLabels: { app: 'tester' }, sourceNamespace: 'qa' }]);
  });

  test('a rule for a version of one major is scoped to that major\'s path, and rewritten like it', () => {
    const http = routes({
      versions: [{ version: '1.0', image: IMAGE }, { version: '2.0', weight: 90, image: IMAGE }, { version: '2.1', weight: 10, image: IMAGE }],
      majors: { '2': { rewrite: '/' } },
      rules: [{ version: '2.1', match: { headers: { gray: '1' } } }],
    });
    expect(http[0].match).toEqual([
      { headers: { gray: { exact: '1' } }, uri: { exact: '/v2' } },
      { headers: { gray: { exact: '1' } }, uri: { prefix: '/v2/' } },
    ]);
    expect(http[0].rewrite).toEqual({ uri: '/' });
  });

  test('rules keep their order; a narrower rule after a broader one that does not cover it is fine', () => {
    const http = routes({
      ...base,
      rules: [
        { name: 'testers', version: '1.1', match: { headers: { 'x-group': 'testers' } } },
        { name: 'beta', version: '1.0', match: { headers: { 'x-group': StringMatch.prefix('beta') } } },
      ],
    });
    expect(http.map((r) => r.name)).toEqual(['testers', 'beta', 'major-1']);
  });
});

describe('bad input: a clear error naming path, field, value and fix, and nothing rendered', () => {
  const one = [{ version: '1.0', image: IMAGE }];
  test.each<[string, unknown, string, string]>([
    ['weights that do not sum to 100 in a major', { versions: [{ version: '1.0', weight: 70, image: IMAGE }, { version: '1.1', weight: 20, image: IMAGE }] }, 'versions[0,1].weight', 'weights add up to 90, not 100'],
    ['a non-integer weight', { versions: [{ version: '1.0', weight: 50.5, image: IMAGE }, { version: '1.1', weight: 49.5, image: IMAGE }] }, 'versions[0].weight = 50.5', 'is not a whole number from 0 to 100'],
    ['a negative weight', { versions: [{ version: '1.0', weight: 110, image: IMAGE }, { version: '1.1', weight: -10, image: IMAGE }] }, 'versions[1].weight = -10', 'is not a whole number from 0 to 100'],
    ['weights that do not add up, beside a version without one', { versions: [{ version: '1.0', weight: 80, image: IMAGE }, { version: '1.1', image: IMAGE }] }, 'versions[0].weight = "1.0=80, 1.1=(none)"', 'weights add up to 80, not 100'],
    ['no weights for several versions', { versions: [{ version: '1.0', image: IMAGE }, { version: '1.1', image: IMAGE }] }, 'versions[0,1].weight', 'are missing: major 1 has 2 versions and no weights'],
    ['a lone version with a weight other than 100', { versions: [{ version: '1.0', weight: 50, image: IMAGE }] }, 'versions[0].weight = 50', 'must be 100'],
    ['duplicate versions', { versions: [{ version: '1.0', image: IMAGE, weight: 50 }, { version: '1.0', image: IMAGE, weight: 50 }] }, 'versions[1].version = "1.0"', 'duplicates versions[0]'],
    ['versions that differ only in punctuation', { versions: [{ version: '1.0', weight: 50 }, { version: '1_0', weight: 50 }] }, 'versions[1].version = "1_0"', 'same subset name "v1-0"'],
    ['no versions', { versions: [] }, 'versions = []', 'has no versions'],
    ['a version without a major number, grouped by major', { grouping: 'major', versions: [{ version: 'canary', image: IMAGE }] }, 'versions[0].version = "canary"', 'grouping: "all"'],
    ['an invalid version label', { versions: [{ version: '1.0 beta', image: IMAGE }] }, 'versions[0].version = "1.0 beta"', 'is not a valid version label value'],
    ['an invalid service name', { name: 'My_Service', versions: one }, 'name = "My_Service"', 'DNS-1035'],
    ['an invalid namespace', { namespace: 'Shop', versions: one }, 'namespace = "Shop"', 'DNS-1123'],
    ['an invalid label key', { versions: [{ version: 'v1', labels: { app: 'svc', 'bad key': 'x' } }] }, 'versions[0].labels.bad key', 'is not a valid label key'],
    ['labels that the Service does not select', { versions: [{ version: 'v1', labels: { app: 'other', version: 'v1' } }] }, 'versions[0].labels.app = "other"', 'does not equal the Service selector app=svc'],
    ['image and labels together', { versions: [{ version: 'v1', image: IMAGE, labels: { app: 'svc', version: 'v1' } }] }, 'versions[0].labels', 'not both'],
    ['a port out of range', { port: 70000, versions: one }, 'port = 70000', 'use a whole number from 1 to 65535'],
    ['a container port of 0', { containerPort: 0, versions: one }, 'containerPort = 0', 'is not a port number'],
    ['a rule naming an unknown version', { versions: one, rules: [{ version: '3.0', match: { headers: { gray: '1' } } }] }, 'rules[0].version = "3.0"', 'names no version of this service'],
    ['an upper-case header name', { versions: one, rules: [{ version: '1.0', match: { headers: { Gray: '1' } } }] }, 'rules[0].match.headers = "Gray"', 'e.g. "gray"'],
    ['an empty header name', { versions: one, rules: [{ version: '1.0', match: { headers: { '': '1' } } }] }, 'rules[0].match.headers = ""', 'has an empty header name'],
    ['a regex RE2 rejects', { versions: one, rules: [{ version: '1.0', match: { headers: { gray: StringMatch.regex('(?!x).*') } } }] }, 'rules[0].match.headers.gray = "(?!x).*"', 'RE2'],
    ['a rule that matches everything', { versions: one, rules: [{ version: '1.0', match: {} }] }, 'rules[0].match = {}', 'matches every request'],
    ['a rule with both match and anyOf', { versions: one, rules: [{ version: '1.0', match: { headers: { a: '1' } }, anyOf: [] }] }, 'rules[0] =', 'exactly one of match and anyOf'],
    ['two cookies in one match', { versions: one, rules: [{ version: '1.0', match: { cookies: { a: '1', b: '2' } } }] }, 'rules[0].match.cookies', 'one cookie per match'],
    ['a rule shadowed by an earlier one', {
      versions: [{ version: '1.0', weight: 100, image: IMAGE }, { version: '1.1', weight: 0, image: IMAGE }],
      rules: [
        { name: 'broad', version: '1.1', match: { headers: { 'x-group': StringMatch.prefix('beta') } } },
        { name: 'narrow', version: '1.0', match: { headers: { 'x-group': 'beta-eu' }, query: { debug: 'true' } } },
      ],
    }, 'rules[1] =', 'can never match: every request it matches is already sent to version 1.1 by the earlier rule "broad"'],
    ['two majors on one path', { versions: [{ version: '1.0', image: IMAGE }, { version: '2.0', image: IMAGE }], majors: { '1': { path: '/api' }, '2': { path: '/api/' } } }, 'majors.', 'is served on the same host and path as major'],
    ['two majors on one host', { versions: [{ version: '1.0', image: IMAGE }, { version: '2.0', image: IMAGE }], majors: { '1': { host: 'a.example.com' }, '2': { host: 'a.example.com' } } }, 'majors.', 'is served on the same host and path as major'],
    ['a major that no version has', { versions: one, majors: { '3': { path: '/v3' } } }, 'majors.3 = "3"', 'names a major version that no version has'],
    ['an unknown defaultMajor', { versions: one, defaultMajor: '9' }, 'defaultMajor = "9"', 'is not a major version of this service'],
    ['a rewrite without a context path', { versions: one, majors: { '1': { rewrite: '/' } } }, 'majors.1.rewrite = "/"', 'has no context path to replace'],
    ['an invalid version header', { versions: one, versionHeader: 'X Version' }, 'versionHeader = "X Version"', 'lower-case HTTP header name'],
  ])('%s', (_case, props, field, message) => {
    expectProblem(errorOf(props, 'demo/shop/svc'), 'demo/shop/svc', field, message);
  });

  test('every problem is reported at once', () => {
    const error = errorOf({ name: 'Bad', port: 0, versions: [{ version: '1.0', weight: 30 }, { version: '1.1', weight: 30 }] });
    expect(error.problems.map((p) => p.field)).toEqual(['name', 'port', 'versions[0,1].weight']);
  });

  test('a rule whose name cannot be printed, before another rule, is reported, not a crash (found by fuzzing)', () => {
    const error = errorOf({ versions: [{ version: '1.0' }], rules: [{ version: '1.0', name: [Object.create(null)] }, { version: '1.0' }] });
    expect(error.problems.map((p) => p.field)).toEqual(['rules[0].name', 'rules[0]', 'rules[1]']);
  });

  test.each([undefined, null, 42, 'httpbin', { versions: 'v1' }, { versions: [null] }, { versions: [{ version: 1 }] }, { versions: [{ version: '1.0', image: IMAGE }], rules: [null] }])(
    'malformed props %p give a validation error, never a crash', (props) => {
      expect(() => renderGrayscaleService(props as any, { path: 'p', defaultName: 'svc' })).toThrow(MeshlightValidationError);
    },
  );
});

describe('the output is accepted by a cluster', () => {
  test('objects for every feature pass the Kubernetes and Istio schemas, CEL rules and istiod checks', async () => {
    const out = [
      ...render({
        name: 'full',
        namespace: 'shop',
        versions: [
          { version: '1.0', weight: 80, image: IMAGE }, { version: '1.1', weight: 20, image: IMAGE, env: { MODE: 'canary' } },
          { version: '2.0', image: IMAGE },
        ],
        majors: { '1': { rewrite: '/' }, '2': { host: 'full-v2.example.com' } },
        defaultMajor: '1',
        rules: [
          { version: '1.1', anyOf: [{ headers: { gray: '1' }, cookies: { canary: StringMatch.prefix('y') } }, { query: { debug: StringMatch.prefix('t') } }] },
          { version: '2.0', match: { from: { labels: { app: 'tester' }, namespace: 'qa' } } },
        ],
      }),
      ...render({ name: 'reviews', grouping: 'all', versions: [{ version: 'v1', weight: 50 }, { version: 'v2', weight: 50 }] }),
    ];
    expect(await clusterProblemsOfAll(out)).toEqual([]);
  });
});

describe('bad input: one mistake gives one problem, and no wrong value is ignored or replaced by a default', () => {
  const one = [{ version: '1.0', image: IMAGE }];
  const two = [{ version: '1.0', image: IMAGE }, { version: '2.0', image: IMAGE }];
  const canary = [{ version: '1.0', weight: 100, image: IMAGE }, { version: '1.1', weight: 0, image: IMAGE }];
  const matching = (match: unknown) => ({ versions: one, rules: [{ version: '1.0', match }] });
  test.each<[string, unknown, string, string]>([
    ['props that are not an object', 'httpbin', 'props = "httpbin"', 'is not an object'],
    ['props that are null', null, 'props = null', 'is not an object'],
    ['a misspelt prop', { versions: one, namespce: 'shop' }, 'namespce = "shop": is not a field of GrayscaleService props', 'did you mean "namespace"?'],
    ['misspelt versions, not also reported missing', { versoins: one }, 'versoins = [', 'did you mean "versions"?'],
    ['a version that is not an object', { versions: ['1.0'] }, 'versions[0] = "1.0"', 'is not a version'],
    ['a misspelt version field', { versions: [{ version: '1.0', image: IMAGE, replica: 2 }] }, 'versions[0].replica = 2: is not a field of a version', 'did you mean "replicas"?'],
    ['a misspelt version, not also reported missing', { versions: [{ verison: '1.0', image: IMAGE }] }, 'versions[0].verison = "1.0"', 'did you mean "version"?'],
    ['a version without its version', { versions: [{ image: IMAGE }] }, 'versions[0].version = undefined', 'is missing'],
    ['two versions with the same labels', {
      name: 'cart',
      versions: [{ version: '1.0', weight: 100, labels: { app: 'cart', track: 'stable' } }, { version: '1.1', weight: 0, labels: { app: 'cart', track: 'stable' } }],
    }, 'versions[1].labels = {"app":"cart","track":"stable"}', 'may select the same pods as versions[0]'],
    ['labels that differ from the default ones in no key both set', {
      name: 'cart', grouping: 'all',
      versions: [{ version: 'v1', weight: 90, labels: { app: 'cart', track: 'stable' } }, { version: 'v2', weight: 10 }],
    }, 'versions[0].labels = {"app":"cart","track":"stable"}', 'may select the same pods as versions[1] (labels {"app":"cart","version":"v2"})'],
    ['a string weight beside another version', { versions: [{ version: '1.0', weight: 90, image: IMAGE }, { version: '1.1', weight: '10', image: IMAGE }] }, 'versions[1].weight = "10"', 'is not a whole number from 0 to 100'],
    ['a string weight of a lone version', { versions: [{ version: '1.0', weight: '100', image: IMAGE }] }, 'versions[0].weight = "100"', 'is not a whole number from 0 to 100'],
    ['a null name', { name: null, versions: one }, 'name = null', 'is not a valid Service name'],
    ['a null namespace', { namespace: null, versions: one }, 'namespace = null', 'is not a valid namespace name'],
    ['a null port', { port: null, versions: one }, 'port = null', 'is not a port number'],
    ['a null protocol', { protocol: null, versions: one }, 'protocol = null', 'is not a supported protocol'],
    ['a null grouping', { grouping: null, versions: one }, 'grouping = null', 'is not a grouping'],
    ['null env', { versions: [{ version: '1.0', image: IMAGE, env: null }] }, 'versions[0].env = null', 'is not a map of variables'],
    ['null replicas', { versions: [{ version: '1.0', image: IMAGE, replicas: null }] }, 'versions[0].replicas = null', 'is not a whole number of replicas'],
    ['null majors', { versions: one, majors: null }, 'majors = null', 'is not a map from major version to routing'],
    ['a list as a major\'s routing', { versions: two, majors: { '2': ['/api/v2'] } }, 'majors.2 = ["/api/v2"]', 'is not a routing object'],
    ['a misspelt routing field', { versions: two, majors: { '2': { pth: '/api/v2' } } }, 'majors.2.pth = "/api/v2": is not a field of major routing', 'did you mean "path"?'],
    ['two majors on one path, shown as written', { versions: two, majors: { '1': { path: '/api' }, '2': { path: '/api/' } } }, 'majors.2 = {"path":"/api/"}', 'is served on the same host and path as major 1'],
    ['a major written onto another\'s default path', { versions: two, majors: { '1': { path: '/v2' } } }, 'majors.1 = {"path":"/v2"}', 'is served on the same host and path as major 2'],
    ['a number as defaultMajor', { versions: two, defaultMajor: 2 }, 'defaultMajor = 2: is not a string', 'write the major as a string, e.g. "2"'],
    ['defaultMajor with grouping "all"', { grouping: 'all', versions: [{ version: 'v1', weight: 50 }, { version: 'v2', weight: 50 }], defaultMajor: '1' }, 'defaultMajor = "1": is set, but grouping is "all"', 'remove defaultMajor, or use grouping: "major"'],
    ['a defaultMajor that a major on every path makes unused', { versions: two, majors: { '1': { path: '/' } }, defaultMajor: '2' }, 'defaultMajor = "2": would never be used', 'give major 1 its own path or host'],
    ['a rule that is not an object', { versions: one, rules: [null] }, 'rules[0] = null', 'is not a rule'],
    ['a misspelt rule field', { versions: one, rules: [{ version: '1.0', nmae: 'x', match: { headers: { a: '1' } } }] }, 'rules[0].nmae = "x": is not a field of a rule', 'did you mean "name"?'],
    ['a misspelt match, not also "exactly one of"', { versions: one, rules: [{ version: '1.0', macth: { headers: { a: '1' } } }] }, 'rules[0].macth =', 'did you mean "match"?'],
    ['a rule without a version', { versions: one, rules: [{ match: { headers: { a: '1' } } }] }, 'rules[0].version = undefined: is missing', 'one of ["1.0"]'],
    ['a null rule name', { versions: one, rules: [{ version: '1.0', name: null, match: { headers: { a: '1' } } }] }, 'rules[0].name = null', 'is not a DNS-1123 label'],
    ['a list as a match', matching([{ headers: { a: '1' } }]), 'rules[0].match = [', 'use anyOf'],
    ['a misspelt match field, not also "no conditions"', matching({ header: { a: '1' } }), 'rules[0].match.header = {"a":"1"}: is not a field of a request match', 'did you mean "headers"?'],
    ['a misspelt field in anyOf', { versions: one, rules: [{ version: '1.0', anyOf: [{ headers: { a: '1' } }, { querry: { b: '1' } }] }] }, 'rules[0].anyOf[1].querry', 'did you mean "query"?'],
    ['an empty header name', matching({ headers: { '': '1' } }), 'rules[0].match.headers = "": has an empty header name', 'name the header, e.g. headers: { "x-gray": "1" }'],
    ['a query name with a space', matching({ query: { 'debug mode': 'on' } }), 'rules[0].match.query = "debug mode": is not a query parameter name that can appear unencoded', 'e.g. "debug_mode"'],
    ['a query name with "&"', matching({ query: { 'a&b': '1' } }), 'rules[0].match.query = "a&b"', 'is not a query parameter name'],
    ['a query name with "="', matching({ query: { 'a=b': '1' } }), 'rules[0].match.query = "a=b"', 'is not a query parameter name'],
    ['a query name with "#"', matching({ query: { 'a#': '1' } }), 'rules[0].match.query = "a#"', 'is not a query parameter name'],
    ['a query name with a control character', matching({ query: { 'a\u0001': '1' } }), 'rules[0].match.query = "a\\u0001"', 'is not a query parameter name'],
    ['a list as the source', matching({ from: ['qa'] }), 'rules[0].match.from = ["qa"]', 'is not a source'],
    ['a misspelt source field', matching({ from: { namespaces: 'qa' } }), 'rules[0].match.from.namespaces = "qa": is not a field of a source', 'did you mean "namespace"?'],
    ['a misspelt mirror field', { versions: canary, mirror: { version: '1.1', percnt: 10 } }, 'mirror.percnt = 10: is not a field of mirror settings', 'did you mean "percent"?'],
    ['a mirror without a version', { versions: canary, mirror: { percent: 10 } }, 'mirror.version = undefined: is missing', 'e.g. version: "1.1"'],
  ])('%s', (_case, props, field, message) => {
    expectProblem(errorOf(props, 'demo/shop/svc'), 'demo/shop/svc', field, message, true);
  });

  test('versions whose labels differ in a key both set select different pods, and pass', () => {
    const subsets = find(render({
      name: 'cart',
      versions: [
        { version: '1.0', weight: 90, labels: { app: 'cart', track: 'stable' } },
        { version: '1.1', weight: 10, labels: { app: 'cart', track: 'canary' } },
        { version: '1.2', weight: 0, labels: { app: 'cart', track: 'preview', version: '1.2' } },
      ],
    }), 'DestinationRule').spec.subsets;
    expect(subsets.map((s: any) => s.labels)).toEqual([
      { app: 'cart', track: 'stable' }, { app: 'cart', track: 'canary' }, { app: 'cart', track: 'preview', version: '1.2' },
    ]);
  });

  test('a defaultMajor that is the major serving every path is accepted', () => {
    expect(routes({ versions: two, majors: { '1': { path: '/' } }, defaultMajor: '1' }).map((r) => r.name)).toEqual(['major-2', 'major-1']);
  });
});
