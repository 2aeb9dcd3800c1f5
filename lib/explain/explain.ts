import { AccessMatrix, explainAccess } from './access';
import { EgressEntry, explainEgress } from './egress';
import { Mesh } from './mesh';
import { explainTraffic, ServiceTraffic } from './traffic';

/**
 * What a mesh config does before it is deployed: how each service's requests are routed, who may call whom, and
 * what may leave the mesh. Plain data in a stable order, rendered as text, mermaid or JSON.
 */
export interface Explanation {
  readonly traffic: readonly ServiceTraffic[];
  readonly access: AccessMatrix;
  readonly egress: readonly EgressEntry[];
  /** Caveats about the input as a whole (objects not evaluated, conflicting configs). */
  readonly notes: readonly string[];
}

/** Explains a mesh: routes per service, the access matrix and the egress table. */
export function explainMesh(mesh: Mesh): Explanation {
  return {
    traffic: explainTraffic(mesh),
    access: explainAccess(mesh),
    egress: explainEgress(mesh),
    notes: [...mesh.notes],
  };
}
