// Every committed migration applies to an empty PostgreSQL and to PGlite, is recorded as Prisma records it,
// and a second run applies nothing.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it, inject } from 'vitest'
import { openDatabase } from '../src/db/client.ts'
import { listMigrations, MIGRATIONS_DIR } from '../src/db/migrate.ts'

const names = listMigrations().map((m) => m.name)

describe('migrations', () => {
  it('apply to an empty PostgreSQL, recorded in _prisma_migrations, once', async () => {
    const base = inject('pgUrl')
    const admin = new pg.Client({ connectionString: base })
    await admin.connect()
    await admin.query('CREATE DATABASE m_empty')
    const url = base.replace(/\/postgres$/, '/m_empty')
    const db = await openDatabase({ url })
    try {
      expect(await db.migrate()).toEqual(names)
      expect(await db.migrate()).toEqual([])
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      const rows = (await c.query('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name')).rows
      const tables = (await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.tablename)
      await c.end()
      expect(rows.map((r) => r.migration_name)).toEqual(names)
      const first = readFileSync(path.join(MIGRATIONS_DIR, names[0]!, 'migration.sql'))
      expect(rows[0].checksum).toBe(createHash('sha256').update(first).digest('hex'))
      expect(rows.every((r) => r.finished_at)).toBe(true)
      expect(tables).toEqual(expect.arrayContaining(['Unit', 'Room', 'Member', 'Checkin', 'InboxMessage', 'OutboxMessage', 'BotAccount', 'Media']))
      // And the client works on the result.
      await db.prisma.botAccount.create({ data: { id: 'bot-x' } })
      expect(await db.prisma.botAccount.count()).toBe(1)
    } finally {
      await db.close()
      await admin.query('DROP DATABASE m_empty WITH (FORCE)')
      await admin.end()
    }
  })

  it('apply to PGlite (the embedded default) the same way', async () => {
    const db = await openDatabase({})
    try {
      expect(db.kind).toBe('pglite')
      expect(await db.migrate()).toEqual(names)
      expect(await db.migrate()).toEqual([])
      await db.prisma.botAccount.create({ data: { id: 'bot-x' } })
      const unit = await db.prisma.unit.create({ data: { name: '区', kind: 'district' } })
      expect(unit.id).toBeGreaterThan(0)
    } finally {
      await db.close()
    }
  })
})
