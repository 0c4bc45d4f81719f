// Jest runs TypeScript through SWC as native ESM (see README: node --experimental-vm-modules).
const aliases = [
  'contracts',
  'messaging',
  'database',
  'config',
  'observability',
  'platform-rules',
  'security',
  'storage',
  'jobs',
  'import-files',
];

const ESM_ONLY_REQUIRED = ['content-disposition', 'cookie'];

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    // Fastify's CommonJS plugins require these ESM-only packages (@fastify/static: content-disposition,
    // light-my-request: cookie): compiled to CommonJS so suites can run the whole gateway in-process.
    [`/node_modules/(${ESM_ONLY_REQUIRED.join('|')})/.+\\.js$`]: [
      '@swc/jest',
      { module: { type: 'commonjs' } },
    ],
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          keepClassNames: true,
          target: 'es2022',
        },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: {
    ...Object.fromEntries(aliases.map((name) => [`^@app/${name}$`, `<rootDir>/libs/${name}/src/index.ts`])),
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_REQUIRED.join('|')})/)`],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/data/'],
  testTimeout: 30000,
};
