// What the NetworkPolicies of a ZeroTrustNamespace let through, evaluated with Kubernetes' NetworkPolicy semantics
// (test/support/network-policy.ts) rather than read back as YAML: every port a pod can open to the cluster DNS and
// to istiod, over all protocols and ports.
import { Manifest, renderZeroTrustNamespace, ZeroTrustNamespaceProps } from '../../lib/core/internal';
import { istiodPod, KUBE_DNS_POD, openPorts, Pod } from '../support/network-policy';

function render(props: ZeroTrustNamespaceProps): Manifest[] {
  return [...renderZeroTrustNamespace(props, { path: 'app/shop', defaultName: 'shop' }).manifests];
}

const cart: Pod = { namespace: 'shop', labels: { app: 'cart', version: '1.0' } };
const unlabelled: Pod = { namespace: 'shop', labels: {} };

describe('every pod of the namespace resolves names through the cluster DNS', () => {
  const policies = render({ name: 'shop' });

  // DNS answers over UDP, and falls back to TCP for answers too large for a datagram (RFC 7766), so both are needed.
  test.each([['a labelled pod', cart], ['a pod without labels', unlabelled]])('%s reaches kube-dns on UDP 53 and TCP 53, and on nothing else', (_, pod) => {
    expect(openPorts(policies, pod, KUBE_DNS_POD)).toEqual(['TCP/53', 'UDP/53']);
  });

  test('a pod that only looks like kube-dns, outside kube-system, is not reachable', () => {
    expect(openPorts(policies, cart, { namespace: 'shop-tools', labels: { 'k8s-app': 'kube-dns' } })).toEqual([]);
  });

  test('other kube-system pods are not reachable, not even on 53', () => {
    expect(openPorts(policies, cart, { namespace: 'kube-system', labels: { 'k8s-app': 'metrics-server' } })).toEqual([]);
  });
});

describe('every sidecar reaches istiod on the one port it needs', () => {
  // Istio 1.30 sidecars get their configuration (xDS) and their mTLS certificate (CA) from istiod over TLS on 15012.
  // 15017 (the webhook) and 443 are called by the API server, 15014 (monitoring) by Prometheus, and 15010 is the
  // plaintext xDS port that no injected sidecar uses: none of them is needed from a workload.
  test.each([['a labelled pod', cart], ['a pod without labels', unlabelled]])('%s reaches istiod on TCP 15012, and on nothing else', (_, pod) => {
    expect(openPorts(render({ name: 'shop' }), pod, istiodPod())).toEqual(['TCP/15012']);
  });

  test('with the control plane in another namespace, istiod there is reachable and istio-system is not', () => {
    const policies = render({ name: 'shop', controlPlaneNamespace: 'istio-1-30' });
    expect(openPorts(policies, cart, istiodPod('istio-1-30'))).toEqual(['TCP/15012']);
    expect(openPorts(policies, cart, istiodPod('istio-system'))).toEqual([]);
  });

  test('other pods of the control plane namespace are not reachable', () => {
    expect(openPorts(render({ name: 'shop' }), cart, { namespace: 'istio-system', labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' } })).toEqual([]);
  });
});

describe('without NetworkPolicies nothing is fenced', () => {
  test('networkPolicy: false leaves every port to kube-dns and istiod open, as Kubernetes does for a pod no policy selects', () => {
    const policies = render({ name: 'shop', networkPolicy: false });
    expect(policies.filter((m) => m.kind === 'NetworkPolicy')).toEqual([]);
    expect(openPorts(policies, cart, istiodPod())).toHaveLength(3 * 65535);
  });
});
