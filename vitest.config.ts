import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests that import the package by name ('anysim', as a user's suite would) run its sources, like
  // every other test; the compiled package is what `npm run test:consumer` checks.
  resolve: { alias: { anysim: fileURLToPath(new URL('./src/index.ts', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'properties/**/*.ts'],
    exclude: ['properties/**/_internals/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
