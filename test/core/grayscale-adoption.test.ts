// What a user gets for an app someone else deploys (issue #19), and for the defaults an ordinary service relies on:
// an existing Service and ServiceAccount are used and not emitted; plain version labels are one split, not three
// paths; "all traffic to v1" needs one weight; `routing: 'none'` leaves the balancing to Kubernetes; a sole version
// gets no subset it does not need.
import {
  GrayscaleServiceProps, Manifest, MeshlightValidationError, renderGrayscaleService, renderZeroTrustNamespace,
} from '../../lib/core/internal';
import { expectProblem, validationErrorOf } from '../support/errors';
import { findObject as find } from '../support/manifests';
import { clusterProblemsOfAll } from '../support/validate';

const IMAGE = 'ghcr.io/example/app:1';

function rendered(props: GrayscaleServiceProps) {
  return renderGrayscaleService({ name: 'reviews', namespace: 'shop', ...props }, { path: 'app/reviews', defaultName: 'reviews' });
}
const render = (props: GrayscaleServiceProps): Manifest[] => [...rendered(props).manifests];
const kinds = (out: readonly Manifest[]) => out.map((m) => `${m.kind}/${m.metadata.name}`);
const errorOf = (props: unknown): MeshlightValidationError =>
  validationErrorOf(() => renderGrayscaleService({ name: 'reviews', namespace: 'shop', ...(props as object) } as GrayscaleServiceProps, { path: 'app/reviews', defaultName: 'reviews' }));
/** Each route's destinations as `subset=weight` (or the host's first label without a subset). */
const split = (out: readonly Manifest[]) => find(out as Manifest[], 'VirtualService').spec.http.map((r: any) =>
  [r.name, r.match === undefined ? '*' : 'matched', r.route?.map((d: any) => `${d.destination.subset ?? d.destination.host.split('.')[0]}=${d.weight ?? 100}`)]);

describe('adopting a Service and ServiceAccount deployed elsewhere', () => {
  const adopted: GrayscaleServiceProps = {
    existing: { service: true, serviceAccount: 'bookinfo-reviews' },
    versions: [{ version: 'v1', weight: 90 }, { version: 'v2', weight: 10 }],
  };

  test('emits neither: only the mesh objects', () => {
    expect(kinds(render(adopted))).toEqual(['DestinationRule/reviews', 'VirtualService/reviews']);
  });

  test('the identity names the real account and the Service\'s selector; the versions\' pods are declared for the app check', () => {
    const r = rendered(adopted);
    expect(r.identity).toMatchObject({ serviceAccount: 'bookinfo-reviews', labels: { app: 'reviews' } });
    expect(r.declaredWorkloads.map((w) => [w.name, w.serviceAccount, w.labels])).toEqual([
      ['reviews-v1', 'bookinfo-reviews', { app: 'reviews', version: 'v1' }],
      ['reviews-v2', 'bookinfo-reviews', { app: 'reviews', version: 'v2' }],
    ]);
  });

  test('a ZeroTrustNamespace admits calls by the real account\'s principal and selects the real pods', () => {
    const reviews = rendered(adopted);
    const ns = renderZeroTrustNamespace({ workloads: [{ name: 'ratings', serviceAccount: 'bookinfo-ratings' }], calls: [{ from: reviews, to: 'ratings' }, { from: 'ratings', to: reviews }] }, { path: 'app/shop', defaultName: 'shop' });
    const policies = ns.manifests.filter((m) => m.kind === 'AuthorizationPolicy' && (m.spec as any).rules !== undefined);
    const toRatings = policies.find((m) => (m.spec as any).selector.matchLabels.app === 'ratings')!;
    const toReviews = policies.find((m) => (m.spec as any).selector.matchLabels.app === 'reviews')!;
    expect(JSON.stringify(toRatings.spec)).toContain('"cluster.local/ns/shop/sa/bookinfo-reviews"');
    expect((toReviews.spec as any).selector.matchLabels).toEqual({ app: 'reviews' });
    const netpol = ns.manifests.filter((m) => m.kind === 'NetworkPolicy').map((m) => JSON.stringify(m.spec));
    expect(netpol.some((text) => text.includes('"podSelector":{"matchLabels":{"app":"reviews"}}'))).toBe(true);
  });

  test('an existing Service\'s own selector is what versions must carry, and what meshlight\'s Deployments, rate limit and telemetry select', () => {
    const out = render({
      existing: { service: { selector: { app: 'reviews', tier: 'backend' } }, serviceAccount: 'bookinfo-reviews' },
      versions: [{ version: 'v1', weight: 90, labels: { app: 'reviews', tier: 'backend', version: 'v1' } }, { version: 'v4', weight: 10, image: IMAGE }],
      rateLimit: { requests: 10, per: '1s' },
      telemetry: { accessLogging: true },
    });
    const deployment = find(out, 'Deployment', 'reviews-v4');
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'reviews', tier: 'backend', version: 'v4' });
    expect(deployment.spec.template.spec.serviceAccountName).toBe('bookinfo-reviews');
    expect(find(out, 'EnvoyFilter').spec.workloadSelector.labels).toEqual({ app: 'reviews', tier: 'backend' });
    expect(find(out, 'Telemetry').spec.selector.matchLabels).toEqual({ app: 'reviews', tier: 'backend' });
    expect(kinds(out)).not.toContain('Service/reviews');
    expect(kinds(out)).not.toContain('ServiceAccount/reviews');
    expectProblem(errorOf({ existing: { service: { selector: { app: 'reviews', tier: 'backend' } } }, versions: [{ version: 'v1', labels: { app: 'reviews', version: 'v1' } }] }),
      'app/reviews', 'versions[0].labels.tier', 'does not equal the Service selector tier=backend');
  });

  test('only the ServiceAccount may exist: the Service is emitted, its pods run as the account', () => {
    const out = render({ existing: { serviceAccount: 'bookinfo-reviews' }, versions: [{ version: 'v1', image: IMAGE }] });
    expect(kinds(out)).toEqual(['Service/reviews', 'Deployment/reviews-v1', 'VirtualService/reviews']);
    expect(find(out, 'Deployment').spec.template.spec.serviceAccountName).toBe('bookinfo-reviews');
  });

  test('a sole new version beside an existing Service keeps its subset: the Service\'s other pods are not that version', () => {
    const out = render({ existing: { service: true }, versions: [{ version: 'v4', image: IMAGE }] });
    expect(find(out, 'DestinationRule').spec.subsets.map((s: any) => s.name)).toEqual(['v4']);
    expect(split(out)).toEqual([['major-4', '*', ['v4=100']]]);
  });

  test('what is emitted is accepted by a cluster', async () => {
    expect(await clusterProblemsOfAll(render({ ...adopted, rules: [{ version: 'v2', match: { headers: { 'end-user': 'jason' } } }] }))).toEqual([]);
  });
});

describe('labels that do not tell a version apart', () => {
  test('labels without the Service\'s selector get that one message, not a second about selecting every pod', () => {
    const error = errorOf({ versions: [{ version: 'v1', weight: 50, labels: { version: 'v1' } }, { version: 'v2', weight: 50, image: IMAGE }] });
    expect(error.problems.map((p) => `${p.field}: ${p.problem}`)).toEqual([
      'versions[0].labels.app: does not equal the Service selector app=reviews, so the Service would not send traffic to these pods',
    ]);
  });

  test('labels equal to the selector, beside another version, are refused once', () => {
    const error = errorOf({ versions: [{ version: 'v1', weight: 50, labels: { app: 'reviews' } }, { version: 'v2', weight: 50, image: IMAGE }] });
    expect(error.problems.map((p) => p.field)).toEqual(['versions[0].labels']);
    expect(error.problems[0].problem).toContain('are the Service\'s selector');
  });

  test('a sole version may be every pod of the Service: no subset then', () => {
    const out = render({ versions: [{ version: 'v1', labels: { app: 'reviews' } }] });
    expect(kinds(out)).toEqual(['ServiceAccount/reviews', 'Service/reviews', 'VirtualService/reviews']);
  });
});

describe('defaults that do not surprise', () => {
  test('plain labels v1, v2, v3 are one split across all versions, on every path', () => {
    const out = render({ versions: [{ version: 'v1', weight: 50, image: IMAGE }, { version: 'v2', weight: 30, image: IMAGE }, { version: 'v3', weight: 20, image: IMAGE }] });
    expect(split(out)).toEqual([['weighted', '*', ['v1=50', 'v2=30', 'v3=20']]]);
  });

  test('weights that add up per major but not together say how to serve each major under its own path', () => {
    const error = errorOf({ versions: [{ version: '1.0', weight: 80, image: IMAGE }, { version: '1.1', weight: 20, image: IMAGE }, { version: '2.0', weight: 100, image: IMAGE }] });
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0].fix).toContain('set grouping: "major" to serve each major version under its own path');
  });

  test('majors or defaultMajor given, or one major only, group by major as before', () => {
    const versions = [{ version: '1.0', weight: 100, image: IMAGE }, { version: '2.0', weight: 100, image: IMAGE }];
    expect(split(render({ versions, majors: { '2': { path: '/api/v2' } } })).map((r: any) => r[0])).toEqual(['major-2', 'major-1', 'no-version']);
    expect(split(render({ versions: [{ version: '1.0', weight: 90, image: IMAGE }, { version: '1.1', weight: 10, image: IMAGE }] }))).toEqual([['major-1', '*', ['v1-0=90', 'v1-1=10']]]);
  });

  test('"all traffic to v1": versions without a weight get 0 when the weights given add up to 100', () => {
    const out = render({ versions: [{ version: 'v1', weight: 100, image: IMAGE }, { version: 'v2', image: IMAGE }, { version: 'v3', image: IMAGE }] });
    expect(split(out)).toEqual([['weighted', '*', ['v1=100']]]);
    expect(find(out, 'DestinationRule').spec.subsets.map((s: any) => s.name)).toEqual(['v1', 'v2', 'v3']);
  });

  describe('routing: "none", balanced by Kubernetes', () => {
    const versions = [{ version: 'v1', image: IMAGE }, { version: 'v2', image: IMAGE }];

    test('emits no subsets and no VirtualService when nothing needs one', () => {
      expect(kinds(render({ routing: 'none', versions }))).toEqual(['ServiceAccount/reviews', 'Service/reviews', 'Deployment/reviews-v1', 'Deployment/reviews-v2']);
    });

    test('timeouts, retries and traffic policies still apply, to the whole Service', () => {
      const out = render({ routing: 'none', versions, timeout: '5s', retries: { attempts: 2 }, circuitBreaker: {} });
      expect(find(out, 'VirtualService').spec.http).toEqual([{
        name: 'all-versions', route: [{ destination: { host: 'reviews.shop.svc.cluster.local', port: { number: 80 } } }], timeout: '5s', retries: { attempts: 2 },
      }]);
      expect(find(out, 'DestinationRule').spec.subsets).toBeUndefined();
      expect(find(out, 'DestinationRule').spec.trafficPolicy.outlierDetection).toBeDefined();
    });

    test.each<[string, Partial<GrayscaleServiceProps>, string]>([
      ['a weight', { versions: [{ version: 'v1', weight: 100, image: IMAGE }, { version: 'v2', image: IMAGE }] }, 'versions[0].weight'],
      ['rules', { rules: [{ version: 'v2', match: { headers: { x: '1' } } }] }, 'rules'],
      ['mirror', { mirror: { version: 'v2' } }, 'mirror'],
      ['sticky versions', { stickyVersions: true }, 'stickyVersions'],
      ['a version header', { versionHeader: 'x-version' }, 'versionHeader'],
      ['grouping', { grouping: 'major' }, 'grouping'],
      ['a version\'s own policy', { versions: [{ version: 'v1', image: IMAGE, circuitBreaker: {} }, { version: 'v2', image: IMAGE }] }, 'versions[0].circuitBreaker'],
    ])('refuses %s, naming the field', (_, extra, field) => {
      const error = errorOf({ routing: 'none', versions, ...extra });
      expect(error.problems.map((p) => p.field)).toEqual([field]);
      expect(error.problems[0].problem).toContain('but routing is "none"');
    });

    test('versionHeader: false is no header, as the default is', () => {
      expect(render({ routing: 'none', versions, versionHeader: false })).toEqual(render({ routing: 'none', versions }));
    });
  });

  describe('a sole version deployed by meshlight gets no subset', () => {
    test('a route to the Service, with the version header; no DestinationRule', () => {
      const out = render({ versions: [{ version: '1.0', image: IMAGE }] });
      expect(kinds(out)).toEqual(['ServiceAccount/reviews', 'Service/reviews', 'Deployment/reviews-v1-0', 'VirtualService/reviews']);
      expect(split(out)).toEqual([['major-1', '*', ['reviews=100']]]);
    });

    test('no VirtualService either when it would only pass requests on', () => {
      expect(kinds(render({ versionHeader: false, versions: [{ version: '1.0', image: IMAGE }] }))).not.toContain('VirtualService/reviews');
    });

    test('its own traffic policy goes on the DestinationRule, completed from the service\'s', () => {
      const out = render({ connectionPool: { maxConnections: 100 }, versions: [{ version: '1.0', image: IMAGE, circuitBreaker: { consecutive5xxErrors: 2 } }] });
      const dr = find(out, 'DestinationRule');
      expect(dr.spec.subsets).toBeUndefined();
      expect(dr.spec.trafficPolicy.connectionPool.tcp.maxConnections).toBe(100);
      expect(dr.spec.trafficPolicy.outlierDetection.consecutive5xxErrors).toBe(2);
    });

    test('rules, faults and context paths still work', async () => {
      const out = render({
        versions: [{ version: '1.0', image: IMAGE }], majors: { '1': { path: '/api', rewrite: '/' } },
        rules: [{ name: 'chaos', version: '1.0', match: { headers: { 'x-chaos': '1' } }, fault: { abort: { status: 503 } } }],
      });
      expect(split(out)).toEqual([['chaos', 'matched', ['reviews=100']], ['major-1', 'matched', ['reviews=100']], ['no-version', '*', undefined]]);
      expect(await clusterProblemsOfAll(out)).toEqual([]);
    });
  });
});
