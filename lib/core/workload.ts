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
