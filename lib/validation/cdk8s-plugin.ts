import * as fs from 'fs';
import * as path from 'path';
import { IstioValidator } from './index';

/** What cdk8s hands a validation plugin: the synthesised manifests and the report to fill. */
interface ValidationContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: {
      readonly ruleName: string;
      readonly description: string;
      readonly fix: string;
      readonly violatingResources: readonly { readonly resourceName: string; readonly locations: readonly string[]; readonly manifestPath: string }[];
    }): void;
    submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
  };
  readonly logger: { log(message: string): void };
}

/** Properties of the plugin in cdk8s.yaml. */
export interface IstioValidationPluginProps {
  /** Path of a CRD file (e.g. Istio's crd-all.gen.yaml); when it does not exist, only istiod's rules are checked. */
  readonly crdFile?: string;
}

/**
 * A cdk8s validation plugin: `cdk8s synth` checks every synthesised object against Istio's CRD schemas and CEL rules
 * and istiod's webhook rules, and fails on any object a cluster would reject. In cdk8s.yaml:
 *
 * ```yaml
 * validations:
 *   - package: ./plugins/istio-validation
 *     class: IstioValidationPlugin
 *     version: 0.0.0
 *     properties: { crdFile: path/to/crd-all.gen.yaml }
 * ```
 */
export class IstioValidationPlugin {
  public constructor(private readonly props: IstioValidationPluginProps = {}) {}

  /** Validates the manifests and submits the report. */
  public async validate(context: ValidationContext): Promise<void> {
    const crdFile = this.props.crdFile === undefined ? undefined : path.resolve(this.props.crdFile);
    const haveCrds = crdFile !== undefined && fs.existsSync(crdFile);
    if (crdFile !== undefined && !haveCrds) {
      context.logger.log(`Istio CRD file not found at ${crdFile}: checking istiod's rules only`);
    }
    const validator = haveCrds ? IstioValidator.fromCrdFile(crdFile!) : IstioValidator.istiodRulesOnly();
    let failed = false;
    for (const manifest of context.manifests) {
      for (const rejected of validator.validateFiles([manifest])) {
        failed = true;
        context.report.addViolation({
          ruleName: 'istio-accepts',
          description: rejected.problems.join('; '),
          fix: 'report this to meshlight: every object it emits must be accepted by Istio',
          violatingResources: [{ resourceName: rejected.object, locations: rejected.problems, manifestPath: manifest }],
        });
      }
    }
    context.report.submit(failed ? 'failure' : 'success', { crds: haveCrds ? crdFile! : 'not checked' });
  }
}
