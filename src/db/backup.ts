// Backups of the database: PostgreSQL with pg_dump (custom format) and pg_restore; the embedded PGlite as a tarball of
// its data folder (its own dumpDataDir), restored into an empty folder. Stop the bot before backing up or restoring
// PGlite: it is a single-process database. The media folder (received images) goes beside the dump as
// <file>.media.tar.gz. Backups hold residents' data: written 0600 (owner only).
import { execFile } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { maskSecrets } from '../core/secrets.ts'
import { dbTexts } from './db.texts.ts'

const run = (file: string, args: string[]) =>
  new Promise<void>((resolve, reject) =>
    execFile(file, args, { maxBuffer: 16 * 1024 * 1024 }, (err, _stdout, stderr) => (err ? reject(Object.assign(err, { stderr })) : resolve())),
  )

export type BackupTarget = { url: string; bin: string } | { pgliteDir: string }

export async function backup(target: BackupTarget, file: string): Promise<{ file: string; bytes: number }> {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  if ('url' in target) {
    await tool(target.bin, 'pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${target.url}`])
  } else {
    if (!existsSync(target.pgliteDir)) throw new Error(dbTexts.noPgliteDir(target.pgliteDir))
    const db = new PGlite(target.pgliteDir)
    try {
      // Without this wait the dump promise can be left with nothing keeping the process alive (it exits 0, no file).
      await db.waitReady
      const dump = await db.dumpDataDir('gzip')
      await writeFile(file, Buffer.from(await dump.arrayBuffer()))
    } finally {
      await db.close()
    }
  }
  chmodSync(file, 0o600)
  return { file, bytes: statSync(file).size }
}

/** The media archive that goes with a backup file. */
export const mediaArchiveOf = (file: string) => `${file}.media.tar.gz`

/** The media folder as a gzipped tar beside the backup (0600); null when there is no folder (an S3 bucket: back that
 *  up with the bucket's own tools). */
export async function backupMedia(mediaDir: string, file: string): Promise<{ file: string; bytes: number } | null> {
  if (!existsSync(mediaDir)) return null
  const out = mediaArchiveOf(file)
  await tool('/usr/bin', 'env', ['tar', '-czf', out, '-C', mediaDir, '.'])
  chmodSync(out, 0o600)
  return { file: out, bytes: statSync(out).size }
}

/** Puts the media archive of a backup (if there is one) back into the media folder; files there already are replaced. */
export async function restoreMedia(mediaDir: string, file: string): Promise<boolean> {
  const archive = mediaArchiveOf(file)
  if (!existsSync(archive)) return false
  mkdirSync(mediaDir, { recursive: true })
  await tool('/usr/bin', 'env', ['tar', '-xzf', archive, '-C', mediaDir])
  return true
}

/** Restores `file` over the database: PostgreSQL objects are dropped and re-created; PGlite needs an empty folder. */
export async function restore(target: BackupTarget, file: string): Promise<void> {
  if ('url' in target) {
    // Not `pg_restore --clean`: it drops each partition's inherited constraints and fails on them ("cannot drop
    // inherited constraint"). The schema is dropped and the dump replayed by psql in one transaction instead: all or
    // nothing, as before. The SQL holds residents' data: written 0600 beside the dump, removed after.
    const sql = `${file}.restore.sql`
    try {
      await tool(target.bin, 'pg_restore', ['--no-owner', '--no-privileges', `--file=${sql}`, file])
      chmodSync(sql, 0o600)
      const reset = ['-c', 'DROP SCHEMA IF EXISTS public CASCADE', '-c', 'CREATE SCHEMA public']
      await tool(target.bin, 'psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', ...reset, '-f', sql, `--dbname=${target.url}`])
    } finally {
      rmSync(sql, { force: true })
    }
    return
  }
  if (existsSync(target.pgliteDir) && readdirSync(target.pgliteDir).length > 0) throw new Error(dbTexts.pgliteDirNotEmpty(target.pgliteDir))
  mkdirSync(target.pgliteDir, { recursive: true })
  const db = new PGlite(target.pgliteDir, { loadDataDir: new Blob([await readFile(file)]) })
  await db.waitReady
  await db.close()
}

async function tool(bin: string, name: string, args: string[]): Promise<void> {
  try {
    await run(path.join(bin, name), args)
  } catch (e) {
    const err = e as { stderr?: string; message: string }
    throw new Error(dbTexts.toolFailed(name, maskSecrets((err.stderr || err.message).trim())))
  }
}
