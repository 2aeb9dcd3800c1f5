// Fields that Istio's CRDs allow and that change what a request gets, but that meshlight explain does not evaluate.
// An object using one is explained all the same; a note names the field, so that no decision looks more certain
// than it is. Fields explain leaves as open conditions instead (AuthorizationPolicy ipBlocks, trustDomains, unknown
// `when` keys) are not listed here: their decisions already say `depends`.
import { SourcedManifest, isRecord } from './source';

/** A field path (`[]` for every entry of a list) and what explain does not evaluate about it. */
interface UnevaluatedField {
  readonly path: string;
  readonly effect: string;
  /** True for values that are what explain assumes anyway, which need no note. */
  readonly assumed?: (value: unknown) => boolean;
}

const istioMutual = (value: unknown): boolean => isRecord(value) && value.mode === 'ISTIO_MUTUAL';
const clientTls = 'client TLS settings other than ISTIO_MUTUAL: explain assumes Istio mutual TLS between sidecars';

const UNEVALUATED: Readonly<Record<string, readonly UnevaluatedField[]>> = {
  DestinationRule: [
    { path: 'spec.workloadSelector', effect: 'the rule applies only to the selected workloads\' sidecars; explain applies it to every caller' },
    { path: 'spec.trafficPolicy.tls', effect: clientTls, assumed: istioMutual },
    { path: 'spec.trafficPolicy.portLevelSettings[].tls', effect: clientTls, assumed: istioMutual },
    { path: 'spec.subsets[].trafficPolicy.tls', effect: clientTls, assumed: istioMutual },
    { path: 'spec.subsets[].trafficPolicy.portLevelSettings[].tls', effect: clientTls, assumed: istioMutual },
  ],
  VirtualService: [
    { path: 'spec.http[].corsPolicy', effect: 'CORS preflight answers are not evaluated' },
    { path: 'spec.http[].headers.request', effect: 'request header changes: the destination\'s policies see the headers as changed, explain sees them as sent' },
    { path: 'spec.http[].route[].headers.request', effect: 'request header changes: the destination\'s policies see the headers as changed, explain sees them as sent' },
  ],
  Sidecar: [
    { path: 'spec.ingress', effect: 'inbound listeners are not evaluated' },
    { path: 'spec.egress[].bind', effect: 'the listener\'s bind address is not evaluated' },
  ],
  ServiceEntry: [
    { path: 'spec.workloadSelector', effect: 'its endpoints are the selected workloads; their policies are not applied to calls to the entry\'s hosts' },
  ],
};

function present(value: unknown, path: readonly string[], assumed: (value: unknown) => boolean): boolean {
  if (path.length === 0) {
    return value !== undefined && value !== null && !assumed(value);
  }
  const [head, ...rest] = path;
  const list = head.endsWith('[]');
  const key = list ? head.slice(0, -2) : head;
  const child = isRecord(value) ? value[key] : undefined;
  if (!list) {
    return present(child, rest, assumed);
  }
  return Array.isArray(child) && child.some((entry) => present(entry, rest, assumed));
}

/** The fields of `manifest` that change what a request gets and that explain does not evaluate, as `path: effect`. */
export function unevaluatedFields(manifest: SourcedManifest): string[] {
  return (UNEVALUATED[manifest.kind] ?? [])
    .filter((f) => present(manifest.object, f.path.split('.'), f.assumed ?? (() => false)))
    .map((f) => `${f.path}: ${f.effect}`);
}
