// Text for what may leave the mesh: the egress table per host, port and protocol, and the ServiceEntries that
// register external hosts. The other sections are in render-text.ts, which calls these.
import { EgressEntry } from './egress';
import { ServiceEntryInfo } from './service-entry';
import { renderTable } from './table';

function section(title: string, subtitle: string, body: string): string {
  return `${title}\n${'='.repeat(title.length)}\n${subtitle}\n\n${body}`;
}

/** The egress section: workload x external host x port, decided per port (a host open on 80 may be closed on 443). */
export function renderEgressPortsText(egress: readonly EgressEntry[]): string {
  const table = renderTable(['WORKLOAD', 'HOST', 'PORT', 'DECISION', 'SIDECAR', 'WHY'], egress.map((e) => [
    e.workload, e.host, e.port, e.decision === 'allowed' ? 'allowed' : 'BLOCKED', e.sidecar, e.why,
  ]));
  return section('EGRESS', 'What may leave the mesh: workload x external host x port (PORT "other ports": those no ServiceEntry of the host declares).', table);
}

/** The ServiceEntries section: each with its hosts, ports, resolution, endpoints, location and exportTo; empty string when there is none. */
export function renderServiceEntriesText(serviceEntries: readonly ServiceEntryInfo[]): string {
  if (serviceEntries.length === 0) {
    return '';
  }
  // The file of each is in the JSON (`file`); paths as given would make the table as wide as the longest.
  const table = renderTable(['SERVICE ENTRY', 'HOSTS', 'PORTS', 'RESOLUTION', 'ENDPOINTS', 'LOCATION', 'EXPORT TO'], serviceEntries.map((se) => [
    se.serviceEntry, se.hosts.join('\n'), se.ports.join('\n') || '-', se.resolution, se.endpoints, se.location, se.exportTo,
  ]));
  return section('SERVICE ENTRIES', 'Hosts added to the mesh\'s registry: callers reach them on these ports only (under REGISTRY_ONLY).', table);
}
