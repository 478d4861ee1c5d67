import type { Config } from 'jest';
import { createDefaultEsmPreset } from 'ts-jest';

const config: Config = {
  ...createDefaultEsmPreset({ tsconfig: 'tsconfig.spec.json' }),
  testEnvironment: 'node',
  roots: ['<rootDir>/lib', '<rootDir>/test', '<rootDir>/sample'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.chaos-spec.ts'],
  // The consumer apps' own tests run inside those apps (npm run test:consumers), with their own Nest and runner.
  testPathIgnorePatterns: ['/node_modules/', '/test/consumers/templates/'],
  modulePathIgnorePatterns: ['<rootDir>/test/consumers/templates/'],
  // NodeNext sources import './x.js'; Jest resolves the .ts file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 30_000,
  // A failed test can leave a handle open (a reconnecting client, a child): without this, Jest then waits
  // forever after its summary and a red run becomes a CI timeout that hides which test failed. Jest prints
  // "Force exiting Jest" after every run with this on; look for leaks with `npm test -- --detectOpenHandles`.
  forceExit: true,
};

export default config;
