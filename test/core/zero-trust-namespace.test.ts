import {
  Caller, CallerData, CallerLike, CallProps, Manifest, MeshlightValidationError, renderGrayscaleService, renderZeroTrustNamespace,
  WorkloadIdentity, ZeroTrustNamespaceDeclaration, ZeroTrustNamespaceProps,
} from '../../lib/core/internal';
import { buildMesh, effectiveMtls, manifestsFromObjects, sidecarFor } from '../../lib/explain';
import { evaluate } from '../support/authz';
import { clusterProblemsOfAll } from '../support/validate';
import { expectProblem, validationErrorOf } from '../support/errors';
import { findObject as find } from '../support/manifests';

const IMAGE = 'ghcr.io/example/app:1';
const service = (name: string, namespace = 'shop') => renderGrayscaleService(
  { name, namespace, versions: [{ version: '1.0', image: IMAGE }] }, { path: name, defaultName: name },
);
const cart = service('cart');
const payments = service('payments');

function render(props: ZeroTrustNamespaceProps, path = 'app/shop'): Manifest[] {
  return [...renderZeroTrustNamespace(props, { path, defaultName: 'shop' }).manifests];
}


function errorOf(props: unknown): MeshlightValidationError {
  return validationErrorOf(() => renderZeroTrustNamespace(props as ZeroTrustNamespaceProps, { path: 'app/shop', defaultName: 'shop' }));
}

describe('what a namespace gets with no calls', () => {
  const out = render({});

  test('the namespace joins the mesh with sidecar injection', () => {
    expect(find(out, 'Namespace', 'shop').metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'meshlight', 'istio-injection': 'enabled' });
  });

  test('STRICT mTLS and an allow-nothing policy, with no opt-in', () => {
    expect(find(out, 'PeerAuthentication', 'default').spec).toEqual({ mtls: { mode: 'STRICT' } });
    expect(find(out, 'AuthorizationPolicy', 'allow-nothing').spec).toEqual({});
  });

  test('a namespace-wide Sidecar sees only the control plane and blocks unknown hosts', () => {
    expect(find(out, 'Sidecar', 'default').spec).toEqual({ egress: [{ hosts: ['istio-system/*'] }], outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } });
  });

  test('NetworkPolicies deny everything but DNS and istiod', () => {
    expect(out.filter((m) => m.kind === 'NetworkPolicy').map((m) => m.metadata.name)).toEqual(['default-deny', 'allow-dns', 'allow-control-plane']);
    expect(find(out, 'NetworkPolicy', 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  test.each<[ZeroTrustNamespaceProps, Record<string, string>]>([
    [{ revision: '1-30-3' }, { 'istio.io/rev': '1-30-3' }],
    [{ dataplane: 'ambient' }, { 'istio.io/dataplane-mode': 'ambient' }],
  ])('%p labels the namespace %p', (props, labels) => {
    expect(find(render(props), 'Namespace', 'shop').metadata.labels).toEqual({ ...labels, 'app.kubernetes.io/managed-by': 'meshlight' });
  });
});

describe('declared calls', () => {
  test('a call becomes an ALLOW policy on the target for the caller\'s principal, with Service ports as container ports', () => {
    const out = render({ pathNormalization: 'DECODE_AND_MERGE_SLASHES', calls: [{ from: cart, to: payments, ports: [80], methods: ['POST'], paths: ['/charge', '/refunds/*'] }] });
    expect(find(out, 'AuthorizationPolicy', 'payments-from-cart').spec).toEqual({
      action: 'ALLOW',
      rules: [{
        from: [{ source: { principals: ['cluster.local/ns/shop/sa/cart'] } }],
        to: [{ operation: { methods: ['POST'], paths: ['/charge', '/refunds/*'], ports: ['8080'] } }],
      }],
      selector: { matchLabels: { app: 'payments' } },
    });
  });

  test('callers can be a namespace, a service account elsewhere, or the ingress gateway; the trust domain is configurable', () => {
    const out = render({
      trustDomain: 'prod.example.com',
      calls: [
        { from: Caller.namespace('monitoring'), to: cart },
        { from: Caller.serviceAccount('batch', 'reports'), to: cart },
        { from: Caller.ingressGateway(), to: cart, hosts: ['shop.example.com'] },
      ],
    });
    const sources = out.filter((m) => m.kind === 'AuthorizationPolicy' && m.metadata.name !== 'allow-nothing')
      .map((m: any) => [m.metadata.name, m.spec.rules[0].from[0].source]);
    expect(sources).toEqual([
      ['cart-from-batch-reports', { principals: ['prod.example.com/ns/batch/sa/reports'] }],
      ['cart-from-ingress-gateway', { principals: ['prod.example.com/ns/istio-system/sa/istio-ingressgateway-service-account'] }],
      ['cart-from-ns-monitoring', { namespaces: ['monitoring'] }],
    ]);
  });

  test('each workload\'s Sidecar lists the control plane and exactly the services it calls', () => {
    const out = render({ workloads: [{ name: 'sleep', serviceAccount: 'sleep' }], calls: [{ from: cart, to: payments }, { from: 'sleep', to: cart }, { from: 'sleep', to: payments }] });
    const hostsOf = (name: string) => find(out, 'Sidecar', name).spec.egress[0].hosts;
    expect(hostsOf('cart')).toEqual(['istio-system/*', 'shop/payments.shop.svc.cluster.local']);
    expect(hostsOf('payments')).toEqual(['istio-system/*']);
    expect(hostsOf('sleep')).toEqual(['istio-system/*', 'shop/cart.shop.svc.cluster.local', 'shop/payments.shop.svc.cluster.local']);
    expect(find(out, 'Sidecar', 'sleep').spec.workloadSelector).toEqual({ labels: { app: 'sleep' } });
  });

  test('a call from a workload of this namespace to one elsewhere only opens its own egress', () => {
    const ledger = service('ledger', 'finance');
    const out = render({ calls: [{ from: cart, to: ledger, ports: [80] }] });
    expect(out.filter((m) => m.kind === 'AuthorizationPolicy').map((m) => m.metadata.name)).toEqual(['allow-nothing']);
    expect(find(out, 'Sidecar', 'cart').spec.egress[0].hosts).toEqual(['finance/ledger.finance.svc.cluster.local', 'istio-system/*']);
    expect(find(out, 'NetworkPolicy', 'cart-to-ledger').spec).toEqual({
      egress: [{ ports: [{ port: 8080, protocol: 'TCP' }], to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'finance' } }, podSelector: { matchLabels: { app: 'ledger' } } }] }],
      podSelector: { matchLabels: { app: 'cart' } },
      policyTypes: ['Egress'],
    });
  });

  test('NetworkPolicies open the declared call in both directions inside the namespace', () => {
    const out = render({ calls: [{ from: cart, to: payments, ports: [80] }, { from: Caller.ingressGateway(), to: cart, hosts: ['shop.example.com'] }] });
    expect(find(out, 'NetworkPolicy', 'payments-from-cart').spec).toEqual({
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'cart' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
      podSelector: { matchLabels: { app: 'payments' } },
      policyTypes: ['Ingress'],
    });
    expect(find(out, 'NetworkPolicy', 'cart-to-payments').spec.egress[0].to).toEqual([{ podSelector: { matchLabels: { app: 'payments' } } }]);
    expect(find(out, 'NetworkPolicy', 'cart-from-ingress-gateway').spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } }, podSelector: { matchLabels: { istio: 'ingressgateway' } } }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }]);
  });

  test('a call without ports opens only the target\'s Service ports: the sidecar\'s own ports (15020 merged metrics, 15021, 15090) stay fenced', () => {
    const out = render({ workloads: [{ name: 'sleep', serviceAccount: 'sleep' }], calls: [{ from: 'sleep', to: cart }] });
    // Whether any NetworkPolicy selecting cart's pods admits sleep's pods on `port` (Kubernetes' semantics: rules OR'ed,
    // a rule without ports admits every port).
    const admits = (port: number) => out.filter((m: any) => m.kind === 'NetworkPolicy' && m.spec.policyTypes.includes('Ingress')
      && Object.entries(m.spec.podSelector.matchLabels ?? {}).every(([k, v]) => ({ app: 'cart', version: '1.0' } as Record<string, string>)[k] === v))
      .some((m: any) => (m.spec.ingress ?? []).some((rule: any) => rule.from.some((peer: any) => peer.namespaceSelector === undefined && peer.podSelector?.matchLabels?.app === 'sleep')
        && (rule.ports === undefined || rule.ports.some((p: any) => p.port === port))));
    expect(admits(8080)).toBe(true);
    for (const port of [15020, 15021, 15090, 9090]) expect(admits(port)).toBe(false);
    expect(find(out, 'AuthorizationPolicy', 'cart-from-sleep').spec.rules[0].to).toEqual([{ operation: { ports: ['8080'] } }]);
  });

  test('proxyMetrics lets a scraper reach the sidecar\'s Prometheus ports, in its NetworkPolicies only', () => {
    const out = render({ calls: [{ from: Caller.namespace('monitoring'), to: cart, paths: ['/metrics'], proxyMetrics: true }] });
    expect(find(out, 'NetworkPolicy', 'cart-from-ns-monitoring').spec.ingress[0].ports).toEqual([8080, 15020, 15090].map((port) => ({ port, protocol: 'TCP' })));
    expect(find(out, 'AuthorizationPolicy', 'cart-from-ns-monitoring').spec.rules[0].to).toEqual([{ operation: { paths: ['/metrics'], ports: ['8080'] } }]);
  });

  test('dry run marks every authorization policy and emits no NetworkPolicy', () => {
    const out = render({ dryRun: true, calls: [{ from: cart, to: payments }] });
    const policies = out.filter((m) => m.kind === 'AuthorizationPolicy');
    expect(policies.map((p) => p.metadata.annotations)).toEqual([{ 'istio.io/dry-run': 'true' }, { 'istio.io/dry-run': 'true' }]);
    expect(out.filter((m) => m.kind === 'NetworkPolicy')).toEqual([]);
  });

  test('dry run enforces nothing: as explain reads the objects, pods take plaintext, see every host and are fenced by nothing', () => {
    const out = render({ dryRun: true, workloads: [{ name: 'reports', serviceAccount: 'reports' }], calls: [{ from: cart, to: payments }], egress: [{ workload: 'reports', hosts: ['api.stripe.com'] }] });
    const mesh = buildMesh(manifestsFromObjects(out, 'dry-run'));
    for (const labels of [{ app: 'payments' }, { app: 'reports' }, { app: 'anything' }]) {
      expect(effectiveMtls({ namespace: 'shop', labels } as never, mesh.peerAuthentications, mesh.options).mode).toBe('PERMISSIVE');
      expect(sidecarFor('shop', labels, mesh.sidecars, mesh.options).sidecar).toBeUndefined();
    }
    expect(out.filter((m) => m.kind === 'NetworkPolicy' || m.kind === 'Sidecar')).toEqual([]);
    expect(out.filter((m) => m.kind === 'AuthorizationPolicy').every((p) => p.metadata.annotations?.['istio.io/dry-run'] === 'true')).toBe(true);
    // What would enforce is refused, each with its reason.
    expectProblem(errorOf({ dryRun: true, mtls: 'STRICT' }), 'app/shop', 'mtls = "STRICT"', 'cannot be dry-run');
    expectProblem(errorOf({ dryRun: true, proxyScope: true }), 'app/shop', 'proxyScope = true', 'cannot be dry-run');
    expectProblem(errorOf({ dryRun: true, egress: [{ hosts: ['api.stripe.com'], egressGateway: true }] }), 'app/shop', 'egress[0].egressGateway = true', 'cannot be dry-run');
  });

  test('proxy scope and NetworkPolicies can be turned off; ambient has no sidecars to scope', () => {
    const kinds = (props: ZeroTrustNamespaceProps) => [...new Set(render({ ...props, calls: [{ from: cart, to: payments }] }).map((m) => m.kind))];
    expect(kinds({ proxyScope: false, networkPolicy: false })).toEqual(['Namespace', 'PeerAuthentication', 'AuthorizationPolicy']);
    expect(kinds({ dataplane: 'ambient' })).not.toContain('Sidecar');
  });

  test('in ambient mode the ingress gateway can be admitted on every host, on purpose, but not on some', () => {
    const out = render({ dataplane: 'ambient', calls: [{ from: Caller.ingressGateway(), to: payments, hosts: ['*'] }] });
    expect(find(out, 'AuthorizationPolicy', 'payments-from-ingress-gateway').spec.rules[0].to).toEqual([{ operation: { ports: ['8080'] } }]);
    expectProblem(errorOf({ dataplane: 'ambient', calls: [{ from: Caller.ingressGateway(), to: payments, hosts: ['shop.example.com'] }] }), 'app/shop', 'calls[0] = {', 'which ztunnel cannot see in ambient mode');
  });

  test('in ambient mode, NetworkPolicies also open HBONE (15008)', () => {
    const out = render({ dataplane: 'ambient', calls: [{ from: cart, to: payments, ports: [80] }] });
    expect(find(out, 'NetworkPolicy', 'payments-from-cart').spec.ingress[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }, { port: 15008, protocol: 'TCP' }]);
  });
});

describe('bad input: a clear error naming path, field, value and fix', () => {
  test.each<[string, unknown, string, string]>([
    ['a call to an unknown workload', { calls: [{ from: cart, to: 'inventory' }] }, 'calls[0].to = "inventory"', 'is not a known target'],
    ['a caller without identity of its own', { workloads: [{ name: 'legacy', serviceAccount: 'default' }] }, 'workloads[0].serviceAccount = "default"', 'has no identity that names it alone'],
    ['a caller service account of "default"', { calls: [{ from: Caller.serviceAccount('batch', 'default'), to: cart }] }, 'calls[0].from.serviceAccount = "default"', 'names no single workload'],
    ['an invalid trust domain', { trustDomain: 'Cluster Local' }, 'trustDomain = "Cluster Local"', 'is not a valid trust domain'],
    ['an invalid namespace name', { name: 'Shop' }, 'name = "Shop"', 'DNS-1123'],
    ['PERMISSIVE mTLS with principal-based allows', { mtls: 'PERMISSIVE', calls: [{ from: cart, to: payments }] }, 'mtls = "PERMISSIVE"', 'admits plaintext callers'],
    ['a policy that would allow everyone', { calls: [{ from: Caller.namespace('*'), to: cart }] }, 'calls[0].from.namespace = "*"', 'a wildcard would allow everyone'],
    ['a port that is not a Service port of the target', { calls: [{ from: cart, to: payments, ports: [8080] }] }, 'calls[0].ports = 8080', 'use one of [80]'],
    ['an HTTP method in lower case', { calls: [{ from: cart, to: payments, methods: ['get'] }] }, 'calls[0].methods = "get"', 'upper-case methods'],
    ['a path with a wildcard in the middle', { calls: [{ from: cart, to: payments, paths: ['/a/*/b'] }] }, 'calls[0].paths = "/a/*/b"', 'one "*" at the start or end'],
    ['methods in ambient mode', { dataplane: 'ambient', calls: [{ from: cart, to: payments, methods: ['GET'] }] }, 'calls[0] =', 'ztunnel cannot see'],
    ['NetworkPolicies in dry run', { dryRun: true, networkPolicy: true }, 'networkPolicy = true', 'cannot be dry-run'],
    ['the same call twice', { calls: [{ from: cart, to: payments }, { from: cart, to: payments, ports: [80] }] }, 'calls[1] = "cart -> payments"', 'same caller and target as calls[0]'],
    ['a call between two other namespaces', { calls: [{ from: service('a', 'x'), to: service('b', 'y') }] }, 'calls[0].to = "b"', 'declare this call on the ZeroTrustNamespace of "y"'],
    ['a revision in ambient mode', { dataplane: 'ambient', revision: 'canary' }, 'revision = "canary"', 'dataplane is "ambient"'],
    ['an allow-list in ambient mode, which ztunnel would not enforce', { dataplane: 'ambient', egress: [{ hosts: ['api.stripe.com'] }] }, 'egress[0] = "shop"', 'would not be enforced in ambient mode'],
  ])('%s', (_case, props, field, message) => {
    expectProblem(errorOf(props), 'app/shop', field, message);
  });

  test.each([null, 5, { calls: 'all' }, { calls: [null] }, { calls: [{ from: 5, to: {} }] }, { workloads: [{}] }])('malformed props %p give a validation error, never a crash', (props) => {
    expect(() => renderZeroTrustNamespace(props as any, { path: 'p', defaultName: 'shop' })).toThrow(MeshlightValidationError);
  });
});

describe('bad input: one mistake, one problem, naming the field that causes it', () => {
  const ledger = (namespace: string) => service('ledger', namespace);
  const identity = (name: string, namespace = 'shop'): WorkloadIdentity => ({ name, namespace, serviceAccount: 'sa', labels: { app: 'x' } });
  test.each<[string, unknown, string, string]>([
    // Calls are told apart by who calls whom; when two distinct calls would name an object alike, that is the problem.
    ['a namespace caller and a service account caller whose object names coincide',
      { calls: [{ from: Caller.namespace('monitoring'), to: cart }, { from: Caller.serviceAccount('ns', 'monitoring'), to: cart }] },
      'calls[1] = "cart-from-ns-monitoring"', 'same name as the AuthorizationPolicy of calls[0]'],
    ['a declared workload and a service account elsewhere whose object names coincide',
      { workloads: [{ name: 'batch-reports', serviceAccount: 'br' }], calls: [{ from: 'batch-reports', to: cart }, { from: Caller.serviceAccount('batch', 'reports'), to: cart }] },
      'calls[1] = "cart-from-batch-reports"', 'Kubernetes keeps one object per name'],
    ['targets of the same name in two other namespaces',
      { calls: [{ from: cart, to: ledger('finance') }, { from: cart, to: ledger('billing') }] },
      'calls[1] = "cart-to-ledger"', 'same name as the NetworkPolicy of calls[0]'],
    ['a workload named like the namespace with an allow-list beside a namespace-wide one',
      { workloads: [{ name: 'shop', serviceAccount: 'shop-web' }], egress: [{ hosts: ['a.example.com'] }, { workload: 'shop', hosts: ['b.example.com'] }] },
      'egress[1] = "egress-shop"', 'give the workload a name other than the namespace\'s'],
    ['a declared workload named like the namespace-wide Sidecar',
      { workloads: [{ name: 'default', serviceAccount: 'legacy' }] }, 'workloads[0].name = "default"', 'namespace-wide Sidecar'],
    ['a called workload named like the namespace-wide Sidecar',
      { calls: [{ from: cart, to: service('default') }] }, 'calls[0] = "default"', 'give the workload a name other than "default"'],
    ['an allow-list of a workload named like the namespace-wide Sidecar, without proxy scope',
      { proxyScope: false, egress: [{ workload: { name: 'default', labels: { app: 'legacy' } }, hosts: ['a.example.com'] }] },
      'egress[0] = "default"', 'which the namespace\'s own Sidecar has'],
    ['hosts of two allow-lists whose object names coincide',
      { egress: [{ hosts: ['a.b.com'] }, { workload: { name: 'legacy', labels: { app: 'legacy' } }, hosts: ['a-b.com'] }] },
      // ServiceEntries come in host order, and "a-b.com" sorts before "a.b.com".
      'egress[0].hosts = "egress-a-b-com"', 'the same name as the ServiceEntry of egress[1]'],
    ['a Caller as target', { calls: [{ from: cart, to: Caller.namespace('x') }] }, 'calls[0].to = {', 'is a Caller'],
    ['no target', { calls: [{ from: cart, to: null }] }, 'calls[0].to = null', 'Fix: pass the GrayscaleService that is called, or the name of a declared workload'],
    ['an invalid service account name of a declared workload', { workloads: [{ name: 'cart', serviceAccount: 'Cart_SA' }] },
      'workloads[0].serviceAccount = "Cart_SA"', 'is not a valid service account name'],
    ['a declared workload without service account', { workloads: [{ name: 'cart' }] }, 'workloads[0].serviceAccount = undefined', 'is missing'],
    ['an invalid service account name of a caller', { calls: [{ from: Caller.serviceAccount('ns', 'Bad_SA'), to: cart }] },
      'calls[0].from.serviceAccount = "Bad_SA"', 'is not a valid service account name'],
    ['a caller namespace that is not a string', { calls: [{ from: Caller.namespace(5 as never), to: cart }] },
      'calls[0].from.namespace = 5', 'is not a namespace name (DNS-1123 label)'],
    ['props that are a list', [{ name: 'shop' }], 'props = [{"name":"shop"}]', 'is not an object'],
    ['an invalid label value of a declared workload', { workloads: [{ name: 'sleep', serviceAccount: 'sleep', labels: { app: 'my sleep' } }] },
      'workloads[0].labels.app = "my sleep"', 'is not a valid label value'],
    ['an invalid label key of a declared workload', { workloads: [{ name: 'sleep', serviceAccount: 'sleep', labels: { 'my app': 'sleep' } }] },
      'workloads[0].labels.my app = "my app"', 'is not a valid label key'],
    ['labels of a declared workload that are a list', { workloads: [{ name: 'sleep', serviceAccount: 'sleep', labels: ['sleep'] }] },
      'workloads[0].labels = ["sleep"]', 'is not a map of labels'],
    ['a declared workload that is not an object', { workloads: ['sleep'] }, 'workloads[0] = "sleep"', 'is not a workload'],
    ['an ingress gateway selecting every pod', { calls: [{ from: Caller.ingressGateway({ labels: {} }), to: cart }] },
      'calls[0].from.labels = {}', 'selects no pods'],
    ['an ingress gateway with an invalid label', { calls: [{ from: Caller.ingressGateway({ labels: { istio: 'ingress gateway' } }), to: cart }] },
      'calls[0].from.labels.istio = "ingress gateway"', 'is not a valid label value'],
    ['an ingress gateway in an invalid namespace', { calls: [{ from: Caller.ingressGateway({ namespace: 'Istio' }), to: cart }] },
      'calls[0].from.namespace = "Istio"', 'is not a namespace name'],
    ['an ingress gateway with an invalid service account', { calls: [{ from: Caller.ingressGateway({ serviceAccount: 'Gateway_SA' }), to: cart }] },
      'calls[0].from.serviceAccount = "Gateway_SA"', 'is not a valid service account name'],
    ['ingress gateway settings that are not an object', { calls: [{ from: Caller.ingressGateway(null as never), to: cart }] },
      'calls[0].from = null', 'ingress gateway settings that are not an object'],
    ['a Service port mapped twice', { workloads: [{ name: 'sleep', serviceAccount: 'sleep', ports: [{ port: 80, containerPort: 8080 }, { port: 80, containerPort: 9090 }] }] },
      'workloads[0].ports[1].port = 80', 'is mapped twice'],
    ['object names longer than Kubernetes allows', { calls: [{ from: Caller.serviceAccount('c'.repeat(63), 'd'.repeat(200)), to: cart }] },
      `calls[0] = "cart-from-${'c'.repeat(63)}-${'d'.repeat(200)}"`, 'has 274 characters, more than the 253 Kubernetes allows'],
    ['a written-out identity with an invalid name', { calls: [{ from: identity('Sleep_1'), to: cart }] },
      'calls[0].from.name = "Sleep_1"', 'is not a valid workload name (DNS-1123 label)'],
    ['an unknown field of the props', { nmae: 'shop' }, 'nmae = "shop"', 'did you mean "name"?'],
    ['an unknown field of a declared workload', { workloads: [{ name: 'sleep', serviceAccount: 'sleep', lables: { app: 'sleep' } }], calls: [{ from: 'sleep', to: cart }] },
      'workloads[0].lables = {"app":"sleep"}', 'did you mean "labels"?'],
    ['an unknown field of a port mapping', { workloads: [{ name: 'sleep', serviceAccount: 'sleep', ports: [{ port: 80, targetPort: 8080 }] }] },
      'workloads[0].ports[0].targetPort = 8080', 'is not a field of a port mapping'],
    ['an unknown field of a call', { calls: [{ from: cart, to: payments, method: ['GET'] }] }, 'calls[0].method = ["GET"]', 'did you mean "methods"?'],
    ['an unknown field of the ingress gateway settings', { calls: [{ from: Caller.ingressGateway({ namspace: 'gateways' } as never), to: cart }] },
      'calls[0].from.namspace = "gateways"', 'did you mean "namespace"?'],
  ])('%s', (_case, props, field, message) => {
    expectProblem(errorOf(props), 'app/shop', field, message, true);
  });

  test('a target is never told to be a Caller', () => {
    for (const to of [Caller.namespace('x'), null, 5]) {
      expect(errorOf({ calls: [{ from: cart, to }] }).message).not.toContain('Caller such as');
    }
  });

  test('calls to two targets of the same name elsewhere are two calls: without NetworkPolicies no name clashes', () => {
    const out = render({ networkPolicy: false, calls: [{ from: cart, to: ledger('finance') }, { from: cart, to: ledger('billing') }] });
    expect(find(out, 'Sidecar', 'cart').spec.egress[0].hosts).toEqual([
      'billing/ledger.billing.svc.cluster.local', 'finance/ledger.finance.svc.cluster.local', 'istio-system/*',
    ]);
  });

  test('the same call is still the same call, whatever it is written as', () => {
    const error = errorOf({ workloads: [{ name: 'cart', serviceAccount: 'cart', ports: [{ port: 80, containerPort: 8080 }] }], calls: [{ from: Caller.ingressGateway(), to: 'cart', hosts: ['shop.example.com'] }, { from: Caller.ingressGateway({ labels: { istio: 'ingressgateway' } }), to: 'cart', ports: [80], hosts: ['shop.example.com'] }] });
    expect(error.message).toContain('calls[1] = "ingress-gateway -> cart": declares the same caller and target as calls[0]');
  });

  test('a clash added with allow() is reported on that call and changes nothing', () => {
    const shop = new ZeroTrustNamespaceDeclaration({ calls: [{ from: Caller.namespace('monitoring'), to: cart }] }, { path: 'app/shop', defaultName: 'shop' });
    const before = shop.render().manifests;
    const error = validationErrorOf(() => shop.allow({ from: Caller.serviceAccount('ns', 'monitoring'), to: cart }));
    expect(error.problems.map((p) => [p.field, p.value])).toEqual([['calls[1]', 'cart-from-ns-monitoring']]);
    expect(shop.render().manifests).toEqual(before);
  });

  test('a clash between allow-lists added with allowEgress() names the allow-list, not the calls', () => {
    const shop = new ZeroTrustNamespaceDeclaration({ workloads: [{ name: 'shop', serviceAccount: 'shop-web' }] }, { path: 'app/shop', defaultName: 'shop' });
    shop.allowEgress({ hosts: ['api.example.com'] });
    const error = validationErrorOf(() => shop.allowEgress({ workload: 'shop', hosts: ['api.stripe.com'] }));
    expect(error.problems.map((p) => p.field)).toEqual(['egress[1]']);
  });

  test.each<[string, unknown, Record<string, string>]>([
    ['two calls', { calls: [{ from: cart, to: ledger('finance') }, { from: cart, to: ledger('billing') }] }, {
      field: 'calls[1]', value: 'cart-to-ledger',
      problem: 'would give its NetworkPolicy the same name as the NetworkPolicy of calls[0], and Kubernetes keeps one object per name',
      fix: 'rename a workload of one of the two calls: object names are made of the target\'s and the caller\'s names, without their kind or namespace',
    }],
    ['the hosts of two allow-lists', { egress: [{ hosts: ['a.b.com'] }, { workload: { name: 'legacy', labels: { app: 'legacy' } }, hosts: ['a-b.com'] }] }, {
      field: 'egress[0].hosts', value: 'egress-a-b-com',
      problem: 'would give its ServiceEntry the same name as the ServiceEntry of egress[1], and Kubernetes keeps one object per name',
      fix: 'list hosts whose names differ in more than punctuation',
    }],
  ])('a name clash between %s says which field to change, whose object has the name, and how to fix it', (_case, props, problem) => {
    expect(errorOf(props).problems).toEqual([{ path: 'app/shop', ...problem }]);
  });

  test('a declared workload named "default" is fine where there are no Sidecars', () => {
    expect(find(render({ dataplane: 'ambient', workloads: [{ name: 'default', serviceAccount: 'legacy' }] }), 'Namespace', 'shop')).toBeDefined();
  });

  test('long names within the limit are accepted by a cluster', async () => {
    const [a, b] = ['a'.repeat(63), 'b'.repeat(63)];
    const out = render({ workloads: [{ name: a, serviceAccount: 'a' }, { name: b, serviceAccount: 'b' }], calls: [{ from: a, to: b }, { from: Caller.serviceAccount('c'.repeat(63), 'd'.repeat(120)), to: b }] });
    expect(out.map((m) => m.metadata.name.length).reduce((x, y) => Math.max(x, y))).toBe(253);
    expect(await clusterProblemsOfAll(out)).toEqual([]);
  });
});

describe('access: a request is allowed exactly when its call was declared', () => {
  const sleep = { name: 'sleep', serviceAccount: 'sleep' };
  const calls: CallProps[] = [
    { from: Caller.ingressGateway(), to: cart, hosts: ['shop.example.com'] },
    { from: cart, to: payments, ports: [80], methods: ['POST'] },
    { from: 'sleep', to: cart, methods: ['GET'] },
    { from: Caller.namespace('monitoring'), to: payments, paths: ['/metrics'] },
  ];
  const objects = render({ workloads: [sleep], calls });
  const identity = (w: WorkloadIdentity) => ({ principal: `cluster.local/ns/${w.namespace}/sa/${w.serviceAccount}`, namespace: w.namespace });
  const callers: Record<string, { principal?: string; namespace?: string }> = {
    cart: identity(cart.identity),
    payments: identity(payments.identity),
    sleep: { principal: 'cluster.local/ns/shop/sa/sleep', namespace: 'shop' },
    gateway: { principal: 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account', namespace: 'istio-system' },
    prometheus: { principal: 'cluster.local/ns/monitoring/sa/prometheus', namespace: 'monitoring' },
    outsider: { principal: 'cluster.local/ns/other/sa/app', namespace: 'other' },
    plaintext: {},
  };
  const targets: Record<string, { labels: Record<string, string>; port: number }> = {
    cart: { labels: { app: 'cart' }, port: 8080 },
    payments: { labels: { app: 'payments' }, port: 8080 },
    sleep: { labels: { app: 'sleep' }, port: 8080 },
  };
  // What was declared, written out independently of the emitted objects.
  const declared = (caller: string, target: string, method: string, path: string): boolean =>
    (caller === 'gateway' && target === 'cart')
    || (caller === 'cart' && target === 'payments' && method === 'POST')
    || (caller === 'sleep' && target === 'cart' && method === 'GET')
    || (caller === 'prometheus' && target === 'payments' && path === '/metrics');

  const cases = Object.keys(callers).flatMap((caller) => Object.keys(targets).flatMap((target) =>
    ['GET', 'POST'].flatMap((method) => ['/', '/metrics'].map((path) => [caller, target, method, path] as const))));

  test.each(cases)('%s -> %s %s %s', (caller, target, method, path) => {
    const verdict = evaluate(objects, {
      ...callers[caller], target: { namespace: 'shop', labels: targets[target].labels }, port: targets[target].port, method, path, host: 'shop.example.com',
    });
    expect(verdict.allowed).toBe(declared(caller, target, method, path));
  });

  test('the gateway is admitted for the hosts its call names only, with or without a port', () => {
    const toCart = (host: string) => evaluate(objects, { ...callers.gateway, target: { namespace: 'shop', labels: { app: 'cart' } }, port: 8080, method: 'GET', path: '/', host }).allowed;
    expect(['shop.example.com', 'SHOP.example.com:443'].map(toCart)).toEqual([true, true]);
    expect(['evil.example.com', 'shop.example.com.evil.example.com', 'evil.example.com:443'].map(toCart)).toEqual([false, false, false]);
  });

  test('a port other than the declared one is denied', () => {
    const verdict = evaluate(objects, { ...callers.cart, target: { namespace: 'shop', labels: { app: 'payments' } }, port: 9090, method: 'POST', path: '/' });
    expect(verdict).toEqual({ allowed: false, by: 'no ALLOW policy matches' });
  });

  test('in dry run nothing is enforced', () => {
    const staged = render({ workloads: [sleep], calls, dryRun: true });
    const verdict = evaluate(staged, { ...callers.outsider, target: { namespace: 'shop', labels: { app: 'payments' } }, port: 8080, method: 'GET', path: '/' });
    expect(verdict.allowed).toBe(true);
  });

  test('every object is accepted by a cluster', async () => {
    expect(await clusterProblemsOfAll(objects)).toEqual([]);
    expect(await clusterProblemsOfAll(render({ dataplane: 'ambient', dryRun: true, calls: [{ from: cart, to: payments, ports: [80] }] }))).toEqual([]);
  });
});

describe('callers as plain data, as YAML gives them', () => {
  const WORKLOADS = [{ name: 'cart', serviceAccount: 'cart', labels: { app: 'cart' } }];

  test.each<[string, CallerData, Caller]>([
    ['{ namespace } is a whole namespace', { namespace: 'monitoring' }, Caller.namespace('monitoring')],
    ['{ namespace, serviceAccount } is a service account there', { namespace: 'ops', serviceAccount: 'backup' }, Caller.serviceAccount('ops', 'backup')],
    ['{ ingressGateway } is the ingress gateway', { ingressGateway: { namespace: 'edge' } }, Caller.ingressGateway({ namespace: 'edge' })],
  ])('%s', (_, data, caller) => {
    const hosts = caller.kind === 'ingressGateway' ? { hosts: ['shop.example.com'] } : {};
    const render = (from: CallerLike) => renderZeroTrustNamespace({ name: 'shop', workloads: WORKLOADS, calls: [{ from, to: 'cart', ...hosts }] }, { path: 'app/shop', defaultName: 'shop' }).manifests;
    expect(render(data)).toEqual(render(caller));
    expect(render(data).some((m) => m.kind === 'AuthorizationPolicy' && m.metadata.name.startsWith('cart-from-'))).toBe(true);
  });

  test('an object of no form is refused, not read as a namespace', () => {
    expect(() => renderZeroTrustNamespace({ name: 'shop', workloads: WORKLOADS, calls: [{ from: { namespace: 'ops', team: 'x' } as never, to: 'cart' }] }, { path: 'app/shop', defaultName: 'shop' }))
      .toThrow(/calls\[0\]\.from/);
  });
});
