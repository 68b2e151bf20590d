// Test configuration: unit tests are pure and fast; integration tests run the built CLI.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The FreeBSD VM tier has a configuration of its own (npm run test:freebsd-vm).
    exclude: ['test/freebsd-vm/**', 'node_modules/**'],
    // Integration tests census the machine's namespaces, links and state before and after:
    // test files run one at a time so one file's lab never shows up in another's census.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
