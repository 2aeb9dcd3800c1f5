import { serviceHost } from '../core/internal';

/**
 * The host Istio reads from a config field: a name without a dot is short for a Service in the config's own
 * namespace (`reviews` in namespace bookinfo is `reviews.bookinfo.svc.cluster.local`); anything with a dot, and `*`,
 * is taken as written. Istio does not expand `reviews.bookinfo`.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService
 */
export function fqdnOf(host: string, namespace: string, clusterDomain: string): string {
  const lower = host.toLowerCase();
  return lower === '*' || lower.includes('.') ? lower : serviceHost(lower, namespace, clusterDomain);
}

/** True for `*` and `*.example.com`. */
export function isWildcardHost(host: string): boolean {
  return host.startsWith('*');
}

/**
 * True when host pattern `pattern` covers `host`: `*` covers every host, `*.example.com` covers `a.example.com`,
 * `a.b.example.com` and `*.b.example.com`; other patterns cover only themselves. Case-insensitive, like DNS.
 */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === '*' || p === h) {
    return true;
  }
  if (!p.startsWith('*')) {
    return false;
  }
  const suffix = p.slice(1);
  return isWildcardHost(h) ? h.slice(1).endsWith(suffix) : h.endsWith(suffix);
}

/**
 * True when an object of `ownNamespace` with `exportTo` is visible to `namespace`. No exportTo means `*` (Istio's
 * default); `.` is the object's own namespace; `~` is no namespace.
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService-export_to
 */
export function isExportedTo(exportTo: readonly string[], ownNamespace: string, namespace: string): boolean {
  if (exportTo.length === 0) {
    return true;
  }
  return exportTo.some((e) => e === '*' || e === namespace || (e === '.' && ownNamespace === namespace));
}

/** exportTo as written, or `*` when there is none. */
export function describeExportTo(exportTo: readonly string[]): string {
  return exportTo.length === 0 ? '* (default)' : exportTo.join(',');
}

/**
 * The short host for tables: a Service host without its `svc.<clusterDomain>` suffix (`reviews.bookinfo`), any
 * other host as written.
 */
export function shortHost(host: string, clusterDomain: string): string {
  const suffix = `.svc.${clusterDomain}`;
  return host.endsWith(suffix) ? host.slice(0, -suffix.length) : host;
}
