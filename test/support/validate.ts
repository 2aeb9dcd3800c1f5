import * as fs from 'fs';
import * as path from 'path';
import { IstioValidator } from '../../lib/validation';

type Obj = Record<string, any>;

/**
 * Istio's CRD bundle beside the project (Istio 1.30.3), or a file named by MESHLIGHT_ISTIO_CRDS. Absent on a bare
 * clone: tests then validate with the published models and istiod's rules only, and say so.
 */
export const ISTIO_CRD_FILE = process.env.MESHLIGHT_ISTIO_CRDS ?? path.resolve(__dirname, '../../../shared/istio/crd-all.gen.yaml');

let validator: IstioValidator | undefined;

/** The validator: CRD schemas and CEL rules when the CRD file is there, istiod's rules always. */
export function istioValidator(): IstioValidator {
  validator ??= fs.existsSync(ISTIO_CRD_FILE) ? IstioValidator.fromCrdFile(ISTIO_CRD_FILE) : IstioValidator.istiodRulesOnly();
  return validator;
}

function isIstio(object: Obj): boolean {
  return /\.istio\.io\//.test(object.apiVersion);
}

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
 * (Istio 1.30.3's CRD schema and CEL rules when the CRD file is there, and istiod's webhook rules). Empty when it
 * would be accepted.
 */
export async function clusterProblems(object: Obj): Promise<string[]> {
  const where = `${object.kind} ${object.metadata?.namespace ?? ''}/${object.metadata?.name}`;
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
