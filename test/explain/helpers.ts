import * as fs from 'fs';
import * as path from 'path';
import { buildMesh, Mesh, MeshOptions, parseManifests, SourcedManifest } from '../../lib/explain';

/** The hand-written bookinfo-style fixture. */
export const BOOKINFO = path.join(__dirname, '..', 'fixtures', 'explain', 'bookinfo');

/** Fixtures of broken input. */
export const INVALID = path.join(__dirname, '..', 'fixtures', 'explain', 'invalid');

/** Every object of the bookinfo fixture, file by file in name order. */
export function bookinfoManifests(): SourcedManifest[] {
  return fs.readdirSync(BOOKINFO).sort().flatMap((f) => parseManifests(fs.readFileSync(path.join(BOOKINFO, f), 'utf8'), f));
}

/** The bookinfo fixture as a Mesh. */
export function bookinfoMesh(options: Partial<MeshOptions> = {}): Mesh {
  return buildMesh(bookinfoManifests(), options);
}

/** A Mesh from inline YAML. */
export function meshOf(yaml: string, options: Partial<MeshOptions> = {}): Mesh {
  return buildMesh(parseManifests(yaml, 'inline.yaml'), options);
}

/** Text with runs of spaces collapsed, so assertions do not depend on column widths. */
export function squash(text: string): string {
  return text.split('\n').map((l) => l.trim().replace(/ {2,}/g, ' | ')).join('\n');
}

/** The one line of `text` that contains every part; fails when there is none or several. */
export function lineWith(text: string, ...parts: string[]): string {
  const lines = text.split('\n').filter((l) => parts.every((p) => l.includes(p)));
  if (lines.length !== 1) {
    throw new Error(`expected one line with ${JSON.stringify(parts)}, found ${lines.length}:\n${lines.join('\n')}`);
  }
  return lines[0];
}

/** A Deployment (with its Service) as YAML, for small inline meshes. */
export function workloadYaml(namespace: string, name: string, labels: Record<string, string>, serviceAccount = name): string {
  const labelLines = Object.entries(labels).map(([k, v]) => `        ${k}: "${v}"`).join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  template:
    metadata:
      labels:
${labelLines}
    spec:
      serviceAccountName: ${serviceAccount}
      containers:
        - name: app
          image: example/app:1
          ports: [{ containerPort: 8080, name: http }]
---
`;
}
