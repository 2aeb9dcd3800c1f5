import { MeshlightValidationError } from '../../lib/core/internal';

/** The MeshlightValidationError `render` throws; fails the test when it throws nothing or something else. */
export function validationErrorOf(render: () => unknown): MeshlightValidationError {
  try {
    render();
  } catch (e) {
    if (e instanceof MeshlightValidationError) return e;
    throw e;
  }
  throw new Error('expected a MeshlightValidationError');
}

/**
 * Expects `error` to report `field` (with its value) at construct `path`, saying `message` and giving a fix; with
 * `only`, that it is the one problem reported.
 */
export function expectProblem(error: MeshlightValidationError, path: string, field: string, message: string, only = false): void {
  if (only) expect(error.problems).toHaveLength(1);
  expect(error.message).toContain(`${path}: ${field}`);
  expect(error.message).toContain(message);
  expect(error.message).toMatch(/Fix: \S/);
}
