import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPS, isRecord, mainPath, readYamlDocuments, ROOT, SERVICES } from './yaml-docs.js';

/** The parts of the Compose specification these checks read (short and long syntaxes both allowed). */
interface ComposeService {
  image?: string;
  build?: string | { context?: string; args?: Record<string, string> | string[] };
  depends_on?: string[] | Record<string, { condition?: string }>;
  environment?: Record<string, string | number | boolean | null> | string[];
  volumes?: (string | { type?: string; source?: string })[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** What the checks compare: the compose file and the files it relies on. */
interface Stack {
  compose: ComposeFile;
  initSql: string;
  envExample: string;
  dockerfile: string;
}

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

function load(): Stack {
  const [compose] = readYamlDocuments(join(ROOT, 'docker-compose.yml'));
  if (!isRecord(compose) || !isRecord(compose.services)) {
    throw new Error('docker-compose.yml has no services');
  }
  return {
    compose: compose as unknown as ComposeFile,
    initSql: read('deploy/postgres/init.sql'),
    envExample: read('.env.example'),
    dockerfile: read('Dockerfile'),
  };
}

const dependenciesOf = (service: ComposeService): [string, string | undefined][] =>
  Array.isArray(service.depends_on)
    ? service.depends_on.map((name) => [name, undefined])
    : Object.entries(service.depends_on ?? {}).map(([name, { condition }]) => [name, condition]);

function environmentOf(service: ComposeService): Record<string, string> {
  const entries = Array.isArray(service.environment)
    ? service.environment.map((item) => [item.split('=')[0], item.slice(item.indexOf('=') + 1)])
    : Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value ?? '')]);
  return Object.fromEntries(entries);
}

function buildArgsOf(service: ComposeService): Record<string, string> {
  const args = typeof service.build === 'object' ? (service.build.args ?? {}) : {};
  return Array.isArray(args) ? Object.fromEntries(args.map((arg) => arg.split('='))) : args;
}

/** Every string value in the file: where Compose interpolates `${VAR}`. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  return isRecord(value) ? Object.values(value).flatMap(stringsIn) : [];
}

interface Interpolation {
  name: string;
  /** `${VAR:-x}`, `${VAR-x}`: x; `${VAR:+x}`: empty when unset; `${VAR}`, `$VAR`, `${VAR:?err}`: none. */
  fallback?: string;
}

function interpolationsIn(text: string): Interpolation[] {
  return [...text.matchAll(/\$(?:\$|\{(\w+)(?:(:?[-?+])([^}]*))?\}|(\w+))/g)].flatMap(
    ([, braced, operator, word, bare]): Interpolation[] => {
      if (braced === undefined && bare === undefined) return []; // `$$` is a literal dollar
      if (operator?.endsWith('-')) return [{ name: braced, fallback: word }];
      if (operator?.endsWith('+')) return [{ name: braced, fallback: '' }];
      return [{ name: braced ?? bare }];
    },
  );
}

/** Roles deploy/postgres/init.sql creates, each with the environment variable its password comes from. */
function rolesIn(initSql: string): Map<string, string | undefined> {
  const envOfPsqlVar = new Map(
    [...initSql.matchAll(/^\\getenv\s+(\w+)\s+(\w+)/gm)].map(([, psql, env]) => [psql, env]),
  );
  return new Map(
    [...initSql.matchAll(/^CREATE ROLE (\w+) LOGIN PASSWORD :'(\w+)'/gm)].map(([, role, psql]) => [
      role,
      envOfPsqlVar.get(psql),
    ]),
  );
}

/** Every depends_on names a service; `service_healthy` only where that service has a healthcheck. */
function dependencyProblems({ compose }: Stack): string[] {
  return Object.entries(compose.services).flatMap(([name, service]) =>
    dependenciesOf(service).flatMap(([dependency, condition]) => {
      const target = compose.services[dependency];
      if (target === undefined) return [`${name} depends on ${dependency}, which is not a service`];
      const healthy = target.healthcheck?.test !== undefined && !target.healthcheck.disable;
      return condition === 'service_healthy' && !healthy
        ? [`${name} waits for ${dependency} to be healthy, but ${dependency} has no healthcheck`]
        : [];
    }),
  );
}

/** Every named volume is declared at the top level; every bind-mounted file exists in the repository. */
function volumeProblems({ compose }: Stack): string[] {
  return Object.entries(compose.services).flatMap(([name, service]) =>
    (service.volumes ?? []).flatMap((volume) => {
      const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
      if (
        source === undefined ||
        (typeof volume === 'object' && volume.type !== 'volume' && volume.type !== 'bind')
      ) {
        return [];
      }
      if (/^[./~]/.test(source)) {
        return existsSync(join(ROOT, source)) ? [] : [`${name} mounts ${source}, which does not exist`];
      }
      return source in (compose.volumes ?? {})
        ? []
        : [`${name} uses volume ${source}, which is not declared`];
    }),
  );
}

/** Each app is built once, from its own apps/<name>/ directory, into the image the k8s manifests run. */
function buildProblems({ compose }: Stack): string[] {
  const built = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);
  const problems = built.flatMap(([name, service]) => {
    const app = buildArgsOf(service).APP;
    if (app === undefined) return [`${name} is built without the build arg APP`];
    if (!existsSync(join(ROOT, 'apps', app))) {
      return [`${name} builds APP=${app}, but apps/${app}/ does not exist`];
    }
    return app === name && service.image === `shopcast/${app}:latest`
      ? []
      : [
          `${name} builds APP=${app} as ${service.image}; expected service ${app} and image shopcast/${app}:latest`,
        ];
  });
  const missing = APPS.filter((app) => !built.some(([, service]) => buildArgsOf(service).APP === app));
  return [...problems, ...missing.map((app) => `no service builds APP=${app}`)];
}

/** Each service connects as its own role, created by init.sql with the password the service is given. */
function databaseProblems({ compose, initSql }: Stack): string[] {
  const roles = rolesIn(initSql);
  const postgresEnv = environmentOf(compose.services.postgres ?? {});
  return APPS.flatMap((app) => {
    const url = environmentOf(compose.services[app] ?? {}).DATABASE_URL;
    if (app === 'gateway') {
      return url === undefined ? [] : ['gateway has a DATABASE_URL, but it owns no data'];
    }
    const [, role, passwordVariable] =
      /^postgres:\/\/(\w+):\$\{(\w+)[^}]*\}@postgres:5432\/shopcast$/.exec(url ?? '') ?? [];
    if (role === undefined) {
      return [`${app} DATABASE_URL is not postgres://<role>:\${PASSWORD}@postgres:5432/shopcast`];
    }
    if (!roles.has(role)) return [`${app} connects as role ${role}, which init.sql does not create`];
    if (role !== app) return [`${app} connects as role ${role}, not as its own role`];
    const expected = roles.get(role);
    return passwordVariable === expected && expected in postgresEnv
      ? []
      : [`${app} password comes from ${passwordVariable}, but init.sql sets role ${role}'s from ${expected}`];
  });
}

/** Variables without a default are documented in .env.example; a variable has one default everywhere. */
function variableProblems({ compose, envExample }: Stack): string[] {
  const documented = new Set([...envExample.matchAll(/^(\w+)=/gm)].map(([, name]) => name));
  const interpolations = stringsIn(compose).flatMap(interpolationsIn);
  const undocumented = interpolations
    .filter(({ name, fallback }) => fallback === undefined && !documented.has(name))
    .map(({ name }) => `\${${name}} has no default and is not in .env.example`);
  const defaults = new Map<string, Set<string>>();
  for (const { name, fallback } of interpolations) {
    if (fallback) defaults.set(name, (defaults.get(name) ?? new Set()).add(fallback));
  }
  const conflicting = [...defaults]
    .filter(([, values]) => values.size > 1)
    .map(([name, values]) => `\${${name}} has different defaults: ${[...values].join(', ')}`);
  return [...new Set([...undocumented, ...conflicting])];
}

/** The runtime stage takes ARG APP, runs as a non-root user, and starts the build output of that app. */
function dockerfileProblems({ dockerfile }: Stack): string[] {
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const runtime = lines.slice(lines.findLastIndex((line) => /^FROM\s/i.test(line)));
  const instruction = (name: string): string[] =>
    runtime
      .filter((line) => line.toUpperCase().startsWith(`${name} `))
      .map((line) => line.slice(name.length + 1).trim());
  const start = [...instruction('ENTRYPOINT'), ...instruction('CMD')]
    .map((args) => (args.startsWith('[') ? (JSON.parse(args) as string[]).join(' ') : args))
    .join(' ');
  const problems: string[] = [];
  if (!instruction('ARG').some((arg) => /^APP(=|$)/.test(arg))) {
    problems.push('the runtime stage does not declare ARG APP');
  }
  if (/\$\{?APP\b/.test(start) && !instruction('ENV').some((env) => /^APP=/.test(env))) {
    problems.push('CMD reads $APP at run time, but the runtime stage does not set ENV APP');
  }
  for (const app of APPS) {
    if (!start.replace(/\$\{APP\}|\$APP\b/g, app).includes(mainPath(app))) {
      problems.push(`CMD/ENTRYPOINT "${start}" does not start ${mainPath(app)} for APP=${app}`);
    }
  }
  const user = instruction('USER').at(-1);
  if (user === undefined || /^(root|0)(:|$)/.test(user)) problems.push('the runtime stage runs as root');
  return problems;
}

describe('docker-compose.yml', () => {
  it('depends only on defined services, healthy where they have a healthcheck', () => {
    expect(dependencyProblems(load())).toEqual([]);
  });

  it('declares every named volume and mounts only existing files', () => {
    expect(volumeProblems(load())).toEqual([]);
  });

  it('builds each app from its apps/<name>/ directory', () => {
    expect(buildProblems(load())).toEqual([]);
  });

  it('connects each service as its own role from deploy/postgres/init.sql', () => {
    expect([...rolesIn(load().initSql).keys()].sort()).toEqual([...SERVICES].sort());
    expect(databaseProblems(load())).toEqual([]);
  });

  it('documents in .env.example every variable without a default', () => {
    expect(variableProblems(load())).toEqual([]);
  });

  it('uses a Dockerfile that builds and starts the app named by ARG APP', () => {
    expect(dockerfileProblems(load())).toEqual([]);
  });

  it('agrees with the package.json start scripts on where the build puts each app', () => {
    const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    for (const app of APPS) expect(scripts[`start:${app}`]).toBe(`node ${mainPath(app)}`);
  });

  const breakages: [string, (stack: Stack) => void, (stack: Stack) => string[], string][] = [
    [
      'a dependency on an undefined service',
      ({ compose }) => (compose.services.gateway.depends_on = ['search']),
      dependencyProblems,
      'gateway depends on search',
    ],
    [
      'waiting for a service without a healthcheck',
      ({ compose }) => delete compose.services.nats.healthcheck,
      dependencyProblems,
      'nats has no healthcheck',
    ],
    [
      'an undeclared named volume',
      ({ compose }) => delete compose.volumes?.['nats-data'],
      volumeProblems,
      'volume nats-data',
    ],
    [
      'a bind mount of a missing file',
      ({ compose }) => compose.services.postgres.volumes?.push('./deploy/postgres/seed.sql:/seed.sql'),
      volumeProblems,
      './deploy/postgres/seed.sql',
    ],
    [
      'an APP without a directory',
      ({ compose }) => (compose.services.content.build = { context: '.', args: { APP: 'billing' } }),
      buildProblems,
      'apps/billing/ does not exist',
    ],
    [
      'a role init.sql does not create',
      (stack) => (stack.initSql = stack.initSql.replace('CREATE ROLE analytics', '-- ')),
      databaseProblems,
      'role analytics, which init.sql does not create',
    ],
    [
      'a gateway with a database',
      ({ compose }) =>
        (compose.services.gateway.environment = { DATABASE_URL: 'postgres://x@postgres/shopcast' }),
      databaseProblems,
      'gateway has a DATABASE_URL',
    ],
    [
      'an undocumented required variable',
      ({ compose }) =>
        Object.assign(compose.services.auth.environment ?? {}, { KEYS: '${SHOPCAST_KEYS_DIR}' }),
      variableProblems,
      'SHOPCAST_KEYS_DIR',
    ],
    [
      'two defaults for one variable',
      ({ compose }) =>
        Object.assign(compose.services.content.environment ?? {}, {
          S3_ACCESS_KEY: '${MINIO_ROOT_USER:-x}',
        }),
      variableProblems,
      'MINIO_ROOT_USER} has different defaults',
    ],
    [
      'a Dockerfile without ARG APP',
      (stack) => (stack.dockerfile = stack.dockerfile.replace(/^ARG APP$/m, '')),
      dockerfileProblems,
      'ARG APP',
    ],
    [
      'a CMD that misses the build output',
      (stack) => (stack.dockerfile = stack.dockerfile.replace(/^CMD .*$/m, 'CMD ["node", "dist/main.js"]')),
      dockerfileProblems,
      'does not start dist/apps/gateway/apps/gateway/src/main.js',
    ],
  ];

  it.each(breakages)('reports %s', (_, breakIt, check, problem) => {
    const stack = load();
    breakIt(stack);
    expect(check(stack)).toContainEqual(expect.stringContaining(problem));
  });
});
