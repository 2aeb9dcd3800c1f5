import { ProblemCollector } from './errors';
import { isDnsLabel, isDnsSubdomain, isLabelSet } from './names';

/** How a Service port reaches the workload's container. */
export interface PortMapping {
  /** The Service port callers use. */
  readonly port: number;
  /** The container port the Service forwards to. */
  readonly containerPort: number;
}

/**
 * Who a workload is in the mesh: the pods it selects, the service account its certificate names, and how callers
 * reach it. GrayscaleService exposes one as `identity`.
 */
export interface WorkloadIdentity {
  /** The workload's name, used in the names of objects about it. */
  readonly name: string;
  /** The namespace its pods run in. */
  readonly namespace: string;
  /** The Kubernetes service account its pods run as; their mTLS identity. */
  readonly serviceAccount: string;
  /** Labels that select its pods. */
  readonly labels: Readonly<Record<string, string>>;
  /** Fully qualified host of its Service, if it has one. */
  readonly host?: string;
  /** Its Service ports and the container ports behind them. */
  readonly ports?: readonly PortMapping[];
  /**
   * The hosts its routes send requests to besides `host` (with the Gateway API dialect, a Service per version): a
   * caller's proxy must see them too.
   */
  readonly backendHosts?: readonly string[];
}

/** Anything that has a mesh identity: a GrayscaleService, or an identity written out. */
export type HasIdentity = WorkloadIdentity | { readonly identity: WorkloadIdentity };

/** The identity of `value` if it has one, else undefined. */
export function identityOf(value: unknown): WorkloadIdentity | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const candidate = 'identity' in value ? (value as { identity: unknown }).identity : value;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const c = candidate as Partial<WorkloadIdentity>;
  const ok = typeof c.name === 'string' && typeof c.namespace === 'string' && typeof c.serviceAccount === 'string'
    && typeof c.labels === 'object' && c.labels !== null;
  return ok ? (candidate as WorkloadIdentity) : undefined;
}

// Identities already found valid: a GrayscaleService's is checked once, however many calls name it.
const validIdentities = new WeakSet<WorkloadIdentity>();

/**
 * Checks an identity written out by hand (`{ name, namespace, serviceAccount, labels }`), whose fields go into
 * selectors and principals as they are; returns whether it is valid. `field` is where it sits in the props.
 */
export function checkIdentity(problems: ProblemCollector, field: string, identity: WorkloadIdentity): boolean {
  if (validIdentities.has(identity)) return true;
  const before = problems.count;
  if (!isDnsLabel(identity.name)) {
    problems.add(`${field}.name`, identity.name, 'is not a valid workload name (DNS-1123 label)', 'use lower-case letters, digits and "-"');
  }
  if (!isDnsLabel(identity.namespace)) {
    problems.add(`${field}.namespace`, identity.namespace, 'is not a namespace name (DNS-1123 label)', 'use the namespace the pods run in, such as "shop"');
  }
  if (!isDnsSubdomain(identity.serviceAccount)) {
    problems.add(`${field}.serviceAccount`, identity.serviceAccount, 'is not a service account name (DNS-1123 subdomain)', 'use the name of the service account the pods run as, such as "cart"');
  }
  if (!isLabelSet(identity.labels)) {
    problems.add(`${field}.labels`, identity.labels, 'is not a non-empty set of valid labels', `use the labels of the workload's pods, e.g. { app: "${identity.name}" }`);
  }
  if (identity.host !== undefined && (typeof identity.host !== 'string' || !isDnsSubdomain(identity.host))) {
    problems.add(`${field}.host`, identity.host, 'is not a host name', 'use the Service\'s host, such as "cart.shop.svc.cluster.local", or leave it out');
  }
  const isPort = (p: unknown) => typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 65535;
  if (identity.ports !== undefined && (!Array.isArray(identity.ports) || identity.ports.some((p) => typeof p !== 'object' || p === null || !isPort(p.port) || !isPort(p.containerPort)))) {
    problems.add(`${field}.ports`, identity.ports, 'is not a list of port mappings', 'use [{ port: 80, containerPort: 8080 }], or leave ports out');
  }
  if (problems.count > before) return false;
  validIdentities.add(identity);
  return true;
}
