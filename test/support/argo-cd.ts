import * as path from 'path';
import { CrdValidator } from '../../lib/validation';

/** Argo CD v3.5.1's CRDs beside the project, or a file named by MESHLIGHT_ARGO_CD_CRDS. */
export const ARGO_CD_CRD_FILE = process.env.MESHLIGHT_ARGO_CD_CRDS ?? path.resolve(__dirname, '../../../shared/argo-cd/crds.yaml');

let validator: CrdValidator | undefined;

/** A validator of Application, ApplicationSet and AppProject objects against Argo CD's CRD schemas. */
export function argoCdValidator(): CrdValidator {
  validator ??= CrdValidator.fromFile(ARGO_CD_CRD_FILE);
  return validator;
}
