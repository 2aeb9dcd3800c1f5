import { MeshlightValidationError } from '../../lib/core';

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
