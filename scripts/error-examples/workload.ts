// Bad-input examples for docs/errors.md (see index.ts): identities written out by hand, as calls and allow-lists
// take them for workloads meshlight does not deploy.
export const examples: readonly string[] = [
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
  shop.allow('sleep', { name: 'Legacy', namespace: 'shop', serviceAccount: 'legacy', labels: { app: 'legacy' } });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
  shop.allow({ name: 'reports', namespace: 'Reporting', serviceAccount: 'reports', labels: { app: 'reports' } }, 'sleep');
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
  shop.allow('sleep', { name: 'legacy', namespace: 'shop', serviceAccount: 'Legacy_SA', labels: { app: 'legacy' } });
  `,
  `
  new EgressAllowList(chart, 'legacy-egress', {
    namespace: 'shop',
    workload: { name: 'legacy', namespace: 'shop', serviceAccount: 'legacy', labels: { app: 'legacy system' } },
    hosts: ['api.stripe.com'],
  });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
  shop.allow('sleep', {
    name: 'legacy', namespace: 'shop', serviceAccount: 'legacy', labels: { app: 'legacy' }, host: 'http://legacy.shop',
  });
  `,
  `
  const shop = new ZeroTrustNamespace(chart, 'shop', { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }] });
  shop.allow('sleep', {
    name: 'legacy', namespace: 'shop', serviceAccount: 'legacy', labels: { app: 'legacy' }, ports: [80],
  });
  `,
];
