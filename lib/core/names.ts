import { ProblemCollector } from './errors';
/** The longest DNS-1123 label, which Kubernetes uses for most object names. */
export const DNS_LABEL_MAX = 63;

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** A DNS-1123 label: lower-case alphanumerics and '-', at most 63 characters (namespaces, most object names). */
export function isDnsLabel(value: string): boolean {
  return value.length <= DNS_LABEL_MAX && DNS_1123_LABEL.test(value);
}

/** A DNS-1035 label: like DNS-1123 but starting with a letter (Kubernetes Service names). */
export function isDns1035Label(value: string): boolean {
  return value.length <= DNS_LABEL_MAX && DNS_1035_LABEL.test(value);
}

/** A DNS-1123 subdomain: dot-separated labels, at most 253 characters (host names). */
export function isDnsSubdomain(value: string): boolean {
  return value.length <= 253 && DNS_1123_SUBDOMAIN.test(value);
}

/** True for a host name or a wildcard over one (`*.example.com`), as Istio's hosts fields take them. */
export function isHostPattern(value: unknown): value is string {
  return typeof value === 'string' && isDnsSubdomain(value.startsWith('*.') ? value.slice(2) : value);
}

/** A Kubernetes label value: empty, or at most 63 alphanumerics, '-', '_' and '.', alphanumeric at both ends. */
export function isLabelValue(value: string): boolean {
  return value.length <= DNS_LABEL_MAX && LABEL_VALUE.test(value);
}

/** A Kubernetes label key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const name = slash === -1 ? key : key.slice(slash + 1);
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  if (prefix !== undefined && !isDnsSubdomain(prefix)) {
    return false;
  }
  return name.length <= DNS_LABEL_MAX && LABEL_NAME.test(name);
}

/** The fully qualified in-mesh host of a Kubernetes Service. */
export function serviceHost(name: string, namespace: string, clusterDomain: string): string {
  return `${name}.${namespace}.svc.${clusterDomain}`;
}

/** A non-empty set of valid Kubernetes labels, as a pod selector needs. */
export function isLabelSet(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([k, v]) => isLabelKey(k) && typeof v === 'string' && isLabelValue(v));
}

/**
 * Checks a map of Kubernetes labels a user wrote: an object whose keys and values are valid labels. Reports one
 * problem per bad label; `example` shows a good map in the fix.
 */
export function checkLabelMap(problems: ProblemCollector, field: string, labels: unknown, example: string): labels is Record<string, string> {
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels)) {
    problems.add(field, labels, 'is not a map of labels', `use an object such as ${example}`);
    return false;
  }
  let ok = true;
  for (const [key, value] of Object.entries(labels)) {
    if (!isLabelKey(key)) {
      problems.add(`${field}.${key}`, key, 'is not a valid label key', 'use letters, digits, "-", "_" and "." (at most 63), optionally after a DNS prefix and "/"');
      ok = false;
    } else if (typeof value !== 'string' || !isLabelValue(value)) {
      problems.add(`${field}.${key}`, value, 'is not a valid label value', 'use at most 63 letters, digits, "-", "_" and ".", starting and ending with a letter or digit');
      ok = false;
    }
  }
  return ok;
}
