import {
  Caller, CallProps, Manifest, MeshlightValidationError, renderGrayscaleService, renderZeroTrustNamespace,
  WorkloadIdentity, ZeroTrustNamespaceProps,
} from '../../lib/core';
import { evaluate } from '../support/authz';
import { clusterProblemsOfAll } from '../support/validate';
import { validationErrorOf } from '../support/errors';
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
    const out = render({ calls: [{ from: cart, to: payments, ports: [80], methods: ['POST'], paths: ['/charge', '/refunds/*'] }] });
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
        { from: Caller.ingressGateway(), to: cart },
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
    const out = render({ calls: [{ from: cart, to: payments, ports: [80] }, { from: Caller.ingressGateway(), to: cart }] });
    expect(find(out, 'NetworkPolicy', 'payments-from-cart').spec).toEqual({
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'cart' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }],
      podSelector: { matchLabels: { app: 'payments' } },
      policyTypes: ['Ingress'],
    });
    expect(find(out, 'NetworkPolicy', 'cart-to-payments').spec.egress[0].to).toEqual([{ podSelector: { matchLabels: { app: 'payments' } } }]);
    expect(find(out, 'NetworkPolicy', 'cart-from-ingress-gateway').spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } }, podSelector: { matchLabels: { istio: 'ingressgateway' } } }],
    }]);
  });

  test('dry run marks every authorization policy and emits no NetworkPolicy', () => {
    const out = render({ dryRun: true, calls: [{ from: cart, to: payments }] });
    const policies = out.filter((m) => m.kind === 'AuthorizationPolicy');
    expect(policies.map((p) => p.metadata.annotations)).toEqual([{ 'istio.io/dry-run': 'true' }, { 'istio.io/dry-run': 'true' }]);
    expect(out.filter((m) => m.kind === 'NetworkPolicy')).toEqual([]);
  });

  test('proxy scope and NetworkPolicies can be turned off; ambient has no sidecars to scope', () => {
    const kinds = (props: ZeroTrustNamespaceProps) => [...new Set(render({ ...props, calls: [{ from: cart, to: payments }] }).map((m) => m.kind))];
    expect(kinds({ proxyScope: false, networkPolicy: false })).toEqual(['Namespace', 'PeerAuthentication', 'AuthorizationPolicy']);
    expect(kinds({ dataplane: 'ambient' })).not.toContain('Sidecar');
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
  ])('%s', (_case, props, field, message) => {
    const error = errorOf(props);
    expect(error.message).toContain(`app/shop: ${field}`);
    expect(error.message).toContain(message);
    expect(error.message).toMatch(/Fix: \S/);
  });

  test.each([null, 5, { calls: 'all' }, { calls: [null] }, { calls: [{ from: 5, to: {} }] }, { workloads: [{}] }])('malformed props %p give a validation error, never a crash', (props) => {
    expect(() => renderZeroTrustNamespace(props as any, { path: 'p', defaultName: 'shop' })).toThrow(MeshlightValidationError);
  });
});

describe('access: a request is allowed exactly when its call was declared', () => {
  const sleep = { name: 'sleep', serviceAccount: 'sleep' };
  const calls: CallProps[] = [
    { from: Caller.ingressGateway(), to: cart },
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
      ...callers[caller], target: { namespace: 'shop', labels: targets[target].labels }, port: targets[target].port, method, path,
    });
    expect(verdict.allowed).toBe(declared(caller, target, method, path));
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
