// null is never "use the default", in any construct: a field set to null (as an empty YAML key reads) is refused
// with one problem naming it (the field's own, or "is null" where the field would take its default), so no prop
// falls back to its default in silence.
import {
  Caller, isLiteralObject, MeshlightValidationError, renderEgressAllowList, renderGrayscaleService, renderMeshIngress, renderZeroTrustNamespace,
} from '../../lib/core/internal';

const IMAGE = 'ghcr.io/example/app:1';
const cart = renderGrayscaleService({ name: 'cart', namespace: 'shop', versions: [{ version: '1.0', image: IMAGE }] }, { path: 'app/cart', defaultName: 'cart' });

/** Props that set most fields of each construct, nested ones included, and how to render them. */
const constructs: Record<string, [Record<string, unknown>, (props: any) => unknown]> = {
  GrayscaleService: [{
    name: 'orders', namespace: 'shop', port: 80, containerPort: 8080, protocol: 'http', versionHeader: 'x-version', clusterDomain: 'cluster.local',
    timeout: '5s', retries: { attempts: 3, perTryTimeout: '2s', on: ['5xx'] },
    versions: [
      { version: '1.0', weight: 90, image: IMAGE, replicas: 2, env: { MODE: 'a' } },
      {
        version: '1.1', weight: 10, image: IMAGE,
        workload: {
          autoscaling: { minReplicas: 2, maxReplicas: 4, cpuUtilization: 70 }, disruptionBudget: { maxUnavailable: 1 },
          livenessProbe: { tcp: { port: 'metrics' }, initialDelay: '5s' }, startupProbe: { command: ['true'], failureThreshold: 30 },
        },
      },
    ],
    workload: {
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
      readinessProbe: { http: { path: '/ready', port: 8080, scheme: 'HTTP' }, period: '5s', successThreshold: 1 },
      env: { DB_PASSWORD: { secret: 'db', key: 'password', optional: false } },
      envFrom: [{ configMap: 'settings', prefix: 'APP_', optional: true }],
      volumes: { cache: { mountPath: '/var/cache', emptyDir: { sizeLimit: '1Gi', memory: false }, readOnly: false, subPath: 'orders' } },
      ports: { metrics: 9090 },
      imagePullSecrets: ['registry'],
      nodeSelector: { pool: 'general' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'shop', effect: 'NoSchedule' }],
      topologySpread: [{ topologyKey: 'topology.kubernetes.io/zone', maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' }],
      runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, runAsRoot: false, writableRootFilesystem: false, addCapabilities: ['NET_BIND_SERVICE'],
    },
    rules: [{ name: 'testers', version: '1.1', match: { headers: { 'x-tester': 'yes' } } }],
  }, (p) => renderGrayscaleService(p, { path: 'app/orders', defaultName: 'orders' })],
  'GrayscaleService, adopted': [{
    name: 'reviews', namespace: 'shop', routing: 'versions',
    existing: { service: { selector: { app: 'reviews' } }, serviceAccount: 'bookinfo-reviews' },
    versions: [{ version: 'v1', weight: 90, labels: { app: 'reviews', version: 'v1' } }, { version: 'v2', weight: 10 }],
  }, (p) => renderGrayscaleService(p, { path: 'app/reviews', defaultName: 'reviews' })],
  'GrayscaleService, not routed': [{
    name: 'ratings', namespace: 'shop', routing: 'none', versionHeader: false, timeout: '5s', existing: { service: true },
    versions: [{ version: 'v1', image: IMAGE }, { version: 'v2', image: IMAGE }],
  }, (p) => renderGrayscaleService(p, { path: 'app/ratings', defaultName: 'ratings' })],
  'GrayscaleService, failing over between regions': [{
    name: 'payments', namespace: 'shop', versions: [{ version: '1.0', image: IMAGE }],
    circuitBreaker: { consecutive5xxErrors: 5 }, locality: { failover: [{ from: 'us-east1', to: 'us-west1' }] },
  }, (p) => renderGrayscaleService(p, { path: 'app/payments', defaultName: 'payments' })],
  'GrayscaleService, distributed between regions': [{
    name: 'search', namespace: 'shop', versions: [{ version: '1.0', image: IMAGE }],
    locality: { distribute: [{ from: 'us-east1/*', to: { 'us-east1/*': 80, 'us-west1/*': 20 } }] },
  }, (p) => renderGrayscaleService(p, { path: 'app/search', defaultName: 'search' })],
  'GrayscaleService, ordered by labels': [{
    name: 'ledger', namespace: 'shop', versions: [{ version: '1.0', image: IMAGE }],
    circuitBreaker: {}, locality: { failoverPriority: ['topology.istio.io/network'] },
  }, (p) => renderGrayscaleService(p, { path: 'app/ledger', defaultName: 'ledger' })],
  MeshIngress: [{
    name: 'edge', namespace: 'shop', hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-tls' }],
    routes: [{ service: cart, host: 'shop.example.com', path: '/cart' }],
    cors: { allowOrigins: ['https://console.example.com'], allowMethods: ['GET'], allowHeaders: ['content-type'], maxAgeSeconds: 600, allowCredentials: false },
    jwt: { issuer: 'https://accounts.example.com', jwksUri: 'https://accounts.example.com/jwks.json', audiences: ['shop'], excludedPaths: { 'shop.example.com': ['/cart/healthz'] } },
    gateway: { namespace: 'istio-ingress', labels: { istio: 'ingressgateway' }, serviceAccount: 'istio-ingressgateway' },
    csrf: true, allowPlainHttp: false, rulesAtEdge: 'everyone', versionHeaderAtEdge: true,
  }, (p) => renderMeshIngress(p, { path: 'app/edge', defaultName: 'edge' })],
  EgressAllowList: [{
    namespace: 'shop', workload: { name: 'reports', labels: { app: 'reports' }, serviceAccount: 'reports' },
    hosts: ['api.github.com', { host: 'api.stripe.com', ports: [{ number: 443, protocol: 'TLS' }] }], networkPolicy: true,
  }, (p) => renderEgressAllowList(p, { path: 'app/egress' })],
  ZeroTrustNamespace: [{
    name: 'shop', mtls: 'STRICT', dryRun: false, networkPolicy: true, trustDomain: 'cluster.local', controlPlaneNamespace: 'istio-system',
    workloads: [{ name: 'sleep', serviceAccount: 'sleep', labels: { app: 'sleep' } }],
    calls: [{ from: 'sleep', to: cart, methods: ['GET'], paths: ['/cart'] }, { from: Caller.namespace('monitoring'), to: cart }],
    egress: [{ workload: 'sleep', hosts: ['api.github.com'] }],
  }, (p) => renderZeroTrustNamespace(p, { path: 'app/shop', defaultName: 'shop' })],
};

/** Every field of `value` reachable through plain objects and arrays, as a props field path and a setter. */
function fieldsOf(value: unknown, at = ''): { path: string; with: (v: unknown) => unknown }[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => fieldsOf(item, `${at}[${i}]`).map((f) => ({
      path: f.path, with: (v: unknown) => value.map((x, j) => (j === i ? f.with(v) : x)),
    })));
  }
  if (!isLiteralObject(value) || 'manifests' in value) return [];
  return Object.keys(value).flatMap((key) => {
    // As problems name them: `a.b`, or `a["shop.example.com"]` for a key that is not a name.
    const path = !/^[A-Za-z_$][\w$]*$/.test(key) ? `${at}[${JSON.stringify(key)}]` : at === '' ? key : `${at}.${key}`;
    const here = { path, with: (v: unknown) => ({ ...value, [key]: v }) };
    return [here, ...fieldsOf(value[key], path).map((f) => ({ path: f.path, with: (v: unknown) => ({ ...value, [key]: f.with(v) }) }))];
  });
}

describe.each(Object.entries(constructs))('%s: a field set to null is refused, never read as its default', (_name, [props, render]) => {
  test('the props are valid as they are', () => {
    expect(() => render(props)).not.toThrow();
  });

  test.each(fieldsOf(props).map((f) => [f.path, f] as const))('%s: null', (path, field) => {
    let error: unknown;
    try {
      render(field.with(null));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MeshlightValidationError);
    const problems = (error as MeshlightValidationError).problems;
    // A field is reported where it is; an entry of a map (labels, env), at the map or the entry.
    // Map keys are named `a.b` in some places and `a["b"]` in others: read both alike.
    const plain = (field: string) => field.replace(/\["([^"]*)"\]/g, '.$1');
    const at = problems.filter((p) => plain(p.field) === plain(path) || plain(path).startsWith(`${plain(p.field)}.`));
    expect(at).toHaveLength(1);
  });
});
