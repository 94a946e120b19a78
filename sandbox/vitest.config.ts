import { defineConfig } from 'vitest/config';

/** The sandbox package's own tests: its HTTP contract and admin surface, on ephemeral loopback ports. */
export default defineConfig({
  test: {
    name: 'sandbox',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
