// A ZeroTrustNamespace in ambient mode with a waypoint: what it emits, what it still refuses, and that the two steps
// of admission (the waypoint by the caller's identity, the pods by the waypoint's) and the NetworkPolicies let exactly
// the declared calls through.
import {
  appProblems as coreAppProblems, CallProps, GrayscaleServiceProps, Manifest, MeshlightValidationError, renderGrayscaleService,
  renderZeroTrustNamespace, ZeroTrustNamespaceProps,
} from '../../lib/core/internal';
import { connectionAllowed, Pod } from '../support/network-policy';
import { clusterProblemsOfAll } from '../support/validate';

type Obj = Record<string, any>;

const versions = [{ version: '1.0', weight: 90, image: 'ghcr.io/example/web:1.0' }, { version: '1.1', weight: 10, image: 'ghcr.io/example/web:1.1' }];

function service(name: string, props: Partial<GrayscaleServiceProps> = {}) {
  return renderGrayscaleService({ namespace: 'shop', versions, dialect: 'gateway-api', ...props }, { path: `app/${name}`, defaultName: name });
}

const web = service('web');
const api = service('api');

function namespace(props: Partial<ZeroTrustNamespaceProps>, calls: (Omit<CallProps, 'from' | 'to'> & { from: unknown; to: unknown })[]): Obj[] {
  const rendered = renderZeroTrustNamespace({
    name: 'shop', dataplane: 'ambient', waypoint: true, workloads: [{ name: 'client', serviceAccount: 'client' }], ...props, calls: calls as CallProps[],
  }, { path: 'app/shop', defaultName: 'shop' });
  return rendered.manifests as unknown as Obj[];
}

function problemsOf(build: () => unknown): string[] {
  try {
    build();
  } catch (e) {
    if (e instanceof MeshlightValidationError) return e.problems.map((p) => `${p.field}: ${p.problem}`);
    throw e;
  }
  return [];
}

const of = (objects: Obj[], kind: string, name?: string) => objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));

describe('a ZeroTrustNamespace in ambient mode with a waypoint', () => {
  const objects = namespace({}, [{ from: 'client', to: web, methods: ['GET'], ports: [80] }, { from: web, to: api }]);

  test('enrols the namespace in the waypoint, which it declares, denying by default there too', () => {
    expect(of(objects, 'Namespace')[0].metadata.labels).toMatchObject({ 'istio.io/dataplane-mode': 'ambient', 'istio.io/use-waypoint': 'waypoint' });
    expect(of(objects, 'Gateway', 'waypoint')[0].spec).toEqual({ gatewayClassName: 'istio-waypoint', listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }] });
    expect(of(objects, 'AuthorizationPolicy', 'allow-nothing-at-waypoint')[0].spec).toEqual({ targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint' }] });
    expect(of(objects, 'AuthorizationPolicy', 'allow-nothing')[0].spec).toEqual({});
  });

  test('a call to a service is decided at the waypoint by the caller and its request, and at the pods by the waypoint\'s identity', () => {
    const [atWaypoint] = of(objects, 'AuthorizationPolicy', 'web-from-client');
    expect(atWaypoint.spec).toEqual({
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/client'] } }], to: [{ operation: { methods: ['GET'] } }] }],
      targetRefs: [{ group: '', kind: 'Service', name: 'web' }],
    });
    const [atPods] = of(objects, 'AuthorizationPolicy', 'web-from-client-via-waypoint');
    expect(atPods.spec).toEqual({
      action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/shop/sa/waypoint'] } }], to: [{ operation: { ports: ['8080'] } }] }],
      selector: { matchLabels: { app: 'web' } },
    });
  });

  test('the NetworkPolicies let the caller reach the waypoint and the waypoint the target over HBONE, and no more', () => {
    const policies = of(objects, 'NetworkPolicy');
    const client: Pod = { namespace: 'shop', labels: { app: 'client' } };
    const waypoint: Pod = { namespace: 'shop', labels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint' } };
    const target: Pod = { namespace: 'shop', labels: { app: 'web', version: '1.0' } };
    const stranger: Pod = { namespace: 'shop', labels: { app: 'stranger' } };
    expect(connectionAllowed(policies, client, waypoint, 'TCP', 15008)).toBe(true);
    expect(connectionAllowed(policies, waypoint, target, 'TCP', 15008)).toBe(true);
    expect(connectionAllowed(policies, client, target, 'TCP', 8080)).toBe(false);
    expect(connectionAllowed(policies, client, target, 'TCP', 15008)).toBe(false);
    expect(connectionAllowed(policies, stranger, waypoint, 'TCP', 15008)).toBe(false);
    expect(connectionAllowed(policies, waypoint, { namespace: 'shop', labels: { app: 'other' } }, 'TCP', 15008)).toBe(false);
  });

  test('what it emits is accepted by a cluster, with the services\' HTTPRoutes', async () => {
    expect(await clusterProblemsOfAll([...objects, ...(web.manifests as unknown as Obj[]), ...(api.manifests as unknown as Obj[])])).toEqual([]);
  });

  test('the app accepts HTTPRoutes and DestinationRules there, and refuses a VirtualService with the dialect to use', () => {
    const withPolicy = service('web', { istioFallback: true, circuitBreaker: { consecutive5xxErrors: 5 } });
    const app = (manifests: readonly Manifest[]) => coreAppProblems([
      ...objects.map((manifest) => ({ path: 'app/shop', manifest: manifest as unknown as Manifest })),
      ...manifests.map((manifest) => ({ path: 'app/web', manifest })),
    ]).filter((p) => p.problem.includes('ambient')).map((p) => `${p.problem}. Fix: ${p.fix}`);
    expect(app(withPolicy.manifests)).toEqual([]);
    const istio = renderGrayscaleService({ namespace: 'shop', versions }, { path: 'app/web', defaultName: 'web' });
    expect(app(istio.manifests)).toEqual([expect.stringMatching(/with a waypoint, which meshlight routes through with HTTPRoutes, not VirtualServices.*Fix: give the GrayscaleService dialect "gateway-api"$/)]);
  });

  test('a call the waypoint does not see keeps layer 4 only: restrictions on it are refused', () => {
    expect(problemsOf(() => namespace({}, [{ from: web, to: 'client', methods: ['GET'] }]))).toEqual([
      'calls[0]: restricts HTTP methods, paths or hosts, which ztunnel cannot see in ambient mode',
    ]);
  });

  test('a waypoint is for ambient mode only', () => {
    expect(problemsOf(() => namespace({ dataplane: 'sidecar' }, []))).toEqual([
      'waypoint: is a proxy for ambient mode, and dataplane is "sidecar", whose proxies apply HTTP routing and policies themselves',
    ]);
    expect(problemsOf(() => namespace({ waypoint: 'yes' as unknown as boolean }, []))).toEqual(['waypoint: is not true or false']);
  });

  test('without a waypoint, ambient mode is what it was: layer 4 only, restrictions refused with the way to a waypoint', () => {
    const problems = problemsOf(() => namespace({ waypoint: undefined }, [{ from: 'client', to: web, methods: ['GET'] }]));
    expect(problems).toEqual(['calls[0]: restricts HTTP methods, paths or hosts, which ztunnel cannot see in ambient mode']);
    const plain = namespace({ waypoint: undefined }, [{ from: 'client', to: web }]);
    expect(of(plain, 'Gateway')).toEqual([]);
    expect(of(plain, 'AuthorizationPolicy', 'web-from-client')[0].spec.selector).toEqual({ matchLabels: { app: 'web' } });
  });
});
