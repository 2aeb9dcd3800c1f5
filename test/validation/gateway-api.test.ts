import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CrdValidator } from '../../lib/validation';
import { checksGatewayApi, clusterProblems, clusterProblemsOfAll, GATEWAY_API_CRD_FILE } from '../support/validate';

// Gateway API objects are checked as Istio's are: Gateway API v1.5.1's standard-channel CRD schemas, with their
// defaults applied, and CEL rules. Each invalid object below is rejected for the reason the CRD gives.
const haveCrds = checksGatewayApi();
const describeWithCrds = haveCrds ? describe : describe.skip;
if (!haveCrds) console.warn(`Gateway API CRD file not found at ${GATEWAY_API_CRD_FILE}: Gateway API objects are not checked`);

type Obj = Record<string, any>;
const httpRoute = (spec: Obj): Obj => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'shop' }, spec });
/** A GAMMA route: attached to the Service it routes the mesh's calls to. */
const meshRoute = (rules: Obj[]): Obj => httpRoute({ parentRefs: [{ group: '', kind: 'Service', name: 'web', port: 80 }], rules });
const gateway = (name: string, spec: Obj): Obj => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name, namespace: 'shop' }, spec });
const toVersions = [{ kind: 'Service', name: 'web-v1', port: 80, weight: 90 }, { kind: 'Service', name: 'web-v2', port: 80, weight: 10 }];
const rewriteToRoot = { type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } };

describeWithCrds('Gateway API objects a cluster accepts', () => {
  test.each<[string, Obj]>([
    ['a mesh route with every kind of match, weighted backends, filters and timeouts', meshRoute([
      {
        matches: [
          { path: { type: 'Exact', value: '/health' }, method: 'GET' },
          { path: { type: 'RegularExpression', value: '/v[0-9]+/.*' }, headers: [{ type: 'Exact', name: 'x-canary', value: 'true' }, { type: 'RegularExpression', name: 'x-user', value: '.*@example\\.com' }] },
          { queryParams: [{ name: 'debug', value: '1' }] },
        ],
        filters: [
          { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: 'x-version', value: 'v2' }], remove: ['server'] } },
          { type: 'RequestMirror', requestMirror: { backendRef: { kind: 'Service', name: 'web-shadow', port: 80 }, percent: 10 } },
        ],
        backendRefs: toVersions,
        timeouts: { request: '10s', backendRequest: '2s' },
      },
      { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], filters: [rewriteToRoot], backendRefs: toVersions },
      { backendRefs: [{ name: 'web-v1', port: 80 }] },
    ])],
    // The API server defaults a rule's matches to a PathPrefix match of "/", which the rewrite's CEL rule reads.
    ['a prefix rewrite in a rule without matches', meshRoute([{ filters: [rewriteToRoot], backendRefs: toVersions }])],
    ['a Gateway of class istio with an HTTPS listener terminating TLS', gateway('edge', {
      gatewayClassName: 'istio',
      listeners: [
        { name: 'https', hostname: 'shop.example.com', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'shop-cert' }] }, allowedRoutes: { namespaces: { from: 'All' } } },
        { name: 'http', hostname: 'shop.example.com', port: 80, protocol: 'HTTP' },
      ],
    })],
    // Istio's waypoint, as Istio's docs show it: protocol is a pattern, not an enum, so HBONE passes.
    ['a waypoint of class istio-waypoint with the HBONE listener', gateway('waypoint', {
      gatewayClassName: 'istio-waypoint',
      listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
    })],
    ['a ReferenceGrant letting routes of another namespace reach Services', {
      apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'from-edge', namespace: 'shop' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'edge' }], to: [{ group: '', kind: 'Service' }] },
    }],
  ])('%s', async (_, object) => {
    expect(await clusterProblems(object)).toEqual([]);
  });
});

describeWithCrds('Gateway API objects a cluster rejects', () => {
  test.each<[string, Obj, string[]]>([
    ['a prefix rewrite without a PathPrefix match (CEL)', meshRoute([{ matches: [{ path: { type: 'Exact', value: '/api' } }], filters: [rewriteToRoot] }]),
      ['cel: /spec/rules/0 When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified']],
    ['a backend timeout longer than the request timeout (CEL)', meshRoute([{ timeouts: { request: '1s', backendRequest: '2s' } }]),
      ['cel: /spec/rules/0/timeouts backendRequest timeout cannot be longer than request timeout']],
    ['a filter whose field is not its type\'s (CEL)', meshRoute([{ filters: [{ type: 'RequestMirror', responseHeaderModifier: { set: [{ name: 'a', value: 'b' }] } }] }]),
      ['cel: /spec/rules/0/filters/0 filter.responseHeaderModifier must be nil if the filter.type is not ResponseHeaderModifier', 'cel: /spec/rules/0/filters/0 filter.requestMirror must be specified for RequestMirror filter.type']],
    ['a mirror with both percent and fraction (CEL)', meshRoute([{ filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'web-shadow', port: 80 }, percent: 5, fraction: { numerator: 1 } } }] }]),
      ['cel: /spec/rules/0/filters/0/requestMirror Only one of percent or fraction may be specified in HTTPRequestMirrorFilter']],
    ['a path prefix that is not absolute (CEL)', meshRoute([{ matches: [{ path: { type: 'PathPrefix', value: 'api' } }] }]),
      ["cel: /spec/rules/0/matches/0/path value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']"]],
    ['17 rules (schema)', meshRoute(Array.from({ length: 17 }, () => ({ backendRefs: toVersions }))),
      ['schema: /spec/rules must NOT have more than 16 items']],
    ['65 matches in a rule (schema)', meshRoute([{ matches: Array.from({ length: 65 }, (_, i) => ({ path: { value: `/${i}` } })) }]),
      ['schema: /spec/rules/0/matches must NOT have more than 64 items']],
    ['a header match of an unknown type and a weight above 1,000,000 (schema)', meshRoute([{ matches: [{ headers: [{ type: 'Prefix', name: 'a', value: 'b' }] }], backendRefs: [{ name: 'web-v1', port: 80, weight: 1000001 }] }]),
      ['schema: /spec/rules/0/matches/0/headers/0/type must be equal to one of the allowed values', 'schema: /spec/rules/0/backendRefs/0/weight must be <= 1000000']],
    ['a field the filter does not have (schema)', meshRoute([{ filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' }, prefix: '/' } }] }]),
      ['schema: /spec/rules/0/filters/0/urlRewrite/prefix is not a field of this object (the API server would drop it)']],
    ['two headers of one match named alike (list-type map)', meshRoute([{ matches: [{ headers: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] }] }]),
      ['schema: /spec/rules/0/matches/0/headers/1 has the same name as item 0 (Duplicate value)']],
    ['a Terminate listener without certificates and two listeners named alike (CEL)', gateway('edge', {
      gatewayClassName: 'istio',
      listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate' } }, { name: 'https', port: 8443, protocol: 'HTTPS', tls: { mode: 'Terminate', certificateRefs: [{ name: 'c' }] } }],
    }), ['cel: /spec/listeners Listener name must be unique within the Gateway', 'schema: /spec/listeners/1 has the same name as item 0 (Duplicate value)']],
    ['a listener protocol that is no protocol name (schema)', gateway('waypoint', { gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE!' }] }),
      ['schema: /spec/listeners/0/protocol must match pattern']],
    ['an HTTPRoute of a version no CRD serves', { ...meshRoute([]), apiVersion: 'gateway.networking.k8s.io/v1alpha1' },
      ['schema: / no CRD defines gateway.networking.k8s.io/v1alpha1 HTTPRoute']],
  ])('%s', async (_, object, expected) => {
    const problems = await clusterProblems(object);
    for (const problem of expected) expect(problems).toContainEqual(expect.stringContaining(problem));
  });

  test('a Terminate listener without certificates: its CEL rule reads a field that is not set, which the API server rejects', async () => {
    const problems = await clusterProblemsOfAll([gateway('edge', { gatewayClassName: 'istio', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { mode: 'Terminate' } }] })]);
    expect(problems).toEqual([expect.stringMatching(/^Gateway shop\/edge: cel: \/spec\/listeners\/0\/tls certificateRefs or options must be specified when mode is Terminate \(the rule reads certificateRefs, which is not set: no such key\)$/)]);
  });
});

describeWithCrds('the CEL rules of Gateway API\'s CRDs', () => {
  test('are evaluated with Kubernetes\' own libraries (isIP): objects that break them meet no rule meshlight cannot evaluate', async () => {
    const problems = await clusterProblemsOfAll([
      meshRoute([{ matches: [{ path: { value: '/a' } }], filters: [rewriteToRoot, { type: 'RequestRedirect', requestRedirect: { statusCode: 301 } }], backendRefs: toVersions }]),
      { ...gateway('edge', { gatewayClassName: 'istio', listeners: [{ name: 'tcp', port: 9000, protocol: 'TCP', hostname: 'a.example.com' }] }) },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'TLSRoute', metadata: { name: 'x', namespace: 'shop' }, spec: { parentRefs: [{ name: 'edge' }], hostnames: ['1.2.3.4'], rules: [{ backendRefs: [{ name: 'x', port: 443 }] }] } },
    ]);
    // Every object breaks some rule (Kubernetes' isIP included), and none breaks meshlight's evaluator.
    expect(problems.join('\n')).toMatch(/Hostnames cannot contain an IP/);
    expect(problems.join('\n')).toMatch(/RequestRedirect filter must not be used together with backendRefs/);
    expect(problems.join('\n')).toMatch(/hostname must not be specified for protocols \['TCP', 'UDP'\]/);
    expect(problems.join('\n')).not.toMatch(/could not be evaluated/);
  });

  test('a rule meshlight cannot evaluate is reported, never passed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meshlight-crd-'));
    const file = path.join(dir, 'crd.yaml');
    fs.writeFileSync(file, [
      'apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata: { name: widgets.example.com }',
      'spec:', '  group: example.com', '  names: { kind: Widget, plural: widgets }', '  scope: Namespaced', '  versions:',
      '  - name: v1', '    served: true', '    storage: true', '    schema:', '      openAPIV3Schema:', '        type: object',
      '        properties:', '          spec:', '            type: object', '            properties: { cidr: { type: string } }',
      '            x-kubernetes-validations: [{ rule: "isCIDR(self.cidr)", message: must be a CIDR }]',
    ].join('\n'));
    const problems = CrdValidator.fromFile(file, { cacheDir: false }).validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { cidr: '10.0.0.0/8' } });
    expect(problems).toEqual([expect.stringMatching(/^cel: \/spec rule "isCIDR\(self.cidr\)" could not be evaluated: /)]);
  });
});
