// A Pulumi program as `pulumi new typescript` makes it, using meshlight from its packed tarball.
import { GrayscaleService, MeshIngress, ZeroTrustNamespace } from 'meshlight/pulumi';
import { renderGrayscaleService } from 'meshlight/core';

export const shop = new ZeroTrustNamespace('shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
export const cart = new GrayscaleService('cart', {
  namespace: shop.name,
  versions: [
    { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
    { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
  ],
}, { dependsOn: [shop] });
export const edge = new MeshIngress('edge', {
  namespace: shop.name,
  hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-example-com' }],
  routes: [{ service: cart, host: 'shop.example.com' }],
}, { dependsOn: [shop] });
shop.allow(edge, cart);
shop.allow('sleep', cart, { methods: ['GET'] });

export const objectsInCore = renderGrayscaleService({ versions: [{ version: '1.0', image: 'ghcr.io/example/x:1.0' }] }, { path: 'x', defaultName: 'x' }).manifests.length;
