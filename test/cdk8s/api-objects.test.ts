import { ApiObject, App, Chart, IResolver, ImplicitTokenResolver, JsonPatch, Lazy, Testing } from 'cdk8s';
import fc from 'fast-check';
import { DestinationRule, EnvoyFilter, Gateway, ServiceEntry, Sidecar, VirtualService } from '../../imports/istio-networking.istio.io';
import { AuthorizationPolicy, PeerAuthentication, RequestAuthentication } from '../../imports/istio-security.istio.io';
import { Telemetry } from '../../imports/istio-telemetry.istio.io';
import { EgressAllowList, GrayscaleService, MeshIngress, ZeroTrustNamespace } from '../../lib/cdk8s';
import { addManifest } from '../../lib/cdk8s/synth';
import { renderGrayscaleService, renderMeshIngress } from '../../lib/core/internal';
import { anyValue, FUZZ_RUNS } from '../support/fuzz';

// The API version of each Istio kind, as the classes `cdk8s import` made from Istio's CRDs name it.
const IMPORTED = [
  AuthorizationPolicy, DestinationRule, EnvoyFilter, Gateway, PeerAuthentication, RequestAuthentication, ServiceEntry, Sidecar, Telemetry,
  VirtualService,
];
const IMPORTED_API_VERSION = new Map(IMPORTED.map((c) => [c.GVK.kind, c.GVK.apiVersion]));

describe('objects in the construct tree', () => {
  test('are written out exactly as core rendered them, fields the imported classes spell otherwise included', () => {
    const chart = Testing.chart();
    // outlierDetection.consecutive5xxErrors and jwksUri: the imported classes would write consecutive5XxErrors and jwks_uri.
    const props = { namespace: 'shop', versions: [{ version: '1.0', image: 'ghcr.io/example/web:1.0' }], circuitBreaker: { consecutive5xxErrors: 5 } };
    const web = new GrayscaleService(chart, 'web', props);
    const ingressProps = {
      namespace: 'shop',
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }],
      routes: [{ service: web, host: 'shop.example.com' }],
      jwt: { issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com/jwks.json', audiences: ['shop'] },
    };
    new MeshIngress(chart, 'edge', ingressProps);

    const written = Testing.synth(chart);
    expect(written).toEqual([
      ...renderGrayscaleService(props, { path: 'web', defaultName: 'web' }).manifests,
      ...renderMeshIngress(ingressProps, { path: 'edge', defaultName: 'edge' }).manifests,
    ]);
    const text = JSON.stringify(written);
    expect(text).toContain('"consecutive5xxErrors":5');
    expect(text).toContain('"jwksUri":"https://accounts.example.com/jwks.json"');
    expect(text).not.toMatch(/consecutive5XxErrors|jwks_uri/);
  });

  test('every Istio kind goes out in the API version of its imported class', () => {
    const chart = Testing.chart();
    const ns = new ZeroTrustNamespace(chart, 'shop');
    const web = new GrayscaleService(chart, 'web', {
      // Two versions: a sole one deployed by meshlight needs no DestinationRule.
      namespace: ns.name, versions: [{ version: '1.0', weight: 100, image: 'ghcr.io/example/web:1.0' }, { version: '1.1', image: 'ghcr.io/example/web:1.1' }],
      rateLimit: { requests: 10, per: '1s' }, telemetry: { accessLogging: true },
    });
    ns.allow(web, web);
    ns.allowEgress({ hosts: ['api.example.com'] });
    new MeshIngress(chart, 'edge', {
      namespace: ns.name, hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }], routes: [{ service: web, host: 'shop.example.com' }],
      jwt: { issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com/jwks.json', audiences: ['shop'] },
    });
    const istio = Testing.synth(chart).filter((o) => o.apiVersion.includes('istio.io'));
    expect(new Set(istio.map((o) => o.kind))).toEqual(new Set(IMPORTED_API_VERSION.keys()));
    for (const o of istio) expect(`${o.kind} ${o.apiVersion}`).toBe(`${o.kind} ${IMPORTED_API_VERSION.get(o.kind)}`);
  });

  test('JSON patches apply to them', () => {
    const chart = Testing.chart();
    const web = new GrayscaleService(chart, 'web', { namespace: 'shop', versions: [{ version: '1.0', image: 'ghcr.io/example/web:1.0' }] });
    web.findApiObject('VirtualService')!.addJsonPatch(JsonPatch.add('/metadata/annotations', { owner: 'team-web' }));
    const vs = Testing.synth(chart).find((o) => o.kind === 'VirtualService');
    expect(vs.metadata.annotations).toEqual({ owner: 'team-web' });
  });
});

describe('writing an object out', () => {
  // What cdk8s itself writes for the object: meshlight's objects skip its resolve pass, and must not differ from it.
  const asCdk8sWrites = (o: ApiObject): unknown => ApiObject.prototype.toJson.call(o);
  // Key order counts: it is the order of the YAML.
  const written = (write: () => unknown): string => {
    try {
      return JSON.stringify(write());
    } catch (e) {
      return `throws ${(e as Error).message}`;
    }
  };

  function everyKindOfObject(app: App = Testing.app()): ApiObject[] {
    const chart = new Chart(app, 'test', { labels: { team: 'shop' } });
    const ns = new ZeroTrustNamespace(chart, 'shop');
    const web = new GrayscaleService(chart, 'web', {
      namespace: ns.name,
      versions: [{ version: '1.0', weight: 90, image: 'ghcr.io/example/web:1.0' }, { version: '1.1', weight: 10, image: 'ghcr.io/example/web:1.1' }],
      rules: [{ name: 'beta', version: '1.1', match: { headers: { 'x-beta': '1' } } }],
      circuitBreaker: { consecutive5xxErrors: 5 }, rateLimit: { requests: 10, per: '1s' }, telemetry: { accessLogging: true },
    });
    ns.allow(web, web);
    new EgressAllowList(chart, 'web-egress', { namespace: ns, workload: web, hosts: ['api.example.com'] });
    new MeshIngress(chart, 'edge', {
      namespace: ns.name, hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }], routes: [{ service: web, host: 'shop.example.com' }],
      jwt: { issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com/jwks.json', audiences: ['shop'] },
    });
    // The namespace's objects are made when the app is validated.
    app.node.validate();
    return chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
  }

  test('gives what ApiObject.toJson() gives, key order included, for every kind meshlight emits', () => {
    const objects = everyKindOfObject();
    expect(new Set(objects.map((o) => o.kind)).size).toBeGreaterThanOrEqual(15);
    for (const o of objects) expect(written(() => o.toJson())).toBe(written(() => asCdk8sWrites(o)));
  });

  test("hands only the metadata to cdk8s's resolvers, not core's data", () => {
    const resolve = jest.spyOn(ImplicitTokenResolver.prototype, 'resolve');
    try {
      const vs = everyKindOfObject().find((o) => o.kind === 'VirtualService')!;
      resolve.mockClear();
      asCdk8sWrites(vs);
      const byCdk8s = resolve.mock.calls.length;
      resolve.mockClear();
      vs.toJson();
      vs.metadata.toJson();
      const metadataTwice = resolve.mock.calls.length;
      // ApiObject.toJson() resolves every value of the spec; meshlight's object resolves the metadata alone.
      expect(metadataTwice).toBeLessThan(byCdk8s / 2);
    } finally {
      resolve.mockRestore();
    }
  });

  test.each([
    ['plain JSON data', fc.jsonValue()],
    ['any value', anyValue()],
  ])('gives what ApiObject.toJson() gives for any manifest of %s', (_, value) => {
    const chart = Testing.chart();
    fc.assert(fc.property(fc.dictionary(fc.string(), value), fc.dictionary(fc.string(), fc.string()), (body, labels) => {
      const o = addManifest(chart, { ...body, apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `o${chart.node.children.length}`, labels } });
      expect(written(() => o.toJson())).toBe(written(() => asCdk8sWrites(o)));
    }), { numRuns: FUZZ_RUNS });
  });

  test('keeps what is done to the object after meshlight made it: metadata, lazy values, JSON patches', () => {
    const objects = everyKindOfObject();
    const [first, second, third] = objects;
    first.metadata.addLabel('tier', 'web');
    first.metadata.addAnnotation('owner', 'team-web');
    second.metadata.addLabel('release', Lazy.any({ produce: () => 'r42' }) as unknown as string);
    third.addJsonPatch(JsonPatch.add('/metadata/annotations', { patched: 'yes' }));
    for (const o of objects) expect(written(() => o.toJson())).toBe(written(() => asCdk8sWrites(o)));
    expect(first.toJson().metadata.labels).toMatchObject({ tier: 'web', team: 'shop' });
    expect(second.toJson().metadata.labels).toMatchObject({ release: 'r42' });
    expect(third.toJson().metadata.annotations).toEqual({ patched: 'yes' });
  });

  test("uses the app's own resolvers, and leaves keys unsorted when CDK8S_DISABLE_SORT says so", () => {
    // A resolver of the app's own, here one that pulls images through a mirror, sees every value.
    const mirror: IResolver = {
      resolve: (context) => {
        if (typeof context.value === 'string' && context.value.startsWith('ghcr.io/')) context.replaceValue(context.value.replace('ghcr.io/', 'mirror.example.com/'));
      },
    };
    const objects = everyKindOfObject(Testing.app({ resolvers: [mirror] }));
    for (const o of objects) expect(written(() => o.toJson())).toBe(written(() => asCdk8sWrites(o)));
    const images = objects.filter((o) => o.kind === 'Deployment').map((o) => o.toJson().spec.template.spec.containers[0].image);
    expect(images).toEqual(['mirror.example.com/example/web:1.0', 'mirror.example.com/example/web:1.1']);

    process.env.CDK8S_DISABLE_SORT = '1';
    try {
      for (const o of everyKindOfObject()) expect(written(() => o.toJson())).toBe(written(() => asCdk8sWrites(o)));
      const unsorted = addManifest(Testing.chart(), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { zone: 'a', level: 'b' } });
      expect(Object.keys(unsorted.toJson().data)).toEqual(['zone', 'level']);
    } finally {
      delete process.env.CDK8S_DISABLE_SORT;
    }
  });
});
