import { configDefaults, defineConfig } from 'vitest/config'

// Two projects. `unit` is pure logic: no globalSetup, so it starts no PostgreSQL or Redis and never runs
// apt-get (`npm run test:unit`). `integration` is everything else and gets the services. The root config has
// no globalSetup on purpose: vitest always runs the root's, even for a unit-only run.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/**'],
          globalSetup: ['test/setup/services.ts', 'test/setup/browser.ts', 'test/setup/office.ts'],
        },
      },
    ],
  },
})
