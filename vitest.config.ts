import { defineConfig } from 'vitest/config';

// Four suites, each runnable alone with --project:
//   js   — Node, against the built .wasm files (scripts/build.sh wasm first)
//   models — the shipped teaching models (web/models) through the runtime, on their held-out sets
//   pack — the npm tarball installed into an empty folder (needs scripts/build.sh lib)
//   web  — Debian Chromium through playwright-core against the built pages
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'js', include: ['tests/js/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'models', include: ['tests/models/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 60_000 } },
      { test: { name: 'pack', include: ['tests/pack/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 180_000 } },
      { test: { name: 'web', include: ['tests/web/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false } },
    ],
  },
});
