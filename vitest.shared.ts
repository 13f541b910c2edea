// The test settings every workspace shares, written once: where the tests are, the safety-net
// timeouts (no timing is asserted; on a 2-core machine running every suite at once a test can wait
// long for the CPU), and the JSON report `reports/vitest.json` that .ci/run's summary adds up.
// Each workspace's vitest.config.ts passes what it does differently.
import { defineConfig, type ViteUserConfig } from 'vitest/config';

type TestOptions = NonNullable<ViteUserConfig['test']>;

export function workspaceConfig(overrides: TestOptions = {}): ViteUserConfig {
  return defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      testTimeout: 60_000,
      hookTimeout: 90_000,
      reporters: ['default', 'json'],
      outputFile: { json: 'reports/vitest.json' },
      ...overrides,
    },
  });
}
