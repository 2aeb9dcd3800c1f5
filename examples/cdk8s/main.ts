import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { EgressAllowList, GrayscaleService, MeshIngress, RoutingDialect, ZeroTrustNamespace } from '../../lib/cdk8s';
import { synthDataworksFleet } from '../fleet/main';
import { synthSpecExamples } from '../spec/main';
import { DEMO_NAMESPACE, demoNamespace, edge, httpbin, myservice1, myservice1Egress, sleepEgress } from '../grayscale-demo';

/**
 * The article's weight and rule grayscale examples in a zero-trust namespace, as one chart; the services' and the
 * edge's routing in `dialect` (Istio's VirtualService and Gateway by default, or the Gateway API's HTTPRoute and
 * Gateway, whose pods Istio deploys in istio-ingress).
 */
export class GrayscaleDemoChart extends Chart {
  public constructor(scope: Construct, id: string, dialect?: RoutingDialect) {
    super(scope, id);
    const inDialect = dialect === undefined ? {} : { dialect };
    const namespace = new ZeroTrustNamespace(this, DEMO_NAMESPACE, demoNamespace);
    const httpbinService = new GrayscaleService(this, 'httpbin', { ...httpbin, ...inDialect });
    const myservice1Service = new GrayscaleService(this, 'myservice1', { ...myservice1, ...inDialect });

    const ingress = new MeshIngress(this, 'edge', {
      ...edge,
      ...inDialect,
      routes: [
        { service: httpbinService, host: 'httpbin.example.com' },
        { service: myservice1Service, host: 'apps.example.com', path: '/myservice1' },
      ],
    });

    // The ingress is admitted for the hosts it routes to each service, with a valid token.
    namespace.allow(ingress, httpbinService);
    namespace.allow(ingress, myservice1Service);
    namespace.allow(myservice1Service, httpbinService, { methods: ['GET'] });
    namespace.allow('sleep', myservice1Service, { ports: [80] });

    new EgressAllowList(this, 'sleep-egress', { ...sleepEgress, namespace });
    new EgressAllowList(this, 'myservice1-egress', { ...myservice1Egress, namespace, workload: myservice1Service });
  }
}

if (require.main === module) {
  const app = new App();
  new GrayscaleDemoChart(app, 'grayscale-demo');
  app.synth();
  // The article's regions as a fleet: dist/fleet/<cluster> and dist/fleet/argocd, and each wave in dist/fleet-waves.
  synthDataworksFleet(app.outdir);
  // The same demo and fleet from their YAML specs (examples/spec), as `meshlight synth` writes them: dist/spec.
  synthSpecExamples(path.join(app.outdir, 'spec'));
  // The demo with its services' routing in the Gateway API (HTTPRoute) instead of Istio's: dist/gateway-api.
  const gatewayApi = new App({ outdir: path.join(app.outdir, 'gateway-api') });
  new GrayscaleDemoChart(gatewayApi, 'grayscale-demo', 'gateway-api');
  gatewayApi.synth();
}
