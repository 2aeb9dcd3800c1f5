/** A lower-case HTTP header name (an RFC 9110 token); HTTP/2 sends header names in lower case and Istio requires it. */
export const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/** An RFC 9110 token in any case: a header name where case does not matter (CORS lists), a cookie name (RFC 6265). */
export const TOKEN = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/** A cookie name (an RFC 6265 token). */
export const COOKIE_NAME = TOKEN;

/**
 * A header name like `name`, for a fix: each run of characters a header name cannot have (spaces, ":", "/", ...)
 * made "-", then lower case, e.g. "x-gray" for "X Gray".
 */
export function headerNameLike(name: string): string {
  const like = name.replace(/[^A-Za-z0-9!#$%&'*+.^_`|~-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase();
  return HEADER_NAME.test(like) ? like : 'x-my-header';
}

/** True when `value` is a lower-case HTTP header name. */
export function isHeaderName(value: unknown): value is string {
  return typeof value === 'string' && HEADER_NAME.test(value);
}

/** True when `value` is a cookie name. */
export function isCookieName(value: unknown): value is string {
  return typeof value === 'string' && COOKIE_NAME.test(value);
}
