/** One reason a cluster would reject an object: the check it fails, where, and what to write instead. */
export interface Finding {
  /**
   * The check: `CRD schema ...` or `CRD CEL rule ...` (Istio's CRD, as the API server applies it), or `istiod ...`:
   * the Go function of istiod's webhook it mirrors, with its file in istio/istio.
   */
  readonly rule: string;
  /** Where in the object, as a JSON pointer, e.g. `/spec/http/0/timeout`. */
  readonly field: string;
  /** What is wrong, in the words of the API server or istiod. */
  readonly problem: string;
  /** What to write instead. */
  readonly fix: string;
}

/**
 * One line per finding: `schema: /field message` and `cel: /field message` for the CRD, `istiod: /field: message`
 * for istiod's rules.
 */
export function formatFinding(f: Finding): string {
  if (f.rule === CEL_RULE) return `cel: ${f.field} ${f.problem}`;
  if (f.rule === SCHEMA_RULE) return `schema: ${f.field} ${f.problem}`;
  return `istiod: ${f.field}: ${f.problem}`;
}

/** The rule of findings from a CRD's openAPIV3Schema. */
export const SCHEMA_RULE = 'CRD schema (openAPIV3Schema)';
/** The rule of findings from a CRD's CEL rules. */
export const CEL_RULE = 'CRD CEL rule (x-kubernetes-validations)';
