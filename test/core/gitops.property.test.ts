import fc from 'fast-check';
import { GitOpsDeliveryProps, MeshlightValidationError, renderGitOpsDelivery } from '../../lib/core/internal';
import { argoCdValidator } from '../support/argo-cd';

const label = fc.stringMatching(/^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/);
const cluster = fc.record({ name: label }).chain(({ name }) => fc.oneof(
  fc.constantFrom('https://kubernetes.default.svc', 'https://10.0.0.1:6443', 'https://api.prod.example.com').map((server) => ({ name, server })),
  fc.constantFrom('in-cluster', 'prod', 'eu/west-1').map((destinationName) => ({ name, destinationName })),
));
const props: fc.Arbitrary<GitOpsDeliveryProps> = fc.record({
  repoURL: fc.constantFrom('https://github.com/example/fleet.git', 'ssh://git@git.example.com/ops/fleet', 'git@github.com:example/fleet.git'),
  targetRevision: fc.constantFrom('HEAD', 'main', 'v1.2.0', '0123456789abcdef'),
  path: fc.constantFrom('dist', '.', 'fleet/dist', 'out_1.x'),
  clusters: fc.uniqueArray(cluster, { minLength: 1, maxLength: 5, selector: (c) => c.name }),
  project: fc.constantFrom('default', 'platform.team'),
  namespace: label,
  mode: fc.constantFrom('applicationSet' as const, 'applications' as const),
  syncPolicy: fc.record({
    automated: fc.oneof(fc.constant(false as const), fc.record({ prune: fc.boolean(), selfHeal: fc.boolean() }, { requiredKeys: [] })),
    serverSideApply: fc.boolean(),
    retries: fc.integer({ min: 0, max: 100 }),
  }, { requiredKeys: [] }),
}, { requiredKeys: ['repoURL', 'clusters'] });

describe('GitOpsDelivery properties', () => {
  test('any accepted props render objects Argo CD\'s CRDs accept, one Application per cluster, sorted', () => {
    fc.assert(fc.property(props, (p) => {
      const out = renderGitOpsDelivery(p, { path: 'prop', defaultName: 'fleet' });
      expect(out.manifests.flatMap((m) => argoCdValidator().validate(m as any))).toEqual([]);
      const names = p.clusters.map((c) => `meshlight-${c.name}`).sort();
      expect(out.applicationNames).toEqual(names);
      if (p.mode === 'applications') expect(out.manifests.map((m) => m.metadata.name)).toEqual(names);
      expect(out.manifests.every((m) => m.metadata.labels?.['app.kubernetes.io/managed-by'] === 'meshlight')).toBe(true);
    }), { numRuns: 300 });
  });

  test('any props at all are rendered or refused with a MeshlightValidationError, never another error', () => {
    fc.assert(fc.property(fc.anything(), fc.option(fc.array(fc.anything(), { maxLength: 3 })), (junk, clusters) => {
      try {
        renderGitOpsDelivery({ repoURL: 'https://github.com/example/fleet.git', clusters, syncPolicy: junk } as any, { path: 'prop', defaultName: 'fleet' });
      } catch (e) {
        expect(e).toBeInstanceOf(MeshlightValidationError);
      }
    }), { numRuns: 300 });
  });
});
