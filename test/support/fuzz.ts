import fc from 'fast-check';

/** Runs of each arbitrary-input property: 1,000 in `npm test`; set MESHLIGHT_FUZZ_RUNS for a deeper search. */
export const FUZZ_RUNS = Number(process.env.MESHLIGHT_FUZZ_RUNS ?? 1000);

/**
 * Any value at all, the awkward ones included: boxed primitives, objects without a prototype or with their own
 * toString, Maps, Sets, Dates, typed and sparse arrays, bigints.
 */
export const anyValue = (): fc.Arbitrary<unknown> => fc.anything({
  withBoxedValues: true, withNullPrototype: true, withMap: true, withSet: true, withDate: true, withSparseArray: true,
  withBigInt: true, withObjectString: true, withTypedArray: true,
});
