import { ProblemCollector } from './errors';

/**
 * How the mesh normalises request paths before authorization policies see them (meshConfig
 * `pathNormalization.normalization`). meshlight cannot read the mesh config, so props state it.
 * - `BASE`: Istio's default. `..` and `.` segments are resolved, but `%2F`, `%5C` and extra slashes are kept.
 * - `MERGE_SLASHES`: BASE, and `//` becomes `/`.
 * - `DECODE_AND_MERGE_SLASHES`: MERGE_SLASHES, and `%2F`, `%5C` are decoded first, so `/a/..%2Fb` becomes `/b`.
 * @see https://istio.io/latest/docs/reference/config/security/normalization/
 */
export type PathNormalization = 'BASE' | 'MERGE_SLASHES' | 'DECODE_AND_MERGE_SLASHES';

const NORMALIZATIONS: readonly PathNormalization[] = ['BASE', 'MERGE_SLASHES', 'DECODE_AND_MERGE_SLASHES'];

/** A path an AuthorizationPolicy can match: exact, `*`, or one `*` at the start or the end. */
export const AUTHZ_PATH = /^(\*|\*?\/[^*\s]*|\/[^*\s]*\*)$/;

/**
 * The Helm values fragment for istiod that decodes `%2F`/`%5C` and merges slashes before authorization, which
 * prefix and suffix paths in security rules need: `pathNormalization: 'DECODE_AND_MERGE_SLASHES'` states it is set.
 */
export function pathNormalizationMeshConfig(): { meshConfig: { pathNormalization: { normalization: 'DECODE_AND_MERGE_SLASHES' } } } {
  return { meshConfig: { pathNormalization: { normalization: 'DECODE_AND_MERGE_SLASHES' } } };
}

/** Reads the `pathNormalization` prop; reports a value that is none of Istio's options. */
export function planPathNormalization(problems: ProblemCollector, raw: unknown): PathNormalization {
  if (raw === undefined) return 'BASE';
  if (!NORMALIZATIONS.includes(raw as PathNormalization)) {
    problems.add('pathNormalization', raw, 'is not a path normalisation of Istio\'s', 'state what meshConfig.pathNormalization.normalization is set to: "BASE" (the default), "MERGE_SLASHES" or "DECODE_AND_MERGE_SLASHES"');
    return 'BASE';
  }
  return raw as PathNormalization;
}

/**
 * Checks the paths of a security rule (a call's paths, an ingress's paths served without login): each must be a path
 * Istio can match, and a prefix or suffix path only where the mesh decodes and merges slashes. Under BASE,
 * `/public/..%2Fadmin` matches `/public/*` at the proxy and reaches `/admin` on a backend that decodes it.
 */
export function checkSecurityPaths(problems: ProblemCollector, field: string, paths: readonly unknown[], normalization: PathNormalization): void {
  for (const p of paths) {
    if (typeof p !== 'string' || !AUTHZ_PATH.test(p)) {
      problems.add(field, p, 'is not a path Istio can match', 'use an exact path such as "/healthz", or one "*" at the start or end such as "/public/*"');
    } else if (p.includes('*') && p !== '*' && normalization !== 'DECODE_AND_MERGE_SLASHES') {
      problems.add(field, p,
        `matches by prefix or suffix, and under ${normalization} path normalisation "%2F" is not decoded before the match: "/public/..%2Fadmin" matches "/public/*" and reaches /admin on a backend that decodes it`,
        'use exact paths, or configure the mesh with pathNormalizationMeshConfig() (DECODE_AND_MERGE_SLASHES) and say so with pathNormalization: "DECODE_AND_MERGE_SLASHES"');
    }
  }
}
