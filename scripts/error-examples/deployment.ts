// Bad-input examples for docs/errors.md (see index.ts): the `workload` of a GrayscaleService and its versions, each
// declaring exactly one bad prop in the chart it is given.
import { GrayscaleService } from '../../lib/cdk8s';
import { examplesIn } from './example';

export const examples = examplesIn(__filename, [
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { resources: { requests: { memory: '128MB' } } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      workload: { writableRootFilesystem: 'yes' },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      workload: { tolerations: [{ key: 'dedicated', effect: 'NoRun' }] },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { env: { DB_PASSWORD: { secret: 'DB_Credentials', key: 'password' } } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { startupProbe: { command: [] } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      workload: { tolerations: { key: 'dedicated' } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      workload: { topologySpread: [{ maxSkew: 1 }] },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      workload: { readinessProbe: { http: { path: '/ready' }, tcp: { port: 8080 } } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { readinessProbe: { http: { path: '/ready' }, period: '2500ms' } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { readinessProbe: { http: { path: 'ready' } } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { readinessProbe: { http: { path: '/ready' } }, livenessProbe: { http: { path: '/live' }, successThreshold: 2 } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { env: { '1ST_RUN': 'true' } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { env: { DB_PASSWORD: { secret: 'db', key: 'pass word' } } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { volumes: { tmp: { mountPath: '/var/tmp', emptyDir: {} } } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { volumes: { cache: { mountPath: 'var/cache', emptyDir: {} } } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { volumes: { config: { mountPath: '/etc/cart/app.conf', configMap: 'cart-config', subPath: '../app.conf' } } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { ports: { prometheus_metrics: 9090 } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { resources: { requests: { cpu: '250m' } }, autoscaling: { minReplicas: 3, maxReplicas: 2 } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { disruptionBudget: { maxUnavailable: 'one' } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0', replicas: 3 }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { tolerations: [{ key: 'dedicated team', value: 'payments' }] },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { tolerations: [{ key: 'dedicated', value: 'payments team' }] },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { tolerations: [{ key: 'dedicated', operator: 'Exists', value: 'payments' }] },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { topologySpread: [{ topologyKey: 'zone name' }] },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { addCapabilities: ['CAP_NET_BIND_SERVICE'] },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      // @ts-expect-error
      workload: { privileged: true },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { ports: { web: 8080 } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { readinessProbe: { http: { path: '/ready', port: 'admin' } } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { resources: { requests: { memory: '1Gi' }, limits: { memory: '512Mi' } } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { resources: { requests: { cpu: '250m' } }, autoscaling: { maxReplicas: 10 } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0', replicas: 3 }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { autoscaling: { maxReplicas: 10 } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { disruptionBudget: { minAvailable: 1 } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { runAsUser: 0 },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { runAsRoot: true, runAsUser: 1000 },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0', env: { LOG_LEVEL: 'info' }, workload: { env: { LOG_LEVEL: { configMap: 'cart', key: 'log-level' } } } }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { volumes: { cache: { mountPath: '/var/cache', emptyDir: {} }, data: { mountPath: '/var/cache', persistentVolumeClaim: 'cart-data' } } },
      versions: [{ version: '1.0', image: 'ghcr.io/example/cart:1.0' }],
    });
  },
  (chart) => {
    new GrayscaleService(chart, 'cart', {
      namespace: 'shop',
      workload: { readinessProbe: { http: { path: '/ready' } } },
      versions: [{ version: '1.0', labels: { app: 'cart', version: '1.0' } }],
    });
  },
]);
