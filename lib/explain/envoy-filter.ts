import { MeshOptions, ObjectRef, readObject, selects } from './objects';
import { SourcedManifest } from './source';

/** The HTTP filter of Envoy that refuses unsafe cross-site requests, which meshlight's MeshIngress inserts. */
export const CSRF_FILTER = 'envoy.filters.http.csrf';

/** Methods Envoy's CSRF filter lets through without looking at the origin. */
export const CSRF_SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;

/** An Envoy StringMatcher on an origin's host[:port]. */
export interface OriginMatcher {
  readonly kind: 'exact' | 'prefix' | 'suffix' | 'contains' | 'regex';
  readonly value: string;
}

/**
 * Envoy's CSRF filter as an EnvoyFilter patch inserts it: for unsafe methods, the Origin (else Referer) host[:port]
 * must be the Host header or match one of the additional origins; otherwise Envoy answers 403.
 * @see https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/csrf_filter
 */
export interface CsrfFilter {
  /** Envoy StringMatchers on an origin's host[:port], in words (`exact console.example.com`). */
  readonly additionalOrigins: readonly string[];
  /** The StringMatchers as written, for evaluation. */
  readonly matchers: readonly OriginMatcher[];
  /** Share of requests the filter enforces (`filter_enabled`), in percent. */
  readonly enabledPercent: number;
  /** Share of requests it only counts (`shadow_enabled`), in percent. */
  readonly shadowPercent: number;
}

/** An EnvoyFilter, as far as meshlight explain reads it: the CSRF filter it inserts, and its other patches in words. */
export interface EnvoyFilterConfig extends ObjectRef {
  /** `workloadSelector.labels`; undefined: every proxy of the namespace (of the mesh, in the root namespace). */
  readonly selector?: Readonly<Record<string, string>>;
  /** `GATEWAY`, `SIDECAR_INBOUND`, `SIDECAR_OUTBOUND` or `ANY`, of the CSRF patch. */
  readonly csrfContext?: string;
  readonly csrf?: CsrfFilter;
  /** Patches other than the CSRF filter, in words: not evaluated. */
  readonly otherPatches: readonly string[];
}

const DENOMINATORS: Record<string, number> = { HUNDRED: 100, TEN_THOUSAND: 10000, MILLION: 1000000 };

function percentOf(fraction: unknown): number {
  const f = (typeof fraction === 'object' && fraction !== null ? fraction : {}) as Record<string, unknown>;
  const value = (typeof f.default_value === 'object' && f.default_value !== null ? f.default_value : {}) as Record<string, unknown>;
  const numerator = typeof value.numerator === 'number' ? value.numerator : 0;
  const denominator = DENOMINATORS[String(value.denominator ?? 'HUNDRED')] ?? 100;
  return Math.round((numerator * 10000) / denominator) / 100;
}

/** Reads an EnvoyFilter; only Envoy's CSRF filter is understood, other patches are described. */
export function readEnvoyFilter(manifest: SourcedManifest, options: MeshOptions, problems: string[]): EnvoyFilterConfig {
  const { ref, reader } = readObject(manifest, options, problems);
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  const workloadSelector = reader.record(spec.workloadSelector, 'spec.workloadSelector');
  let csrf: CsrfFilter | undefined;
  let csrfContext: string | undefined;
  const otherPatches: string[] = [];
  reader.list(spec.configPatches, 'spec.configPatches').forEach((p, i) => {
    const at = `spec.configPatches[${i}]`;
    const patch = reader.record(p, at) ?? {};
    const body = reader.record(patch.patch, `${at}.patch`) ?? {};
    const value = (typeof body.value === 'object' && body.value !== null ? body.value : {}) as Record<string, unknown>;
    const match = (typeof patch.match === 'object' && patch.match !== null ? patch.match : {}) as Record<string, unknown>;
    if (patch.applyTo === 'HTTP_FILTER' && value.name === CSRF_FILTER && (body.operation === 'INSERT_BEFORE' || body.operation === 'INSERT_FIRST' || body.operation === 'INSERT_AFTER' || body.operation === 'ADD')) {
      const config = (typeof value.typed_config === 'object' && value.typed_config !== null ? value.typed_config : {}) as Record<string, unknown>;
      const origins = Array.isArray(config.additional_origins) ? config.additional_origins : [];
      const matchers = origins.flatMap((o): OriginMatcher[] => {
        const entry = (typeof o === 'object' && o !== null ? o : {}) as Record<string, unknown>;
        const regex = typeof entry.safe_regex === 'object' && entry.safe_regex !== null ? (entry.safe_regex as Record<string, unknown>).regex : undefined;
        const kinds = ['exact', 'prefix', 'suffix', 'contains'] as const;
        const kind = kinds.find((k) => typeof entry[k] === 'string');
        if (kind !== undefined) return [{ kind, value: entry[kind] as string }];
        return typeof regex === 'string' ? [{ kind: 'regex', value: regex }] : [];
      });
      csrf = {
        additionalOrigins: matchers.map((m) => `${m.kind} ${m.value}`),
        matchers,
        enabledPercent: percentOf(config.filter_enabled),
        shadowPercent: config.shadow_enabled === undefined ? 0 : percentOf(config.shadow_enabled),
      };
      csrfContext = typeof match.context === 'string' ? match.context : 'ANY';
    } else {
      const name = typeof value.name === 'string' ? ` ${value.name}` : '';
      otherPatches.push(`${String(patch.applyTo ?? '?')} ${String(body.operation ?? '?')}${name}`);
    }
  });
  return {
    ...ref,
    selector: workloadSelector === undefined ? undefined : reader.stringMap(workloadSelector.labels, 'spec.workloadSelector.labels') ?? {},
    csrfContext,
    csrf,
    otherPatches,
  };
}

/** The EnvoyFilters that apply to proxies of `namespace` with `labels` (own namespace or the root namespace). */
export function envoyFiltersFor(namespace: string, labels: Readonly<Record<string, string>>, all: readonly EnvoyFilterConfig[], options: MeshOptions): EnvoyFilterConfig[] {
  return all.filter((f) => (f.namespace === namespace || f.namespace === options.rootNamespace) && (f.selector === undefined || selects(f.selector, labels)));
}

/** The host[:port] of an origin URL (`https://a.example.com:8443` gives `a.example.com:8443`), or undefined for `null` and non-URLs. */
function hostAndPortOf(origin: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(origin);
  return m === null ? undefined : m[1];
}

/**
 * What Envoy's CSRF filter does with a request: safe methods pass; otherwise the Origin header (else the Referer)
 * must be present and its host[:port] must equal the Host header or match an additional origin, or Envoy answers 403.
 */
export function csrfDecision(csrf: CsrfFilter, method: string, headers: Readonly<Record<string, string>>, authority: string): { allowed: boolean; why: string } {
  if (csrf.enabledPercent === 0) {
    return { allowed: true, why: 'the CSRF filter is not enabled (filter_enabled 0%)' };
  }
  if ((CSRF_SAFE_METHODS as readonly string[]).includes(method)) {
    return { allowed: true, why: `${method} is a safe method: the CSRF filter lets it through` };
  }
  const source = headers.origin ?? headers.referer;
  const origin = source === undefined ? undefined : hostAndPortOf(source);
  if (origin === undefined) {
    return { allowed: false, why: `403: ${method} without an Origin or Referer header that names a site` };
  }
  if (origin === authority) {
    return { allowed: true, why: `the origin ${origin} is the request's own host` };
  }
  const matcher = csrf.matchers.find((m) => {
    switch (m.kind) {
      case 'exact': return origin === m.value;
      case 'prefix': return origin.startsWith(m.value);
      case 'suffix': return origin.endsWith(m.value);
      case 'contains': return origin.includes(m.value);
      default:
        try {
          return new RegExp(`^(?:${m.value})$`).test(origin);
        } catch {
          return false;
        }
    }
  });
  return matcher === undefined
    ? { allowed: false, why: `403: origin ${origin} is neither the Host ${authority} nor an additional origin (${csrf.additionalOrigins.join(', ') || 'none'})` }
    : { allowed: true, why: `origin ${origin} matches additional origin ${matcher.kind} ${matcher.value}` };
}
