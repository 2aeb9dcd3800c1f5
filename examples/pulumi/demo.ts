import { EgressAllowList, GrayscaleService, MeshIngress, RoutingDialect, ZeroTrustNamespace } from '../../lib/pulumi';
import { DEMO_NAMESPACE, demoNamespace, edge, httpbin, myservice1, myservice1Egress, sleepEgress } from '../grayscale-demo';

/**
 * The article's weight and rule grayscale examples in a zero-trust namespace, as Pulumi components: what
 * examples/cdk8s/main.ts synthesises, with the services' and the edge's routing in `dialect` (Istio's by default).
 */
export function grayscaleDemo(dialect?: RoutingDialect) {
  const inDialect = dialect === undefined ? {} : { dialect };
  const namespace = new ZeroTrustNamespace(DEMO_NAMESPACE, demoNamespace);
  const httpbinService = new GrayscaleService('httpbin', { ...httpbin, ...inDialect }, { dependsOn: [namespace] });
  const myservice1Service = new GrayscaleService('myservice1', { ...myservice1, ...inDialect }, { dependsOn: [namespace] });

  const ingress = new MeshIngress('edge', {
    ...edge,
    ...inDialect,
    routes: [
      { service: httpbinService, host: 'httpbin.example.com' },
      { service: myservice1Service, host: 'apps.example.com', path: '/myservice1' },
    ],
  }, { dependsOn: [namespace] });

  // The ingress is admitted for the hosts it routes to each service, with a valid token.
  namespace.allow(ingress, httpbinService);
  namespace.allow(ingress, myservice1Service);
  namespace.allow(myservice1Service, httpbinService, { methods: ['GET'] });
  namespace.allow('sleep', myservice1Service, { ports: [80] });

  new EgressAllowList('sleep-egress', { ...sleepEgress, namespace });
  new EgressAllowList('myservice1-egress', { ...myservice1Egress, namespace, workload: myservice1Service });
  return { namespace, httpbinService, myservice1Service, ingress };
}
