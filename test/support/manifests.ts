import { Manifest } from '../../lib/core/internal';

/**
 * The object of `kind` (named `name`, in `namespace`, when given) among `manifests`; throws, listing what there is,
 * when there is none, so a test fails with a message rather than on `undefined`.
 */
export function findObject(manifests: readonly Manifest[], kind: string, name?: string, namespace?: string): any {
  const found = manifests.find((m) => m.kind === kind && (name === undefined || m.metadata.name === name)
    && (namespace === undefined || m.metadata.namespace === namespace));
  if (found === undefined) {
    throw new Error(`no ${kind} ${name ?? ''} in ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`);
  }
  return found;
}
