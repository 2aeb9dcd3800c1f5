import { CrdValidator, CrdValidatorOptions } from './crd-validator';
import { Finding, formatFinding } from './finding';
import { istiodFindings } from './istiod-checks';
import { readManifestsOf } from './read-manifests';

export { CrdValidator } from './crd-validator';
export type { CrdValidatorOptions } from './crd-validator';
export type { Finding } from './finding';
export { formatFinding } from './finding';
export { istiodFindings, istiodProblems } from './istiod-checks';
export { forEachManifestOf, parseManifests, readManifests, readManifestsOf } from './read-manifests';
export type { SelectedManifests } from './read-manifests';

/** One object a cluster would reject, and why. */
export interface RejectedObject {
  /** `Kind namespace/name` of the object. */
  readonly object: string;
  /** Every reason, e.g. `cel: /spec/http/0/timeout must be a valid duration greater than 1ms`. */
  readonly problems: readonly string[];
}

/**
 * Checks Kubernetes, Istio and Gateway API objects the way a cluster would before accepting them: their CRD schemas
 * and CEL rules (from CRD files, such as Istio's `crd-all.gen.yaml`, Gateway API's `standard-install.yaml` or
 * `kubectl get crd -o yaml` of your cluster), then istiod's webhook rules (see istiod-checks.ts for which, each citing
 * the istiod check it mirrors).
 */
export class IstioValidator {
  /** Validates against the CRDs in `file` as well as istiod's rules. */
  public static fromCrdFile(file: string, options: CrdValidatorOptions = {}): IstioValidator {
    return IstioValidator.fromCrdFiles([file], options);
  }

  /**
   * Validates against the CRDs in `files` (e.g. Istio's and Gateway API's) as well as istiod's rules. Objects of
   * Istio's groups are checked against the CRDs always, those of another group (`gateway.networking.k8s.io`) when a
   * file defines a kind of it.
   */
  public static fromCrdFiles(files: readonly string[], options: CrdValidatorOptions = {}): IstioValidator {
    return new IstioValidator(CrdValidator.fromFiles(files, options));
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

  /**
   * True for the apiVersions whose objects this validator checks: Istio's, and those of the groups its CRD files
   * define; objects of others (Kubernetes' own kinds) are accepted unread.
   */
  public checks(apiVersion: string): boolean {
    return isIstioApiVersion(apiVersion) || this.crds?.knowsGroupOf(apiVersion) === true;
  }

  /** Every reason a cluster would reject `object`, with the check and the fix; empty when it would accept it. */
  public findings(object: Record<string, any>): Finding[] {
    const findings: Finding[] = [];
    if (this.crds !== undefined && this.checks(String(object?.apiVersion))) {
      findings.push(...this.crds.findings(object));
    }
    findings.push(...istiodFindings(object));
    return findings;
  }

  /** Every reason a cluster would reject `object`, one line each; empty when it would accept it. */
  public validate(object: Record<string, any>): string[] {
    return this.findings(object).map(formatFinding);
  }

  /** The objects among `objects` a cluster would reject, with their reasons. */
  public validateAll(objects: readonly Record<string, any>[]): RejectedObject[] {
    return objects
      .map((o) => ({ object: objectName(o), problems: this.validate(o) }))
      .filter((r) => r.problems.length > 0);
  }

  /**
   * validateAll over the documents of YAML files, such as `cdk8s synth` output, read as kubectl reads them; those of
   * Kubernetes' own kinds, which nothing here checks, are left unparsed.
   */
  public validateFiles(files: readonly string[]): RejectedObject[] {
    return this.validateAll(files.flatMap((f) => readManifestsOf(f, (apiVersion) => this.checks(apiVersion)).objects));
  }
}

/** `Kind namespace/name` of an object, as findings name it. */
export function objectName(object: Record<string, any>): string {
  return `${object?.kind} ${object?.metadata?.namespace ?? ''}/${object?.metadata?.name}`;
}

/** True for the apiVersions of Istio's kinds (`networking.istio.io/v1`, ...), checked with or without their CRDs. */
export function isIstioApiVersion(apiVersion: string): boolean {
  return /\.istio\.io\//.test(apiVersion);
}
