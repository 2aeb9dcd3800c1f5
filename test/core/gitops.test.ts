import { GitOpsDeliveryProps, MeshlightValidationError, renderGitOpsDelivery } from '../../lib/core/internal';
import { argoCdValidator } from '../support/argo-cd';
import { expectProblem, validationErrorOf } from '../support/errors';

const REPO = 'https://github.com/example/fleet.git';
const PROD = { name: 'prod', server: 'https://prod.example.com:6443' };
const DEV = { name: 'dev', destinationName: 'in-cluster' };
const render = (props: GitOpsDeliveryProps) => renderGitOpsDelivery(props, { path: 'app/fleet', defaultName: 'fleet' });
const spec = (m: { readonly [k: string]: unknown }) => m.spec as any;

describe('renderGitOpsDelivery', () => {
  test('by default, one ApplicationSet lists the clusters, sorted, and templates an Application per cluster', () => {
    const out = render({ repoURL: REPO, clusters: [PROD, { name: 'edge', server: 'https://edge.example.com' }] });
    expect(out.applicationNames).toEqual(['meshlight-edge', 'meshlight-prod']);
    expect(out.manifests).toEqual([{
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'meshlight', namespace: 'argocd', labels: { 'app.kubernetes.io/managed-by': 'meshlight' } },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [{ list: { elements: [{ cluster: 'edge', server: 'https://edge.example.com' }, { cluster: 'prod', server: PROD.server }] } }],
        template: {
          metadata: { name: 'meshlight-{{.cluster}}', namespace: 'argocd', labels: { 'app.kubernetes.io/managed-by': 'meshlight' } },
          spec: {
            project: 'default',
            source: { repoURL: REPO, targetRevision: 'HEAD', path: 'dist/{{.cluster}}' },
            destination: { server: '{{.server}}' },
            syncPolicy: {
              automated: { prune: false, selfHeal: true },
              retry: { limit: 5, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } },
            },
          },
        },
      },
    }]);
  });

  test('clusters registered by name template the destination name; a mixed fleet templates both, the unused one empty', () => {
    const named = render({ repoURL: REPO, clusters: [DEV] }).manifests[0];
    expect(spec(named).template.spec.destination).toEqual({ name: '{{.destinationName}}' });
    expect(spec(named).generators[0].list.elements).toEqual([{ cluster: 'dev', destinationName: 'in-cluster' }]);
    const mixed = render({ repoURL: REPO, clusters: [PROD, DEV] }).manifests[0];
    expect(spec(mixed).template.spec.destination).toEqual({ name: '{{.destinationName}}', server: '{{.server}}' });
    expect(spec(mixed).generators[0].list.elements).toEqual([
      { cluster: 'dev', server: '', destinationName: 'in-cluster' },
      { cluster: 'prod', server: PROD.server, destinationName: '' },
    ]);
  });

  test('applications mode emits an Application per cluster, sorted, each syncing <path>/<cluster>', () => {
    const out = render({ repoURL: 'git@github.com:example/fleet.git', targetRevision: 'main', path: 'fleet/out', mode: 'applications', project: 'platform', namespace: 'gitops', clusters: [PROD, DEV] });
    expect(out.manifests.map((m) => [m.kind, m.metadata.name, m.metadata.namespace])).toEqual([
      ['Application', 'meshlight-dev', 'gitops'], ['Application', 'meshlight-prod', 'gitops'],
    ]);
    expect(spec(out.manifests[0])).toMatchObject({
      project: 'platform', source: { repoURL: 'git@github.com:example/fleet.git', targetRevision: 'main', path: 'fleet/out/dev' }, destination: { name: 'in-cluster' },
    });
    expect(spec(out.manifests[1]).destination).toEqual({ server: PROD.server });
    // Each object has its own copy, so YAML shows no anchors.
    expect(spec(out.manifests[0]).syncPolicy).not.toBe(spec(out.manifests[1]).syncPolicy);
  });

  test('the sync policy: prune and server-side apply opt in, manual sync and no retries opt out; "." syncs from the root', () => {
    const policy = (syncPolicy: GitOpsDeliveryProps['syncPolicy']) => spec(render({ repoURL: REPO, mode: 'applications', clusters: [PROD], syncPolicy }).manifests[0]).syncPolicy;
    expect(policy({ automated: { prune: true, selfHeal: false }, serverSideApply: true, retries: 2 })).toEqual({
      automated: { prune: true, selfHeal: false }, syncOptions: ['ServerSideApply=true'], retry: { limit: 2, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } },
    });
    expect(policy({ automated: false, retries: 0 })).toBeUndefined();
    expect(spec(render({ repoURL: REPO, path: '.', mode: 'applications', clusters: [PROD] }).manifests[0]).source.path).toBe('prod');
  });

  test('every object the CRDs of Argo CD v3.5.1 accept, in both modes', () => {
    for (const mode of ['applicationSet', 'applications'] as const) {
      const out = render({ repoURL: REPO, mode, clusters: [PROD, DEV], syncPolicy: { serverSideApply: true } });
      expect(out.manifests.flatMap((m) => argoCdValidator().validate(m as any))).toEqual([]);
    }
  });

  test('the validator can fail: an Application without destination is refused', () => {
    const app = { ...render({ repoURL: REPO, mode: 'applications', clusters: [PROD] }).manifests[0] };
    expect(argoCdValidator().validate({ ...app, spec: { ...spec(app), destination: undefined, project: 1 } })).not.toEqual([]);
  });
});

type Refusal = readonly [string, unknown, string, string];
const REFUSALS: readonly Refusal[] = [
  ['props', undefined, 'props', 'is not a delivery'],
  ['an unknown field', { repoURL: REPO, clusters: [PROD], repoUrl: REPO }, 'repoUrl', 'did you mean "repoURL"?'],
  ['a null optional field', { repoURL: REPO, clusters: [PROD], project: null }, 'project', 'is null'],
  ['a missing repoURL', { clusters: [PROD] }, 'repoURL', 'is not the URL of a Git repository'],
  ['an http repoURL', { repoURL: 'http://github.com/example/fleet.git', clusters: [PROD] }, 'repoURL', 'is not the URL of a Git repository'],
  ['a local path as repoURL', { repoURL: '/srv/git/fleet', clusters: [PROD] }, 'repoURL', 'is not the URL of a Git repository'],
  ['a revision with a space', { repoURL: REPO, targetRevision: 'my branch', clusters: [PROD] }, 'targetRevision', 'is not a branch, tag or commit'],
  ['a path with ..', { repoURL: REPO, path: 'dist/../secrets', clusters: [PROD] }, 'path', 'is not a folder of the repository'],
  ['an absolute path', { repoURL: REPO, path: '/dist', clusters: [PROD] }, 'path', 'is not a folder of the repository'],
  ['a bad project', { repoURL: REPO, project: 'My Project', clusters: [PROD] }, 'project', 'is not the name of an Argo CD project'],
  ['a bad namespace', { repoURL: REPO, namespace: 'Argo_CD', clusters: [PROD] }, 'namespace', 'is not a namespace name'],
  ['an unknown mode', { repoURL: REPO, mode: 'helm', clusters: [PROD] }, 'mode', 'is not a way to hand the fleet to Argo CD'],
  ['no clusters', { repoURL: REPO, clusters: [] }, 'clusters', 'lists no clusters'],
  ['a cluster that is a string', { repoURL: REPO, clusters: ['prod'] }, 'clusters[0]', 'is not a cluster'],
  ['a misspelt cluster field', { repoURL: REPO, clusters: [{ ...PROD, sever: 'x' }] }, 'clusters[0].sever', 'did you mean "server"?'],
  ['a cluster name that is no DNS label', { repoURL: REPO, clusters: [{ ...PROD, name: 'Prod' }] }, 'clusters[0].name', 'is not a DNS label of at most 53 characters'],
  ['a cluster name too long for its Application', { repoURL: REPO, clusters: [{ ...PROD, name: 'a'.repeat(54) }] }, 'clusters[0].name', 'is not a DNS label of at most 53 characters'],
  ['two clusters of one name', { repoURL: REPO, clusters: [PROD, { ...DEV, name: 'prod' }] }, 'clusters[1].name', 'names the same cluster as clusters[0]'],
  ['an http server', { repoURL: REPO, clusters: [{ name: 'prod', server: 'http://prod.example.com' }] }, 'clusters[0].server', 'is not the https URL of a Kubernetes API server'],
  ['a destination name with a space', { repoURL: REPO, clusters: [{ name: 'dev', destinationName: 'in cluster' }] }, 'clusters[0].destinationName', 'is not the name of a cluster registered in Argo CD'],
  ['both server and destinationName', { repoURL: REPO, clusters: [{ ...PROD, destinationName: 'prod' }] }, 'clusters[0]', 'gives both server and destinationName'],
  ['neither server nor destinationName', { repoURL: REPO, clusters: [{ name: 'prod' }] }, 'clusters[0]', 'gives neither server nor destinationName'],
  ['a sync policy that is a string', { repoURL: REPO, clusters: [PROD], syncPolicy: 'auto' }, 'syncPolicy', 'is not a sync policy'],
  ['a misspelt sync option', { repoURL: REPO, clusters: [PROD], syncPolicy: { serverSideapply: true } }, 'syncPolicy.serverSideapply', 'did you mean "serverSideApply"?'],
  ['automated: true', { repoURL: REPO, clusters: [PROD], syncPolicy: { automated: true } }, 'syncPolicy.automated', 'is not false or the options of automated sync'],
  ['a misspelt automated option', { repoURL: REPO, clusters: [PROD], syncPolicy: { automated: { selfheal: true } } }, 'syncPolicy.automated.selfheal', 'did you mean "selfHeal"?'],
  ['prune as a string', { repoURL: REPO, clusters: [PROD], syncPolicy: { automated: { prune: 'yes' } } }, 'syncPolicy.automated.prune', 'is not true or false'],
  ['serverSideApply as a string', { repoURL: REPO, clusters: [PROD], syncPolicy: { serverSideApply: 'true' } }, 'syncPolicy.serverSideApply', 'is not true or false'],
  ['negative retries', { repoURL: REPO, clusters: [PROD], syncPolicy: { retries: -1 } }, 'syncPolicy.retries', 'is not a whole number of retries from 0 to 100'],
];

describe('renderGitOpsDelivery refuses, with exactly one problem,', () => {
  test.each(REFUSALS)('%s', (_, props, field, message) => {
    const error = validationErrorOf(() => render(props as GitOpsDeliveryProps));
    expect(error).toBeInstanceOf(MeshlightValidationError);
    expectProblem(error, 'app/fleet', field, message, true);
  });
});
