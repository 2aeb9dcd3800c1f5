import { Condition, MatchPlan, matchCovers, shadows, StringMatch } from '../../lib/core/internal';

const header = (key: string, match: StringMatch): Condition => ({ on: 'header', key, match });
const query = (key: string, match: StringMatch): Condition => ({ on: 'query', key, match });
const { exact, prefix, regex } = StringMatch;

describe('a match covers another when every request satisfying the other satisfies it', () => {
  test.each<[string, MatchPlan, MatchPlan, boolean]>([
    ['no conditions cover every match', [], [header('gray', exact('1'))], true],
    ['the same condition', [header('gray', exact('1'))], [header('gray', exact('1'))], true],
    ['fewer conditions cover more', [header('gray', exact('1'))], [header('gray', exact('1')), query('debug', exact('true'))], true],
    ['more conditions do not cover fewer', [header('gray', exact('1')), query('debug', exact('true'))], [header('gray', exact('1'))], false],
    ['a prefix covers an exact value it starts', [header('user', prefix('be'))], [header('user', exact('beta'))], true],
    ['a prefix covers a longer prefix', [header('user', prefix('be'))], [header('user', prefix('beta'))], true],
    ['an exact value does not cover a prefix', [header('user', exact('beta'))], [header('user', prefix('be'))], false],
    ['a prefix does not cover a regex, whatever it matches', [header('user', prefix('be'))], [header('user', regex('beta'))], false],
    ['a regex covers only the same regex', [header('user', regex('be.*'))], [header('user', regex('be.*'))], true],
    ['another header is not covered', [header('gray', exact('1'))], [header('grey', exact('1'))], false],
    ['a query parameter is not covered by a header of the same name', [header('gray', exact('1'))], [query('gray', exact('1'))], false],
  ])('%s', (_, general, specific, covers) => {
    expect(matchCovers(general, specific)).toBe(covers);
  });
});

describe('an earlier rule shadows a later one when it covers every one of the later rule\'s matches', () => {
  const a = [header('gray', exact('1'))];
  const b = [query('debug', exact('true'))];
  const c = [header('user', exact('tester'))];

  test.each<[string, MatchPlan[], MatchPlan[], boolean]>([
    ['one match covering the other', [a], [[...a, ...c]], true],
    ['any of the earlier matches covers each later one', [a, b], [[...b, ...c], a], true],
    ['one later match not covered', [a, b], [a, c], false],
  ])('%s', (_, earlier, later, shadowed) => {
    expect(shadows({ matches: earlier }, { matches: later })).toBe(shadowed);
  });
});
