import { defineConfig } from 'vitest/config';

/**
 * `npm run test:consumer`: the package as another project sees it (pack, install the tarball,
 * import it with plain node, type-check against it, run its command). Slow (an npm install), so
 * it is not part of `npm test`; .ci/run runs both.
 */
export default defineConfig({
  test: {
    include: ['test/consumer/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
