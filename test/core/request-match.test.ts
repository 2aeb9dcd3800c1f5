import fc from 'fast-check';
import {
  Condition, MatchPlan, matchCovers, renderGrayscaleService, renderMeshIngress, shadows, StringMatch, StringMatchKind, StringMatchLike,
} from '../../lib/core/internal';

const header = (key: string, match: StringMatch): Condition => ({ on: 'header', key, match });
const query = (key: string, match: StringMatch): Condition => ({ on: 'query', key, match });
const { exact, prefix, regex } = StringMatch;

describe('a match covers another when every request satisfying the other satisfies it', () => {
  test.each<[string, MatchPlan, MatchPlan, boolean]>([
    ['no conditions cover every match', [], [header('gray', exact('1'))], true],
    ['the same condition', [header('gray', exact('1'))], [header('gray', exact('1'))], true],
    ['fewer conditions cover more', [header('gray', exact('1'))], [header('gray', exact('1')), query('debug', exact('true'))], true],
    ['more conditions do not cover fewer', [header('gray', exact('1')), query('debug', exact('true'))], [header('gray', exact('1'))], false],
    ['a prefix covers an exact value it starts', [header('user', prefix('be'))], [header('user', exact('beta'))], true],
    ['a prefix covers a longer prefix', [header('user', prefix('be'))], [header('user', prefix('beta'))], true],
    ['an exact value does not cover a prefix', [header('user', exact('beta'))], [header('user', prefix('be'))], false],
    ['a prefix does not cover a regex, whatever it matches', [header('user', prefix('be'))], [header('user', regex('beta'))], false],
    ['a regex covers only the same regex', [header('user', regex('be.*'))], [header('user', regex('be.*'))], true],
    ['another header is not covered', [header('gray', exact('1'))], [header('grey', exact('1'))], false],
    ['a query parameter is not covered by a header of the same name', [header('gray', exact('1'))], [query('gray', exact('1'))], false],
  ])('%s', (_, general, specific, covers) => {
    expect(matchCovers(general, specific)).toBe(covers);
  });
});

describe('an earlier rule shadows a later one when it covers every one of the later rule\'s matches', () => {
  const a = [header('gray', exact('1'))];
  const b = [query('debug', exact('true'))];
  const c = [header('user', exact('tester'))];

  test.each<[string, MatchPlan[], MatchPlan[], boolean]>([
    ['one match covering the other', [a], [[...a, ...c]], true],
    ['any of the earlier matches covers each later one', [a, b], [[...b, ...c], a], true],
    ['one later match not covered', [a, b], [a, c], false],
  ])('%s', (_, earlier, later, shadowed) => {
    expect(shadows({ matches: earlier }, { matches: later })).toBe(shadowed);
  });
});

describe('string matches as plain data, as YAML gives them', () => {
  const render = (match: StringMatchLike, origin: StringMatchLike) => {
    const cart = renderGrayscaleService({
      namespace: 'shop',
      versions: [{ version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' }, { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' }],
      workload: { readinessProbe: { http: { path: '/healthz' } } },
      rules: [{ version: '1.1', match: { headers: { 'x-group': match }, query: { q: match }, cookies: { c: match } } }],
    }, { path: 'app/cart', defaultName: 'cart' });
    const edge = renderMeshIngress({
      namespace: 'shop', hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }], routes: [{ service: cart, host: 'shop.example.com' }], cors: { allowOrigins: [origin] },
    }, { path: 'app/edge', defaultName: 'edge' });
    return [...cart.manifests, ...edge.manifests];
  };

  test('property: { exact | prefix | regex: value } gives the objects StringMatch of that kind gives', () => {
    fc.assert(fc.property(fc.constantFrom('exact', 'prefix', 'regex'), fc.stringMatching(/^[a-z0-9]{1,12}$/), (kind, value) => {
      const origin = kind === 'regex' ? 'https://[a-z]+\\.example\\.com' : 'https://app.example.com';
      const classes = render(StringMatch[kind as StringMatchKind](value), StringMatch[kind as StringMatchKind](origin));
      expect(render({ [kind]: value } as StringMatchLike, { [kind]: origin } as StringMatchLike)).toEqual(classes);
    }), { numRuns: 50 });
  });

  test.each<[string, unknown]>([
    ['an object of two kinds', { exact: 'beta', prefix: 'be' }],
    ['a kind Istio does not have', { startsWith: 'beta' }],
    ['a kind whose value is not a string', { prefix: 1 }],
  ])('refused: %s', (_, match) => {
    expect(() => render(match as StringMatchLike, 'https://app.example.com')).toThrow(/rules\[0\]\.match\.headers\.x-group = .*is not a string or StringMatch/);
  });
});
