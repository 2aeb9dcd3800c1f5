import { byRef, MeshOptions, ObjectRef, readObject, refName, selects } from './objects';
import { SourcedManifest } from './source';
import { Workload } from './workloads';

/** PeerAuthentication's mTLS modes; UNSET inherits from the namespace, then the mesh. */
export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE' | 'UNSET';

/** A PeerAuthentication, as far as meshlight explain reads it. */
export interface PeerAuthenticationConfig extends ObjectRef {
  /** `selector.matchLabels`; undefined for a namespace-wide (or, in the root namespace, mesh-wide) policy. */
  readonly selector?: Readonly<Record<string, string>>;
  readonly mode: MtlsMode;
  /** Ports with their own mode (`portLevelMtls`). */
  readonly portModes: Readonly<Record<string, MtlsMode>>;
}

/** The mTLS mode a workload receives with, and the PeerAuthentication that decides it (none: Istio's default). */
export interface EffectiveMtls {
  readonly mode: 'STRICT' | 'PERMISSIVE' | 'DISABLE';
  /** `namespace/name` of the deciding PeerAuthentication; undefined for Istio's default PERMISSIVE. */
  readonly by?: string;
  /** Ports whose mode differs, as `port=MODE`. */
  readonly portModes: readonly string[];
}

const MODES: readonly MtlsMode[] = ['STRICT', 'PERMISSIVE', 'DISABLE', 'UNSET'];

/** Reads a PeerAuthentication. */
export function readPeerAuthentication(manifest: SourcedManifest, options: MeshOptions, problems: string[]): PeerAuthenticationConfig {
  const { ref, reader } = readObject(manifest, options, problems);
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  const selector = reader.record(spec.selector, 'spec.selector');
  const mtls = reader.record(spec.mtls, 'spec.mtls') ?? {};
  const portLevel = reader.record(spec.portLevelMtls, 'spec.portLevelMtls') ?? {};
  const portModes: Record<string, MtlsMode> = {};
  for (const port of Object.keys(portLevel)) {
    const entry = reader.record(portLevel[port], `spec.portLevelMtls.${port}`) ?? {};
    portModes[port] = reader.oneOf(entry.mode, `spec.portLevelMtls.${port}.mode`, MODES, 'UNSET');
  }
  return {
    ...ref,
    selector: selector === undefined ? undefined : reader.stringMap(selector.matchLabels, 'spec.selector.matchLabels') ?? {},
    mode: reader.oneOf(mtls.mode, 'spec.mtls.mode', MODES, 'UNSET'),
    portModes,
  };
}

/**
 * The mTLS mode of `workload`: its own PeerAuthentication (selector in its namespace), else its namespace's, else the
 * mesh's (root namespace, no selector; selectors there are ignored), else PERMISSIVE. UNSET defers to the next level.
 * @see https://istio.io/latest/docs/reference/config/security/peer_authentication/
 */
export function effectiveMtls(workload: Workload, policies: readonly PeerAuthenticationConfig[], options: MeshOptions): EffectiveMtls {
  const sorted = [...policies].sort(byRef);
  const levels = [
    sorted.find((p) => p.namespace === workload.namespace && p.selector !== undefined && selects(p.selector, workload.labels)),
    sorted.find((p) => p.namespace === workload.namespace && p.selector === undefined),
    sorted.find((p) => p.namespace === options.rootNamespace && p.selector === undefined),
  ];
  const portModes = levels[0] === undefined ? [] : Object.entries(levels[0].portModes).map(([port, mode]) => `${port}=${mode}`);
  for (const level of levels) {
    if (level !== undefined && level.mode !== 'UNSET') {
      return { mode: level.mode, by: refName(level), portModes };
    }
  }
  return { mode: 'PERMISSIVE', portModes };
}
