// The production layout (what the Docker image holds): dist/, bin/, prisma/migrations, package.json and the
// dependencies — no src/, and neither tsx nor typescript installed. `gridbot` runs there with plain node: --help, and a
// worker that reaches PostgreSQL and Redis and reports ready.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT, runCli } from './helpers/cli-process.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'
import { until } from './helpers/wait.ts'

const NOT_IN_PRODUCTION = new Set(['tsx', 'typescript', '.bin', 'vitest'])
let stores: TestStores
let dir: string

beforeAll(async () => {
  stores = await freshStores()
  dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-layout-'))
  cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true })
  cpSync(path.join(ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true })
  cpSync(path.join(ROOT, 'prisma/migrations'), path.join(dir, 'prisma/migrations'), { recursive: true })
  cpSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'))
  mkdirSync(path.join(dir, 'node_modules'))
  for (const name of readdirSync(path.join(ROOT, 'node_modules')))
    if (!NOT_IN_PRODUCTION.has(name)) symlinkSync(path.join(ROOT, 'node_modules', name), path.join(dir, 'node_modules', name))
})
afterAll(async () => {
  await stores?.cleanup()
})

describe('the compiled build alone', () => {
  it('answers --help with no TypeScript tooling installed', () => {
    const r = spawnSync(process.execPath, [path.join(dir, 'bin/gridbot.js'), '--help'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('backup')
  })

  it('starts a worker that is ready on PostgreSQL and Redis', async () => {
    const p = runCli(
      path.join(dir, 'bin/gridbot.js'),
      ['start', '--role', 'worker'],
      {
        PATH: process.env.PATH,
        GRIDBOT_NO_DOTENV: '1',
        DATABASE_URL: stores.dbUrl,
        REDIS_URL: stores.redisUrl,
        GRIDBOT_QUEUE_PREFIX: stores.prefix,
        GRIDBOT_HTTP_PORT: '0',
        GRIDBOT_DATA_DIR: path.join(dir, 'data'),
      },
      dir,
    )
    try {
      const listening = await p.waitFor((l) => l.msg === 'http listening')
      await p.waitFor((l) => l.msg === 'ready to serve')
      await until('ready', async () => (await fetch(`http://127.0.0.1:${listening.port}/readyz`)).status === 200)
    } finally {
      p.child.kill('SIGTERM')
      expect(await p.exited).toBe(0)
    }
    expect(p.stderr()).toBe('')
  })
})
