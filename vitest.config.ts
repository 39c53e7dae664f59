import { defineConfig } from 'vitest/config';

// Node tests against the built .wasm files (scripts/build.sh wasm first).
export default defineConfig({
  test: {
    include: ['tests/js/**/*.test.ts'],
    environment: 'node',
  },
});
