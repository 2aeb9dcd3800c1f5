// Calls between clusters of one mesh (Istio multi-primary): what the NetworkPolicies let through when the caller or the
// target runs in another cluster, evaluated with Kubernetes' NetworkPolicy semantics (test/support/network-policy.ts),
// as connections arrive in each network model: straight from a remote pod on one network, through the east-west
// gateways between networks.
import { Caller, Manifest, MeshlightValidationError, renderZeroTrustNamespace, ZeroTrustNamespaceProps } from '../../lib/core/internal';
import { expectProblem } from '../support/errors';
import { connectionAllowed, egressAllowed, ingressAllowed, Pod } from '../support/network-policy';
import { clusterProblemsOfAll } from '../support/validate';

const WORKLOADS = [
  { name: 'cart', serviceAccount: 'cart', labels: { app: 'cart' }, ports: [{ port: 80, containerPort: 8080 }] },
  { name: 'orders', serviceAccount: 'orders', labels: { app: 'orders' }, ports: [{ port: 80, containerPort: 9090 }] },
];
const GATEWAY_ADDRESS = '203.0.113.10';

function render(extra: Partial<ZeroTrustNamespaceProps> = {}): Manifest[] {
  return [...renderZeroTrustNamespace({
    name: 'shop', workloads: WORKLOADS, calls: [{ from: 'cart', to: 'orders' }], ...extra,
  }, { path: 'app/shop', defaultName: 'shop' }).manifests];
}

const SAME_NETWORK = { remoteClusters: { podCidrs: ['10.8.0.0/14'] } };
const OTHER_NETWORK = { remoteClusters: { eastWestGateway: { remoteAddresses: [`${GATEWAY_ADDRESS}/32`] } } };

// This cluster's pods, and what arrives from elsewhere.
const cart: Pod = { namespace: 'shop', labels: { app: 'cart' }, ip: '10.0.1.5' };
const orders: Pod = { namespace: 'shop', labels: { app: 'orders' }, ip: '10.0.2.7' };
/** A pod of another cluster on this network: NetworkPolicy sees only its address. */
const remote = (ip: string, labels: Record<string, string> = {}): Pod => ({ namespace: 'elsewhere', labels, ip });
const eastWestGateway: Pod = { namespace: 'istio-system', labels: { istio: 'eastwestgateway' }, ip: '10.0.9.9' };
const remoteGateway: Pod = { namespace: 'elsewhere', labels: {}, ip: GATEWAY_ADDRESS };

describe('a call whose caller or target runs in another cluster of the mesh', () => {
  test('without remoteClusters, only this cluster\'s pods pass: a remote cart is fenced out, and the local cart cannot leave', () => {
    const policies = render();
    expect(connectionAllowed(policies, cart, orders, 'TCP', 9090)).toBe(true);
    expect(ingressAllowed(policies, remote('10.9.0.4'), orders, 'TCP', 9090)).toBe(false);
    expect(egressAllowed(policies, cart, remote('10.9.0.4'), 'TCP', 9090)).toBe(false);
  });

  test('on one network, a remote caller\'s pod reaches the target on the call\'s port, and the local caller reaches remote targets', () => {
    const policies = render(SAME_NETWORK);
    expect(ingressAllowed(policies, remote('10.9.0.4'), orders, 'TCP', 9090)).toBe(true);
    expect(egressAllowed(policies, cart, remote('10.9.0.4'), 'TCP', 9090)).toBe(true);
    // The call's port only, and the declared ranges only.
    expect(ingressAllowed(policies, remote('10.9.0.4'), orders, 'TCP', 22)).toBe(false);
    expect(egressAllowed(policies, cart, remote('10.9.0.4'), 'TCP', 22)).toBe(false);
    expect(ingressAllowed(policies, remote('10.12.0.1'), orders, 'TCP', 9090)).toBe(false);
    expect(ingressAllowed(policies, remote('192.168.1.1'), orders, 'TCP', 9090)).toBe(false);
    // The fence still holds in this cluster: cart does not take orders' place as a target, nor does orders call cart.
    expect(ingressAllowed(policies, remote('10.9.0.4'), cart, 'TCP', 8080)).toBe(false);
    expect(egressAllowed(policies, orders, remote('10.9.0.4'), 'TCP', 9090)).toBe(false);
  });

  test('across networks, calls arrive from this cluster\'s east-west gateway and leave for the others\' on 15443 only', () => {
    const policies = render(OTHER_NETWORK);
    expect(ingressAllowed(policies, eastWestGateway, orders, 'TCP', 9090)).toBe(true);
    expect(ingressAllowed(policies, eastWestGateway, orders, 'TCP', 22)).toBe(false);
    expect(ingressAllowed(policies, { ...eastWestGateway, namespace: 'shop' }, orders, 'TCP', 9090)).toBe(false);
    expect(ingressAllowed(policies, { ...eastWestGateway, labels: { istio: 'ingressgateway' } }, orders, 'TCP', 9090)).toBe(false);
    expect(egressAllowed(policies, cart, remoteGateway, 'TCP', 15443)).toBe(true);
    expect(egressAllowed(policies, cart, remoteGateway, 'TCP', 443)).toBe(false);
    expect(egressAllowed(policies, cart, remote('198.51.100.1'), 'TCP', 15443)).toBe(false);
    // Only the callers of a declared call may leave for the gateways.
    expect(egressAllowed(policies, orders, remoteGateway, 'TCP', 15443)).toBe(false);
  });

  test('a call from the ingress gateway stays this cluster\'s: it admits the gateway\'s pods, no remote range', () => {
    const policies = render({ ...SAME_NETWORK, calls: [{ from: Caller.ingressGateway(), to: 'orders', hosts: ['orders.example.com'] }] });
    const ingressGateway: Pod = { namespace: 'istio-system', labels: { istio: 'ingressgateway' }, ip: '10.0.8.8' };
    expect(ingressAllowed(policies, ingressGateway, orders, 'TCP', 9090)).toBe(true);
    expect(ingressAllowed(policies, remote('10.9.0.4', { istio: 'ingressgateway' }), orders, 'TCP', 9090)).toBe(false);
  });

  test('the objects are accepted by a cluster', async () => {
    expect(await clusterProblemsOfAll(render({ remoteClusters: { podCidrs: ['10.8.0.0/14', 'fd00:10::/48'], eastWestGateway: { remoteAddresses: ['203.0.113.0/28'] } } }))).toEqual([]);
  });

  describe('refused, naming the field', () => {
    const refused = (remoteClusters: unknown, extra: Partial<ZeroTrustNamespaceProps> = {}): MeshlightValidationError => {
      try {
        render({ remoteClusters: remoteClusters as never, ...extra });
      } catch (e) {
        if (e instanceof MeshlightValidationError) return e;
        throw e;
      }
      throw new Error('accepted');
    };
    test.each<[string, unknown, string, string]>([
      ['a range with host bits set, with the range it starts at as the fix', { podCidrs: ['10.8.0.1/14'] }, 'remoteClusters.podCidrs[0]', '"10.8.0.0/14"'],
      ['an address without a prefix length', { podCidrs: ['10.8.0.1'] }, 'remoteClusters.podCidrs[0]', 'is not an address range'],
      ['a range that is not a list', { podCidrs: '10.8.0.0/14' }, 'remoteClusters.podCidrs', 'is not a list'],
      ['an east-west gateway without addresses', { eastWestGateway: { remoteAddresses: [] } }, 'remoteClusters.eastWestGateway.remoteAddresses', 'lists no address'],
      ['east-west gateway labels that select every pod', { eastWestGateway: { remoteAddresses: ['203.0.113.10/32'], labels: {} } }, 'remoteClusters.eastWestGateway.labels', 'selects no pods'],
      ['an unknown field', { podCidr: ['10.8.0.0/14'] }, 'remoteClusters.podCidr', 'did you mean "podCidrs"'],
    ])('%s', (_, value, field, words) => {
      expectProblem(refused(value), 'app/shop', field, words);
    });

    test('in ambient mode, which meshlight does not fence across clusters', () => {
      expectProblem(refused({ podCidrs: ['10.8.0.0/14'] }, { dataplane: 'ambient', calls: [] }), 'app/shop', 'remoteClusters', 'is for the sidecar dataplane');
    });
  });
});
