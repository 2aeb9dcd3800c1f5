import { ProblemCollector, quote, RenderContext } from './errors';
import { checkKnownFields, fieldsOf, isRecord } from './fields';
import { compareText, MANAGED_BY_LABEL, Manifest } from './manifest';
import { DNS_LABEL_MAX, isDnsLabel, isDnsSubdomain } from './names';

/**
 * How Argo CD is handed the fleet.
 * - `applicationSet`: one ApplicationSet whose list generator makes an Application per cluster.
 * - `applications`: the Applications themselves, for an Argo CD without the ApplicationSet controller.
 */
export type GitOpsDeliveryMode = 'applicationSet' | 'applications';

/**
 * One cluster of the fleet: its folder `<path>/<name>` is synced to it. Give exactly one of `server` and
 * `destinationName`.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/application-specification/
 */
export interface GitOpsClusterProps {
  /** The cluster's name: its folder under `path` and the Application `meshlight-<name>`; a DNS label of at most 53 characters. */
  readonly name: string;
  /**
   * URL of the cluster's Kubernetes API (Application `spec.destination.server`), e.g. `https://kubernetes.default.svc`.
   * @default - none: give this or destinationName
   */
  readonly server?: string;
  /**
   * Name of the cluster as registered in Argo CD (Application `spec.destination.name`), e.g. `in-cluster`.
   * @default - none: give this or server
   */
  readonly destinationName?: string;
}

/** Argo CD's automated sync: apply each new commit without a person pressing Sync. */
export interface AutomatedSyncProps {
  /**
   * Delete objects that left the folder (`automated.prune`). Off by default: a commit that drops a file by mistake
   * would otherwise delete its objects from every cluster.
   * @default false
   */
  readonly prune?: boolean;
  /**
   * Undo changes made in the cluster by hand (`automated.selfHeal`), so the cluster stays what Git says.
   * @default true
   */
  readonly selfHeal?: boolean;
}

/**
 * How Argo CD syncs each cluster's Application (Application `spec.syncPolicy`).
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/
 */
export interface GitOpsSyncPolicyProps {
  /**
   * Sync every new commit automatically, or `false` to sync only when asked (in the UI or with `argocd app sync`).
   * @default { prune: false, selfHeal: true }
   */
  readonly automated?: false | AutomatedSyncProps;
  /**
   * Apply with Kubernetes server-side apply (sync option `ServerSideApply=true`), for objects too large for the
   * last-applied annotation of client-side apply.
   * @default false
   */
  readonly serverSideApply?: boolean;
  /**
   * How many times a failed sync is retried (`retry.limit`), waiting 5s, then twice as long each time, up to 3m; 0
   * for none. A sync can fail while the mesh's CRDs are still being installed.
   * @default 5
   * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/
   */
  readonly retries?: number;
}

/**
 * Props of a GitOpsDelivery: the Argo CD objects that sync each cluster's folder of a Git repository to that cluster.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/
 */
export interface GitOpsDeliveryProps {
  /** URL of the Git repository Argo CD reads (Application `spec.source.repoURL`): `https://`, `ssh://` or `git@host:path`. */
  readonly repoURL: string;
  /**
   * Branch, tag or commit to sync (Application `spec.source.targetRevision`).
   * @default 'HEAD'
   */
  readonly targetRevision?: string;
  /**
   * Folder of the repository that holds one subfolder per cluster; cluster `prod` syncs `<path>/prod`. Relative to
   * the repository's root, without `..`; `.` for the root itself.
   * @default 'dist'
   */
  readonly path?: string;
  /** The clusters, each synced from its own folder. */
  readonly clusters: readonly GitOpsClusterProps[];
  /**
   * The Argo CD project the Applications belong to (Application `spec.project`).
   * @default 'default'
   */
  readonly project?: string;
  /**
   * Namespace Argo CD runs in, where its Applications and ApplicationSets live.
   * @default 'argocd'
   */
  readonly namespace?: string;
  /**
   * Emit one ApplicationSet (`applicationSet`) or an Application per cluster (`applications`).
   * @default 'applicationSet'
   */
  readonly mode?: GitOpsDeliveryMode;
  /**
   * How each cluster is synced.
   * @default - automated sync with selfHeal, without prune, retried 5 times
   */
  readonly syncPolicy?: GitOpsSyncPolicyProps;
}

/** What renderGitOpsDelivery returns. */
export interface RenderedGitOpsDelivery {
  /** Name of each cluster's Application, `meshlight-<cluster>`, in the order of the sorted clusters. */
  readonly applicationNames: readonly string[];
  /** The ApplicationSet, or the Applications, in output order. */
  readonly manifests: readonly Manifest[];
}

const DELIVERY_FIELDS = fieldsOf<GitOpsDeliveryProps>({
  repoURL: true, targetRevision: true, path: true, clusters: true, project: true, namespace: true, mode: true, syncPolicy: true,
});
const CLUSTER_FIELDS = fieldsOf<GitOpsClusterProps>({ name: true, server: true, destinationName: true });
const SYNC_FIELDS = fieldsOf<GitOpsSyncPolicyProps>({ automated: true, serverSideApply: true, retries: true });
const AUTOMATED_FIELDS = fieldsOf<AutomatedSyncProps>({ prune: true, selfHeal: true });
const MODES: readonly GitOpsDeliveryMode[] = ['applicationSet', 'applications'];

/** Prefix of every Application's name; the rest is the cluster's. */
const APPLICATION_PREFIX = 'meshlight-';
/** The longest cluster name whose Application name is still a DNS label. */
const CLUSTER_NAME_MAX = DNS_LABEL_MAX - APPLICATION_PREFIX.length;
/** Name of the ApplicationSet. */
const APPLICATION_SET_NAME = 'meshlight';
const ARGO_API_VERSION = 'argoproj.io/v1alpha1';
const RETRY_BACKOFF = { duration: '5s', factor: 2, maxDuration: '3m' } as const;

/** A cluster, resolved: where its folder goes. */
interface ClusterPlan {
  readonly name: string;
  readonly destination: { readonly server: string } | { readonly name: string };
}

/** What a GitOpsDelivery resolves to after validation. */
interface DeliveryPlan {
  readonly repoURL: string;
  readonly targetRevision: string;
  readonly path: string;
  readonly clusters: readonly ClusterPlan[];
  readonly project: string;
  readonly namespace: string;
  readonly mode: GitOpsDeliveryMode;
  readonly syncPolicy: Readonly<Record<string, unknown>>;
}

/** A Git repository URL Argo CD can clone: https, ssh, or scp-like `user@host:path`. */
function isGitUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  if (/^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^/]/.test(value)) return true;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'ssh:') && url.hostname !== '' && url.pathname.length > 1;
  } catch {
    return false;
  }
}

/** An https URL of a Kubernetes API server, without path, query or credentials beyond the host and port. */
function isServerUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.search === '' && url.hash === '';
  } catch {
    return false;
  }
}

/** A folder of the repository: relative, `/`-separated names, none of them `.` or `..`; or `.` for the root. */
function isRepoFolder(value: string): boolean {
  return value === '.' || value.split('/').every((segment) => /^[A-Za-z0-9._-]+$/.test(segment) && segment !== '.' && segment !== '..');
}

/** A short text Argo CD takes as it is: a revision, a registered cluster's name. */
function isPlainToken(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= 253 && !/[\s\u0000-\u001f{}]/.test(value);
}

function planCluster(problems: ProblemCollector, field: string, raw: unknown): ClusterPlan | undefined {
  if (!isRecord(raw)) {
    problems.add(field, raw, 'is not a cluster', 'use an object such as { name: "prod", server: "https://prod.example.com:6443" }');
    return undefined;
  }
  checkKnownFields(problems, field, raw, CLUSTER_FIELDS, 'a cluster');
  const before = problems.count;
  const { name, server, destinationName } = raw;
  if (typeof name !== 'string' || !isDnsLabel(name) || name.length > CLUSTER_NAME_MAX) {
    problems.add(`${field}.name`, name, `is not a DNS label of at most ${CLUSTER_NAME_MAX} characters`, 'use lower-case letters, digits and "-", such as "prod-eu"; it names the folder and the Application meshlight-<name>');
  }
  if (server !== undefined && server !== null && (typeof server !== 'string' || !isServerUrl(server))) {
    problems.add(`${field}.server`, server, 'is not the https URL of a Kubernetes API server', 'write it as Argo CD lists it, such as "https://kubernetes.default.svc" or "https://10.0.0.1:6443"');
  }
  if (destinationName !== undefined && destinationName !== null && !isPlainToken(destinationName)) {
    problems.add(`${field}.destinationName`, destinationName, 'is not the name of a cluster registered in Argo CD', 'write the name `argocd cluster list` shows, such as "in-cluster"');
  }
  const hasServer = server !== undefined && server !== null;
  const hasName = destinationName !== undefined && destinationName !== null;
  if (hasServer === hasName && server !== null && destinationName !== null) {
    problems.add(field, { server, destinationName }, hasServer ? 'gives both server and destinationName' : 'gives neither server nor destinationName', 'give exactly one: server (the API URL) or destinationName (the cluster\'s name in Argo CD)');
  }
  if (problems.count > before) return undefined;
  return { name: name as string, destination: hasServer ? { server: server as string } : { name: destinationName as string } };
}

function planClusters(problems: ProblemCollector, raw: unknown): ClusterPlan[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.add('clusters', raw, 'lists no clusters', 'list at least one, such as [{ name: "prod", server: "https://prod.example.com:6443" }]');
    return [];
  }
  const clusters: ClusterPlan[] = [];
  const seen = new Map<string, number>();
  raw.forEach((entry, i) => {
    const cluster = planCluster(problems, `clusters[${i}]`, entry);
    if (cluster === undefined) return;
    const first = seen.get(cluster.name);
    if (first !== undefined) {
      problems.add(`clusters[${i}].name`, cluster.name, `names the same cluster as clusters[${first}]`, 'give each cluster its own name: it is its folder and its Application\'s name');
      return;
    }
    seen.set(cluster.name, i);
    clusters.push(cluster);
  });
  return clusters.sort((a, b) => compareText(a.name, b.name));
}

function planSyncPolicy(problems: ProblemCollector, raw: unknown): Record<string, unknown> {
  const given = raw ?? {};
  if (!isRecord(given)) {
    problems.add('syncPolicy', raw, 'is not a sync policy', 'use an object such as { automated: { prune: true } }');
    return {};
  }
  checkKnownFields(problems, 'syncPolicy', given, SYNC_FIELDS, 'a sync policy');
  const { automated, serverSideApply, retries } = given;
  let automatedPlan: Record<string, boolean> | undefined;
  if (automated === false) {
    automatedPlan = undefined;
  } else if (automated === undefined || isRecord(automated)) {
    const options = automated ?? {};
    checkKnownFields(problems, 'syncPolicy.automated', options, AUTOMATED_FIELDS, 'automated sync');
    for (const key of AUTOMATED_FIELDS) {
      const value = options[key];
      if (value !== undefined && value !== null && typeof value !== 'boolean') {
        problems.add(`syncPolicy.automated.${key}`, value, 'is not true or false', `write ${key}: true or ${key}: false`);
      }
    }
    automatedPlan = { prune: options.prune === true, selfHeal: options.selfHeal !== false };
  } else if (automated !== null) {
    problems.add('syncPolicy.automated', automated, 'is not false or the options of automated sync', 'write automated: false to sync by hand, or { prune, selfHeal }');
  }
  if (serverSideApply !== undefined && serverSideApply !== null && typeof serverSideApply !== 'boolean') {
    problems.add('syncPolicy.serverSideApply', serverSideApply, 'is not true or false', 'write serverSideApply: true or serverSideApply: false');
  }
  if (retries !== undefined && retries !== null && (typeof retries !== 'number' || !Number.isInteger(retries) || retries < 0 || retries > 100)) {
    problems.add('syncPolicy.retries', retries, 'is not a whole number of retries from 0 to 100', 'write a count such as 5, or 0 for no retries');
  }
  const limit = typeof retries === 'number' ? retries : 5;
  return {
    ...(automatedPlan === undefined ? {} : { automated: automatedPlan }),
    ...(serverSideApply === true ? { syncOptions: ['ServerSideApply=true'] } : {}),
    ...(limit === 0 ? {} : { retry: { limit, backoff: RETRY_BACKOFF } }),
  };
}

function planDelivery(props: GitOpsDeliveryProps, context: RenderContext): DeliveryPlan {
  const problems = new ProblemCollector(context.path);
  if (!isRecord(props)) {
    problems.add('props', props, 'is not a delivery', 'use an object such as { repoURL: "https://github.com/example/fleet.git", clusters: [{ name: "prod", server: "https://prod.example.com:6443" }] }');
    problems.throwIfAny();
  }
  const raw = props as unknown as Record<string, unknown>;
  checkKnownFields(problems, '', raw, DELIVERY_FIELDS, 'a GitOpsDelivery');
  const { repoURL, targetRevision, path, project, namespace, mode } = raw;
  if (typeof repoURL !== 'string' || !isGitUrl(repoURL)) {
    problems.add('repoURL', repoURL, 'is not the URL of a Git repository', 'write it as you would clone it: "https://github.com/example/fleet.git" or "git@github.com:example/fleet.git"');
  }
  if (targetRevision !== undefined && targetRevision !== null && !isPlainToken(targetRevision)) {
    problems.add('targetRevision', targetRevision, 'is not a branch, tag or commit', 'write one such as "main", "v1.2.0" or "HEAD"');
  }
  if (path !== undefined && path !== null && (typeof path !== 'string' || !isRepoFolder(path))) {
    problems.add('path', path, 'is not a folder of the repository', 'write a relative path without ".." or a leading "/", such as "dist" or "fleet/dist"; "." for the root');
  }
  if (project !== undefined && project !== null && (typeof project !== 'string' || !isDnsSubdomain(project))) {
    problems.add('project', project, 'is not the name of an Argo CD project', 'use a DNS name such as "default" or "platform"');
  }
  if (namespace !== undefined && namespace !== null && (typeof namespace !== 'string' || !isDnsLabel(namespace))) {
    problems.add('namespace', namespace, 'is not a namespace name', 'use the namespace Argo CD runs in, such as "argocd"');
  }
  if (mode !== undefined && mode !== null && !MODES.includes(mode as GitOpsDeliveryMode)) {
    problems.add('mode', mode, 'is not a way to hand the fleet to Argo CD', `use one of ${quote(MODES)}`);
  }
  const clusters = planClusters(problems, raw.clusters);
  const syncPolicy = planSyncPolicy(problems, raw.syncPolicy);
  problems.throwIfAny();
  return {
    repoURL: repoURL as string,
    targetRevision: (targetRevision as string | undefined) ?? 'HEAD',
    path: (path as string | undefined) ?? 'dist',
    clusters,
    project: (project as string | undefined) ?? 'default',
    namespace: (namespace as string | undefined) ?? 'argocd',
    mode: (mode as GitOpsDeliveryMode | undefined) ?? 'applicationSet',
    syncPolicy,
  };
}

/** The folder of the repository a cluster's objects are in. */
function folderOf(plan: DeliveryPlan, cluster: string): string {
  return plan.path === '.' ? cluster : `${plan.path}/${cluster}`;
}

/** The spec of the Application that syncs one folder to one destination; the ApplicationSet templates it. */
function applicationSpec(plan: DeliveryPlan, folder: string, destination: Readonly<Record<string, string>>): Record<string, unknown> {
  return {
    project: plan.project,
    source: { repoURL: plan.repoURL, targetRevision: plan.targetRevision, path: folder },
    // No destination namespace: every object meshlight writes names its own.
    destination,
    // A copy for each object: a shared one would be written as a YAML anchor and alias.
    ...(Object.keys(plan.syncPolicy).length === 0 ? {} : { syncPolicy: structuredClone(plan.syncPolicy) }),
  };
}

function renderApplications(plan: DeliveryPlan): Manifest[] {
  return plan.clusters.map((cluster) => ({
    apiVersion: ARGO_API_VERSION,
    kind: 'Application',
    metadata: { name: `${APPLICATION_PREFIX}${cluster.name}`, namespace: plan.namespace, labels: { ...MANAGED_BY_LABEL } },
    spec: applicationSpec(plan, folderOf(plan, cluster.name), cluster.destination),
  }));
}

/**
 * One ApplicationSet with a list generator over the clusters, so the fleet is the list meshlight was given and not
 * whatever Argo CD has registered. Go templates (Argo CD's recommendation) with missingkey=error: a misspelt
 * placeholder fails the generation instead of syncing an empty path. When clusters mix server and destinationName,
 * both are templated and the unused one is empty, which Argo CD reads as unset.
 */
function renderApplicationSet(plan: DeliveryPlan): Manifest[] {
  const byServer = plan.clusters.some((c) => 'server' in c.destination);
  const byName = plan.clusters.some((c) => 'name' in c.destination);
  const elements = plan.clusters.map((c) => ({
    cluster: c.name,
    ...(byServer ? { server: 'server' in c.destination ? c.destination.server : '' } : {}),
    ...(byName ? { destinationName: 'name' in c.destination ? c.destination.name : '' } : {}),
  }));
  const destination = { ...(byName ? { name: '{{.destinationName}}' } : {}), ...(byServer ? { server: '{{.server}}' } : {}) };
  return [{
    apiVersion: ARGO_API_VERSION,
    kind: 'ApplicationSet',
    metadata: { name: APPLICATION_SET_NAME, namespace: plan.namespace, labels: { ...MANAGED_BY_LABEL } },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators: [{ list: { elements } }],
      template: {
        metadata: { name: `${APPLICATION_PREFIX}{{.cluster}}`, namespace: plan.namespace, labels: { ...MANAGED_BY_LABEL } },
        spec: applicationSpec(plan, folderOf(plan, '{{.cluster}}'), destination),
      },
    },
  }];
}

/**
 * Renders the Argo CD objects that deliver a fleet from Git: an ApplicationSet, or an Application per cluster, each
 * cluster synced from `<path>/<cluster>`. Throws MeshlightValidationError, naming `context.path`, on bad props.
 */
export function renderGitOpsDelivery(props: GitOpsDeliveryProps, context: RenderContext): RenderedGitOpsDelivery {
  const plan = planDelivery(props, context);
  return {
    applicationNames: plan.clusters.map((c) => `${APPLICATION_PREFIX}${c.name}`),
    manifests: plan.mode === 'applications' ? renderApplications(plan) : renderApplicationSet(plan),
  };
}
