import * as core from '../../lib/core';
import * as internal from '../../lib/core/internal';

describe('meshlight/core exports what users build on, and no internals', () => {
  test('its values are the documented ones', () => {
    expect(Object.keys(core).sort()).toEqual([
      'AppChecker', 'CONTROL_PLANE_NAMESPACE', 'Caller', 'DEFAULT_VERSION_HEADER', 'LoadBalancer', 'MeshlightAppError',
      'MeshlightValidationError', 'StringMatch', 'ZeroTrustNamespaceDeclaration', 'appProblems', 'formatProblem',
      'loginProviderMeshConfig', 'pathNormalizationMeshConfig', 'principalOf', 'registryOnlyIstioOperator', 'registryOnlyMeshConfig',
      'renderEgressAllowList', 'renderGitOpsDelivery', 'renderGrayscaleService', 'renderMeshIngress', 'renderNamespaceTelemetry', 'renderZeroTrustNamespace',
    ]);
  });

  test('planning and matching helpers stay internal', () => {
    for (const name of ['shadows', 'renderMatch', 'planGrayscaleService', 'ProblemCollector', 'checkKnownFields', 'sortedRecord', 'hostSlug']) {
      expect(internal).toHaveProperty(name);
      expect(core).not.toHaveProperty(name);
    }
  });
});
