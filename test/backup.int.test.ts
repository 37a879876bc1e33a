// `gridbot backup` and `gridbot restore` as an operator runs them: back up, wipe, restore, and every row is back —
// on PostgreSQL (pg_dump / pg_restore) and on the embedded PGlite (its data folder as a tarball).
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { redisOptions } from '../src/config/redis-url.ts'
import { TIMERS_QUEUE } from '../src/jobs/timers.ts'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../src/db/client.ts'
import { ROOT } from './helpers/cli-process.ts'
import { DEMO_ORG } from './helpers/paths.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'
import { HANG_MS } from './helpers/wait.ts'

const GRIDBOT = path.join(ROOT, 'bin/gridbot.js')
const TABLES = ['Unit', 'Room', 'Member', 'BotAccount', '_prisma_migrations']

function gridbot(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [GRIDBOT, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, GRIDBOT_NO_DOTENV: '1', ...env },
    encoding: 'utf8',
    timeout: HANG_MS,
  })
  expect(r.stderr.replace(/^.*(已安装|正在安装).*$/gm, '').trim(), `${args.join(' ')}: ${r.stderr}`).toBe('')
  expect(r.status, r.stdout + r.stderr).toBe(0)
  return r.stdout
}

/** Each table's rows as one fingerprint (md5 of every row's text, in a stable order), and the count. */
async function fingerprint(query: (sql: string) => Promise<{ rows: Record<string, unknown>[] }>) {
  const out: Record<string, string> = {}
  for (const t of TABLES) {
    const r = await query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`)
    out[t] = `${r.rows[0]!.n}:${r.rows[0]!.h}`
  }
  return out
}

let stores: TestStores
beforeAll(async () => {
  stores = await freshStores()
})
afterAll(async () => {
  await stores?.cleanup()
})

describe('backup and restore', () => {
  // Each step is a CLI process (three per case, PGlite's start included): no limit of their own, the config's bound
  // (it only ends a hang) applies.
  it('PostgreSQL: backup, wipe, restore, rows equal', async () => {
    const env = { DATABASE_URL: stores.dbUrl }
    gridbot(['org', 'import', DEMO_ORG], env)
    const c = new pg.Client({ connectionString: stores.dbUrl })
    await c.connect()
    try {
      const before = await fingerprint((sql) => c.query(sql))
      expect(Number(before.Member!.split(':')[0])).toBeGreaterThan(5)
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'gridbot-backup-')), 'gridbot.dump')
      expect(gridbot(['backup', '--out', file], env)).toContain(file)
      await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public')
      expect((await c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n).toBe(0)
      gridbot(['restore', file, '--yes'], env)
      expect(await fingerprint((sql) => c.query(sql))).toEqual(before)
    } finally {
      await c.end()
    }
  })

  it('backs up the media folder beside the dump, both 0600; restore puts the images back; refuses while a process is connected', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-backup-media-'))
    const media = path.join(dataDir, 'media', 'bot-main')
    mkdirSync(media, { recursive: true })
    writeFileSync(path.join(media, 'm1.jpg'), 'a photo')
    const env = { DATABASE_URL: stores.dbUrl, REDIS_URL: stores.redisUrl, GRIDBOT_QUEUE_PREFIX: stores.prefix, GRIDBOT_DATA_DIR: dataDir }
    gridbot(['org', 'import', DEMO_ORG], env)
    const file = path.join(dataDir, 'nightly.dump')
    const out = gridbot(['backup', '--out', file], env)
    expect(out).toContain(`${file}.media.tar.gz`)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(`${file}.media.tar.gz`).mode & 0o777).toBe(0o600)
    rmSync(path.join(dataDir, 'media'), { recursive: true })

    // A worker of this deployment is connected (what every gridbot start runs): restore refuses, naming why.
    const conn = new Redis({ ...(redisOptions(stores.redisUrl) as object), maxRetriesPerRequest: null } as never)
    const worker = new Worker(TIMERS_QUEUE, async () => undefined, { connection: conn, prefix: stores.prefix })
    await worker.waitUntilReady()
    const refused = spawnSync(process.execPath, [GRIDBOT, 'restore', file, '--yes'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, GRIDBOT_NO_DOTENV: '1', ...env },
      encoding: 'utf8',
      timeout: HANG_MS,
    })
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('请先全部停止')
    await worker.close()
    conn.disconnect()

    expect(gridbot(['restore', file, '--yes'], env)).toContain('已恢复图片')
    expect(readFileSync(path.join(media, 'm1.jpg'), 'utf8')).toBe('a photo')
  })

  it('restore refuses without --yes', () => {
    const r = spawnSync(process.execPath, [GRIDBOT, 'restore', 'x.dump'], {
      env: { PATH: process.env.PATH, GRIDBOT_NO_DOTENV: '1', DATABASE_URL: stores.dbUrl },
      encoding: 'utf8',
    })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('--yes')
  })

  it('PGlite: backup, wipe (move the folder away), restore, rows equal', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-pglite-'))
    const env = { GRIDBOT_DATA_DIR: dataDir }
    gridbot(['org', 'import', DEMO_ORG], env)
    const read = async () => {
      const db = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') })
      try {
        return await fingerprint(async (sql) => ({ rows: (await db.prisma.$queryRawUnsafe(sql)) as Record<string, unknown>[] }))
      } finally {
        await db.close()
      }
    }
    const before = await read()
    const file = path.join(dataDir, 'backup.tar.gz')
    gridbot(['backup', '--out', file], env)
    renameSync(path.join(dataDir, 'pglite'), path.join(dataDir, 'pglite-wiped'))
    gridbot(['restore', file, '--yes'], env)
    expect(await read()).toEqual(before)
  })
})
