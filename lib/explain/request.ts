/**
 * The caller of a request. `null` means the caller has no such attribute (a plaintext caller has no principal and
 * no namespace); `undefined` means it is not known, which makes conditions on it open rather than false.
 */
export interface RequestSource {
  /** The caller's namespace as mTLS proves it. */
  readonly namespace?: string | null;
  /** The caller's mTLS principal, `<trustDomain>/ns/<namespace>/sa/<serviceAccount>`. */
  readonly principal?: string | null;
  /**
   * The request's JWT principal, `<iss>/<sub>` of a token a RequestAuthentication verified; null for a request
   * without a valid token.
   */
  readonly requestPrincipal?: string | null;
  /** The caller's pod labels (VirtualService `sourceLabels`). */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * A request, as far as it is known. Every attribute left undefined is open: conditions on it are reported as
 * "depends on" instead of being decided.
 */
export interface MeshRequest {
  readonly source: RequestSource;
  /** HTTP method, upper case. */
  readonly method?: string;
  /** Path without the query string. */
  readonly path?: string;
  /** Query parameters. */
  readonly query?: Readonly<Record<string, string>>;
  /** Headers by lower-case name; absent names are absent headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The Host (`:authority`) header. */
  readonly authority?: string;
  /** `http` or `https`. */
  readonly scheme?: string;
  /** The destination port: the Service port when routing, the workload port when authorising. */
  readonly port?: number;
}

/** Splits `/a/b?x=1&y=2` into its path and query parameters (the first value of a repeated parameter wins). */
export function splitPathAndQuery(pathWithQuery: string): { path: string; query: Record<string, string> } {
  const q = pathWithQuery.indexOf('?');
  const path = q === -1 ? pathWithQuery : pathWithQuery.slice(0, q);
  const query: Record<string, string> = {};
  if (q !== -1) {
    for (const [k, v] of new URLSearchParams(pathWithQuery.slice(q + 1))) {
      if (!(k in query)) {
        query[k] = v;
      }
    }
  }
  return { path: path === '' ? '/' : path, query };
}
