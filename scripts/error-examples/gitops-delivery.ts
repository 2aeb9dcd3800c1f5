// Bad-input examples for docs/errors.md (see index.ts): each declares exactly one bad prop in the chart it is given.
import { GitOpsDelivery } from '../../lib/cdk8s';
import { examplesIn } from './example';

export const examples = examplesIn(__filename, [
  (chart) => {
    // @ts-expect-error
    new GitOpsDelivery(chart, 'fleet');
  },
  (chart) => {
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'github.com/example/fleet', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443' }] });
  },
  (chart) => {
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', targetRevision: 'release 1', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443' }] });
  },
  (chart) => {
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', path: '../dist', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443' }] });
  },
  (chart) => {
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', project: 'Platform Team', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443' }] });
  },
  (chart) => {
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', namespace: 'argo_cd', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443' }] });
  },
  (chart) => {
    // @ts-expect-error
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', mode: 'application-set', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443' }] });
  },
  (chart) => {
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', clusters: [] });
  },
  (chart) => {
    // @ts-expect-error
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', clusters: ['prod'] });
  },
  (chart) => {
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', clusters: [{ name: 'Prod-EU', server: 'https://prod.example.com:6443' }] });
  },
  (chart) => {
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', clusters: [{ name: 'prod', server: 'prod.example.com:6443' }] });
  },
  (chart) => {
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', clusters: [{ name: 'dev', destinationName: 'in cluster' }] });
  },
  (chart) => {
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443', destinationName: 'prod' }] });
  },
  (chart) => {
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443' }, { name: 'prod', destinationName: 'in-cluster' }] });
  },
  (chart) => {
    // @ts-expect-error
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443' }], syncPolicy: 'automated' });
  },
  (chart) => {
    // @ts-expect-error
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443' }], syncPolicy: { automated: true } });
  },
  (chart) => {
    // @ts-expect-error
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443' }], syncPolicy: { automated: { prune: 'yes' } } });
  },
  (chart) => {
    // @ts-expect-error
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443' }], syncPolicy: { serverSideApply: 'true' } });
  },
  (chart) => {
    new GitOpsDelivery(chart, 'fleet', { repoURL: 'https://github.com/example/fleet.git', clusters: [{ name: 'prod', server: 'https://prod.example.com:6443' }], syncPolicy: { retries: 2.5 } });
  },
]);
