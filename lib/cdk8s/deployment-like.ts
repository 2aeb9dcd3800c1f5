import { ApiObject, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import {
  GrayscaleServiceProps as CoreGrayscaleServiceProps, isRecord, MeshlightValidationError, Problem, ProblemCollector, quote,
  RenderedGrayscaleService,
} from '../core/internal';

// What meshlight does with the cdk8s-plus Deployments versions hand it, and when. The translation lives here, in the
// cdk8s face: core sees such a version as deployed elsewhere, with the labels it gives every version's pods.
//  1. Before core renders: `deployment` is taken out of the version core reads, and what only a Deployment meshlight
//     creates reads (image, replicas, env, workload) or what meshlight sets on the plus Deployment (labels) is refused
//     beside it.
//  2. Once core has resolved the service: each Deployment is checked against it (its kind, namespace, service account,
//     container ports, and the pod labels it already has).
//  3. Only when nothing is wrong: each Deployment's pod template gets its version's labels and, when it names no
//     service account, the service's. Every problem of steps 1 and 2 (and core's) is thrown together, before any change.

/**
 * What meshlight uses of a cdk8s-plus Deployment. A Deployment of any cdk8s-plus major (cdk8s-plus-27 to 33, one per
 * Kubernetes version) has this shape, so meshlight imports none of them and an app keeps the one it builds with.
 * @see https://cdk8s.io/docs/latest/plus/cdk8s-plus-33/deployment/
 */
export interface DeploymentLike extends IConstruct {
  /** The object kind: `Deployment`. */
  readonly kind: string;
  /** The Deployment's Kubernetes name. */
  readonly name: string;
  /** The Deployment's metadata, of which meshlight reads the namespace. */
  readonly metadata: { readonly namespace?: string };
  /** The metadata of its pod template, to which meshlight adds the version's labels. */
  readonly podMetadata: { addLabel(key: string, value: string): void; getLabel(key: string): string | undefined };
  /** The service account its pods run as, when it names one. */
  readonly serviceAccount?: { readonly name: string };
  /** Its containers, one of which must expose the service's `containerPort`. */
  readonly containers: readonly { readonly name: string; readonly ports: readonly { readonly number: number }[] }[];
}

/** A version's Deployment, as the props hand it over. */
export interface HandedDeployment {
  readonly index: number;
  readonly version: unknown;
  readonly deployment: DeploymentLike;
}

/** The props as core reads them, the Deployments taken out of them, and what is wrong with the versions that give one. */
export interface HandedDeployments {
  readonly coreProps: CoreGrayscaleServiceProps;
  readonly deployments: readonly HandedDeployment[];
  readonly problems: readonly Problem[];
}

// A version's fields that only a Deployment meshlight creates reads, and where they go on a cdk8s-plus one.
const MESHLIGHT_DEPLOYMENT_FIELDS: readonly [string, string][] = [
  ['image', 'its container\'s image'],
  ['replicas', 'its replicas'],
  ['env', 'its container\'s envVariables'],
  ['workload', 'its containers\' resources, probes and volumes, and its scaling'],
];

/** Step 1: the versions with a `deployment`, taken out of the props core reads, and what is wrong beside them. */
export function handOverDeployments(props: unknown, path: string): HandedDeployments {
  const problems = new ProblemCollector(path);
  const deployments: HandedDeployment[] = [];
  if (!isRecord(props) || !Array.isArray(props.versions)) {
    return { coreProps: props as CoreGrayscaleServiceProps, deployments, problems: [] };
  }
  const versions = props.versions.map((raw: unknown, index: number) => {
    if (!isRecord(raw) || raw.deployment === undefined) return raw;
    const field = `versions[${index}]`;
    const { deployment, ...rest } = raw;
    const coreVersion: Record<string, unknown> = rest;
    if (!isDeploymentLike(deployment)) {
      problems.add(`${field}.deployment`, deployment, 'is not a cdk8s-plus Deployment', 'give a Deployment of cdk8s-plus, e.g. new kplus.Deployment(chart, "orders-v1", { containers: [...] }), or an image for meshlight to deploy');
      return coreVersion;
    }
    const earlier = deployments.find((d) => d.deployment === deployment);
    if (earlier !== undefined) {
      problems.add(`${field}.deployment`, deployment.node.path, `is versions[${earlier.index}]'s Deployment too, and one Deployment's pods carry one version label`, 'give each version a Deployment of its own');
    } else {
      deployments.push({ index, version: raw.version, deployment });
    }
    for (const [key, where] of MESHLIGHT_DEPLOYMENT_FIELDS) {
      if (raw[key] === undefined) continue;
      problems.add(`${field}.${key}`, raw[key], `is set together with deployment; it applies only to a Deployment meshlight creates`,
        key === 'image'
          ? 'give image (meshlight deploys the version) or deployment (your cdk8s-plus Deployment runs it), not both'
          : `set ${where} on the cdk8s-plus Deployment, or remove ${key}`);
      delete coreVersion[key];
    }
    if (raw.labels !== undefined) {
      problems.add(`${field}.labels`, raw.labels, 'is set together with deployment; meshlight labels that Deployment\'s pods itself', 'remove labels: meshlight adds the version\'s labels (app and version) to the Deployment\'s pod template');
      delete coreVersion.labels;
    }
    return coreVersion;
  });
  return { coreProps: { ...props, versions } as unknown as CoreGrayscaleServiceProps, deployments, problems: [...problems.list] };
}

/**
 * Renders the service through `render` (core) with the Deployments handed over, checks them against it, and, when
 * nothing is wrong, labels their pods and runs them as the service's account. Throws every problem together.
 */
export function renderWithDeployments(
  handed: HandedDeployments, path: string, render: (props: CoreGrayscaleServiceProps) => RenderedGrayscaleService,
): RenderedGrayscaleService {
  let rendered: RenderedGrayscaleService;
  try {
    rendered = render(handed.coreProps);
  } catch (e) {
    if (e instanceof MeshlightValidationError && handed.problems.length > 0) throw new MeshlightValidationError([...e.problems, ...handed.problems]);
    throw e;
  }
  const problems = [...handed.problems, ...handed.deployments.flatMap((d) => deploymentProblems(d, rendered, path))];
  if (problems.length > 0) throw new MeshlightValidationError(problems);
  for (const { index, deployment } of handed.deployments) adoptDeployment(deployment, rendered.versionLabels[index], rendered.identity.serviceAccount);
  return rendered;
}

function isDeploymentLike(value: unknown): value is DeploymentLike {
  const d = value as Partial<DeploymentLike> | undefined;
  return typeof d === 'object' && d !== null && typeof d.node?.path === 'string' && typeof d.kind === 'string'
    && typeof d.podMetadata?.addLabel === 'function' && typeof d.podMetadata.getLabel === 'function' && Array.isArray(d.containers);
}

/** Step 2: what keeps `handed`'s Deployment from running its version of the service `rendered`. */
function deploymentProblems(handed: HandedDeployment, rendered: RenderedGrayscaleService, path: string): Problem[] {
  const problems = new ProblemCollector(path);
  const { deployment, index } = handed;
  const field = `versions[${index}].deployment`;
  const which = `Deployment ${quote(deployment.name)} (${deployment.node.path})`;
  if (deployment.kind !== 'Deployment') {
    problems.add(field, deployment.node.path, `is a ${deployment.kind}, not a Deployment`, 'build the version with a cdk8s-plus Deployment');
    return [...problems.list];
  }
  const namespace = deployment.metadata.namespace;
  if (namespace !== rendered.namespace) {
    const where = namespace === undefined ? 'has no namespace, so it lands in whichever namespace it is applied to' : `is in namespace ${quote(namespace)}`;
    problems.add(field, namespace, `${which} ${where}, not in the service's ${quote(rendered.namespace)}`,
      `create it in a Chart with namespace: ${quote(rendered.namespace)}, or with metadata: { namespace: ${quote(rendered.namespace)} }`);
  }
  const serviceAccount = rendered.identity.serviceAccount;
  const own = deployment.serviceAccount?.name;
  if (own !== undefined && own !== serviceAccount) {
    problems.add(field, own, `${which} runs its pods as service account ${quote(own)}, but the service's identity, which its calls and policies name, is ${quote(serviceAccount)}`,
      `create the Deployment without serviceAccount (meshlight runs it as ${quote(serviceAccount)}), or set existing: { serviceAccount: ${quote(own)} } on the service`);
  }
  // A GrayscaleService's identity has its one port.
  const containerPort = rendered.identity.ports?.[0]?.containerPort;
  const ports = deployment.containers.flatMap((c) => c.ports.map((p) => p.number));
  if (containerPort !== undefined && !ports.includes(containerPort)) {
    problems.add(field, ports, `no container of ${which} exposes the service's containerPort ${containerPort}, to which the Service sends requests`,
      `give its container portNumber: ${containerPort}, or set the service's containerPort to the port the container listens on`);
  }
  for (const [key, value] of Object.entries(rendered.versionLabels[index])) {
    const given = deployment.podMetadata.getLabel(key);
    if (given !== undefined && given !== value) {
      problems.add(field, given, `${which} labels its pods ${key}=${given}, but the subset of version ${quote(handed.version)} selects ${key}=${value}`,
        `leave ${key} out of the Deployment's podMetadata (meshlight sets it), and hand each Deployment to one version of one service`);
    }
  }
  return [...problems.list];
}

/** Step 3: labels the Deployment's pods as its version's and, unless it names a service account, runs them as `serviceAccount`. */
function adoptDeployment(deployment: DeploymentLike, labels: Readonly<Record<string, string>>, serviceAccount: string): void {
  for (const [key, value] of Object.entries(labels)) deployment.podMetadata.addLabel(key, value);
  // cdk8s-plus sets serviceAccountName only from a ServiceAccount construct; the service's may be meshlight's or existing.
  if (deployment.serviceAccount === undefined) {
    ApiObject.of(deployment).addJsonPatch(JsonPatch.add('/spec/template/spec/serviceAccountName', serviceAccount));
  }
}
