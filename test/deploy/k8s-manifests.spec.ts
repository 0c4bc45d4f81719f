import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Deployment, type IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet, type IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { Secret, type ISecret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { APPS, isRecord, mainPath, readYamlDocuments, ROOT } from './yaml-docs.js';

const K8S_DIR = join(ROOT, 'k8s');
const SECRET_TEMPLATE = 'secret.example.yaml';

/** A Kubernetes object that conforms to its schema. */
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; labels?: Record<string, string> };
}

interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: object): { validate(): void };
}

/** Every kind the manifests may use, each with the model class that carries its OpenAPI schema. */
const MODELS: ModelClass[] = [
  Namespace,
  ConfigMap,
  Secret,
  Service,
  Deployment,
  StatefulSet,
  HorizontalPodAutoscaler,
  NetworkPolicy,
];

/** Validates a document against the Kubernetes schema of its apiVersion and kind; throws if it fails. */
function validateManifest(doc: unknown): Manifest {
  if (!isRecord(doc)) throw new Error('a manifest must be a mapping');
  const Model = MODELS.find((model) => model.apiVersion === doc.apiVersion && model.kind === doc.kind);
  if (Model === undefined) throw new Error(`unknown kind ${String(doc.apiVersion)} ${String(doc.kind)}`);
  new Model(doc).validate();
  if (!isRecord(doc.metadata) || typeof doc.metadata.name !== 'string') {
    throw new Error('metadata.name is required');
  }
  return doc as unknown as Manifest;
}

function readKustomization(): { namespace?: unknown; resources: string[] } {
  const [kustomization] = readYamlDocuments(join(K8S_DIR, 'kustomization.yaml'));
  if (!isRecord(kustomization) || !Array.isArray(kustomization.resources)) {
    throw new Error('kustomization.yaml must list resources');
  }
  return { namespace: kustomization.namespace, resources: kustomization.resources.map(String) };
}

function loadFile(file: string): Manifest[] {
  return readYamlDocuments(join(K8S_DIR, file)).map((doc, index) => {
    try {
      return validateManifest(doc);
    } catch (error) {
      throw new Error(`${file} document ${index + 1}: ${(error as Error).message}`, { cause: error });
    }
  });
}

const loadResources = (): Manifest[] => readKustomization().resources.flatMap(loadFile);
const loadSecretTemplate = (): ISecret[] => loadFile(SECRET_TEMPLATE).filter(Secret.is);
const nameOf = (doc: Manifest): string => doc.metadata?.name ?? '';

function named<T extends Manifest>(docs: Manifest[], is: (value: unknown) => value is T, name: string): T {
  const found = docs.filter(is).find((doc) => nameOf(doc) === name);
  if (found === undefined) throw new Error(`no ${name}`);
  return found;
}

interface Pod {
  owner: string;
  workload: IDeployment | IStatefulSet;
  labels: Record<string, string>;
  spec: IPodSpec;
}

function podsOf(docs: Manifest[]): Pod[] {
  const workloads: (IDeployment | IStatefulSet)[] = [
    ...docs.filter(Deployment.is),
    ...docs.filter(StatefulSet.is),
  ];
  return workloads.map((workload) => ({
    owner: `${workload.kind} ${nameOf(workload)}`,
    workload,
    labels: workload.spec?.template.metadata?.labels ?? {},
    spec: workload.spec?.template.spec ?? { containers: [] },
  }));
}

const allContainers = (pod: IPodSpec): IContainer[] => [...(pod.initContainers ?? []), ...pod.containers];
const matches = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

function hasPort(container: IContainer, port: string | number): boolean {
  return (container.ports ?? []).some((declared) =>
    typeof port === 'number' ? declared.containerPort === port : declared.name === port,
  );
}

/** Every Service selects the pods of exactly one workload, on ports those pods declare. */
function serviceProblems(docs: Manifest[]): string[] {
  const pods = podsOf(docs);
  return docs.filter(Service.is).flatMap((service) => {
    const selector = service.spec?.selector ?? {};
    const selected = pods.filter((pod) => Object.keys(selector).length > 0 && matches(selector, pod.labels));
    if (selected.length !== 1) {
      return [`Service ${nameOf(service)} selects ${selected.length} workloads, not 1`];
    }
    return (service.spec?.ports ?? [])
      .map((port) => port.targetPort ?? port.port)
      .filter((port) => !selected[0].spec.containers.some((container) => hasPort(container, port)))
      .map(
        (port) =>
          `Service ${nameOf(service)} targets port ${port}, which ${selected[0].owner} does not declare`,
      );
  });
}

/** The ConfigMaps and Secrets (and keys) a container reads its environment from. */
function referencesOf(container: IContainer): { object: string; key?: string }[] {
  const refs: { object: string; key?: string }[] = [];
  for (const { configMapRef, secretRef } of container.envFrom ?? []) {
    if (configMapRef) refs.push({ object: `ConfigMap ${configMapRef.name}` });
    if (secretRef) refs.push({ object: `Secret ${secretRef.name}` });
  }
  for (const { valueFrom } of container.env ?? []) {
    const { configMapKeyRef: mapKey, secretKeyRef: secretKey } = valueFrom ?? {};
    if (mapKey) refs.push({ object: `ConfigMap ${mapKey.name}`, key: mapKey.key });
    if (secretKey) refs.push({ object: `Secret ${secretKey.name}`, key: secretKey.key });
  }
  return refs;
}

/** Every ConfigMap and Secret (and key) a container reads exists; Secrets as in the template. */
function referenceProblems(docs: Manifest[], secrets: ISecret[]): string[] {
  const keys = new Map<string, string[]>();
  for (const map of docs.filter(ConfigMap.is))
    keys.set(`ConfigMap ${nameOf(map)}`, Object.keys(map.data ?? {}));
  for (const secret of secrets) {
    keys.set(`Secret ${nameOf(secret)}`, Object.keys({ ...secret.data, ...secret.stringData }));
  }
  const exists = (object: string, key?: string): boolean =>
    keys.has(object) && (key === undefined || keys.get(object)?.includes(key) === true);
  return podsOf(docs).flatMap((pod) =>
    allContainers(pod.spec).flatMap((container) =>
      referencesOf(container)
        .filter(({ object, key }) => !exists(object, key))
        .map(
          ({ object, key }) =>
            `${pod.owner} ${container.name} reads ${object}${key ? ` key ${key}` : ''}, which does not exist`,
        ),
    ),
  );
}

/** Long-running containers have liveness and readiness probes, on ports they declare. */
function probeProblems(docs: Manifest[]): string[] {
  return podsOf(docs).flatMap((pod) =>
    pod.spec.containers.flatMap((container) => {
      const where = `${pod.owner} ${container.name}`;
      const probes = {
        liveness: container.livenessProbe,
        readiness: container.readinessProbe,
        startup: container.startupProbe,
      };
      return Object.entries(probes).flatMap(([kind, probe]) => {
        if (probe === undefined) return kind === 'startup' ? [] : [`${where} has no ${kind} probe`];
        const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
        return port === undefined || hasPort(container, port)
          ? []
          : [`${where} ${kind} probe uses port ${port}, which it does not declare`];
      });
    }),
  );
}

/** Each HorizontalPodAutoscaler scales an existing workload, and that workload leaves `replicas` to it. */
function scalingProblems(docs: Manifest[]): string[] {
  return docs.filter(HorizontalPodAutoscaler.is).flatMap((hpa) => {
    const ref = hpa.spec?.scaleTargetRef;
    const target = podsOf(docs).find(
      ({ workload }) =>
        workload.apiVersion === ref?.apiVersion &&
        workload.kind === ref.kind &&
        nameOf(workload) === ref.name,
    );
    if (target === undefined) {
      return [
        `HorizontalPodAutoscaler ${nameOf(hpa)} scales ${ref?.kind} ${ref?.name}, which does not exist`,
      ];
    }
    return target.workload.spec?.replicas === undefined
      ? []
      : [`${target.owner} sets replicas although an HPA scales it`];
  });
}

/** Workloads: selectors match, resources bounded, non-root, apps on their images, services migrate first. */
function workloadProblems(docs: Manifest[]): string[] {
  const problems = podsOf(docs).flatMap(({ owner, workload, labels, spec }) => [
    ...(matches(workload.spec?.selector.matchLabels ?? {}, labels)
      ? []
      : [`${owner} selector does not match its pod labels`]),
    ...(spec.securityContext?.runAsNonRoot ? [] : [`${owner} does not set runAsNonRoot`]),
    ...allContainers(spec)
      .filter(({ resources }) =>
        ['cpu', 'memory'].some((kind) => !resources?.requests?.[kind] || !resources.limits?.[kind]),
      )
      .map(({ name }) => `${owner} ${name} lacks cpu or memory requests or limits`),
  ]);
  for (const set of docs.filter(StatefulSet.is)) {
    const headless = docs.filter(Service.is).find((service) => nameOf(service) === set.spec?.serviceName);
    if (headless?.spec?.clusterIP !== 'None') {
      problems.push(`StatefulSet ${nameOf(set)} has no headless Service`);
    }
  }
  for (const app of APPS) {
    const pod = docs.filter(Deployment.is).find((deployment) => nameOf(deployment) === app)?.spec
      ?.template.spec;
    const image = pod?.containers.find(({ name }) => name === app)?.image;
    if (image !== `shopcast/${app}:latest`) {
      problems.push(`Deployment ${app} does not run shopcast/${app}:latest`);
    }
    const migrate = pod?.initContainers?.find(({ name }) => name === 'migrate');
    const command = ['node', mainPath(app), 'migrate'];
    const migrates = migrate?.image === image && JSON.stringify(migrate?.command) === JSON.stringify(command);
    if (app !== 'gateway' && !migrates) {
      problems.push(
        `Deployment ${app} has no init container running \`${command.join(' ')}\` from its image`,
      );
    }
  }
  return problems;
}

/**
 * Prometheus scrapes every app on its ops port (the configured OPS_PORT, the container port named `ops`) through
 * a Service that exposes nothing else: metrics never travel through a Service that also serves the public API.
 */
function scrapeProblems(docs: Manifest[]): string[] {
  const opsPort = named(docs, ConfigMap.is, 'shopcast-config').data?.OPS_PORT;
  const pods = podsOf(docs);
  const scraped = docs.filter(Service.is).filter((service) => {
    return service.metadata?.annotations?.['prometheus.io/scrape'] === 'true';
  });
  const problems = APPS.filter(
    (app) => !scraped.some((service) => service.spec?.selector?.['app.kubernetes.io/name'] === app),
  ).map((app) => `no Service scrapes ${app}`);
  for (const service of scraped) {
    const name = nameOf(service);
    const port = service.metadata?.annotations?.['prometheus.io/port'];
    const pod = pods.find((candidate) => matches(service.spec?.selector ?? {}, candidate.labels));
    const ops = pod?.spec.containers
      .flatMap((container) => container.ports ?? [])
      .find((p) => p.name === 'ops');
    if (port !== opsPort || String(ops?.containerPort) !== opsPort) {
      problems.push(`Service ${name} is scraped on port ${port}, not the ops port ${opsPort}`);
    }
    const others = (service.spec?.ports ?? []).filter((servicePort) => servicePort.targetPort !== 'ops');
    if (others.length > 0) problems.push(`Service ${name} is scraped but also exposes ${others[0].name}`);
  }
  return problems;
}

const crossReferenceProblems = (docs: Manifest[], secrets: ISecret[]): string[] => [
  ...serviceProblems(docs),
  ...scrapeProblems(docs),
  ...referenceProblems(docs, secrets),
  ...probeProblems(docs),
  ...scalingProblems(docs),
  ...workloadProblems(docs),
];

describe('k8s manifests', () => {
  it('lists every resource file in kustomization.yaml, but not the Secret template', () => {
    const files = readdirSync(K8S_DIR).filter(
      (file) => /\.ya?ml$/.test(file) && file !== 'kustomization.yaml' && file !== SECRET_TEMPLATE,
    );
    expect([...readKustomization().resources].sort()).toEqual(files.sort());
  });

  it.each(readKustomization().resources)('%s conforms to the Kubernetes schema', (file) => {
    expect(loadFile(file).length).toBeGreaterThan(0);
  });

  it('deploys into the namespace shopcast, which it creates', () => {
    expect(readKustomization().namespace).toBe('shopcast');
    expect(named(loadResources(), Namespace.is, 'shopcast')).toBeDefined();
  });

  it('has a Secret template that conforms and holds placeholders only', () => {
    const [secret] = loadSecretTemplate();
    expect(nameOf(secret)).toBe('shopcast-secrets');
    for (const value of Object.values(secret.stringData ?? {})) expect(value).toMatch(/^$|CHANGE_ME|example/);
    expect(secret.data).toBeUndefined();
  });

  it('has consistent cross-references', () => {
    expect(crossReferenceProblems(loadResources(), loadSecretTemplate())).toEqual([]);
  });

  const breakages: [string, (docs: Manifest[]) => void, string][] = [
    [
      "the gateway's metrics scraped through its public Service",
      (docs) =>
        Object.assign(named(docs, Service.is, 'gateway').metadata ?? {}, {
          annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '3000' },
        }),
      'Service gateway is scraped on port 3000, not the ops port 8081',
    ],
    [
      'a gateway without its ops Service',
      (docs) => docs.splice(docs.indexOf(named(docs, Service.is, 'gateway-ops')), 1),
      'no Service scrapes gateway',
    ],
    [
      'a Service that selects no pod',
      (docs) => Object.assign(named(docs, Service.is, 'auth').spec ?? {}, { selector: { app: 'nobody' } }),
      'Service auth selects 0 workloads',
    ],
    [
      'a Service port no container declares',
      (docs) =>
        Object.assign(named(docs, Service.is, 'gateway').spec?.ports?.[0] ?? {}, { targetPort: 'web' }),
      'targets port web',
    ],
    [
      'a ConfigMap that does not exist',
      (docs) =>
        named(docs, Deployment.is, 'auth').spec?.template.spec?.containers[0].envFrom?.push({
          configMapRef: { name: 'nope' },
        }),
      'reads ConfigMap nope',
    ],
    [
      'a Secret key missing from the template',
      (docs) =>
        named(docs, Deployment.is, 'platform').spec?.template.spec?.containers[0].env?.push({
          name: 'X',
          valueFrom: { secretKeyRef: { name: 'shopcast-secrets', key: 'NOPE' } },
        }),
      'reads Secret shopcast-secrets key NOPE',
    ],
    [
      'a probe on an undeclared port',
      (docs) => {
        const probe = named(docs, Deployment.is, 'content').spec?.template.spec?.containers[0].livenessProbe;
        if (probe?.httpGet) probe.httpGet.port = 'metrics';
      },
      'liveness probe uses port metrics',
    ],
    [
      'an HPA whose target does not exist',
      (docs) =>
        Object.assign(named(docs, HorizontalPodAutoscaler.is, 'gateway').spec?.scaleTargetRef ?? {}, {
          name: 'web',
        }),
      'scales Deployment web',
    ],
    [
      'a service that does not migrate before it starts',
      (docs) =>
        Object.assign(named(docs, Deployment.is, 'analytics').spec?.template.spec ?? {}, {
          initContainers: [],
        }),
      'Deployment analytics has no init container',
    ],
  ];

  it.each(breakages)('reports %s', (_, breakIt, problem) => {
    const docs = structuredClone(loadResources());
    breakIt(docs);
    expect(crossReferenceProblems(docs, loadSecretTemplate())).toContainEqual(
      expect.stringContaining(problem),
    );
  });
});

describe('validateManifest', () => {
  const labels = { app: 'x' };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'x' },
    spec: {
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'x', image: 'x' }] } },
    },
  };

  it('accepts a conforming Deployment', () => {
    expect(validateManifest(deployment)).toEqual(deployment);
  });

  it.each([
    [
      'a wrongly typed field',
      { ...deployment, spec: { ...deployment.spec, replicas: 'two' } },
      'replicas must be integer',
    ],
    [
      'a missing required field',
      { ...deployment, spec: { selector: deployment.spec.selector } },
      'required property template',
    ],
    ['an unknown kind', { ...deployment, kind: 'Deploymnet' }, 'unknown kind apps/v1 Deploymnet'],
    [
      'a kind under a removed apiVersion',
      { ...deployment, apiVersion: 'extensions/v1beta1' },
      'unknown kind',
    ],
    ['an object without a name', { ...deployment, metadata: {} }, 'metadata.name'],
  ])('rejects %s', (_, doc, message) => {
    expect(() => validateManifest(doc)).toThrow(message);
  });
});
