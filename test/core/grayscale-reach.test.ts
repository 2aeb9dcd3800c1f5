// Where a GrayscaleService's requests land, judged by the pods they reach rather than by the YAML: meshlight explain
// (an independent reader of Istio's semantics) follows each request through the VirtualService's match and weights,
// the DestinationRule's subsets and their labels, to the Deployments whose pods carry them; the test then reads the
// image those pods run.
import * as fc from 'fast-check';
import { GrayscaleServiceProps, Manifest, renderGrayscaleService, StringMatch } from '../../lib/core/internal';
import { buildMesh, checkRequest, manifestsFromObjects } from '../../lib/explain';

const imageOf = (version: string) => `ghcr.io/example/shop:${version}`;

function render(props: GrayscaleServiceProps): Manifest[] {
  return [...renderGrayscaleService({ name: 'svc', namespace: 'shop', ...props }, { path: 'app/svc', defaultName: 'svc' }).manifests];
}

/** A request from a pod of the namespace to the service. */
interface Sent {
  readonly path?: string;
  readonly headers?: Record<string, string>;
}

/**
 * The share of `request` that each image serves, in percent: explain's destinations (route weight, subset, the pods
 * the subset's labels select) mapped to the images of those pods' Deployments.
 */
function servedBy(manifests: readonly Manifest[], request: Sent = {}): Record<string, number> {
  const tester = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'tester', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'tester' } }, spec: { containers: [{ name: 't', image: 'curl' }] } } } };
  const mesh = buildMesh(manifestsFromObjects([...manifests, tester], 'synth'));
  const result = checkRequest(mesh, { from: 'shop/tester', to: 'svc', ...request });
  expect(result.outcome).toBe('routed');
  const shares: Record<string, number> = {};
  for (const d of result.destinations) {
    expect(d.workloads.length).toBeGreaterThan(0);
    for (const w of d.workloads) {
      const [namespace, name] = w.workload.split('/');
      const deployment: any = manifests.find((m) => m.kind === 'Deployment' && m.metadata.namespace === namespace && m.metadata.name === name);
      const image = deployment.spec.template.spec.containers[0].image;
      // Several workloads behind one destination would share its percent; meshlight gives each version one.
      expect(d.workloads).toHaveLength(1);
      shares[image] = (shares[image] ?? 0) + (d.percent ?? 0);
    }
  }
  return shares;
}

describe('the pods of each version receive that version\'s weight', () => {
  test.each<[string, [string, number][]]>([
    ['a 90/10 canary', [['1.0', 90], ['1.1', 10]]],
    ['a 10/90 canary, listed the other way round', [['1.1', 90], ['1.0', 10]]],
    ['three versions', [['1.0', 70], ['1.1', 20], ['1.2', 10]]],
  ])('%s', (_, weights) => {
    const out = render({ versions: weights.map(([version, weight]) => ({ version, weight, image: imageOf(version) })) });
    expect(servedBy(out)).toEqual(Object.fromEntries(weights.map(([v, w]) => [imageOf(v), w])));
  });

  test('for any weights of up to four versions of one major', () => {
    const split = fc.integer({ min: 2, max: 4 }).chain((n) => fc.array(fc.integer({ min: 1, max: 97 }), { minLength: n - 1, maxLength: n - 1 })
      .filter((ws) => ws.reduce((a, b) => a + b, 0) < 100)
      .map((ws) => [...ws, 100 - ws.reduce((a, b) => a + b, 0)]));
    fc.assert(fc.property(split, (weights) => {
      const versions = weights.map((weight, i) => ({ version: `1.${i}`, weight, image: imageOf(`1.${i}`) }));
      const expected: Record<string, number> = {};
      versions.forEach((v) => { expected[v.image] = (expected[v.image] ?? 0) + v.weight; });
      expect(servedBy(render({ versions }))).toEqual(expected);
    }), { numRuns: 100 });
  });

  test('each major\'s path reaches only that major\'s pods, by their weights', () => {
    const out = render({ grouping: 'major', versions: [
      { version: '1.0', weight: 80, image: imageOf('1.0') }, { version: '1.1', weight: 20, image: imageOf('1.1') },
      { version: '2.0', weight: 100, image: imageOf('2.0') },
    ] });
    expect(servedBy(out, { path: '/v1/items' })).toEqual({ [imageOf('1.0')]: 80, [imageOf('1.1')]: 20 });
    expect(servedBy(out, { path: '/v2/items' })).toEqual({ [imageOf('2.0')]: 100 });
  });
});

describe('a rule sends the requests its match accepts to its version\'s pods, and no others', () => {
  const versions = [{ version: '1.0', weight: 100, image: imageOf('1.0') }, { version: '1.1', weight: 0, image: imageOf('1.1') }];
  const ruled = (match: GrayscaleServiceProps['rules']) => render({ versions, rules: match });
  const canary = { [imageOf('1.1')]: 100 };
  const stable = { [imageOf('1.0')]: 100 };

  test.each<[string, Sent, Record<string, number>]>([
    ['x-a: foo-bar starts with foo', { headers: { 'x-a': 'foo-bar' } }, canary],
    ['x-a: foo is foo itself', { headers: { 'x-a': 'foo' } }, canary],
    ['x-a: xfoo does not start with foo', { headers: { 'x-a': 'xfoo' } }, stable],
    ['x-a: Foo-bar differs in case', { headers: { 'x-a': 'Foo-bar' } }, stable],
    ['x-b: foo-bar is another header', { headers: { 'x-b': 'foo-bar' } }, stable],
    ['no header', {}, stable],
  ])('a header prefix "foo": %s', (_, request, expected) => {
    expect(servedBy(ruled([{ version: '1.1', match: { headers: { 'x-a': StringMatch.prefix('foo') } } }]), request)).toEqual(expected);
  });

  test.each<[string, Sent, Record<string, number>]>([
    ['x-a: foo', { headers: { 'x-a': 'foo' } }, canary],
    ['x-a: foo-bar', { headers: { 'x-a': 'foo-bar' } }, stable],
  ])('an exact header "foo": %s', (_, request, expected) => {
    expect(servedBy(ruled([{ version: '1.1', match: { headers: { 'x-a': 'foo' } } }]), request)).toEqual(expected);
  });

  test.each<[string, Sent, Record<string, number>]>([
    ['?q=foo-bar', { path: '/?q=foo-bar' }, canary],
    ['?q=xfoo', { path: '/?q=xfoo' }, stable],
  ])('a query prefix "foo": %s', (_, request, expected) => {
    expect(servedBy(ruled([{ version: '1.1', match: { query: { q: StringMatch.prefix('foo') } } }]), request)).toEqual(expected);
  });

  test.each<[string, Sent, Record<string, number>]>([
    ['user=beta-7 among other cookies', { headers: { cookie: 'a=1; user=beta-7; b=2' } }, canary],
    ['user=xbeta', { headers: { cookie: 'user=xbeta' } }, stable],
    ['xuser=beta', { headers: { cookie: 'xuser=beta' } }, stable],
  ])('a cookie prefix "beta": %s', (_, request, expected) => {
    expect(servedBy(ruled([{ version: '1.1', match: { cookies: { user: StringMatch.prefix('beta') } } }]), request)).toEqual(expected);
  });
});
