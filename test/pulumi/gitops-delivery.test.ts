import { Testing } from 'cdk8s';
import { GitOpsDeliveryProps } from '../../lib/core/internal';
import { manifestsOf, recordPulumiResources, registered } from '../support/pulumi-mocks';
import { stringify } from 'yaml';
import { identityOf } from '../support/yaml';

const resources = recordPulumiResources();
// Loaded after the mocks are set, as a Pulumi program would be run by the engine.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { GitOpsDelivery } = require('../../lib/pulumi') as typeof import('../../lib/pulumi');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdk8s = require('../../lib/cdk8s') as typeof import('../../lib/cdk8s');

/** The objects as YAML documents in identity order, keys as given: Pulumi registers children concurrently. */
const yamlOf = (objects: readonly unknown[]): string => [...objects].sort((a, b) => (identityOf(a) < identityOf(b) ? -1 : 1)).map((o) => stringify(o)).join('---\n');

const props: GitOpsDeliveryProps = {
  repoURL: 'git@github.com:example/fleet.git', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443' }, { name: 'dev', destinationName: 'in-cluster' }],
};

describe('GitOpsDelivery (Pulumi)', () => {
  test.each(['applicationSet', 'applications'] as const)('registers byte for byte the manifests cdk8s synthesises (%s)', async (mode) => {
    resources.length = 0;
    const delivery = new GitOpsDelivery('fleet', { ...props, mode });
    await registered(delivery.resources);
    const chart = Testing.chart();
    new cdk8s.GitOpsDelivery(chart, 'fleet', { ...props, mode });
    expect(yamlOf(manifestsOf(resources))).toBe(yamlOf(Testing.synth(chart)));
    expect(delivery.applicationNames).toEqual(['meshlight-dev', 'meshlight-prod']);
  });
});
