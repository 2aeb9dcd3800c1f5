import { renderEgressAllowList, renderZeroTrustNamespace, WorkloadIdentity } from '../../lib/core/internal';
import { validationErrorOf } from '../support/errors';

describe('identities written out by hand', () => {
  const legacy: WorkloadIdentity = { name: 'legacy', namespace: 'shop', serviceAccount: 'legacy', labels: { app: 'legacy' } };
  const call = (to: unknown) => () => renderZeroTrustNamespace(
    { workloads: [{ name: 'sleep', serviceAccount: 'sleep' }], calls: [{ from: 'sleep', to: to as WorkloadIdentity }] },
    { path: 'app/shop', defaultName: 'shop' },
  );

  test('a valid one is taken as it is, in calls and allow-lists', () => {
    expect(() => call(legacy)()).not.toThrow();
    expect(() => call({ ...legacy, host: 'legacy.shop.svc.cluster.local', ports: [{ port: 80, containerPort: 8080 }] })()).not.toThrow();
    expect(() => renderEgressAllowList({ namespace: 'shop', workload: legacy, hosts: ['api.stripe.com'] }, { path: 'app/egress' })).not.toThrow();
  });

  test.each([
    ['a name that is no DNS label', { name: 'Legacy' }, 'calls[0].to.name = "Legacy": is not a valid workload name'],
    ['a namespace that is no DNS label', { namespace: 'Shop' }, 'calls[0].to.namespace = "Shop": is not a namespace name'],
    ['an invalid service account', { serviceAccount: 'Legacy_SA' }, 'calls[0].to.serviceAccount = "Legacy_SA": is not a service account name'],
    ['no labels', { labels: {} }, 'calls[0].to.labels = {}: is not a non-empty set of valid labels'],
    ['a label value with a space', { labels: { app: 'legacy system' } }, 'calls[0].to.labels = {"app":"legacy system"}: is not a non-empty set of valid labels'],
    ['a host that is a URL', { host: 'http://legacy.shop' }, 'calls[0].to.host = "http://legacy.shop": is not a host name'],
    ['ports that are not mappings', { ports: [80] }, 'calls[0].to.ports = [80]: is not a list of port mappings'],
  ])('%s is one problem, naming the field', (_, change, message) => {
    const error = validationErrorOf(call({ ...legacy, ...change }));
    expect(error.problems).toHaveLength(1);
    expect(error.message).toContain(`app/shop: ${message}`);
  });

  test('an allow-list reports a bad identity as its workload', () => {
    const error = validationErrorOf(() => renderEgressAllowList(
      { namespace: 'shop', workload: { ...legacy, serviceAccount: 'Legacy_SA' }, hosts: ['api.stripe.com'] }, { path: 'app/egress' },
    ));
    expect(error.problems.map((p) => p.field)).toEqual(['workload.serviceAccount']);
  });
});
