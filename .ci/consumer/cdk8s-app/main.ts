// A cdk8s app as `cdk8s init typescript-app` makes it, using meshlight from its packed tarball.
import { Construct } from 'constructs';
import { App, Chart, ChartProps } from 'cdk8s';
import { EgressAllowList, GrayscaleService, MeshIngress, StringMatch, ZeroTrustNamespace } from 'meshlight';
import { renderGrayscaleService } from 'meshlight/core';
import { explainMesh } from 'meshlight/explain';
import { IstioValidator } from 'meshlight/validation';

export class ShopChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = { }) {
    super(scope, id, props);
    const shop = new ZeroTrustNamespace(this, 'shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
    const cart = new GrayscaleService(this, 'cart', {
      namespace: shop.name,
      versions: [
        { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { 'x-group': StringMatch.prefix('beta') } } }],
    });
    const edge = new MeshIngress(this, 'edge', {
      namespace: shop.name,
      hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-example-com' }],
      routes: [{ service: cart, host: 'shop.example.com' }],
    });
    shop.allow(edge, cart);
    shop.allow('sleep', cart, { methods: ['GET'] });
    new EgressAllowList(this, 'sleep-egress', { namespace: shop, workload: 'sleep', hosts: ['api.example.com'] });
  }
}

const app = new App();
new ShopChart(app, 'shop');
app.synth();

// The other entry points load and type-check too.
const plain = renderGrayscaleService({ namespace: 'plain', versions: [{ version: '1.0', image: 'ghcr.io/example/x:1.0' }] }, { path: 'plain', defaultName: 'x' });
if (plain.manifests.length === 0 || typeof explainMesh !== 'function' || typeof IstioValidator !== 'function') {
  throw new Error('meshlight/core, meshlight/explain or meshlight/validation did not load');
}
