// The production layout (what the Docker image holds): dist/, bin/, prisma/migrations, package.json and the
// dependencies — no src/, and neither tsx nor typescript installed. `gridbot` runs there with plain node: --help, and a
// worker that reaches PostgreSQL and Redis and reports ready — and, when its Redis goes away, not ready (503, saying
// Redis), while /metrics still answers.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRedisServer, type RedisServer } from '../src/runtime/redis-server.ts'
import { ROOT, runCli } from './helpers/cli-process.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'
import { until } from './helpers/wait.ts'

const NOT_IN_PRODUCTION = new Set(['tsx', 'typescript', '.bin', 'vitest'])
let stores: TestStores
let dir: string
let redis: RedisServer

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
  await redis?.stop()
  await stores?.cleanup()
})

describe('the compiled build alone', () => {
  it('answers --help with no TypeScript tooling installed', () => {
    const r = spawnSync(process.execPath, [path.join(dir, 'bin/gridbot.js'), '--help'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('backup')
  })

  it('starts a worker that is ready on PostgreSQL and Redis, and is not while Redis is away', async () => {
    // A Redis of its own, to take away.
    redis = await startRedisServer({ dir: mkdtempSync(path.join(os.tmpdir(), 'gridbot-layout-redis-')) })
    const p = runCli(
      path.join(dir, 'bin/gridbot.js'),
      ['start', '--role', 'worker'],
      {
        PATH: process.env.PATH,
        GRIDBOT_NO_DOTENV: '1',
        DATABASE_URL: stores.dbUrl,
        REDIS_URL: redis.url,
        GRIDBOT_QUEUE_PREFIX: stores.prefix,
        GRIDBOT_HTTP_PORT: '0',
        GRIDBOT_DATA_DIR: path.join(dir, 'data'),
      },
      dir,
    )
    try {
      const listening = await p.waitFor((l) => l.msg === 'http listening')
      await p.waitFor((l) => l.msg === 'ready to serve')
      const base = `http://127.0.0.1:${listening.port}`
      await until('ready', async () => (await fetch(`${base}/readyz`)).status === 200)
      await redis.stop()
      let body: { ready: boolean; redis: { ok: boolean }; database: { ok: boolean } } | null = null
      await until('not ready', async () => {
        const r = await fetch(`${base}/readyz`)
        body = await r.json()
        return r.status === 503
      })
      expect(body!).toMatchObject({ ready: false, redis: { ok: false }, database: { ok: true } })
      const metrics = await fetch(`${base}/metrics`)
      expect(metrics.status).toBe(200)
      expect(await metrics.text()).toMatch(/^process_resident_memory_bytes /m)
    } finally {
      p.child.kill('SIGTERM')
      expect(await p.exited).toBe(0)
    }
    expect(p.stderr()).toBe('')
  })
})
