// Runs tests/models (the committed teaching models through the runtime) until the main config has a project
// for it: npx vitest run --config scripts/train/vitest.config.ts
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: { include: ['tests/models/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 60_000 },
});
