import fc from 'fast-check';
import { checkKnownFields, closestField, ProblemCollector } from '../../lib/core/internal';

describe('unknown fields', () => {
  const known = ['maxConnections', 'maxPendingRequests', 'maxRequestsPerConnection'];

  test('a misspelt field is named with the field it most likely meant', () => {
    const problems = new ProblemCollector('app/cart');
    checkKnownFields(problems, 'connectionPool', { maxConnection: 100, maxPendingRequests: 10 }, known, 'a connection pool');
    expect(() => problems.throwIfAny()).toThrow('app/cart: connectionPool.maxConnection = 100: is not a field of a connection pool, so it would be ignored. Fix: did you mean "maxConnections"?');
  });

  test('a field like no known one lists them all', () => {
    const problems = new ProblemCollector('app/cart');
    checkKnownFields(problems, '', { color: 'blue' }, known, 'GrayscaleService props');
    expect(() => problems.throwIfAny()).toThrow('color = "blue": is not a field of GrayscaleService props, so it would be ignored. Fix: remove it, or use one of ["maxConnections","maxPendingRequests","maxRequestsPerConnection"]');
  });

  test('another case of a known field suggests it', () => {
    expect(closestField('MAXCONNECTIONS', known)).toBe('maxConnections');
    expect(closestField('timeout', ['timeout', 'retries'])).toBe('timeout');
    expect(closestField('x', ['timeout', 'retries'])).toBeUndefined();
  });

  test('known fields are never reported, and every unknown one is, exactly once', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.anything()), fc.uniqueArray(fc.string()), (value, fields) => {
      const problems = new ProblemCollector('p');
      checkKnownFields(problems, 'x', value, fields, 'a thing');
      expect(problems.count).toBe(Object.keys(value).filter((k) => !fields.includes(k)).length);
    }), { numRuns: 500 });
  });
});
