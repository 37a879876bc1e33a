// Opens the database: PostgreSQL when a URL is given, otherwise PGlite (in-process PostgreSQL) in a folder.
// Both run the same schema and the same migration SQL.
import { PrismaClient } from './generated/client.ts'
import type { Prisma } from './generated/client.ts'
import { PrismaPg } from '@prisma/adapter-pg'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import pg from 'pg'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { applyMigrations, type SqlRunner } from './migrate.ts'
import { useDirectSql } from './direct-sql.ts'
import { useReadReplica } from './read-replica.ts'
import { dbTexts } from './db.texts.ts'

export type Db = PrismaClient
export type Tx = Prisma.TransactionClient
/** A repository works on the client or inside a transaction alike. */
export type DbOrTx = Db | Tx

export interface Database {
  prisma: Db
  kind: 'postgresql' | 'pglite'
  /** Throws when the database does not answer (readiness). */
  ping(): Promise<void>
  /** Applies committed migrations; returns the names it applied. */
  migrate(): Promise<string[]>
  close(): Promise<void>
}

export async function openDatabase(opts: { url?: string; readUrl?: string; pgliteDir?: string; poolSize?: number; pgliteData?: Blob }): Promise<Database> {
  if (opts.url) return openPostgres({ url: opts.url, readUrl: opts.readUrl, poolSize: opts.poolSize })
  if (opts.pgliteDir) {
    mkdirSync(path.dirname(opts.pgliteDir), { recursive: true })
    await initPgliteDir(opts.pgliteDir)
  }
  // pgliteData: a data folder dumped by PGlite's dumpDataDir (the handler tests start every file from one migrated copy).
  const pglite = new PGlite({ dataDir: opts.pgliteDir, loadDataDir: opts.pgliteData, postgresqlconf: PGLITE_CONF })
  await pglite.waitReady
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) })
  return {
    prisma,
    kind: 'pglite',
    ping: () => pglite.query('SELECT 1').then(() => undefined),
    migrate: () =>
      applyMigrations(
        {
          exec: async (sql) => void (await pglite.exec(sql)),
          query: async (sql, params) => (await pglite.query(sql, params)).rows as Record<string, unknown>[],
        },
        { lock: false },
      ),
    close: async () => {
      await prisma.$disconnect()
      await pglite.close()
    },
  }
}

/** PostgreSQL at `url`, and its read replica's client when `readUrl` is set (read-replica.ts). */
function openPostgres(opts: { url: string; readUrl?: string; poolSize?: number }): Database {
  // One pool for Prisma and the hot path's direct statements (direct-sql.ts).
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 })
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) })
  // An idle connection cut by a server restart is dropped from the pool (the next query opens another); without a
  // listener the pool would throw that error at the process before Prisma has connected and added its own.
  pool.on('error', () => undefined)
  useDirectSql(prisma, pool)
  // DATABASE_READ_URL: a second client, used only by the reports' reads (read-replica.ts).
  const readPool = opts.readUrl ? new pg.Pool({ connectionString: opts.readUrl, max: opts.poolSize ?? 10, application_name: 'gridbot-read' }) : null
  const reader = readPool ? new PrismaClient({ adapter: new PrismaPg(readPool) }) : null
  readPool?.on('error', () => undefined)
  if (reader) useReadReplica(prisma, reader)
  return {
    prisma,
    kind: 'postgresql',
    ping: () => prisma.$queryRaw`SELECT 1`.then(() => undefined),
    migrate: async () => {
      const client = new pg.Client({ connectionString: opts.url })
      await client.connect()
      try {
        const runner: SqlRunner = {
          exec: async (sql) => void (await client.query(sql)),
          query: async (sql, params) => (await client.query(sql, params)).rows,
        }
        return await applyMigrations(runner, { lock: true })
      } finally {
        await client.end()
      }
    },
    close: async () => {
      await prisma.$disconnect()
      await pool.end()
      await reader?.$disconnect()
      await readPool?.end()
    },
  }
}

/**
 * PGlite's settings for the embedded default. PostgreSQL's default shared_buffers (128 MB) lives inside PGlite's
 * WebAssembly memory, so it is resident in this process; a district's working set fits in far less (BENCHMARKS.md,
 * "The embedded default": 16 MB took about 120 MB off the process). Written into the data folder's postgresql.conf.
 */
export const PGLITE_CONF = ['shared_buffers = 16MB']

/**
 * Creates a new PGlite data folder (initdb) in a short-lived child process. In-process, initdb's own WebAssembly
 * instance stays resident for the life of the process (about 420 MB here); in a child its memory goes back to the
 * system when the child ends, for about 0.6 s more on the first start only.
 */
async function initPgliteDir(dir: string): Promise<void> {
  if (existsSync(path.join(dir, 'PG_VERSION'))) return
  const pgliteUrl = import.meta.resolve('@electric-sql/pglite')
  const script = `const { PGlite } = await import(${JSON.stringify(pgliteUrl)}); const p = await PGlite.create(process.argv[1], { postgresqlconf: ${JSON.stringify(PGLITE_CONF)} }); await p.close()`
  await new Promise<void>((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script, dir], (err, _out, stderr) =>
      err ? reject(new Error(dbTexts.initdbFailed(stderr || err.message))) : resolve(),
    ),
  )
}
