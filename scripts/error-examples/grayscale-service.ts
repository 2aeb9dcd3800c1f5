// Bad-input examples for docs/errors.md (see index.ts): each declares exactly one bad prop in the chart it is given.
import { GrayscaleService, StringMatch } from '../../lib/cdk8s';
import { examplesIn } from './example';

export const examples = examplesIn(__filename, [
  // name
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      name: 'Cart_Service',
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  // namespace
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'Shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  // clusterDomain
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      clusterDomain: 'cluster.local.',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  // protocol
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      protocol: 'tcp',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  // grouping
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      grouping: 'minor',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  // port / containerPort
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      containerPort: 80800,
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  // versionHeader
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versionHeader: 'X-Cart-Version',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  // labels: not a map
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      versions: [{ version: '1.0', labels: 'app=cart,version=1.0' }],
    });
  },
  // labels: bad key
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', labels: { app: 'cart', 'release track': 'stable' } }],
    });
  },
  // labels: bad value
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      versions: [{ version: '1.0', labels: { app: 'cart', version: 1.0 } }],
    });
  },
  // versions: none
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [],
    });
  },
  // version: not a label value
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0 beta', image: 'ghcr.io/example/cart:1.0-beta' }],
    });
  },
  // version: duplicate
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
        { version: '1.0', weight: 0, image: 'ghcr.io/example/cart:1.0' },
      ],
    });
  },
  // version: same subset name
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
        { version: 'v1.0', weight: 10, image: 'ghcr.io/example/cart:v1.0' },
      ],
    });
  },
  // version: Deployment name too long
  (chart) => {
    new GrayscaleService(chart, 'recommendations', {
      namespace: 'shop',
      versions: [{
        version: '2.4.0-rc.1-37-ga1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0',
        image: 'ghcr.io/example/recommendations:2.4.0-rc.1',
      }],
    });
  },
  // version: no major
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      grouping: 'major',
      versions: [{ version: 'latest', image: 'ghcr.io/example/cart:latest' }],
    });
  },
  // weight
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0.5, image: 'ghcr.io/example/cart:1.1' },
      ],
    });
  },
  // replicas
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0', replicas: -1 }],
    });
  },
  // image: not a reference
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart: 1.0' }],
    });
  },
  // image: missing with replicas
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', replicas: 3 }],
    });
  },
  // labels with image
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{
        version: '1.0',
        image: 'ghcr.io/example/cart:1.0',
        labels: { app: 'cart', version: '1.0' },
      }],
    });
  },
  // env: not a map
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0', env: 'LOG_LEVEL=debug' }],
    });
  },
  // env: bad variable
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0', env: { CACHE_TTL: 300 } }],
    });
  },
  // labels.app
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', labels: { app: 'cart-legacy', version: '1.0' } }],
    });
  },
  // labels: only the Service's selector, beside another version
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 90, labels: { app: 'cart' } },
        { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
      ],
    });
  },
  // majors: not a map
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
        { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
      ],
      // @ts-expect-error
      majors: [{ path: '/api/v1' }, { path: '/api/v2' }],
    });
  },
  // majors with grouping "all"
  (chart) => {
    new GrayscaleService(chart, 'reviews', {
      namespace: 'shop',
      grouping: 'all',
      versions: [
        { version: 'v1', weight: 50, image: 'ghcr.io/example/reviews:v1' },
        { version: 'v2', weight: 50, image: 'ghcr.io/example/reviews:v2' },
      ],
      majors: { '2': { path: '/v2' } },
    });
  },
  // majors: unknown major
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
        { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
      ],
      majors: { v2: { path: '/api/v2' } },
    });
  },
  // majors: not a routing object
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
        { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
      ],
      // @ts-expect-error
      majors: { '2': '/api/v2' },
    });
  },
  // majors: host
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
        { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
      ],
      majors: { '2': { host: 'https://api-v2.example.com' } },
    });
  },
  // majors: path
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
        { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
      ],
      majors: { '2': { path: 'api/v2' } },
    });
  },
  // majors: rewrite not a path
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
        { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
      ],
      majors: { '2': { path: '/api/v2', rewrite: '' } },
    });
  },
  // majors: rewrite without path
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
        { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
      ],
      majors: { '2': { host: 'api-v2.example.com', rewrite: '/' } },
    });
  },
  // majors: same scope
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
        { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
      ],
      majors: { '1': { path: '/api' }, '2': { path: '/api/' } },
    });
  },
  // weight: only version
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  // weight: missing
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', image: 'ghcr.io/example/cart:1.1' },
      ],
    });
  },
  // routing
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      routing: 'kubernetes',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  // routing: none, with a weight
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      routing: 'none',
      versions: [
        { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', image: 'ghcr.io/example/cart:1.1' },
      ],
    });
  },
  // existing.service: neither true nor a selector
  (chart) => {
    new GrayscaleService(chart, 'reviews', {
      namespace: 'bookinfo',
      // @ts-expect-error
      existing: { service: 'reviews' },
      versions: [{ version: 'v1' }],
    });
  },
  // existing.service.selector: missing
  (chart) => {
    new GrayscaleService(chart, 'reviews', {
      namespace: 'bookinfo',
      // @ts-expect-error
      existing: { service: {} },
      versions: [{ version: 'v1' }],
    });
  },
  // existing.service.selector: empty
  (chart) => {
    new GrayscaleService(chart, 'reviews', {
      namespace: 'bookinfo',
      existing: { service: { selector: {} } },
      versions: [{ version: 'v1' }],
    });
  },
  // existing.service.selector: one version's
  (chart) => {
    new GrayscaleService(chart, 'reviews', {
      namespace: 'bookinfo',
      existing: { service: { selector: { app: 'reviews', version: 'v1' } } },
      versions: [{ version: 'v1' }],
    });
  },
  // existing.serviceAccount
  (chart) => {
    new GrayscaleService(chart, 'reviews', {
      namespace: 'bookinfo',
      existing: { service: true, serviceAccount: 'Bookinfo Reviews' },
      versions: [{ version: 'v1' }],
    });
  },
  // weights: sum
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 80, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 30, image: 'ghcr.io/example/cart:1.1' },
      ],
    });
  },
  // weights: sum, every version at 100 in one major
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: 'v1', weight: 100, image: 'ghcr.io/example/cart:v1' },
        { version: 'v1-beta', weight: 100, image: 'ghcr.io/example/cart:v1-beta' },
      ],
    });
  },
  // defaultMajor
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
        { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
      ],
      defaultMajor: 'v2',
    });
  },
  // defaultMajor with grouping "all"
  (chart) => {
    new GrayscaleService(chart, 'reviews', {
      namespace: 'shop',
      grouping: 'all',
      versions: [
        { version: 'v1', weight: 50, image: 'ghcr.io/example/reviews:v1' },
        { version: 'v2', weight: 50, image: 'ghcr.io/example/reviews:v2' },
      ],
      defaultMajor: '1',
    });
  },
  // stickyVersions
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
      ],
      stickyVersions: 'cart version',
    });
  },
  // mirror: unknown version
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
      ],
      mirror: { version: '1.2', percent: 20 },
    });
  },
  // mirror: version with weight
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 90, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 10, image: 'ghcr.io/example/cart:1.1' },
      ],
      mirror: { version: '1.1', percent: 20 },
    });
  },
  // rules: not a list
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      // @ts-expect-error
      rules: { version: '1.1', match: { headers: { gray: '1' } } },
    });
  },
  // rules: unknown version
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
      rules: [{ version: '1.1', match: { headers: { gray: '1' } } }],
    });
  },
  // rules: name used twice
  (chart) => {
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
  },
  // rules: name not a label
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ name: 'Beta Testers', version: '1.1', match: { headers: { gray: '1' } } }],
    });
  },
  // rules: both match and anyOf
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { gray: '1' } }, anyOf: [{ query: { debug: 'true' } }] }],
    });
  },
  // rules: empty anyOf
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', anyOf: [] }],
    });
  },
  // rules: shadowed
  (chart) => {
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
  },
  // match: not an object
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      // @ts-expect-error
      rules: [{ version: '1.1', anyOf: [{ headers: { gray: '1' } }, 'debug=true'] }],
    });
  },
  // headers: not lower case
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { 'X-Gray': '1' } } }],
    });
  },
  // headers: a space
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { 'x gray': '1' } } }],
    });
  },
  // headers: empty name
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { '': '1' } } }],
    });
  },
  // headers: cookie
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { cookie: 'canary=yes' } } }],
    });
  },
  // query: empty name
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { query: { '': 'debug' } } }],
    });
  },
  // cookies: more than one
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { cookies: { canary: 'yes', beta: '1' } } }],
    });
  },
  // cookies: bad name
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { cookies: { 'canary user': 'yes' } } }],
    });
  },
  // from: not an object
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      // @ts-expect-error
      rules: [{ version: '1.1', match: { from: 'qa' } }],
    });
  },
  // from.namespace
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { from: { namespace: 'QA' } } }],
    });
  },
  // match: no conditions
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: {} }],
    });
  },
  // headers: not a map
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      // @ts-expect-error
      rules: [{ version: '1.1', match: { headers: 'gray: 1' } }],
    });
  },
  // header value: not a string or StringMatch
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      // @ts-expect-error
      rules: [{ version: '1.1', match: { headers: { 'x-group': { startsWith: 'beta' } } } }],
    });
  },
  // regex RE2 rejects
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { 'user-agent': StringMatch.regex('^(?!.*bot).*$') } } }],
    });
  },
  // regex: look-behind
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { 'user-agent': StringMatch.regex('.*(?<!bot)$') } } }],
    });
  },
  // regex: "(" never closed
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { 'x-group': StringMatch.regex('(beta|gamma') } } }],
    });
  },
  // regex: ")" closing no group
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { 'x-group': StringMatch.regex('beta|gamma)') } } }],
    });
  },
  // regex: "[" never closed
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { 'x-group': StringMatch.regex('beta-[0-9') } } }],
    });
  },
  // regex: named group RE2 cannot read
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { 'x-group': StringMatch.regex('(?P<group name>beta)') } } }],
    });
  },
  // regex: two groups of one name
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { 'x-group': StringMatch.regex('(?P<g>beta)|(?P<g>gamma)') } } }],
    });
  },
  // regex: back-reference
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { 'x-pair': StringMatch.regex('([a-z]+)-\\1') } } }],
    });
  },
  // regex: other group syntax
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { 'x-group': StringMatch.regex('(?>beta)') } } }],
    });
  },
  // regex: other mistakes
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { 'x-group': StringMatch.regex('beta**') } } }],
    });
  },
  // empty match
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { headers: { 'x-group': StringMatch.prefix('') } } }],
    });
  },
  // props: not an object
  (chart) => {
    // @ts-expect-error
    new GrayscaleService(chart, 'cart', ['1.0', '1.1']);
  },
  // versions[i]: not an object
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      versions: ['1.0'],
    });
  },
  // versions[i].version: missing
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      versions: [{ image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  // labels: two versions that may select the same pods
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, labels: { app: 'cart', track: 'stable' } },
        { version: '1.1', weight: 0, labels: { app: 'cart', track: 'stable' } },
      ],
    });
  },
  // defaultMajor: not a string
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
        { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
      ],
      // @ts-expect-error
      defaultMajor: 2,
    });
  },
  // defaultMajor: with grouping "all"
  (chart) => {
    new GrayscaleService(chart, 'reviews', {
      namespace: 'shop',
      grouping: 'all',
      versions: [
        { version: 'v1', weight: 50, image: 'ghcr.io/example/reviews:v1' },
        { version: 'v2', weight: 50, image: 'ghcr.io/example/reviews:v2' },
      ],
      defaultMajor: '1',
    });
  },
  // defaultMajor: never used beside a major on every path
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', image: 'ghcr.io/example/cart:1.0' },
        { version: '2.0', image: 'ghcr.io/example/cart:2.0' },
      ],
      majors: { '1': { path: '/' } },
      defaultMajor: '2',
    });
  },
  // mirror.version: missing
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      // @ts-expect-error
      mirror: { percent: 10 },
    });
  },
  // rules[i]: not an object
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      // @ts-expect-error
      rules: ['gray=1'],
    });
  },
  // rules[i].version: missing
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      // @ts-expect-error
      rules: [{ match: { headers: { gray: '1' } } }],
    });
  },
  // query: a name that cannot appear unencoded
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [
        { version: '1.0', weight: 100, image: 'ghcr.io/example/cart:1.0' },
        { version: '1.1', weight: 0, image: 'ghcr.io/example/cart:1.1' },
      ],
      rules: [{ version: '1.1', match: { query: { 'debug mode': 'on' } } }],
    });
  },
]);
