import { Testing } from 'cdk8s';
import { GitOpsDelivery, MeshlightValidationError } from '../../lib/cdk8s';
import { GitOpsDeliveryProps, renderGitOpsDelivery } from '../../lib/core/internal';

const props: GitOpsDeliveryProps = {
  repoURL: 'https://github.com/example/fleet.git', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443' }, { name: 'dev', destinationName: 'in-cluster' }],
};

describe('GitOpsDelivery (cdk8s)', () => {
  test.each(['applicationSet', 'applications'] as const)('synthesises exactly what core renders (%s)', (mode) => {
    const chart = Testing.chart();
    const delivery = new GitOpsDelivery(chart, 'fleet', { ...props, mode });
    expect(Testing.synth(chart)).toEqual(renderGitOpsDelivery({ ...props, mode }, { path: 'fleet', defaultName: 'fleet' }).manifests);
    expect(delivery.applicationNames).toEqual(['meshlight-dev', 'meshlight-prod']);
  });

  test('bad props are refused with the construct path', () => {
    const chart = Testing.chart();
    expect(() => new GitOpsDelivery(chart, 'fleet', { ...props, repoURL: 'fleet' })).toThrow(MeshlightValidationError);
    expect(() => new GitOpsDelivery(chart, 'fleet2', { ...props, clusters: [] })).toThrow(/fleet2: clusters = \[\]: lists no clusters/);
  });
});
