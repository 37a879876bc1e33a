// Real PostgreSQL and Redis for the suite, on loopback, installed with apt-get when missing and stopped after.
import type { TestProject } from 'vitest/node'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { startPostgresServer } from '../../src/runtime/postgres-server.ts'
import { startRedisServer } from '../../src/runtime/redis-server.ts'
import { openDatabase } from '../../src/db/client.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string
    redisUrl: string
    redisDir: string
  }
}

export const TEMPLATE_DB = 'gridbot_template'

export default async function setup(project: TestProject) {
  const say = (l: string) => console.log(`[test services] ${l}`)
  const pgServer = await startPostgresServer(say)
  const redisDir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-test-redis-'))
  const redis = await startRedisServer({ dir: redisDir, say })
  const admin = new pg.Client({ connectionString: pgServer.url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`)
  await admin.end()
  const db = await openDatabase({ url: pgServer.url.replace(/\/postgres$/, `/${TEMPLATE_DB}`) })
  await db.migrate()
  await db.close()
  project.provide('pgUrl', pgServer.url)
  project.provide('redisUrl', redis.url)
  project.provide('redisDir', redisDir)
  return async () => {
    await redis.stop()
    await pgServer.stop()
    rmSync(redisDir, { recursive: true, force: true })
  }
}
