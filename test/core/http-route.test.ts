// The Gateway API dialect of a GrayscaleService: what it emits, what it refuses, and that a cluster accepts it.
import { GrayscaleServiceProps, MeshlightValidationError, renderGrayscaleService } from '../../lib/core/internal';
import { gatewayDuration } from '../../lib/core/http-route';
import { httpbin, myservice1 } from '../../examples/grayscale-demo';
import { clusterProblemsOfAll } from '../support/validate';

type Obj = Record<string, any>;

function render(props: GrayscaleServiceProps, name = 'cart'): Obj[] {
  return renderGrayscaleService(props, { path: `app/${name}`, defaultName: name }).manifests as unknown as Obj[];
}

function problemsOf(props: GrayscaleServiceProps): string[] {
  try {
    render(props);
  } catch (e) {
    if (e instanceof MeshlightValidationError) return e.problems.map((p) => `${p.field}: ${p.problem}`);
    throw e;
  }
  return [];
}

const of = (objects: Obj[], kind: string, name?: string) => objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));

describe('the Gateway API dialect', () => {
  const gatewayHttpbin = render({ ...httpbin, dialect: 'gateway-api' }, 'httpbin');
  const istioHttpbin = render(httpbin, 'httpbin');

  test('replaces the DestinationRule and VirtualService with a Service per version and an HTTPRoute on the Service', () => {
    expect(of(gatewayHttpbin, 'VirtualService')).toEqual([]);
    expect(of(gatewayHttpbin, 'DestinationRule')).toEqual([]);
    const subsets = of(istioHttpbin, 'DestinationRule')[0].spec.subsets;
    const services = of(gatewayHttpbin, 'Service').filter((s) => s.metadata.name !== 'httpbin');
    expect(services.map((s) => [s.metadata.name, s.spec.selector])).toEqual(subsets.map((s: Obj) => [`httpbin-${s.name}`, s.labels]));
    const main = of(gatewayHttpbin, 'Service', 'httpbin')[0];
    for (const s of services) expect(s.spec.ports).toEqual(main.spec.ports);
    const [route] = of(gatewayHttpbin, 'HTTPRoute');
    expect(route.spec.parentRefs).toEqual([{ group: '', kind: 'Service', name: 'httpbin', port: 80 }]);
  });

  test('keeps the VirtualService\'s routes, in order, with their shares, rewrites and version header; the 404 catch-all is what an HTTPRoute does anyway', () => {
    const http = of(istioHttpbin, 'VirtualService')[0].spec.http as Obj[];
    const rules = of(gatewayHttpbin, 'HTTPRoute')[0].spec.rules as Obj[];
    expect(rules.map((r) => r.name)).toEqual(http.filter((r) => r.directResponse === undefined).map((r) => r.name));
    for (const rule of rules) {
      const route = http.find((r) => r.name === rule.name)!;
      const shares = (route.route as Obj[]).map((d) => [`httpbin-${d.destination.subset}`, d.weight, d.headers.response.set['x-meshlight-version']]);
      expect(rule.backendRefs.map((b: Obj) => [b.name, b.weight, b.filters[0].responseHeaderModifier.set[0].value])).toEqual(shares);
      const paths = (route.match as Obj[]).map((m) => m.uri.exact).filter((p) => p !== undefined);
      expect(rule.matches.map((m: Obj) => m.path)).toEqual(paths.map((value) => ({ type: 'PathPrefix', value })));
      expect(rule.filters).toEqual([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: route.rewrite.uri } } }]);
    }
  });

  test('a rule keeps its scope and header and query matches, before the split', () => {
    const rules = of(render({ ...myservice1, dialect: 'gateway-api' }, 'myservice1'), 'HTTPRoute')[0].spec.rules as Obj[];
    expect(rules[0].matches).toEqual([
      { path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'gray', type: 'Exact', value: '1' }] },
      { path: { type: 'PathPrefix', value: '/' }, queryParams: [{ name: 'debug', type: 'Exact', value: 'true' }] },
    ]);
    expect(rules[0].backendRefs.map((b: Obj) => b.name)).toEqual(['myservice1-v1-1']);
  });

  test('timeouts, mirroring and sticky versions have their HTTPRoute forms', () => {
    const versions = [{ version: '1.0', weight: 90, image: 'a' }, { version: '1.1', weight: 10, image: 'b' }, { version: '1.2', weight: 0, image: 'c' }];
    const out = render({ versions, dialect: 'gateway-api', timeout: '1500ms', mirror: { version: '1.2', percent: 2.5 }, stickyVersions: true });
    const rules = of(out, 'HTTPRoute')[0].spec.rules as Obj[];
    expect(rules.map((r) => r.name)).toEqual(['major-1-sticky-v1-0', 'major-1-sticky-v1-1', 'major-1']);
    expect(rules.every((r) => r.timeouts.request === '1s500ms')).toBe(true);
    expect(rules[2].filters).toEqual([{ type: 'RequestMirror', requestMirror: { backendRef: { group: '', kind: 'Service', name: 'cart-v1-2', port: 80 }, fraction: { numerator: 25, denominator: 1000 } } }]);
    expect(rules[0].matches[0].headers[0]).toMatchObject({ name: 'cookie', type: 'RegularExpression' });
    expect(rules[2].backendRefs[0].filters[0].responseHeaderModifier.add).toEqual([{ name: 'set-cookie', value: 'cart-version=1.0; Path=/; HttpOnly; SameSite=Lax' }]);
  });

  test('a caller of the service sees the version Services too (its Sidecar lists them)', () => {
    const rendered = renderGrayscaleService({ ...httpbin, dialect: 'gateway-api' }, { path: 'app/httpbin', defaultName: 'httpbin' });
    expect(rendered.identity.backendHosts).toEqual(['1-0', '1-1', '2-0'].map((v) => `httpbin-v${v}.grayscale-demo.svc.cluster.local`));
    // And MeshIngress, which serves the service's routes at the edge, sends to them rather than to subsets.
    expect(JSON.stringify(rendered.httpRoutes)).not.toContain('subset');
  });

  test('traffic policies are refused, or kept as a DestinationRule per version Service with istioFallback', () => {
    const versions = [{ version: '1.0', weight: 90, image: 'a' }, { version: '1.1', weight: 10, image: 'b', connectionPool: { maxConnections: 5 } }];
    const props: GrayscaleServiceProps = { versions, dialect: 'gateway-api', circuitBreaker: { consecutive5xxErrors: 5 } };
    expect(problemsOf(props)).toEqual([
      'circuitBreaker: is a traffic policy (DestinationRule), which the Gateway API has no field for',
      'versions[1].connectionPool: is a traffic policy (DestinationRule), which the Gateway API has no field for',
    ]);
    const kept = of(render({ ...props, istioFallback: true }), 'DestinationRule');
    expect(kept.map((d) => [d.metadata.name, d.spec.host])).toEqual([['cart-v1-0', 'cart-v1-0.default.svc.cluster.local'], ['cart-v1-1', 'cart-v1-1.default.svc.cluster.local']]);
    expect(kept[0].spec.trafficPolicy.outlierDetection).toBeDefined();
    expect(kept[0].spec.trafficPolicy.connectionPool).toBeUndefined();
    expect(kept[1].spec.trafficPolicy.connectionPool.tcp.maxConnections).toBe(5);
    expect(kept[1].spec.trafficPolicy.outlierDetection).toEqual(kept[0].spec.trafficPolicy.outlierDetection);
  });

  test('routes the Gateway API\'s precedence would reorder are refused: a rule on every path before a major\'s own path', () => {
    const versions = [{ version: '1.0', weight: 100, image: 'a' }, { version: '1.1', weight: 0, image: 'b' }, { version: '2.0', image: 'c' }];
    const props: GrayscaleServiceProps = { versions, grouping: 'major', majors: { 1: { path: '/' }, 2: { path: '/v2' } }, rules: [{ version: '1.1', match: { headers: { gray: '1' } } }] };
    expect(render(props).some((o) => o.kind === 'VirtualService')).toBe(true);
    expect(problemsOf({ ...props, dialect: 'gateway-api' })).toEqual([
      expect.stringMatching(/^rules: would lose requests to route major-2 in an HTTPRoute: the Gateway API picks the most specific match/),
    ]);
  });

  test('the demo\'s services in the Gateway API dialect are accepted by a cluster (Gateway API v1.5.1 CRDs and CEL rules)', async () => {
    const objects = [...gatewayHttpbin, ...render({ ...myservice1, dialect: 'gateway-api' }, 'myservice1')];
    expect(await clusterProblemsOfAll(objects)).toEqual([]);
  });

  test.each([['1500ms', '1s500ms'], ['90s', '1m30s'], ['2h', '2h'], ['123456ms', '2m3s456ms'], ['0s', '0s'], ['5m', '5m']])('duration %s is %s', (istio, gateway) => {
    expect(gatewayDuration(istio)).toBe(gateway);
  });
});
