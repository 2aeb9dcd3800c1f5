import * as fs from 'fs';
import { parseAllDocuments } from 'yaml';
import { CrdValidator } from './crd-validator';
import { istiodProblems } from './istiod-checks';

export { CrdValidator } from './crd-validator';
export { istiodProblems } from './istiod-checks';

/** One object a cluster would reject, and why. */
export interface RejectedObject {
  /** `Kind namespace/name` of the object. */
  readonly object: string;
  /** Every reason, e.g. `cel: /spec/http/0/timeout must be a valid duration greater than 1ms`. */
  readonly problems: readonly string[];
}

/**
 * Checks Kubernetes and Istio objects the way a cluster would before accepting them: Istio's CRD schemas and CEL
 * rules (from a CRD file, such as Istio's `crd-all.gen.yaml` or `kubectl get crd -o yaml` of your cluster), then
 * istiod's webhook rules.
 */
export class IstioValidator {
  /** Validates against the CRDs in `file` as well as istiod's rules. */
  public static fromCrdFile(file: string): IstioValidator {
    return new IstioValidator(CrdValidator.fromFile(file));
  }

  /** Validates against istiod's rules only, for when no CRD file is at hand. */
  public static istiodRulesOnly(): IstioValidator {
    return new IstioValidator(undefined);
  }

  private constructor(private readonly crds: CrdValidator | undefined) {}

  /** True when CRD schemas and CEL rules are checked too. */
  public get checksCrds(): boolean {
    return this.crds !== undefined;
  }

  /** Every reason a cluster would reject `object`; empty when it would accept it. */
  public validate(object: Record<string, any>): string[] {
    const problems: string[] = [];
    if (this.crds !== undefined && /\.istio\.io\//.test(String(object?.apiVersion))) {
      problems.push(...this.crds.validate(object));
    }
    problems.push(...istiodProblems(object));
    return problems;
  }

  /** The objects among `objects` a cluster would reject, with their reasons. */
  public validateAll(objects: readonly Record<string, any>[]): RejectedObject[] {
    return objects
      .map((o) => ({ object: `${o?.kind} ${o?.metadata?.namespace ?? ''}/${o?.metadata?.name}`, problems: this.validate(o) }))
      .filter((r) => r.problems.length > 0);
  }

  /** validateAll over every document of YAML files, such as `cdk8s synth` output. */
  public validateFiles(files: readonly string[]): RejectedObject[] {
    return this.validateAll(files.flatMap((f) => parseAllDocuments(fs.readFileSync(f, 'utf8')).map((d) => d.toJS()).filter((o) => o !== null)));
  }
}
