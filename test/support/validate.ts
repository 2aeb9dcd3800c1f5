import * as fs from 'fs';
import * as path from 'path';
import { IstioValidator } from '../../lib/validation';

type Obj = Record<string, any>;

/**
 * Istio's CRD bundle beside the project (Istio 1.30.3), or a file named by MESHLIGHT_ISTIO_CRDS. Absent on a bare
 * clone: tests then validate with the published models and istiod's rules only, and say so.
 */
export const ISTIO_CRD_FILE = process.env.MESHLIGHT_ISTIO_CRDS ?? path.resolve(__dirname, '../../../shared/istio/crd-all.gen.yaml');

/**
 * Gateway API's CRD bundle beside the project (v1.5.1, standard channel), or a file named by MESHLIGHT_GATEWAY_API_CRDS.
 * Absent on a bare clone: Gateway API objects are then not checked (no published model of them is installed), and
 * tests say so.
 */
export const GATEWAY_API_CRD_FILE = process.env.MESHLIGHT_GATEWAY_API_CRDS ?? path.resolve(__dirname, '../../../shared/gateway-api/standard-install.yaml');

let validator: IstioValidator | undefined;

/** The validator: CRD schemas and CEL rules of the CRD files that are there, istiod's rules always. */
export function istioValidator(): IstioValidator {
  if (validator === undefined) {
    const crdFiles = [ISTIO_CRD_FILE, GATEWAY_API_CRD_FILE].filter((file) => fs.existsSync(file));
    validator = crdFiles.length > 0 ? IstioValidator.fromCrdFiles(crdFiles) : IstioValidator.istiodRulesOnly();
  }
  return validator;
}

/** True when Gateway API objects are checked against their CRDs (the CRD file is there). */
export function checksGatewayApi(): boolean {
  return istioValidator().checks('gateway.networking.k8s.io/v1');
}

function isIstio(object: Obj): boolean {
  return /\.istio\.io\//.test(object.apiVersion);
}

function isGatewayApi(object: Obj): boolean {
  return /^gateway\.networking\.k8s\.io\//.test(object.apiVersion);
}

let warnedOfGatewayApi = false;

/** The published model class of a kind: @kubernetes-models/istio (Istio 1.29 schemas) or kubernetes-models. */
async function modelOf(object: Obj): Promise<(new (data: Obj) => { validate(): void }) | undefined> {
  const module = isIstio(object)
    ? `@kubernetes-models/istio/${object.apiVersion}/${object.kind}`
    : `kubernetes-models/${object.apiVersion}/${object.kind}`;
  // One import at a time: jest's ESM loader fails when two imports link the same module concurrently.
  const loaded = await import(module);
  return loaded[object.kind];
}

/**
 * Every reason a cluster would reject `object`: the published models' JSON schemas, then meshlight's IstioValidator
 * (Istio 1.30.3's and Gateway API v1.5.1's CRD schemas and CEL rules when the CRD files are there, and istiod's
 * webhook rules). Empty when it would be accepted.
 */
export async function clusterProblems(object: Obj): Promise<string[]> {
  const where = `${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
  if (isGatewayApi(object)) {
    // No published model of Gateway API is installed: its CRD file is the only check.
    if (!checksGatewayApi() && !warnedOfGatewayApi) {
      warnedOfGatewayApi = true;
      console.warn(`Gateway API CRD file not found at ${GATEWAY_API_CRD_FILE}: Gateway API objects are not checked`);
    }
    return istioValidator().validate(object).map((p) => `${where}: ${p}`);
  }
  const problems: string[] = [];
  const Model = await modelOf(object);
  if (Model === undefined) {
    problems.push(`${where}: no published model for ${object.apiVersion} ${object.kind}`);
  } else {
    try {
      new Model(object).validate();
    } catch (e) {
      problems.push(`${where}: model: ${(e as Error).message}`);
    }
  }
  problems.push(...istioValidator().validate(object).map((p) => `${where}: ${p}`));
  return problems;
}

/** clusterProblems for every object, flattened. */
export async function clusterProblemsOfAll(objects: readonly Obj[]): Promise<string[]> {
  const all: string[] = [];
  for (const object of objects) {
    all.push(...(await clusterProblems(object)));
  }
  return all;
}
