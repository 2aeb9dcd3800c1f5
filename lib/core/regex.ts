import { RE2JS } from 're2js';
import { ProblemCollector } from './errors';

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

/** RE2's error message: what is wrong, and the part of the pattern from where it is, e.g. `missing closing ): `(abc``. */
const RE2_ERROR = /^(?:error parsing regexp: )?(.*?)(?:: `([^]*)`)?$/;

/**
 * Adds the problem of `pattern`, given at `field`, when Envoy's RE2 engine would reject it, each kind of mistake with
 * its own fix; returns whether RE2 accepts it. The reasons are RE2's own (re2js, the same parser, compiled to JS).
 */
export function checkRe2(problems: ProblemCollector, field: string, pattern: string): boolean {
  const error = re2SyntaxError(pattern);
  if (error === undefined) return true;
  // `at` is the pattern from the mistake on: e.g. "(?<=a)b" for a look-behind, "\\1" for a back-reference.
  const [, reason = error, at = ''] = RE2_ERROR.exec(error) ?? [];
  const lookAhead = /^\(\?[=!]/.test(at) ? at.slice(0, 3) : undefined;
  const lookBehind = /^\(\?<[=!]/.test(at) ? at.slice(0, 4) : undefined;
  const namedGroup = at.slice(0, at.indexOf('>') + 1 || undefined);
  const backReference = reason === 'invalid escape sequence' && /^\\([1-9]|k)/.test(at) ? at.slice(0, 2) : undefined;
  if (reason === 'missing closing )') {
    problems.add(field, pattern, 'has a "(" that is never closed', 'close the group with ")", or write a literal "(" as "\\\\("');
  } else if (reason === 'unexpected )') {
    problems.add(field, pattern, 'has a ")" that closes no group', 'open the group with "(", or write a literal ")" as "\\\\)"');
  } else if (reason === 'missing closing ]') {
    problems.add(field, pattern, 'has a "[" that is never closed', 'close the character class with "]", or write a literal "[" as "\\\\["');
  } else if (lookAhead !== undefined) {
    problems.add(field, pattern, `uses look-ahead ("${lookAhead}"), which Envoy's RE2 engine does not have`, 'RE2 has no look-around: write a pattern that matches the wanted values themselves, e.g. with a character class');
  } else if (lookBehind !== undefined) {
    problems.add(field, pattern, `uses look-behind ("${lookBehind}"), which Envoy's RE2 engine does not have`, 'RE2 has no look-around: write a pattern that matches the wanted values themselves, e.g. with a character class');
  } else if (reason === 'invalid named capture') {
    problems.add(field, pattern, `has a named group RE2 cannot read ("${namedGroup}")`, 'write a named group as "(?P<name>...)", the name of letters, digits and "_"');
  } else if (reason === 'duplicate capture group name') {
    problems.add(field, pattern, `names two groups "${at}"`, 'give each group a name of its own, or use "(?:...)" for a group that needs none');
  } else if (backReference !== undefined) {
    problems.add(field, pattern, `uses a back-reference ("${backReference}"), which Envoy's RE2 engine does not have`, 'RE2 has no back-references: repeat the group\'s pattern where the text must occur again');
  } else if (reason === 'invalid or unsupported Perl syntax') {
    problems.add(field, pattern, `uses "${at}", syntax Envoy's RE2 engine does not have`, 'use RE2 syntax (https://github.com/google/re2/wiki/Syntax), e.g. "(?:...)" for a group that captures nothing');
  } else {
    problems.add(field, pattern, `is not a regular expression Envoy's RE2 engine accepts (${reason}${at === '' ? '' : `: "${at}"`})`, 'use RE2 syntax: https://github.com/google/re2/wiki/Syntax');
  }
  return false;
}

/** Escapes `literal` so that it matches itself inside an RE2 pattern. */
export function escapeRe2(literal: string): string {
  return RE2JS.quote(literal);
}
