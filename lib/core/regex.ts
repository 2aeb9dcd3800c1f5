import { RE2JS } from 're2js';

/**
 * Why Envoy's RE2 engine would reject `pattern`, or undefined when it compiles. Istio passes match regexes to RE2,
 * which has no look-around or back-references, so a JavaScript-valid regex can still fail at the proxy.
 */
export function re2SyntaxError(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Escapes `literal` so that it matches itself inside an RE2 pattern. */
export function escapeRe2(literal: string): string {
  return RE2JS.quote(literal);
}
