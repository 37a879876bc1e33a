// Per-test isolation on the shared servers: a fresh database cloned from the migrated template, a unique
// BullMQ/Redis key prefix and a data folder of its own (media: charts are named by unit and period, the same in every
// test's database), all removed afterwards.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { openDatabase, type Database } from '../../src/db/client.ts'
import { isClusterUrl } from '../../src/config/redis-url.ts'
import { loadEnv, type Env } from '../../src/config/env.ts'
import type { Infra } from '../../src/infra.ts'
import { deleteKeys, redisEnv } from './redis-nodes.ts'

const TEMPLATE_DB = 'gridbot_template'

export interface TestStores {
  db: Database
  dbUrl: string
  redisUrl: string
  prefix: string
  /** GRIDBOT_DATA_DIR of the test's apps (in this process: `env`; worker processes: helpers/worker-process.ts). */
  dataDir: string
  env: Env
  infra: Infra
  cleanup(): Promise<void>
}

/** `prefix`: a fixed key prefix (where a test checks placement on a cluster); default a unique one. */
export async function freshStores(opts: { redisUrl?: string; prefix?: string } = {}): Promise<TestStores> {
  const id = randomBytes(5).toString('hex')
  const base = inject('pgUrl')
  const name = `t_${id}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`)
  await admin.end()
  const dbUrl = base.replace(/\/postgres$/, `/${name}`)
  const db = await openDatabase({ url: dbUrl })
  const redisUrl = opts.redisUrl ?? inject('redisUrl')
  const prefix = opts.prefix ?? `t-${id}`
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-test-data-'))
  const env = loadEnv({
    DATABASE_URL: dbUrl,
    ...redisEnv(redisUrl),
    GRIDBOT_QUEUE_PREFIX: prefix,
    GRIDBOT_AUTO_MIGRATE: 'false',
    GRIDBOT_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
  })
  const infra: Infra = { db, redisUrl, embedded: { database: false, redis: false }, close: async () => undefined }
  return {
    db,
    dbUrl,
    redisUrl,
    prefix,
    dataDir,
    env,
    infra,
    cleanup: async () => {
      await db.close()
      // On a cluster the queues' keys start with their hash tag, `{<prefix>:…}`.
      await deleteKeys(redisUrl, isClusterUrl(redisUrl) ? [`${prefix}:*`, `{${prefix}:*`] : [`${prefix}:*`])
      const a = new pg.Client({ connectionString: base })
      await a.connect()
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await a.end()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
