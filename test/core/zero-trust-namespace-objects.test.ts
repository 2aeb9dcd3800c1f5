import * as fc from 'fast-check';
import {
  Caller, CallProps, DeclaredWorkloadProps, EgressAllowListProps, HasIngressCaller, MeshlightValidationError,
  WorkloadIdentity, ZeroTrustNamespaceDeclaration, ZeroTrustNamespaceProps,
} from '../../lib/core/internal';

// A ZeroTrustNamespace keeps the name of every object it has claimed, so that an addition whose objects would take a
// name already taken is refused; render() emits the objects. Both read one list of objects; these properties check
// that, however a namespace is declared (in its props, or call by call and list by list, some refused), what it has
// claimed is exactly what it renders.

const workload = (name: string, namespace = 'shop'): WorkloadIdentity => ({
  name, namespace, serviceAccount: name, labels: { app: name }, host: `${name}.${namespace}.svc.cluster.local`, ports: [{ port: 80, containerPort: 8080 }],
});
const cart = workload('cart');
const payments = workload('payments');
const billing = workload('billing', 'other');

/** A MeshIngress as a caller, routing shop.example.com to every workload of the namespace; with jwt, /health is open. */
const ingress = (name: string, jwt: boolean): HasIngressCaller => ({
  ingressCaller: {
    name,
    gateway: { namespace: 'istio-system', serviceAccount: 'istio-ingressgateway-service-account', labels: { istio: 'ingressgateway' } },
    backends: ['cart', 'payments', 'w0', 'w1', 'w2'].map((service) => ({
      service: workload(service), hosts: [{ host: 'shop.example.com', publicPaths: jwt ? ['/health'] : [] }],
    })),
    ...(jwt ? { jwt: { issuer: 'https://issuer.example.com', rule: { issuer: 'https://issuer.example.com', jwksUri: 'https://issuer.example.com/jwks' } } } : {}),
  },
});

const HOSTS = ['a.example.com', 'b.example.com', 'api.example.org', '*.s3.example.net'];
const GATEWAY_HOSTS = ['api.example.com', 'b.example.org'];

const settings = fc.record({
  dataplane: fc.constantFrom(undefined, 'sidecar' as const, 'ambient' as const),
  proxyScope: fc.constantFrom(undefined, true, false),
  networkPolicy: fc.constantFrom(undefined, true, false),
  dryRun: fc.constantFrom(undefined, false, true),
}).filter((s) => !(s.dryRun === true && s.networkPolicy === true));

/**
 * Some of w0, w1, w2 and other-legacy, each with or without a Service. The objects of calls from other-legacy are named
 * like those of calls from Caller.serviceAccount('other', 'legacy'), so that some additions are refused for a name.
 */
const declaredWorkloads = fc.subarray(['w0', 'w1', 'w2', 'other-legacy']).chain((names) => fc.tuple(...names.map((name) => fc.boolean().map((ports): DeclaredWorkloadProps => ({
  name, serviceAccount: `sa-${name}`, ...(ports ? { ports: [{ port: 80, containerPort: 8080 }] } : {}),
})))));

/**
 * A call the namespace can accept on its own: from a workload or another kind of caller (the ingress gateway and
 * MeshIngresses, which name hosts, with the sidecar dataplane only), to a workload of the namespace, or out of it from
 * one of its workloads.
 */
function call(ambient: boolean, declared: readonly DeclaredWorkloadProps[]): fc.Arbitrary<CallProps> {
  const workloads: (string | WorkloadIdentity)[] = [...declared.map((w) => w.name), cart, payments];
  const gateway = Caller.ingressGateway();
  const callers = [...workloads, Caller.namespace('frontend'), Caller.serviceAccount('other', 'legacy'), ...(ambient ? [] : [gateway, ingress('edge', false), ingress('login', true)])];
  const hasPorts = (to: string | WorkloadIdentity) => typeof to !== 'string' || declared.some((w) => w.name === to && w.ports !== undefined);
  return fc.constantFrom(...callers).chain((from) => fc.record({
    to: fc.constantFrom(...workloads, ...(workloads.includes(from as string) ? [billing] : [])),
    ports: fc.boolean(),
    methods: fc.boolean(),
    proxyMetrics: fc.boolean(),
  }).map(({ to, ports, methods, proxyMetrics }) => ({
    from, to,
    ...(from === gateway ? { hosts: ['shop.example.com'] } : {}),
    ...(ports && hasPorts(to) ? { ports: [80] } : {}),
    ...(methods && !ambient ? { methods: ['GET'] } : {}),
    ...(proxyMetrics && !ambient ? { proxyMetrics } : {}),
  })));
}

/** An allow-list for the namespace or one of its workloads; through the egress gateway, without wildcards. */
function allowList(declared: readonly DeclaredWorkloadProps[]): fc.Arbitrary<EgressAllowListProps> {
  // A list for pods named "shop" takes the name of the namespace's own list's NetworkPolicy.
  const scopes = [undefined, ...declared.map((w) => w.name), cart, { name: 'batch', labels: { app: 'batch' }, serviceAccount: 'batch' }, { name: 'shop', labels: { app: 'shop' }, serviceAccount: 'shop' }];
  // Hosts through the gateway are never listed straight out (which a namespace refuses), so lists of one scope with
  // and without the gateway merge.
  return fc.record({ hosts: fc.subarray(HOSTS, { minLength: 1 }), gatewayHosts: fc.subarray(GATEWAY_HOSTS, { minLength: 1 }), workload: fc.constantFrom(...scopes), egressGateway: fc.boolean(), allowAnyHost: fc.boolean() })
    .map(({ hosts, gatewayHosts, workload: w, egressGateway, allowAnyHost }) => ({
      hosts: egressGateway ? gatewayHosts : hosts,
      ...(w ? { workload: w } : {}), ...(egressGateway ? { egressGateway } : {}), ...(allowAnyHost && !egressGateway ? { allowAnyHost } : {}),
    }));
}

type Step = { readonly call: CallProps } | { readonly list: EgressAllowListProps };

/** A namespace's props with some calls and allow-lists, and the calls and allow-lists added one by one after. */
const namespaces = fc.tuple(settings, declaredWorkloads).chain(([s, workloads]) => fc.record({
  steps: fc.array(fc.oneof(
    call(s.dataplane === 'ambient', workloads).map((c): Step => ({ call: c })),
    allowList(workloads).map((l): Step => ({ list: l })),
  ), { maxLength: 10 }),
  inProps: fc.nat({ max: 10 }),
}).map(({ steps, inProps }) => {
  const first = steps.slice(0, inProps);
  const calls = first.flatMap((step) => ('call' in step ? [step.call] : []));
  const egress = first.flatMap((step) => ('list' in step ? [step.list] : []));
  const props: ZeroTrustNamespaceProps = { ...s, workloads, ...(calls.length ? { calls } : {}), ...(egress.length ? { egress } : {}) };
  return { props, later: steps.slice(inProps) };
}));

/** The objects a declaration has claimed names for, and those it renders, each as `kind/namespace/name`. */
function claimedAndRendered(declaration: ZeroTrustNamespaceDeclaration): { claimed: string[]; rendered: string[] } {
  // The names the declaration checks additions against, which it keeps to itself.
  const claimed = [...declaration['objectKeys'].keys()];
  const rendered = declaration.render().manifests.map((m) => `${m.kind}/${m.metadata.namespace}/${m.metadata.name}`);
  return { claimed, rendered };
}

describe('ZeroTrustNamespace objects', () => {
  test('after each addition, what a declaration has claimed is exactly what it renders, each object once', () => {
    let declared = 0;
    fc.assert(fc.property(namespaces, ({ props, later }) => {
      let declaration: ZeroTrustNamespaceDeclaration;
      try {
        declaration = new ZeroTrustNamespaceDeclaration(props, { path: 'prop', defaultName: 'shop' });
      } catch (e) {
        expect(e).toBeInstanceOf(MeshlightValidationError);
        return;
      }
      declared++;
      for (const step of [undefined, ...later]) {
        try {
          if (step !== undefined && 'call' in step) declaration.allow(step.call);
          else if (step !== undefined) declaration.allowEgress(step.list);
        } catch (e) {
          // A refused addition changes nothing, its claims included.
          expect(e).toBeInstanceOf(MeshlightValidationError);
        }
        const { claimed, rendered } = claimedAndRendered(declaration);
        expect(new Set(rendered).size).toBe(rendered.length);
        expect([...claimed].sort()).toEqual([...rendered].sort());
      }
    }), { numRuns: 1000 });
    // Most namespaces are accepted, so that the property is about objects rather than about refusals.
    expect(declared).toBeGreaterThan(500);
  });
});
