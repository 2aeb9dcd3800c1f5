import { EgressAllowList, GrayscaleService, MeshIngress, ZeroTrustNamespace } from '../../lib/pulumi';
import { DEMO_NAMESPACE, demoNamespace, edge, httpbin, myservice1, myservice1Egress, sleepEgress } from '../grayscale-demo';

export const namespace = new ZeroTrustNamespace(DEMO_NAMESPACE, demoNamespace);
export const httpbinService = new GrayscaleService('httpbin', httpbin, { dependsOn: [namespace] });
export const myservice1Service = new GrayscaleService('myservice1', myservice1, { dependsOn: [namespace] });

export const ingress = new MeshIngress('edge', {
  ...edge,
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

export const hosts = [httpbinService.host, myservice1Service.host];
