// Bad-input examples for docs/errors.md (see index.ts): identities written out by hand, as calls and allow-lists
// take them for workloads meshlight does not deploy.
import { EgressAllowList, ZeroTrustNamespace } from '../../lib/cdk8s';
import { examplesIn } from './example';

export const examples = examplesIn(__filename, [
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
    shop.allow('sleep', { name: 'Legacy', namespace: 'shop', serviceAccount: 'legacy', labels: { app: 'legacy' } });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
    shop.allow({ name: 'reports', namespace: 'Reporting', serviceAccount: 'reports', labels: { app: 'reports' } }, 'sleep');
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
    shop.allow('sleep', { name: 'legacy', namespace: 'shop', serviceAccount: 'Legacy_SA', labels: { app: 'legacy' } });
  },
  (chart) => {
    new EgressAllowList(chart, 'legacy-egress', {
      namespace: 'shop',
      workload: { name: 'legacy', namespace: 'shop', serviceAccount: 'legacy', labels: { app: 'legacy system' } },
      hosts: ['api.stripe.com'],
    });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
    shop.allow('sleep', {
      name: 'legacy', namespace: 'shop', serviceAccount: 'legacy', labels: { app: 'legacy' }, host: 'http://legacy.shop',
    });
  },
  (chart) => {
    const shop = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
    shop.allow('sleep', {
      // @ts-expect-error
      name: 'legacy', namespace: 'shop', serviceAccount: 'legacy', labels: { app: 'legacy' }, ports: [80],
    });
  },
]);
