// @ts-nocheck
// Unit tests only (pure code, no root): what mutation testing runs against.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
  },
});
