// Test configuration: two groups, one after the other. The pure tests (unit, and the backends' plans) touch no lab,
// so their files run in parallel; the machine's tests (integration, chaos) census the machine's namespaces, links
// and state before and after, so their files run one at a time: one file's lab never shows up in another's census.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'pure',
          include: ['test/unit/**/*.test.ts', 'test/backends/**/*.test.ts'],
          fileParallelism: true,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'machine',
          include: ['test/integration/**/*.test.ts', 'test/chaos/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
