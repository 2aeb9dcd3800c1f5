// Bad-input examples for docs/errors.md (see index.ts): versions of a cdk8s GrayscaleService built with cdk8s-plus,
// each handing over a Deployment, or giving a field beside it, that meshlight cannot run the version with.
import * as kplus from 'cdk8s-plus-33';
import { GrayscaleService } from '../../lib/cdk8s';
import { examplesIn } from './example';

export const examples = examplesIn(__filename, [
  (chart) => {
    new GrayscaleService(chart, 'orders', {
      namespace: 'shop',
      // @ts-expect-error
      versions: [{ version: '1.0', deployment: { kind: 'Deployment', image: 'ghcr.io/example/orders:1.0' } }],
    });
  },
  (chart) => {
    const deployment = new kplus.Deployment(chart, 'orders-v1', {
      metadata: { namespace: 'shop' }, containers: [{ image: 'ghcr.io/example/orders:1.0', portNumber: 8080 }],
    });
    new GrayscaleService(chart, 'orders', {
      namespace: 'shop',
      versions: [{ version: '1.0', weight: 90, deployment }, { version: '1.1', weight: 10, deployment }],
    });
  },
  (chart) => {
    const deployment = new kplus.Deployment(chart, 'orders-v1', {
      metadata: { namespace: 'shop' }, containers: [{ image: 'ghcr.io/example/orders:1.0', portNumber: 8080 }],
    });
    new GrayscaleService(chart, 'orders', {
      namespace: 'shop',
      versions: [{ version: '1.0', deployment, replicas: 3 }],
    });
  },
  (chart) => {
    const deployment = new kplus.Deployment(chart, 'orders-v1', {
      metadata: { namespace: 'shop' }, containers: [{ image: 'ghcr.io/example/orders:1.0', portNumber: 8080 }],
    });
    new GrayscaleService(chart, 'orders', {
      namespace: 'shop',
      versions: [{ version: '1.0', deployment, labels: { app: 'orders', track: 'stable' } }],
    });
  },
  (chart) => {
    const statefulSet = new kplus.StatefulSet(chart, 'orders-v1', {
      metadata: { namespace: 'shop' },
      containers: [{ image: 'ghcr.io/example/orders:1.0', portNumber: 8080 }],
      service: new kplus.Service(chart, 'orders-headless', { metadata: { namespace: 'shop' }, ports: [{ port: 8080 }] }),
    });
    new GrayscaleService(chart, 'orders', {
      namespace: 'shop',
      versions: [{ version: '1.0', deployment: statefulSet }],
    });
  },
  (chart) => {
    const deployment = new kplus.Deployment(chart, 'orders-v1', {
      containers: [{ image: 'ghcr.io/example/orders:1.0', portNumber: 8080 }],
    });
    new GrayscaleService(chart, 'orders', {
      namespace: 'shop',
      versions: [{ version: '1.0', deployment }],
    });
  },
  (chart) => {
    const deployment = new kplus.Deployment(chart, 'orders-v1', {
      metadata: { namespace: 'shop' },
      serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'legacy', 'orders-legacy'),
      containers: [{ image: 'ghcr.io/example/orders:1.0', portNumber: 8080 }],
    });
    new GrayscaleService(chart, 'orders', {
      namespace: 'shop',
      versions: [{ version: '1.0', deployment }],
    });
  },
  (chart) => {
    const deployment = new kplus.Deployment(chart, 'orders-v1', {
      metadata: { namespace: 'shop' }, containers: [{ image: 'ghcr.io/example/orders:1.0', portNumber: 3000 }],
    });
    new GrayscaleService(chart, 'orders', {
      namespace: 'shop',
      versions: [{ version: '1.0', deployment }],
    });
  },
  (chart) => {
    const deployment = new kplus.Deployment(chart, 'orders-v1', {
      metadata: { namespace: 'shop' },
      podMetadata: { labels: { app: 'orders-api' } },
      containers: [{ image: 'ghcr.io/example/orders:1.0', portNumber: 8080 }],
    });
    new GrayscaleService(chart, 'orders', {
      namespace: 'shop',
      versions: [{ version: '1.0', deployment }],
    });
  },
]);
