import { fileURLToPath } from 'node:url'
import { configDefaults, defineConfig } from 'vitest/config'

// Test files under test/unit/ that need a database: command handlers through the real dispatcher on PGlite, and the
// migrations' own checks. They run in the `handlers` project, each file on its own copy of one PGlite migrated once
// per run (test/setup/pglite-template.ts); everything else under test/unit/ is pure.
const DATABASE_TESTS = [
  'binding-handlers',
  'board-masking',
  'checkin-reminder',
  'city-import',
  'digest-handlers',
  'digest-schedule',
  'erqi-funnel-handlers',
  'foreign-keys',
  'handlers',
  'hazard-handlers',
  'lists-handlers',
  'unit-ranking-handlers',
  'ledger-export-job',
  'ledger-export',
  'migration-edited',
  'notice-handlers',
  'outbox-claims',
  'notice-scale',
  'org-reimport-accounts',
  'points-fixes',
  'points-handlers',
  'partitions',
  'points-owed-export',
  'projects-handlers',
  'registration-deciders',
].map((name) => `test/unit/${name}.test.ts`)

// Four projects.
// - `unit`: pure logic, no database, no Redis, no network, no apt-get (`npm run test:unit`; checked by
//   test/setup/unit-without-services.sh). No globalSetup, and PGlite resolves to a stub that throws.
// - `handlers`: DATABASE_TESTS, on copies of one migrated PGlite in process; no servers either.
// - `integration`: everything else, with real PostgreSQL and Redis started by its globalSetup.
// - `cluster`: test/cluster/, the same services plus a local 3-master Redis Cluster (test/setup/redis-cluster.ts).
// The root config has no globalSetup on purpose: vitest always runs the root's, even for a one-project run.
// Timeouts only end a hang: they are no speed limit, so a loaded machine (2 cores shared by a team) never fails a
// test. Tests and hooks take these defaults (a test's waits give up after 4 minutes: test/helpers/wait.ts).
export default defineConfig({
  test: {
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // expect.poll gives up after 1 s by default: a webhook or a queue job on a loaded machine takes longer. Its bound,
    // like every wait's (test/helpers/wait.ts HANG_MS), only ends a hang.
    expect: { poll: { timeout: 240_000 } },
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        resolve: { alias: { '@electric-sql/pglite': fileURLToPath(new URL('test/setup/no-database.ts', import.meta.url)) } },
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: [...configDefaults.exclude, ...DATABASE_TESTS] },
      },
      // isolate: false — the files share their worker's loaded modules (Prisma's client, PGlite's WebAssembly: most of a
      // file's time when each loaded its own), not their data: each opens its own database copy. None mocks modules,
      // fakes timers or sets the environment. Measured: 215 s instead of 704 s for the 17 files on a loaded machine.
      { extends: true, test: { name: 'handlers', include: DATABASE_TESTS, globalSetup: ['test/setup/pglite-template.ts'], isolate: false } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/unit/**', 'test/cluster/**'],
          globalSetup: ['test/setup/services.ts', 'test/setup/browser.ts', 'test/setup/office.ts'],
        },
      },
      {
        extends: true,
        // One file at a time: the cluster tests FLUSHALL every node, which would wipe another file's queues mid-test.
        test: {
          name: 'cluster',
          include: ['test/cluster/**/*.test.ts'],
          globalSetup: ['test/setup/services.ts', 'test/setup/redis-cluster.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
})
