import { RE2JS } from 're2js';

type Obj = Record<string, any>;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function re2Problem(where: string, pattern: string): string[] {
  try {
    RE2JS.compile(pattern);
    return [];
  } catch (e) {
    return [`${where}: regex ${JSON.stringify(pattern)} does not compile in RE2: ${(e as Error).message}`];
  }
}

function stringMatchProblems(where: string, match: Obj | undefined): string[] {
  if (match === undefined) return [];
  const kinds = Object.keys(match);
  if (kinds.length !== 1) return [`${where}: a StringMatch needs exactly one of exact, prefix, regex`];
  return match.regex !== undefined ? re2Problem(where, match.regex) : [];
}

/**
 * The semantic checks istiod's validating webhook applies on top of the CRD schema (pkg/config/validation), for the
 * kinds meshlight emits. A small re-statement, not a copy: each line names the webhook rule it mirrors.
 */
export function istiodProblems(object: Obj): string[] {
  const where = `${object.kind} ${object.metadata?.namespace}/${object.metadata?.name}`;
  const problems: string[] = [];
  if (object.kind === 'VirtualService') {
    const spec = object.spec ?? {};
    if (!Array.isArray(spec.hosts) || spec.hosts.length === 0) problems.push(`${where}: virtual service must have at least one host`);
    if (new Set(spec.hosts).size !== spec.hosts?.length) problems.push(`${where}: duplicate hosts`);
    const names = new Set<string>();
    (spec.http ?? []).forEach((route: Obj, i: number) => {
      const at = `${where} http[${i}]`;
      if (route.name !== undefined) {
        if (names.has(route.name)) problems.push(`${at}: duplicate route name ${route.name}`);
        names.add(route.name);
      }
      const actions = ['route', 'redirect', 'directResponse', 'delegate'].filter((k) => route[k] !== undefined);
      if (actions.length !== 1) problems.push(`${at}: needs exactly one of route, redirect, direct response or delegate`);
      if (route.directResponse !== undefined && route.rewrite !== undefined) problems.push(`${at}: rewrite cannot be combined with a direct response`);
      (route.match ?? []).forEach((m: Obj, j: number) => {
        const mat = `${at} match[${j}]`;
        for (const field of ['uri', 'scheme', 'method', 'authority']) problems.push(...stringMatchProblems(`${mat}.${field}`, m[field]));
        for (const [name, sm] of Object.entries<Obj>(m.headers ?? {})) {
          if (name === '') problems.push(`${mat}: header name cannot be empty`);
          if (name !== name.toLowerCase()) problems.push(`${mat}: header name ${name} must be lower case`);
          problems.push(...stringMatchProblems(`${mat}.headers.${name}`, sm));
        }
        for (const [name, sm] of Object.entries<Obj>(m.queryParams ?? {})) {
          if (sm.prefix !== undefined) problems.push(`${mat}: query parameter ${name} cannot use a prefix match`);
          problems.push(...stringMatchProblems(`${mat}.queryParams.${name}`, sm));
        }
      });
      const destinations: Obj[] = route.route ?? [];
      if (destinations.length > 1) {
        const total = destinations.reduce((sum, d) => sum + (d.weight ?? 0), 0);
        if (total !== 100) problems.push(`${at}: total destination weight ${total} != 100`);
      }
      for (const d of destinations) {
        if (!d.destination?.host) problems.push(`${at}: destination must have a host`);
        if (d.weight !== undefined && (d.weight < 0 || !Number.isInteger(d.weight))) problems.push(`${at}: weight ${d.weight} is invalid`);
        if (d.destination?.subset !== undefined && !DNS_LABEL.test(d.destination.subset)) problems.push(`${at}: subset ${d.destination.subset} is not a DNS label`);
      }
      if (route.directResponse !== undefined && (route.directResponse.status < 200 || route.directResponse.status > 599)) {
        problems.push(`${at}: direct response status must be between 200 and 599`);
      }
    });
  }
  if (object.kind === 'DestinationRule') {
    const spec = object.spec ?? {};
    if (!spec.host) problems.push(`${where}: destination rule must have a host`);
    const names = new Set<string>();
    for (const subset of spec.subsets ?? []) {
      if (!DNS_LABEL.test(subset.name ?? '')) problems.push(`${where}: subset name ${subset.name} is not a DNS-1123 label`);
      if (names.has(subset.name)) problems.push(`${where}: duplicate subset ${subset.name}`);
      names.add(subset.name);
    }
  }
  return problems;
}
