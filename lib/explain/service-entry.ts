import { MeshOptions, ObjectRef, readObject } from './objects';
import { SourcedManifest } from './source';

/** A ServiceEntry, as far as meshlight explain reads it: hosts added to the mesh's registry and who sees them. */
export interface ServiceEntryConfig extends ObjectRef {
  /** Hosts as written (a ServiceEntry's hosts are not namespace-relative; `*.example.com` is allowed). */
  readonly hosts: readonly string[];
  readonly exportTo: readonly string[];
  /** MESH_EXTERNAL (the default) or MESH_INTERNAL. */
  readonly location: 'MESH_EXTERNAL' | 'MESH_INTERNAL';
}

/** Reads a ServiceEntry. */
export function readServiceEntry(manifest: SourcedManifest, options: MeshOptions, problems: string[]): ServiceEntryConfig {
  const { ref, reader } = readObject(manifest, options, problems);
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  return {
    ...ref,
    hosts: reader.strings(spec.hosts, 'spec.hosts').map((h) => h.toLowerCase()),
    exportTo: reader.strings(spec.exportTo, 'spec.exportTo'),
    location: reader.oneOf(spec.location, 'spec.location', ['MESH_EXTERNAL', 'MESH_INTERNAL'] as const, 'MESH_EXTERNAL'),
  };
}
