import { DEFAULT_MESH_OPTIONS } from '../../lib/explain/objects';
import { MeshRequest } from '../../lib/explain/request';
import { httpMatchTruth, readVirtualService, rewrittenPath } from '../../lib/explain/virtual-service';

/** Where a VirtualService sends one request: the route, the subsets with their weights, and the path they receive. */
export interface Routed {
  readonly route?: string;
  readonly subsets: Readonly<Record<string, number>>;
  readonly path: string;
  readonly status?: number;
}

/**
 * The first route of `vs` that matches the request, as Envoy picks it (meshlight explain's reading of Istio's
 * semantics), or undefined when none does.
 */
export function routeRequest(vs: Record<string, any>, request: { path: string; headers?: Record<string, string>; query?: Record<string, string> }): Routed | undefined {
  const problems: string[] = [];
  const config = readVirtualService({ apiVersion: vs.apiVersion, kind: vs.kind, object: vs, source: { file: 'test', document: 1, line: 1 } }, DEFAULT_MESH_OPTIONS, problems);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const req: MeshRequest = { source: { labels: {} }, method: 'GET', path: request.path, headers: request.headers ?? {}, query: request.query ?? {} };
  for (const route of config.http) {
    const match = route.matches.find((m) => httpMatchTruth(m, req) === true);
    if (route.matches.length === 0 || match !== undefined) {
      return {
        route: route.name,
        subsets: Object.fromEntries(route.destinations.map((d) => [d.subset ?? d.host, d.weight ?? 100])),
        path: rewrittenPath(route, match, request.path) ?? request.path,
        status: route.directResponse?.status,
      };
    }
  }
  return undefined;
}
