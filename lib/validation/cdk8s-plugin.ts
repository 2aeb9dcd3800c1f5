import * as fs from 'fs';
import * as path from 'path';
import { Finding } from './finding';
import { isIstioApiVersion, IstioValidator, objectName } from './index';
import { forEachManifestOf } from './read-manifests';

/** A violation as cdk8s's report takes it (cdk8s-cli's ValidationViolation). */
interface Violation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: { readonly resourceName: string; readonly locations: string[]; readonly manifestPath: string }[];
}

/** What cdk8s hands a validation plugin (cdk8s-cli's ValidationContext): the manifests and the report to fill. */
interface ValidationContext {
  readonly manifests: readonly string[];
  /**
   * The construct path of each object, by `metadata.name` (cdk8s's construct-metadata.json). cdk8s's report names
   * an object's construct by looking up the `resourceName` of a violation here.
   */
  readonly metadata?: { readonly [name: string]: { readonly path: string } };
  readonly report: {
    addViolation(violation: Violation): void;
    submit(status: 'success' | 'failure', metadata?: Record<string, string>): void;
  };
  readonly logger: { log(message: string): void };
}

/** Properties of the plugin in cdk8s.yaml. */
export interface IstioValidationPluginProps {
  /**
   * Path of a CRD file (e.g. Istio's crd-all.gen.yaml); when it does not exist, only istiod's rules are checked.
   * @default - no CRD file but those of `crdFiles`
   */
  readonly crdFile?: string;
  /**
   * Paths of more CRD files, checked after `crdFile`, e.g. Gateway API's standard-install.yaml, so that HTTPRoutes and
   * Gateways are checked against their CRD schemas and CEL rules as Istio's objects are. A file that does not exist
   * is left out, and said so; objects of a group no file defines (other than Istio's) are not checked.
   * @default []
   * @see https://gateway-api.sigs.k8s.io/guides/#installing-gateway-api
   */
  readonly crdFiles?: readonly string[];
}

/** The label meshlight puts on every object it emits (core's MANAGED_BY_LABEL). */
const MANAGED_BY = 'app.kubernetes.io/managed-by';

/**
 * A cdk8s validation plugin: `cdk8s synth` checks every synthesised object against Istio's CRD schemas and CEL rules
 * (and Gateway API's, given their CRD file) and istiod's webhook rules, and fails on any object a cluster would
 * reject. Each violation names the construct that made the object, the check it fails and the fix. In cdk8s.yaml:
 *
 * ```yaml
 * validations:
 *   - package: ./plugins/istio-validation
 *     class: IstioValidationPlugin
 *     version: 0.0.0
 *     properties:
 *       crdFile: path/to/crd-all.gen.yaml
 *       crdFiles: [path/to/gateway-api/standard-install.yaml]
 * ```
 */
export class IstioValidationPlugin {
  public constructor(private readonly props: IstioValidationPluginProps = {}) {}

  /** Reads each manifest once, validates each object once, and submits the report. */
  public async validate(context: ValidationContext): Promise<void> {
    const named = [...new Set([this.props.crdFile ?? [], this.props.crdFiles ?? []].flat().map((file) => path.resolve(file)))];
    const crdFiles = named.filter((file) => fs.existsSync(file));
    for (const missing of named.filter((file) => !crdFiles.includes(file))) {
      context.logger.log(`CRD file not found at ${missing}: ${crdFiles.length === 0 ? "checking istiod's rules only" : 'the kinds it defines are not checked'}`);
    }
    const validator = crdFiles.length > 0 ? IstioValidator.fromCrdFiles(crdFiles) : IstioValidator.istiodRulesOnly();
    const checked = (apiVersion: string) => validator.checks(apiVersion);

    // Each object is validated as it is read, and kept only when it has findings: most objects are let go young.
    // Kubernetes' own kinds, which nothing here checks, are left unparsed; their names count for the construct paths.
    const rejected: { readonly object: Record<string, any>; readonly manifestPath: string; readonly findings: Finding[] }[] = [];
    const names: string[] = [];
    const otherNames: (() => string[])[] = [];
    let istioObjects = 0;
    for (const manifestPath of context.manifests) {
      otherNames.push(forEachManifestOf(manifestPath, checked, (objects) => {
        for (const object of objects) {
          names.push(String(object?.metadata?.name ?? ''));
          if (isIstioApiVersion(String(object?.apiVersion))) istioObjects++;
          const findings = validator.findings(object);
          if (findings.length > 0) rejected.push({ object, manifestPath, findings });
        }
      }));
    }
    // Names only matter to the notes on rejected objects: most runs reject none, and never count them.
    const sharedNames = rejected.length === 0 ? new Map<string, number>() : countNames([...names, ...otherNames.flatMap((read) => read())]);
    // One violation per rule and fix, for objects meshlight emitted and for the user's own; one resource per object.
    const violations = new Map<string, { readonly violation: Violation; readonly resources: Map<string, string[]> }>();
    for (const { object, manifestPath, findings } of rejected) {
      const emitted = object.metadata?.labels?.[MANAGED_BY] === 'meshlight';
      const name = String(object.metadata?.name ?? '');
      const note = constructPathNote(object, sharedNames.get(name) ?? 0, context.metadata?.[name]?.path);
      for (const finding of findings) {
        const key = JSON.stringify([emitted, finding.rule, finding.fix]);
        let entry = violations.get(key);
        if (entry === undefined) {
          entry = { violation: violationOf(finding, emitted), resources: new Map() };
          violations.set(key, entry);
        }
        const resourceKey = JSON.stringify([manifestPath, objectName(object)]);
        let locations = entry.resources.get(resourceKey);
        if (locations === undefined) {
          // cdk8s finds the construct path by resourceName in its construct metadata, which is keyed by metadata.name.
          locations = [];
          entry.resources.set(resourceKey, locations);
          entry.violation.violatingResources.push({ resourceName: name, locations, manifestPath });
        }
        locations.push(`${objectName(object)} ${finding.field}: ${finding.problem}${note}`);
      }
    }
    for (const { violation } of violations.values()) context.report.addViolation(violation);
    context.report.submit(violations.size > 0 ? 'failure' : 'success', {
      crds: crdFiles.length > 0 ? crdFiles.join(', ') : 'not checked',
      'Istio objects': String(istioObjects),
      ...(names.length > istioObjects ? { 'other checked objects': String(names.length - istioObjects) } : {}),
    });
  }
}

/** The violation of `finding`'s rule and fix: for an object meshlight emitted, a meshlight bug to report. */
function violationOf(finding: Finding, emitted: boolean): Violation {
  return emitted
    ? {
      ruleName: finding.rule,
      recommendation: 'meshlight emitted an object Istio would reject: that is a bug in meshlight. Please report it, with this report.',
      fix: `meshlight has to change what it emits; until then, props that avoid the problem may help: ${finding.fix}`,
      violatingResources: [],
    }
    : {
      ruleName: finding.rule,
      recommendation: 'Istio would reject this object of your app: change it before deploying.',
      fix: finding.fix,
      violatingResources: [],
    };
}

function countNames(names: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/**
 * cdk8s records one construct path per `metadata.name`; where several objects share a name, the path its report
 * shows may be another's, unless it ends in the object's own id (meshlight's objects are `Kind-name`).
 */
function constructPathNote(object: Record<string, any>, sharing: number, constructPath: string | undefined): string {
  if (sharing <= 1 || constructPath === undefined || constructPath.endsWith(`/${object.kind}-${object.metadata?.name}`)) return '';
  return ` (${sharing} objects are named ${object.metadata?.name}: the construct path shown may be another's)`;
}
