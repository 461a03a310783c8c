// Validates a Kubernetes object against its schema: the kubernetes-models packages for the core API and for
// the CRDs the stack uses (cert-manager, Prometheus Operator, External Secrets, Argo CD, Flux).

// apiVersion group → the module that holds its models (a directory per version below it).
const GROUPS: Record<string, string> = {
  '': 'kubernetes-models',
  apps: 'kubernetes-models/apps',
  autoscaling: 'kubernetes-models/autoscaling',
  batch: 'kubernetes-models/batch',
  policy: 'kubernetes-models/policy',
  'networking.k8s.io': 'kubernetes-models/networking.k8s.io',
  'rbac.authorization.k8s.io': 'kubernetes-models/rbac.authorization.k8s.io',
  'cert-manager.io': '@kubernetes-models/cert-manager/cert-manager.io',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator/monitoring.coreos.com',
  'external-secrets.io': '@kubernetes-models/external-secrets/external-secrets.io',
  'argoproj.io': '@kubernetes-models/argo-cd/argoproj.io',
  'kustomize.toolkit.fluxcd.io': '@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io',
  'source.toolkit.fluxcd.io': '@kubernetes-models/flux-cd/source.toolkit.fluxcd.io',
};

interface Model {
  validate(): void;
}
type ModelClass = new (data: unknown) => Model;

function isModelClass(v: unknown): v is ModelClass {
  return (
    typeof v === 'function' &&
    typeof (v as { prototype?: { validate?: unknown } }).prototype?.validate === 'function'
  );
}

/**
 * Throws (naming `what`) when `obj` does not validate, or when its apiVersion/kind has no known schema.
 *
 * @example await validateObject({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec }, 'x')
 */
export async function validateObject(obj: Record<string, unknown>, what: string): Promise<void> {
  const apiVersion = String(obj['apiVersion'] ?? '');
  const kind = String(obj['kind'] ?? '');
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = apiVersion.slice(slash + 1);
  const base = GROUPS[group];
  if (base === undefined) throw new Error(`${what}: no schema for apiVersion ${apiVersion}`);
  const mod = (await import(`${base}/${version}`)) as Record<string, unknown>;
  const Model = mod[kind];
  if (!isModelClass(Model)) throw new Error(`${what}: no schema for ${apiVersion} ${kind}`);
  try {
    new Model(obj).validate();
  } catch (err) {
    throw new Error(`${what} does not validate: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
}
