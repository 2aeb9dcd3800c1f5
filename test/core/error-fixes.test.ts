import * as fc from 'fast-check';
import { RE2JS } from 're2js';
import { HEADER_NAME, headerNameLike, MeshIngressProps, renderGrayscaleService, renderMeshIngress, StringMatch } from '../../lib/core/internal';
import { validationErrorOf } from '../support/errors';

const versions = [{ version: '1.0', weight: 100 }, { version: '1.1', weight: 0 }];

/** The one problem a GrayscaleService rule matching `headers` raises, as `field = value: problem. Fix: fix`. */
function ruleProblem(headers: Record<string, string | StringMatch>): string {
  const error = validationErrorOf(() => renderGrayscaleService({ namespace: 'shop', versions, rules: [{ version: '1.1', match: { headers } }] }, { path: 'app/cart', defaultName: 'cart' }));
  expect(error.problems).toHaveLength(1);
  const [p] = error.problems;
  return `${p.field} = ${JSON.stringify(p.value)}: ${p.problem}. Fix: ${p.fix}`;
}

/** The one problem of `cors` a MeshIngress raises (it has no routes, a problem of its own), in the same form. */
function corsProblem(cors: MeshIngressProps['cors']): string {
  const props: MeshIngressProps = { namespace: 'shop', hosts: [{ host: 'shop.example.com', tlsSecret: 'shop-cert' }], routes: [], cors };
  const problems = validationErrorOf(() => renderMeshIngress(props, { path: 'app/edge', defaultName: 'edge' })).problems.filter((q) => q.field.startsWith('cors'));
  expect(problems).toHaveLength(1);
  const [p] = problems;
  return `${p.field} = ${JSON.stringify(p.value)}: ${p.problem}. Fix: ${p.fix}`;
}

describe('a bad header name gets a fix that names a valid header', () => {
  test.each<[string, string, string, string]>([
    ['upper case: the same name in lower case', 'X-Gray', 'is not a lower-case HTTP header name', 'e.g. "x-gray"'],
    ['a space: a name with "-" instead, never the same name', 'x gray', 'has a space or another character header names cannot have', 'e.g. "x-gray"'],
    ['a space and upper case', 'X Gray', 'has a space', 'e.g. "x-gray"'],
    ['a colon, as in "name: value"', 'x-gray:', 'has a space or another character', 'e.g. "x-gray"'],
    ['nothing but separators', ' : ', 'has a space or another character', 'e.g. "x-my-header"'],
  ])('%s', (_, name, problem, fix) => {
    const message = ruleProblem({ [name]: '1' });
    expect(message).toContain(`rules[0].match.headers = ${JSON.stringify(name)}: `);
    expect(message).toContain(problem);
    expect(message).toContain(fix);
    // The old fix lower-cased the name, and so suggested "x gray" for "x gray": the name it suggests must be valid.
    expect(JSON.parse(/e\.g\. ("[^"]*")/.exec(message)![1])).toMatch(HEADER_NAME);
  });

  test('whatever a user writes, the suggested name is a valid lower-case header name', () => {
    fc.assert(fc.property(fc.string(), (name) => HEADER_NAME.test(headerNameLike(name))));
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/), (name) => headerNameLike(name) === name));
  });

  test.each(['allowHeaders', 'exposeHeaders'] as const)('a CORS %s entry with a space says what header names may hold', (list) => {
    const message = corsProblem({ allowOrigins: ['https://app.example.com'], [list]: ['x gray'] });
    expect(message).toBe(`cors.${list} = "x gray": is not a header name. Fix: list header names of letters, digits and "-", no spaces, e.g. ["content-type", "x-request-id"]`);
  });
});

describe('each regex RE2 rejects is told its own mistake and its own fix', () => {
  test.each<[string, string, string, string]>([
    ['an unbalanced "("', '(abc', 'has a "(" that is never closed', 'close the group with ")", or write a literal "(" as "\\\\("'],
    ['an unbalanced ")"', 'abc)', 'has a ")" that closes no group', 'write a literal ")" as "\\\\)"'],
    ['an unclosed "["', '[abc', 'has a "[" that is never closed', 'close the character class with "]"'],
    ['look-ahead', '(?=beta)be.*', 'uses look-ahead ("(?="), which Envoy\'s RE2 engine does not have', 'RE2 has no look-around'],
    ['negative look-ahead', '(?!x).*', 'uses look-ahead ("(?!"), which Envoy\'s RE2 engine does not have', 'RE2 has no look-around'],
    ['look-behind, once reported as an invalid named capture', '(?<=a)b', 'uses look-behind ("(?<="), which Envoy\'s RE2 engine does not have', 'RE2 has no look-around'],
    ['negative look-behind', '(?<!a)b', 'uses look-behind ("(?<!"), which Envoy\'s RE2 engine does not have', 'RE2 has no look-around'],
    ['a named group RE2 cannot read', '(?P<a-b>x)', 'has a named group RE2 cannot read ("(?P<a-b>")', 'write a named group as "(?P<name>...)"'],
    ['two groups of one name', '(?P<v>a)(?P<v>b)', 'names two groups "v"', 'give each group a name of its own'],
    ['a back-reference by number', '(a)\\1', 'uses a back-reference ("\\1"), which Envoy\'s RE2 engine does not have', 'RE2 has no back-references'],
    ['a back-reference by name', '(?P<v>a)\\k<v>', 'uses a back-reference ("\\k"), which Envoy\'s RE2 engine does not have', 'RE2 has no back-references'],
    ['an atomic group', '(?>a)', 'uses "(?>", syntax Envoy\'s RE2 engine does not have', 'use RE2 syntax'],
    ['any other mistake, with RE2\'s own words', 'a**', 'is not a regular expression Envoy\'s RE2 engine accepts (invalid nested repetition operator: "**")', 'use RE2 syntax'],
  ])('%s: %s', (_, pattern, problem, fix) => {
    const message = ruleProblem({ gray: StringMatch.regex(pattern) });
    expect(message).toContain(`rules[0].match.headers.gray = ${JSON.stringify(pattern)}: ${problem}. Fix: `);
    expect(message).toContain(fix);
    expect(() => RE2JS.compile(pattern)).toThrow();
    // The old message gave every mistake the look-around advice, and a look-behind RE2's "invalid named capture".
    if (!/^\(\?<?[=!]/.test(pattern)) expect(message).not.toContain('look-around');
    expect(message).not.toContain('invalid named capture');
  });

  test('a named group in either syntax is accepted, as RE2 reads both', () => {
    expect(() => renderGrayscaleService({ namespace: 'shop', versions, rules: [{ version: '1.1', match: { headers: { gray: StringMatch.regex('(?P<a>x)|(?<b>y)') } } }] }, { path: 'app/cart', defaultName: 'cart' })).not.toThrow();
  });

  test('a CORS origin regex gets the same diagnosis', () => {
    expect(corsProblem({ allowOrigins: [StringMatch.regex('https://(app|admin\\.example\\.com')] }))
      .toBe('cors.allowOrigins = "https://(app|admin\\\\.example\\\\.com": has a "(" that is never closed. Fix: close the group with ")", or write a literal "(" as "\\\\("');
  });
});
