// The FreeBSD VM tier (npm run test:freebsd-vm): real FreeBSD 13.2 under QEMU, one file at a time, long timeouts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/freebsd-vm/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 900_000,
  },
});
