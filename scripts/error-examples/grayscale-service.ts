// Bad-input examples for docs/errors.md (see index.ts): cdk8s code with `chart` and meshlight's exports in scope,
// each declaring exactly one bad prop.
export const examples: readonly string[] = [
  // name
  `
  new GrayscaleService(chart, 'cart', {
    name: 'Cart_Service',
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  `,
  // namespace
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'Shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  `,
  // clusterDomain
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    clusterDomain: 'cluster.local.',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  `,
  // protocol
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    protocol: 'tcp',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  `,
  // grouping
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    grouping: 'minor',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  `,
  // port / containerPort
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    containerPort: 80800,
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  `,
  // versionHeader
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versionHeader: 'X-Cart-Version',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
  });
  `,
  // labels: not a map
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', labels: 'app=cart,version=1.0' }],
  });
  `,
  // labels: bad key
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', labels: { app: 'cart', 'release track': 'stable' } }],
  });
  `,
  // labels: bad value
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', labels: { app: 'cart', version: 1.0 } }],
  });
  `,
  // versions: none
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [],
  });
  `,
  // version: not a label value
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0 beta', image: 'ghcr.io/example/cart:1.0-beta' }],
  });
  `,
  // version: duplicate
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
      { version: '1.0', weight: 0, image: 'ghcr.io/example/cart:1.0' },
    ],
  });
  `,
  // version: same subset name
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
      { version: 'v1.0', weight: 10, image: 'ghcr.io/example/cart:v1.0' },
    ],
  });
  `,
  // version: Deployment name too long
  `
  new GrayscaleService(chart, 'recommendations', {
    namespace: 'shop',
    versions: [{
      version: '2.4.0-rc.1-37-ga1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0',
      image: 'ghcr.io/example/recommendations:2.4.0-rc.1',
    }],
  });
  `,
  // version: no major
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: 'latest', image: 'ghcr.io/example/cart:latest' }],
  });
  `,
  // weight
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0.5, image: 'ghcr.io/example/cart:1.1' },
    ],
  });
  `,
  // replicas
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0', replicas: -1 }],
  });
  `,
  // image: not a reference
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart: 1.0' }],
  });
  `,
  // image: missing with replicas
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', replicas: 3 }],
  });
  `,
  // labels with image
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{
      version: '1.0',
      image: 'ghcr.io/example/cart:1.0',
      labels: { app: 'cart', version: '1.0' },
    }],
  });
  `,
  // env: not a map
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0', env: 'LOG_LEVEL=debug' }],
  });
  `,
  // env: bad variable
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0', env: { CACHE_TTL: 300 } }],
  });
  `,
  // labels.app
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', labels: { app: 'cart-legacy', version: '1.0' } }],
  });
  `,
  // labels: only app
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', labels: { app: 'cart' } }],
  });
  `,
  // majors: not a map
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
      { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
    ],
    majors: [{ path: '/api/v1' }, { path: '/api/v2' }],
  });
  `,
  // majors with grouping "all"
  `
  new GrayscaleService(chart, 'reviews', {
    namespace: 'shop',
    grouping: 'all',
    versions: [
      { version: 'v1', weight: 50, image: 'ghcr.io/example/reviews:v1' },
      { version: 'v2', weight: 50, image: 'ghcr.io/example/reviews:v2' },
    ],
    majors: { '2': { path: '/v2' } },
  });
  `,
  // majors: unknown major
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
      { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
    ],
    majors: { v2: { path: '/api/v2' } },
  });
  `,
  // majors: not a routing object
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
      { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
    ],
    majors: { '2': '/api/v2' },
  });
  `,
  // majors: host
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
      { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
    ],
    majors: { '2': { host: 'https://api-v2.example.com' } },
  });
  `,
  // majors: path
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
      { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
    ],
    majors: { '2': { path: 'api/v2' } },
  });
  `,
  // majors: rewrite not a path
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
      { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
    ],
    majors: { '2': { path: '/api/v2', rewrite: '' } },
  });
  `,
  // majors: rewrite without path
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
      { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
    ],
    majors: { '2': { host: 'api-v2.example.com', rewrite: '/' } },
  });
  `,
  // majors: same scope
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
      { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
    ],
    majors: { '1': { path: '/api' }, '2': { path: '/api/' } },
  });
  `,
  // weight: only version
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' }],
  });
  `,
  // weight: missing
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', image: 'ghcr.io/example/cart:1.1' },
    ],
  });
  `,
  // weights: sum
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 80, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 30, image: 'ghcr.io/example/cart:1.1' },
    ],
  });
  `,
  // weights: sum, every version at 100 in one major
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: 'v1', weight: 100, image: 'ghcr.io/example/cart:v1' },
      { version: 'v1-beta', weight: 100, image: 'ghcr.io/example/cart:v1-beta' },
    ],
  });
  `,
  // defaultMajor
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
      { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
    ],
    defaultMajor: 'v2',
  });
  `,
  // defaultMajor with grouping "all"
  `
  new GrayscaleService(chart, 'reviews', {
    namespace: 'shop',
    grouping: 'all',
    versions: [
      { version: 'v1', weight: 50, image: 'ghcr.io/example/reviews:v1' },
      { version: 'v2', weight: 50, image: 'ghcr.io/example/reviews:v2' },
    ],
    defaultMajor: '1',
  });
  `,
  // stickyVersions
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
    ],
    stickyVersions: 'cart version',
  });
  `,
  // mirror: unknown version
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
    ],
    mirror: { version: '1.2', percent: 20 },
  });
  `,
  // mirror: version with weight
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
    ],
    mirror: { version: '1.1', percent: 20 },
  });
  `,
  // rules: not a list
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: { version: '1.1', match: { headers: { gray: '1' } } },
  });
  `,
  // rules: unknown version
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    rules: [{ version: '1.1', match: { headers: { gray: '1' } } }],
  });
  `,
  // rules: name used twice
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [
      { name: 'testers', version: '1.1', match: { headers: { gray: '1' } } },
      { name: 'testers', version: '1.1', match: { from: { namespace: 'qa' } } },
    ],
  });
  `,
  // rules: name not a label
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ name: 'Beta Testers', version: '1.1', match: { headers: { gray: '1' } } }],
  });
  `,
  // rules: both match and anyOf
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: { headers: { gray: '1' } }, anyOf: [{ query: { debug: 'true' } }] }],
  });
  `,
  // rules: empty anyOf
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', anyOf: [] }],
  });
  `,
  // rules: shadowed
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      { version: '1.2', weight: 0, image: 'ghcr.io/example/cart:1.2' },
    ],
    rules: [
      { version: '1.1', match: { headers: { 'x-group': StringMatch.prefix('beta') } } },
      { version: '1.2', match: { headers: { 'x-group': 'beta-testers' } } },
    ],
  });
  `,
  // match: not an object
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', anyOf: [{ headers: { gray: '1' } }, 'debug=true'] }],
  });
  `,
  // headers: not lower case
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: { headers: { 'X-Gray': '1' } } }],
  });
  `,
  // headers: empty name
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: { headers: { '': '1' } } }],
  });
  `,
  // headers: cookie
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: { headers: { cookie: 'canary=yes' } } }],
  });
  `,
  // query: empty name
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: { query: { '': 'debug' } } }],
  });
  `,
  // cookies: more than one
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: { cookies: { canary: 'yes', beta: '1' } } }],
  });
  `,
  // cookies: bad name
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: { cookies: { 'canary user': 'yes' } } }],
  });
  `,
  // from: not an object
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: { from: 'qa' } }],
  });
  `,
  // from.namespace
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: { from: { namespace: 'QA' } } }],
  });
  `,
  // match: no conditions
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: {} }],
  });
  `,
  // headers: not a map
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: { headers: 'gray: 1' } }],
  });
  `,
  // header value: not a string or StringMatch
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: { headers: { 'x-group': { prefix: 'beta' } } } }],
  });
  `,
  // regex RE2 rejects
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: { headers: { 'user-agent': StringMatch.regex('^(?!.*bot).*$') } } }],
  });
  `,
  // empty match
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: { headers: { 'x-group': StringMatch.prefix('') } } }],
  });
  `,
  // props: not an object
  `
  new GrayscaleService(chart, 'cart', ['1.0', '1.1']);
  `,
  // versions[i]: not an object
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: ['1.0'],
  });
  `,
  // versions[i].version: missing
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [{ image: 'ghcr.io/example/cart:1.0' }],
  });
  `,
  // labels: two versions that may select the same pods
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, labels: { app: 'cart', track: 'stable' } },
      { version: '1.1', weight: 0, labels: { app: 'cart', track: 'stable' } },
    ],
  });
  `,
  // defaultMajor: not a string
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
      { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
    ],
    defaultMajor: 2,
  });
  `,
  // defaultMajor: with grouping "all"
  `
  new GrayscaleService(chart, 'reviews', {
    namespace: 'shop',
    grouping: 'all',
    versions: [
      { version: 'v1', weight: 50, image: 'ghcr.io/example/reviews:v1' },
      { version: 'v2', weight: 50, image: 'ghcr.io/example/reviews:v2' },
    ],
    defaultMajor: '1',
  });
  `,
  // defaultMajor: never used beside a major on every path
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
      { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
    ],
    majors: { '1': { path: '/' } },
    defaultMajor: '2',
  });
  `,
  // mirror.version: missing
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    mirror: { percent: 10 },
  });
  `,
  // rules[i]: not an object
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: ['gray=1'],
  });
  `,
  // rules[i].version: missing
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ match: { headers: { gray: '1' } } }],
  });
  `,
  // query: a name that cannot appear unencoded
  `
  new GrayscaleService(chart, 'cart', {
    namespace: 'shop',
    versions: [
      { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
      { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
    ],
    rules: [{ version: '1.1', match: { query: { 'debug mode': 'on' } } }],
  });
  `,
];
