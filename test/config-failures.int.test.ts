// Configuration failures as an operator meets them: `gridbot start` as a child process exits non-zero with a short
// Chinese/English message naming the problem (never a stack trace), within a bound, and leaves no process behind;
// and `.env.example` copied verbatim to `.env` starts.
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../src/runtime/free-port.ts'
import { ROOT, runCli } from './helpers/cli-process.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'
import { HANG_MS, until } from './helpers/wait.ts'

const GRIDBOT = path.join(ROOT, 'bin/gridbot.js')
let stores: TestStores

beforeAll(async () => {
  stores = await freshStores()
})
afterAll(async () => {
  await stores?.cleanup()
})

/** A clean environment: no .env, no URLs, nothing of the test runner's stores unless given. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, GRIDBOT_NO_DOTENV: '1', GRIDBOT_HTTP_PORT: '0', ...extra }
  return e
}

/** `gridbot start`; `ms`: from its first log line (the process up: its HTTP surface listening) to its exit. Not from
 *  the spawn: how long a loaded machine takes to load node and the app is no part of the bound under test. */
function start(extra: Record<string, string>, args: string[] = [], cwd = ROOT) {
  const t0 = Date.now()
  // The kill only ends a hang (a start that retries for ever).
  const r = spawnSync(process.execPath, [GRIDBOT, 'start', ...args], { env: env(extra), cwd, encoding: 'utf8', timeout: HANG_MS })
  const end = Date.now()
  const times = (r.stdout ?? '').split('\n').flatMap((l) => {
    try {
      const t = (JSON.parse(l) as { time?: unknown }).time
      return typeof t === 'number' ? [t] : []
    } catch {
      return []
    }
  })
  return { ...r, ms: end - (times.length ? Math.min(...times) : t0) }
}

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at /)

/** redis-server processes whose command line mentions `dir`. */
function redisServersUnder(dir: string): string[] {
  const found: string[] = []
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')
      if (cmd.includes('redis-server') && cmd.includes(dir)) found.push(`${pid}: ${cmd}`)
    } catch {
      // gone meanwhile
    }
  }
  return found
}

describe('gridbot start refuses a configuration that cannot work', () => {
  it('a REDIS_URL without a scheme, naming the variable', () => {
    const r = start({ REDIS_URL: 'localhost:6379', DATABASE_URL: stores.dbUrl })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('REDIS_URL')
    expect(r.stderr).toContain('not a Redis URL')
    noStack(r.stderr)
  })

  it('DATABASE_URL=nonsense, naming the variable, before anything is started', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-cfg-'))
    const r = start({ DATABASE_URL: 'nonsense', GRIDBOT_DATA_DIR: dataDir }, ['--embedded'])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('DATABASE_URL')
    expect(r.stderr).toContain('不是 PostgreSQL 地址')
    noStack(r.stderr)
    expect(redisServersUnder(dataDir)).toEqual([])
  })

  it('no DATABASE_URL / REDIS_URL without --embedded', () => {
    const r = start({})
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('DATABASE_URL')
    expect(r.stderr).toContain('REDIS_URL')
    expect(r.stderr).toContain('--embedded')
    noStack(r.stderr)
  })

  it('no REDIS_URL with a log file: the message only, no "sonic boom is not ready yet" after it (issue #29)', () => {
    const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'gridbot-log-')), 'logs/gridbot.log')
    const r = start({ DATABASE_URL: stores.dbUrl, GRIDBOT_LOG_FILE: logFile })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('REDIS_URL')
    expect(r.stderr).not.toContain('sonic boom')
    expect(r.stderr).not.toContain('Error:')
    noStack(r.stderr)
  })

  it('Redis unreachable: a clear error and a non-zero exit within 30 s', async () => {
    const port = await freePort()
    const r = start({ REDIS_URL: `redis://:s3cret-pass@127.0.0.1:${port}/0`, DATABASE_URL: stores.dbUrl, GRIDBOT_CONNECT_TIMEOUT_MS: '3000' })
    expect(r.status).toBe(1)
    expect(r.ms).toBeLessThan(30_000)
    expect(r.stderr).toContain('无法连接 Redis')
    expect(r.stderr).toContain('cannot reach Redis')
    expect(r.stderr).not.toContain('s3cret-pass') // the password in the URL is masked
    noStack(r.stderr)
  })

  it('PostgreSQL unreachable: a clear error within 30 s, and the private redis-server it started is stopped', async () => {
    const port = await freePort()
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-cfg-'))
    const r = start(
      { DATABASE_URL: `postgresql://gridbot:pw-hidden@127.0.0.1:${port}/gridbot`, GRIDBOT_DATA_DIR: dataDir, GRIDBOT_CONNECT_TIMEOUT_MS: '3000' },
      ['--embedded'],
    )
    expect(r.status).toBe(1)
    expect(r.ms).toBeLessThan(30_000)
    expect(r.stderr).toContain('无法连接 PostgreSQL')
    expect(r.stderr).toContain('cannot connect to PostgreSQL')
    expect(r.stderr).not.toContain('pw-hidden')
    noStack(r.stderr)
    // It did start one (the embedded Redis comes first), and stopped it again.
    expect(readdirSync(path.join(dataDir, 'redis'))).toContain('redis.log')
    expect(redisServersUnder(dataDir)).toEqual([])
  })
})

describe('.env', () => {
  it('.env.example copied verbatim to .env starts (empty values are defaults), the environment winning', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-dotenv-'))
    copyFileSync(path.join(ROOT, '.env.example'), path.join(dir, '.env'))
    const e: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: stores.dbUrl,
      REDIS_URL: stores.redisUrl,
      GRIDBOT_QUEUE_PREFIX: stores.prefix,
      GRIDBOT_HTTP_PORT: '0',
    }
    const p = runCli(GRIDBOT, ['start', '--role', 'worker'], e, dir)
    try {
      const listening = await p.waitFor((l) => l.msg === 'http listening')
      // GRIDBOT_WORKER_CONCURRENCY is empty in the file: the PostgreSQL default, not 0.
      expect(await p.waitFor((l) => l.msg === 'worker started')).toMatchObject({ concurrency: 16 })
      await p.waitFor((l) => l.msg === 'ready to serve')
      await until('readyz', async () => (await fetch(`http://127.0.0.1:${listening.port}/readyz`)).status === 200)
      const ready = await (await fetch(`http://127.0.0.1:${listening.port}/readyz`)).json()
      expect(ready).toMatchObject({ ready: true, accounts: [] })
    } finally {
      p.child.kill('SIGTERM')
      expect(await p.exited).toBe(0)
    }
    expect(p.stderr()).toBe('')
  })

  it('is read from the working directory, and GRIDBOT_NO_DOTENV=1 turns it off', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-dotenv-'))
    writeFileSync(path.join(dir, '.env'), 'REDIS_URL=localhost:6379\nDATABASE_URL=postgresql://gridbot@127.0.0.1:1/x\n')
    const base = { PATH: process.env.PATH, HOME: process.env.HOME }
    const read = spawnSync(process.execPath, [GRIDBOT, 'start'], { env: base, cwd: dir, encoding: 'utf8' })
    expect(read.status).toBe(1)
    expect(read.stderr).toContain('REDIS_URL: 不是 Redis 地址')
    const off = spawnSync(process.execPath, [GRIDBOT, 'start'], { env: { ...base, GRIDBOT_NO_DOTENV: '1' }, cwd: dir, encoding: 'utf8' })
    expect(off.status).toBe(1)
    expect(off.stderr).toContain('--embedded')
  })
})
