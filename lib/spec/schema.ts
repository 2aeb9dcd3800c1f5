// The JSON Schema of spec documents (schema/meshlight.schema.json, generated from core's props types), and what it
// says a position in a document accepts: what tells the YAML reader whether `1.10` is a version or a number.
import * as fs from 'fs';
import * as path from 'path';

/** A JSON Schema node, as the generated file holds it. */
export type JsonSchema = { readonly [key: string]: any };

/** The $comment of the alternative that lets a number or boolean be written as `$(cluster.<field>)` (in a fleet). */
export const CLUSTER_REFERENCE_COMMENT = 'a fleet cluster\'s value';

let loaded: JsonSchema | undefined;

/** The schema shipped with meshlight, found beside the package (lib/ in the repository, dist-lib/lib/ when built). */
export function specSchema(): JsonSchema {
  if (loaded === undefined) {
    let dir = __dirname;
    while (!fs.existsSync(path.join(dir, 'schema', 'meshlight.schema.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
    loaded = JSON.parse(fs.readFileSync(path.join(dir, 'schema', 'meshlight.schema.json'), 'utf8')) as JsonSchema;
  }
  return loaded;
}

/** The alternatives a position may take: `schemas` with every $ref followed and every anyOf/oneOf/allOf spread. */
export function alternatives(schemas: readonly JsonSchema[]): JsonSchema[] {
  const definitions = specSchema().definitions as Record<string, JsonSchema>;
  const out: JsonSchema[] = [];
  const visit = (s: JsonSchema, depth: number): void => {
    if (depth > 50) return;
    if (typeof s.$ref === 'string') {
      visit(definitions[s.$ref.replace('#/definitions/', '')] ?? {}, depth + 1);
      return;
    }
    // `$(cluster.<field>)` where a number is wanted is read as written, and is not a reason to read `1.10` as text.
    if (s.$comment === CLUSTER_REFERENCE_COMMENT) return;
    const branches = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])] as JsonSchema[];
    if (branches.length > 0) branches.forEach((b) => visit(b, depth + 1));
    else out.push(s);
  };
  schemas.forEach((s) => visit(s, 0));
  return out;
}

/** The schemas of property `key` of an object at a position of `schemas`. */
export function propertySchemas(schemas: readonly JsonSchema[], key: string): JsonSchema[] {
  return alternatives(schemas).flatMap((s) => {
    const own = s.properties?.[key];
    if (own !== undefined) return [own];
    return typeof s.additionalProperties === 'object' ? [s.additionalProperties] : [];
  });
}

/** The schemas of the items of an array at a position of `schemas`. */
export function itemSchemas(schemas: readonly JsonSchema[]): JsonSchema[] {
  return alternatives(schemas).flatMap((s) => (typeof s.items === 'object' && !Array.isArray(s.items) ? [s.items] : []));
}

/** The JSON types a scalar may have at a position of `schemas`, or undefined when the schema does not say (anything goes). */
export function scalarTypes(schemas: readonly JsonSchema[]): ReadonlySet<string> | undefined {
  const types = new Set<string>();
  for (const s of alternatives(schemas)) {
    const listed = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
    const values = s.const !== undefined ? [s.const] : Array.isArray(s.enum) ? s.enum : [];
    if (listed.length === 0 && values.length === 0) return undefined;
    listed.forEach((t: string) => types.add(t === 'integer' ? 'number' : t));
    values.forEach((v: unknown) => types.add(typeof v));
  }
  return types;
}
