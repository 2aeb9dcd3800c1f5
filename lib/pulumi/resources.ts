import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { Manifest } from '../core/internal';

/**
 * The child resource name for a manifest of a component: `<component>-<kind>` for the object named like the
 * component, `<component>-<kind>-<rest of its name>` for others (e.g. `httpbin-deployment-v1-0`).
 */
export function childName(component: string, manifest: Manifest): string {
  const kind = manifest.kind.toLowerCase();
  const name = manifest.metadata.name;
  if (name === component) {
    return `${component}-${kind}`;
  }
  const rest = name.startsWith(`${component}-`) ? name.slice(component.length + 1) : name;
  return `${component}-${kind}-${rest}`;
}

/**
 * Registers a core manifest as a Pulumi resource: built-in Kubernetes kinds through their typed classes, Istio kinds
 * as CustomResources. Inputs are the manifest itself, so Pulumi deploys exactly what cdk8s would write.
 */
export function createResource(name: string, manifest: Manifest, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
  const args = manifest as any;
  switch (`${manifest.apiVersion}|${manifest.kind}`) {
    case 'v1|Namespace':
      return new k8s.core.v1.Namespace(name, args, opts);
    case 'v1|ServiceAccount':
      return new k8s.core.v1.ServiceAccount(name, args, opts);
    case 'v1|Service':
      return new k8s.core.v1.Service(name, args, opts);
    case 'apps/v1|Deployment':
      return new k8s.apps.v1.Deployment(name, args, opts);
    case 'autoscaling/v2|HorizontalPodAutoscaler':
      return new k8s.autoscaling.v2.HorizontalPodAutoscaler(name, args, opts);
    case 'policy/v1|PodDisruptionBudget':
      return new k8s.policy.v1.PodDisruptionBudget(name, args, opts);
    case 'networking.k8s.io/v1|NetworkPolicy':
      return new k8s.networking.v1.NetworkPolicy(name, args, opts);
    default:
      return new k8s.apiextensions.CustomResource(name, args, opts);
  }
}
