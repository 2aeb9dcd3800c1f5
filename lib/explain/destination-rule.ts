import { fqdnOf } from './hosts';
import { MeshOptions, ObjectRef, readObject } from './objects';
import { SourcedManifest } from './source';

/** A DestinationRule subset: a version of a service, as a label set. */
export interface Subset {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** A DestinationRule, as far as meshlight explain reads it: the host and its subsets. */
export interface DestinationRuleConfig extends ObjectRef {
  /** Fully qualified host. */
  readonly host: string;
  readonly subsets: readonly Subset[];
  readonly exportTo: readonly string[];
}

/** Reads a DestinationRule. */
export function readDestinationRule(manifest: SourcedManifest, options: MeshOptions, problems: string[]): DestinationRuleConfig {
  const { ref, reader } = readObject(manifest, options, problems);
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  const host = reader.string(spec.host, 'spec.host');
  if (host === undefined && spec.host === undefined) {
    reader.problem('spec.host', undefined, 'a host', 'name the service the rule is for, e.g. host: reviews');
  }
  const subsets = reader.list(spec.subsets, 'spec.subsets').map((s, i): Subset => {
    const subset = reader.record(s, `spec.subsets[${i}]`) ?? {};
    return {
      name: reader.string(subset.name, `spec.subsets[${i}].name`) ?? '',
      labels: reader.stringMap(subset.labels, `spec.subsets[${i}].labels`) ?? {},
    };
  });
  return {
    ...ref,
    host: fqdnOf(host ?? '', ref.namespace, options.clusterDomain),
    subsets,
    exportTo: reader.strings(spec.exportTo, 'spec.exportTo'),
  };
}
