import * as fc from 'fast-check';
import { RE2JS } from 're2js';
import { MeshIngressProps, MeshlightValidationError, renderGrayscaleService, renderMeshIngress, StringMatch } from '../../lib/core/internal';
import { anyValue, FUZZ_RUNS } from '../support/fuzz';
import { routeRequest } from '../support/routing';
import { istioValidator } from '../support/validate';

const IMAGE = 'ghcr.io/example/app:1';
const HOSTS = ['a.example.com', 'b.example.com'];

function service(name: string) {
  const rendered = renderGrayscaleService({ name, namespace: 'shop', versions: [{ version: '1.0', weight: 70, image: IMAGE }, { version: '1.1', weight: 30, image: IMAGE }] }, { path: name, defaultName: name });
  return rendered;
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

  test('CORS and CSRF origins that render are accepted by istiod, and with credentials or CSRF admit no other site', () => {
    const origin = fc.constantFrom<string | StringMatch>(
      '*', 'https://app.example.com', 'http://app.example.com:8080', 'https://*.example.com', 'http://*.example.com:8443',
      StringMatch.prefix('https://'), StringMatch.prefix('https://app.example.com'), StringMatch.prefix('https://app.example.com:'),
      StringMatch.regex('.*'), StringMatch.regex('https://.*'), StringMatch.regex('https://[a-z]+\\.example\\.com'),
      StringMatch.regex('https?://(app|admin)\\.example\\.com'), StringMatch.regex('https://a\\.example\\.com|https://b\\.example\\.com'),
    );
    const cors = fc.record({
      allowOrigins: fc.array(origin, { minLength: 1, maxLength: 3 }), allowCredentials: fc.boolean(),
      maxAgeSeconds: fc.constantFrom(undefined, 0, 1, 600, 86400 * 365, 86400 * 365 + 1, 1e30),
    }, { requiredKeys: ['allowOrigins'] });
    const csrf = fc.constantFrom<MeshIngressProps['csrf']>(undefined, true, false, { additionalOrigins: [] }, { additionalOrigins: ['https://*.example.com'] });
    const admits = (m: Record<string, string>, value: string) =>
      m.exact !== undefined ? m.exact === value : m.prefix !== undefined ? value.startsWith(m.prefix) : RE2JS.matches(m.regex ?? m.safe_regex, value);
    fc.assert(fc.property(cors, csrf, (c, x) => {
      const props: MeshIngressProps = { namespace: 'shop', hosts: [{ host: HOSTS[0], tlsSecret: 'cert' }], routes: [{ service: service('web'), host: HOSTS[0] }], cors: c, csrf: x };
      let out;
      try {
        out = renderMeshIngress(props, { path: 'prop', defaultName: 'edge' }).manifests;
      } catch (e) {
        expect(e).toBeInstanceOf(MeshlightValidationError);
        return;
      }
      expect(istioValidator().validateAll(out)).toEqual([]);
      const policy = (out.find((m) => m.kind === 'VirtualService')!.spec as any).http[0].corsPolicy;
      if (c.allowCredentials) expect(policy.allowOrigins.some((m: any) => admits(m, 'https://attacker.invalid') || m.exact === '*')).toBe(false);
      const filter = out.find((m) => m.kind === 'EnvoyFilter') as any;
      const csrfOrigins = (filter?.spec.configPatches[0].patch.value.typed_config.additional_origins ?? [])
        .map((m: any) => (m.safe_regex !== undefined ? { regex: m.safe_regex.regex } : m));
      expect(csrfOrigins.some((m: any) => admits(m, 'attacker.invalid'))).toBe(false);
      // Every origin CORS admits in the example.com family, CSRF admits too when it took the CORS origins.
      if (filter !== undefined && (x === undefined || x === true)) {
        for (const probe of ['https://app.example.com', 'http://app.example.com:8080', 'https://admin.example.com']) {
          if (policy.allowOrigins.some((m: any) => m.exact !== '*' && admits(m, probe))) expect(csrfOrigins.some((m: any) => admits(m, probe.replace(/^https?:\/\//, '')))).toBe(true);
        }
      }
    }), { numRuns: 300 });
  });

  test('with credentials, a regex origin that pins its domain down is accepted, and its usual loosenings are not', () => {
    const label = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
    const domain = fc.tuple(label, label, fc.constantFrom('com', 'org', 'io'));
    const escaped = (labels: readonly string[]) => labels.join('\\.');
    const web = service('web');
    const withOrigin = (regex: string): MeshIngressProps => ({
      namespace: 'shop', hosts: [{ host: HOSTS[0], tlsSecret: 'cert' }], routes: [{ service: web, host: HOSTS[0] }],
      cors: { allowOrigins: [StringMatch.regex(regex)], allowCredentials: true },
    });
    const render = (regex: string) => () => renderMeshIngress(withOrigin(regex), { path: 'prop', defaultName: 'edge' });
    fc.assert(fc.property(domain, fc.nat(1), ([sub, name, tld], dot) => {
      // Exactly the host, or any one label under the domain.
      expect(render(`https://${escaped([sub, name, tld])}`)).not.toThrow();
      expect(render(`https://[a-z0-9-]+\\.${escaped([name, tld])}`)).not.toThrow();
      // Another name run into the domain, another domain after it, or a dot left unescaped.
      expect(render(`https://.*${escaped([name, tld])}`)).toThrow(/admits other sites' origins/);
      expect(render(`https://${escaped([sub, name, tld])}.*`)).toThrow(/admits other sites' origins/);
      const labels = [sub, name, tld];
      const loose = labels.map((l, i) => (i === 0 ? l : `${i === dot + 1 ? '.' : '\\.'}${l}`)).join('');
      expect(render(`https://${loose}`)).toThrow(/admits other sites' origins/);
    }), { numRuns: 300 });
  });

  test('arbitrary input gives output or a MeshlightValidationError, never a crash', () => {
    const anyProps = fc.record({
      hosts: fc.oneof(fc.array(fc.oneof(fc.record({ host: fc.oneof(fc.constantFrom(...HOSTS), anyValue()), tlsSecret: anyValue() }, { requiredKeys: [] }), anyValue()), { maxLength: 3 }), anyValue()),
      routes: fc.oneof(fc.array(fc.oneof(fc.record({ service: fc.oneof(fc.constant(service('x')), anyValue()), host: anyValue(), path: anyValue() }, { requiredKeys: [] }), anyValue()), { maxLength: 3 }), anyValue()),
      cors: fc.oneof(fc.record({ allowOrigins: anyValue(), allowCredentials: anyValue(), allowMethods: anyValue(), maxAgeSeconds: anyValue() }, { requiredKeys: [] }), anyValue()),
      csrf: anyValue(), jwt: anyValue(), externalLogin: anyValue(), name: anyValue(), namespace: anyValue(),
      gateway: anyValue(), allowPlainHttp: anyValue(),
    }, { requiredKeys: [] });
    fc.assert(fc.property(anyProps, (props) => {
      try {
        renderMeshIngress(props as never, { path: 'p', defaultName: 'edge' });
      } catch (e) {
        expect(e).toBeInstanceOf(MeshlightValidationError);
      }
    }), { numRuns: FUZZ_RUNS });
  });
});
