import { quote } from '../core/internal';
import { fqdnOf } from './hosts';
import { formatLabels, MeshOptions, ObjectRef, readObject, selects } from './objects';
import { FieldReader } from './read-fields';
import { MeshRequest } from './request';
import { SourcedManifest } from './source';
import { allOf, anyOf, not, Truth, unknown } from './truth';
import { describeValueMatch, readValueMatch, ValueMatch, valueMatches } from './value-match';

/** A named attribute (header, query parameter) and how it must match. */
export interface NamedMatch {
  readonly name: string;
  readonly match: ValueMatch;
}

/**
 * One entry of an HTTP route's `match` list: every condition in it must hold (AND).
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest
 */
export interface HttpMatch {
  readonly uri?: ValueMatch;
  readonly ignoreUriCase: boolean;
  readonly scheme?: ValueMatch;
  readonly method?: ValueMatch;
  readonly authority?: ValueMatch;
  readonly headers: readonly NamedMatch[];
  readonly withoutHeaders: readonly NamedMatch[];
  readonly queryParams: readonly NamedMatch[];
  readonly port?: number;
  readonly sourceLabels?: Readonly<Record<string, string>>;
  readonly sourceNamespace?: string;
  /** Gateways the match is limited to; empty means the VirtualService's own. */
  readonly gateways: readonly string[];
}

/** Response header changes of a route or destination (`headers.response`). */
export interface HeaderChanges {
  readonly set: Readonly<Record<string, string>>;
  readonly add: Readonly<Record<string, string>>;
  readonly remove: readonly string[];
}

/** One destination of an HTTP route. */
export interface HttpDestination {
  /** Fully qualified host. */
  readonly host: string;
  readonly subset?: string;
  readonly port?: number;
  /** The weight as written; undefined when not written. */
  readonly weight?: number;
  readonly responseHeaders: HeaderChanges;
}

/** One HTTP route of a VirtualService, with its position in evaluation order. */
export interface HttpRoute {
  /** Position in `spec.http`, from 1: routes are tried in this order and the first that matches wins. */
  readonly position: number;
  readonly name?: string;
  /** The `match` list: any entry suffices (OR). Empty: the route matches every request. */
  readonly matches: readonly HttpMatch[];
  readonly destinations: readonly HttpDestination[];
  readonly responseHeaders: HeaderChanges;
  readonly timeout?: string;
  readonly retries?: string;
  readonly rewrite?: { readonly uri?: string; readonly authority?: string; readonly uriRegex?: { readonly match: string; readonly rewrite: string } };
  readonly directResponse?: { readonly status: number; readonly body?: string };
  readonly redirect?: { readonly uri?: string; readonly authority?: string; readonly code: number };
  readonly fault?: string;
  readonly mirror?: string;
  readonly delegate?: string;
}

/** A VirtualService, as far as meshlight explain reads it. */
export interface VirtualServiceConfig extends ObjectRef {
  /** Hosts, fully qualified (short names resolved against the VirtualService's namespace). */
  readonly hosts: readonly string[];
  /** Hosts as written. */
  readonly writtenHosts: readonly string[];
  readonly gateways: readonly string[];
  readonly exportTo: readonly string[];
  readonly http: readonly HttpRoute[];
  /** How many tcp and tls routes it has (not explained). */
  readonly otherRoutes: number;
}

/** True when the VirtualService applies to sidecars: no `gateways`, or `mesh` among them. */
export function appliesToSidecars(vs: Pick<VirtualServiceConfig, 'gateways'>): boolean {
  return vs.gateways.length === 0 || vs.gateways.includes('mesh');
}

/** Reads a VirtualService. */
export function readVirtualService(manifest: SourcedManifest, options: MeshOptions, problems: string[]): VirtualServiceConfig {
  const { ref, reader } = readObject(manifest, options, problems);
  const spec = reader.record(manifest.object.spec, 'spec') ?? {};
  const writtenHosts = reader.strings(spec.hosts, 'spec.hosts');
  const http = reader.list(spec.http, 'spec.http').map((r, i) => readHttpRoute(reader, r, `spec.http[${i}]`, i + 1, ref.namespace, options));
  return {
    ...ref,
    hosts: writtenHosts.map((h) => fqdnOf(h, ref.namespace, options.clusterDomain)),
    writtenHosts,
    gateways: reader.strings(spec.gateways, 'spec.gateways'),
    exportTo: reader.strings(spec.exportTo, 'spec.exportTo'),
    http,
    otherRoutes: reader.list(spec.tcp, 'spec.tcp').length + reader.list(spec.tls, 'spec.tls').length,
  };
}

function readHttpRoute(reader: FieldReader, value: unknown, path: string, position: number, namespace: string, options: MeshOptions): HttpRoute {
  const route = reader.record(value, path) ?? {};
  const destinations = reader.list(route.route, `${path}.route`).map((d, i): HttpDestination => {
    const at = `${path}.route[${i}]`;
    const rd = reader.record(d, at) ?? {};
    const destination = reader.record(rd.destination, `${at}.destination`) ?? {};
    const host = reader.string(destination.host, `${at}.destination.host`) ?? '';
    const port = reader.record(destination.port, `${at}.destination.port`);
    return {
      host: fqdnOf(host, namespace, options.clusterDomain),
      subset: reader.string(destination.subset, `${at}.destination.subset`),
      port: port === undefined ? undefined : reader.number(port.number, `${at}.destination.port.number`),
      weight: reader.number(rd.weight, `${at}.weight`),
      responseHeaders: readResponseHeaders(reader, rd.headers, `${at}.headers`),
    };
  });
  const rewrite = reader.record(route.rewrite, `${path}.rewrite`);
  const uriRegex = rewrite === undefined ? undefined : reader.record(rewrite.uriRegexRewrite, `${path}.rewrite.uriRegexRewrite`);
  const direct = reader.record(route.directResponse, `${path}.directResponse`);
  const redirect = reader.record(route.redirect, `${path}.redirect`);
  const delegate = reader.record(route.delegate, `${path}.delegate`);
  return {
    position,
    name: reader.string(route.name, `${path}.name`),
    matches: reader.list(route.match, `${path}.match`).map((m, i) => readHttpMatch(reader, m, `${path}.match[${i}]`)),
    destinations,
    responseHeaders: readResponseHeaders(reader, route.headers, `${path}.headers`),
    timeout: reader.string(route.timeout, `${path}.timeout`),
    retries: describeRetries(reader, route.retries, `${path}.retries`),
    rewrite: rewrite === undefined ? undefined : {
      uri: reader.string(rewrite.uri, `${path}.rewrite.uri`),
      authority: reader.string(rewrite.authority, `${path}.rewrite.authority`),
      uriRegex: uriRegex === undefined ? undefined : {
        match: reader.string(uriRegex.match, `${path}.rewrite.uriRegexRewrite.match`) ?? '',
        rewrite: reader.string(uriRegex.rewrite, `${path}.rewrite.uriRegexRewrite.rewrite`) ?? '',
      },
    },
    directResponse: direct === undefined ? undefined : {
      status: reader.number(direct.status, `${path}.directResponse.status`) ?? 0,
      body: describeBody(reader.record(direct.body, `${path}.directResponse.body`)),
    },
    redirect: redirect === undefined ? undefined : {
      uri: reader.string(redirect.uri, `${path}.redirect.uri`),
      authority: reader.string(redirect.authority, `${path}.redirect.authority`),
      code: reader.number(redirect.redirectCode, `${path}.redirect.redirectCode`) ?? 301,
    },
    fault: describeFault(reader, route.fault, `${path}.fault`),
    mirror: describeMirrors(reader, route, path, namespace, options),
    delegate: delegate === undefined ? undefined : `${reader.string(delegate.namespace, `${path}.delegate.namespace`) ?? namespace}/${reader.string(delegate.name, `${path}.delegate.name`) ?? ''}`,
  };
}

function readHttpMatch(reader: FieldReader, value: unknown, path: string): HttpMatch {
  const m = reader.record(value, path) ?? {};
  const named = (field: string): NamedMatch[] => {
    const map = reader.record(m[field], `${path}.${field}`) ?? {};
    return Object.keys(map).map((name) => ({ name, match: readValueMatch(reader, map[name], `${path}.${field}.${name}`) }))
      .filter((n): n is NamedMatch => n.match !== undefined);
  };
  const port = reader.number(m.port, `${path}.port`);
  return {
    uri: readValueMatch(reader, m.uri, `${path}.uri`),
    ignoreUriCase: m.ignoreUriCase === true,
    scheme: readValueMatch(reader, m.scheme, `${path}.scheme`),
    method: readValueMatch(reader, m.method, `${path}.method`),
    authority: readValueMatch(reader, m.authority, `${path}.authority`),
    headers: named('headers').map((h) => ({ ...h, name: h.name.toLowerCase() })),
    withoutHeaders: named('withoutHeaders').map((h) => ({ ...h, name: h.name.toLowerCase() })),
    queryParams: named('queryParams'),
    port,
    sourceLabels: reader.stringMap(m.sourceLabels, `${path}.sourceLabels`),
    sourceNamespace: reader.string(m.sourceNamespace, `${path}.sourceNamespace`),
    gateways: reader.strings(m.gateways, `${path}.gateways`),
  };
}

function readResponseHeaders(reader: FieldReader, value: unknown, path: string): HeaderChanges {
  const headers = reader.record(value, path) ?? {};
  const response = reader.record(headers.response, `${path}.response`) ?? {};
  return {
    set: reader.stringMap(response.set, `${path}.response.set`) ?? {},
    add: reader.stringMap(response.add, `${path}.response.add`) ?? {},
    remove: reader.strings(response.remove, `${path}.response.remove`),
  };
}

function describeBody(body: Record<string, unknown> | undefined): string | undefined {
  if (body === undefined) {
    return undefined;
  }
  return typeof body.string === 'string' ? body.string : typeof body.bytes === 'string' ? '(bytes)' : undefined;
}

function percentageOf(value: unknown): string {
  const p = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).value : undefined;
  return typeof p === 'number' ? `${p}%` : '100%';
}

function describeFault(reader: FieldReader, value: unknown, path: string): string | undefined {
  const fault = reader.record(value, path);
  if (fault === undefined) {
    return undefined;
  }
  const parts: string[] = [];
  const abort = reader.record(fault.abort, `${path}.abort`);
  if (abort !== undefined) {
    const status = abort.httpStatus ?? abort.grpcStatus ?? (abort.http2Error === undefined ? undefined : 'http2 error');
    parts.push(`abort ${String(status ?? '?')} for ${percentageOf(abort.percentage)}`);
  }
  const delay = reader.record(fault.delay, `${path}.delay`);
  if (delay !== undefined) {
    parts.push(`delay ${String(delay.fixedDelay ?? '?')} for ${percentageOf(delay.percentage)}`);
  }
  return parts.length === 0 ? undefined : parts.join(', ');
}

function describeRetries(reader: FieldReader, value: unknown, path: string): string | undefined {
  const retries = reader.record(value, path);
  if (retries === undefined) {
    return undefined;
  }
  const attempts = reader.number(retries.attempts, `${path}.attempts`);
  const perTry = reader.string(retries.perTryTimeout, `${path}.perTryTimeout`);
  return `${attempts ?? '?'} attempts${perTry === undefined ? '' : ` of ${perTry}`}`;
}

function describeMirror(reader: FieldReader, mirror: Record<string, unknown>, percentage: unknown, path: string, namespace: string, options: MeshOptions): string {
  const host = fqdnOf(reader.string(mirror.host, `${path}.host`) ?? '', namespace, options.clusterDomain);
  const subset = reader.string(mirror.subset, `${path}.subset`);
  return `${host}${subset === undefined ? '' : ` subset ${subset}`} (${percentageOf(percentage)})`;
}

/** `mirror` (with `mirrorPercentage`) and every entry of `mirrors`, in words, joined by `; `; undefined when none. */
function describeMirrors(reader: FieldReader, route: Record<string, unknown>, path: string, namespace: string, options: MeshOptions): string | undefined {
  const mirror = reader.record(route.mirror, `${path}.mirror`);
  const all = mirror === undefined ? [] : [describeMirror(reader, mirror, route.mirrorPercentage, `${path}.mirror`, namespace, options)];
  reader.list(route.mirrors, `${path}.mirrors`).forEach((m, i) => {
    const entry = reader.record(m, `${path}.mirrors[${i}]`) ?? {};
    const destination = reader.record(entry.destination, `${path}.mirrors[${i}].destination`) ?? {};
    all.push(describeMirror(reader, destination, entry.percentage, `${path}.mirrors[${i}].destination`, namespace, options));
  });
  return all.length === 0 ? undefined : all.join('; ');
}

/** Whether one `match` entry holds for `request`: every condition in it (AND), open conditions kept. */
export function httpMatchTruth(match: HttpMatch, request: MeshRequest): Truth {
  const conditions: Truth[] = [];
  if (match.gateways.length > 0 && !match.gateways.includes('mesh')) {
    return false;
  }
  const single = (subject: string, m: ValueMatch | undefined, value: string | undefined, ignoreCase = false): void => {
    if (m !== undefined) {
      conditions.push(value === undefined ? unknown(describeValueMatch(subject, m)) : valueMatches(m, value, ignoreCase));
    }
  };
  single('uri', match.uri, request.path, match.ignoreUriCase);
  single('scheme', match.scheme, request.scheme);
  single('method', match.method, request.method);
  single('authority', match.authority, request.authority);
  for (const h of match.headers) {
    conditions.push(request.headers === undefined ? unknown(describeValueMatch(`header ${h.name}`, h.match)) : valueMatches(h.match, request.headers[h.name]));
  }
  for (const h of match.withoutHeaders) {
    conditions.push(request.headers === undefined ? unknown(`NOT ${describeValueMatch(`header ${h.name}`, h.match)}`) : not(valueMatches(h.match, request.headers[h.name])));
  }
  for (const q of match.queryParams) {
    conditions.push(request.query === undefined ? unknown(describeValueMatch(`query ${q.name}`, q.match)) : valueMatches(q.match, request.query[q.name]));
  }
  if (match.port !== undefined) {
    conditions.push(request.port === undefined ? unknown(`port = ${match.port}`) : request.port === match.port);
  }
  if (match.sourceLabels !== undefined) {
    const labels = match.sourceLabels;
    conditions.push(request.source.labels === undefined ? unknown(`caller labels ${formatLabels(labels)}`) : selects(labels, request.source.labels));
  }
  if (match.sourceNamespace !== undefined) {
    const ns = request.source.namespace;
    conditions.push(ns === undefined ? unknown(`caller namespace = ${match.sourceNamespace}`) : ns === match.sourceNamespace);
  }
  return allOf(conditions);
}

/** Whether a route matches `request`: no match list matches everything; otherwise any entry (OR). */
export function routeTruth(route: HttpRoute, request: MeshRequest): Truth {
  return route.matches.length === 0 ? true : anyOf(route.matches.map((m) => httpMatchTruth(m, request)));
}

/** One match entry in words, its conditions joined by AND; `any request` when it has none. */
export function describeHttpMatch(match: HttpMatch): string {
  const parts: string[] = [];
  const uriSubject = match.ignoreUriCase ? 'uri (any case)' : 'uri';
  if (match.uri !== undefined) parts.push(describeValueMatch(uriSubject, match.uri));
  if (match.scheme !== undefined) parts.push(describeValueMatch('scheme', match.scheme));
  if (match.method !== undefined) parts.push(describeValueMatch('method', match.method));
  if (match.authority !== undefined) parts.push(describeValueMatch('authority', match.authority));
  for (const h of match.headers) parts.push(describeValueMatch(`header ${h.name}`, h.match));
  for (const h of match.withoutHeaders) parts.push(`NOT ${describeValueMatch(`header ${h.name}`, h.match)}`);
  for (const q of match.queryParams) parts.push(describeValueMatch(`query ${q.name}`, q.match));
  if (match.port !== undefined) parts.push(`port = ${match.port}`);
  if (match.sourceLabels !== undefined) parts.push(`caller labels ${formatLabels(match.sourceLabels)}`);
  if (match.sourceNamespace !== undefined) parts.push(`caller namespace = ${match.sourceNamespace}`);
  if (match.gateways.length > 0) parts.push(`gateways ${quote(match.gateways)}`);
  return parts.length === 0 ? 'any request' : parts.join(' AND ');
}

/** A route's conditions in words: its match entries joined by OR, or `any request`. */
export function describeRouteMatch(route: HttpRoute): string[] {
  return route.matches.length === 0 ? ['any request'] : route.matches.map(describeHttpMatch);
}

/**
 * The path a route's `rewrite` sends on, as Envoy computes it: `rewrite.uri` replaces the prefix the route matched
 * (the whole path for an exact match; `/` when the route has no uri match, so `/get` with `rewrite.uri: /v2/` becomes
 * `/v2/get`); `uriRegexRewrite` substitutes its regex. Undefined when the route does not rewrite the path.
 */
export function rewrittenPath(route: HttpRoute, match: HttpMatch | undefined, path: string): string | undefined {
  const rewrite = route.rewrite;
  if (rewrite?.uriRegex !== undefined) {
    const substitution = rewrite.uriRegex.rewrite.replace(/\\(\d)/g, '$$$1');
    try {
      return path.replace(new RegExp(rewrite.uriRegex.match, 'g'), substitution);
    } catch {
      return undefined;
    }
  }
  if (rewrite?.uri === undefined) {
    return undefined;
  }
  const uri = match?.uri;
  if (uri === undefined || uri === 'present') {
    return rewrite.uri + path.slice(1);
  }
  if (uri.kind === 'exact') {
    return rewrite.uri;
  }
  if (uri.kind === 'prefix') {
    return rewrite.uri + path.slice(uri.value.length);
  }
  return undefined;
}
