import * as fc from 'fast-check';
import { httpRoutesOf, MeshIngressProps, MeshlightValidationError, renderGrayscaleService, renderMeshIngress } from '../../lib/core';
import { routeRequest } from '../support/routing';
import { istioValidator } from '../support/validate';

const IMAGE = 'ghcr.io/example/app:1';
const HOSTS = ['a.example.com', 'b.example.com'];

function service(name: string) {
  const rendered = renderGrayscaleService({ name, namespace: 'shop', versions: [{ version: '1.0', weight: 70, image: IMAGE }, { version: '1.1', weight: 30, image: IMAGE }] }, { path: name, defaultName: name });
  return { identity: rendered.identity, httpRoutes: httpRoutesOf(rendered.manifests, rendered.name) };
}

/** Up to four services, each bound to a host and a distinct path (or the whole host). */
const bindings = fc.uniqueArray(
  fc.record({ host: fc.constantFrom(...HOSTS), path: fc.constantFrom('/', '/api', '/api/v2', '/shop', '/a-b_c') }),
  { minLength: 1, maxLength: 4, selector: (b) => `${b.host}${b.path}` },
);

describe('MeshIngress properties', () => {
  test('any bindings validate, and a request under a service\'s path reaches that service, with the path stripped', () => {
    fc.assert(fc.property(bindings, (list) => {
      const routes = list.map((b, i) => ({ service: service(`svc${i}`), host: b.host, path: b.path }));
      const props: MeshIngressProps = { namespace: 'shop', hosts: HOSTS.map((host) => ({ host, tlsSecret: 'cert' })), routes };
      const out = renderMeshIngress(props, { path: 'prop', defaultName: 'edge' }).manifests;
      expect(istioValidator().validateAll(out)).toEqual([]);
      routes.forEach((r, i) => {
        // The most specific binding for this path is this one, unless a longer path on the same host also covers it.
        const vs = out.find((m) => m.kind === 'VirtualService' && (m.spec as any).hosts[0] === r.host)!;
        const prefix = r.path === '/' ? '' : r.path;
        const shadowedBy = routes.some((o) => o !== r && o.host === r.host && o.path.length > r.path.length && `${prefix}/x-${i}`.startsWith(`${o.path === '/' ? '' : o.path}/`));
        const routed = routeRequest(vs, { path: `${prefix}/x-${i}` })!;
        if (!shadowedBy) {
          expect(Object.keys(routed.subsets).every((s) => ['v1-0', 'v1-1'].includes(s))).toBe(true);
          expect(routed.route?.startsWith(`svc${i}-`)).toBe(true);
          expect(routed.path).toBe(`/x-${i}`);
        }
      });
    }), { numRuns: 500 });
  });

  test('arbitrary input gives output or a MeshlightValidationError, never a crash', () => {
    const anyProps = fc.record({
      hosts: fc.oneof(fc.array(fc.oneof(fc.record({ host: fc.oneof(fc.constantFrom(...HOSTS), fc.anything()), tlsSecret: fc.anything() }, { requiredKeys: [] }), fc.anything()), { maxLength: 3 }), fc.anything()),
      routes: fc.oneof(fc.array(fc.oneof(fc.record({ service: fc.oneof(fc.constant(service('x')), fc.anything()), host: fc.anything(), path: fc.anything() }, { requiredKeys: [] }), fc.anything()), { maxLength: 3 }), fc.anything()),
      cors: fc.oneof(fc.record({ allowOrigins: fc.anything(), allowCredentials: fc.anything(), allowMethods: fc.anything(), maxAgeSeconds: fc.anything() }, { requiredKeys: [] }), fc.anything()),
      csrf: fc.anything(), jwt: fc.anything(), externalLogin: fc.anything(), name: fc.anything(), namespace: fc.anything(),
      gateway: fc.anything(), allowPlainHttp: fc.anything(),
    }, { requiredKeys: [] });
    fc.assert(fc.property(anyProps, (props) => {
      try {
        renderMeshIngress(props as never, { path: 'p', defaultName: 'edge' });
      } catch (e) {
        expect(e).toBeInstanceOf(MeshlightValidationError);
      }
    }), { numRuns: 1000 });
  });
});
