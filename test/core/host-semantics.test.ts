// The whole-app checks (core) and explain each read Istio's hosts; they must read them alike. One table of cases,
// both readings.
import { hostCovers, qualify } from '../../lib/core/internal';
import { fqdnOf, hostMatches } from '../../lib/explain';

describe('core\'s whole-app checks and explain read hosts alike', () => {
  test.each<[string, string]>([
    ['reviews', 'bookinfo'], ['Reviews', 'bookinfo'], ['reviews.bookinfo', 'x'], ['REVIEWS.bookinfo.svc.cluster.local', 'x'],
    ['*', 'x'], ['*.example.com', 'x'], ['*.Example.COM', 'x'], ['api.example.com', 'x'], ['API.Example.com', 'x'],
  ])('%s in namespace %s qualifies to the same host', (host, namespace) => {
    expect(qualify(host, namespace, 'cluster.local')).toBe(fqdnOf(host, namespace, 'cluster.local'));
  });

  test.each<[string, string, boolean]>([
    ['*', 'a.example.com', true], ['*', '*.example.com', true],
    ['*.example.com', 'a.example.com', true], ['*.example.com', 'a.b.example.com', true], ['*.example.com', '*.b.example.com', true],
    ['*.example.com', 'example.com', false], ['*.example.com', 'aexample.com', false], ['*.example.com', 'a.example.org', false],
    ['*.EXAMPLE.com', 'A.example.COM', true], ['shop.example.com', 'SHOP.example.com', true], ['shop.example.com', 'shop.example.co', false],
    ['a.example.com', '*.example.com', false],
  ])('%s covers %s: %s', (pattern, host, covers) => {
    expect(hostCovers(pattern, host)).toBe(covers);
    expect(hostMatches(pattern, host)).toBe(covers);
  });
});
