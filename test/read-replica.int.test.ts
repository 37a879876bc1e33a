// DATABASE_READ_URL (issue #26): digests, exports, rankings and the board read with a second client; everything else,
// and every read when it is unset, with the primary. Checked with two databases on the local server standing in for
// a primary and its replica, the "replica" holding a check-in the primary has not: what a digest counts shows where
// it read. The read client's connections say so too (application_name gridbot-read).
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { digestFor } from '../src/capabilities/digests/digest.service.ts'
import { ranking } from '../src/capabilities/points/ranking.service.ts'
import { Effects } from '../src/core/effects.ts'
import { openDatabase, type Database } from '../src/db/client.ts'
import { forReports } from '../src/db/read-replica.ts'
import { inTransaction } from '../src/db/transaction.ts'
import type { MemberWithUnit, Unit } from '../src/kernel/org/org.types.ts'

const ORG = `
  INSERT INTO "BotAccount" ("id") VALUES ('bot-main');
  INSERT INTO "Unit" ("id", "districtId", "name", "kind", "path", "depth") VALUES (1, 1, '示范区', 'district', '/1/', 0), (2, 1, '一网格', 'grid', '/1/2/', 1);
  INSERT INTO "Room" ("id", "topic", "unitId", "accountId") VALUES (1, '一网格群', 2, 'bot-main');
  INSERT INTO "Member" ("id", "name", "unitId", "role", "updatedAt") VALUES (1, '张三', 2, 'volunteer', now());`
const district: Unit = { id: 1, districtId: 1, name: '示范区', kind: 'district', parentId: null, path: '/1/', depth: 0, policy: null }
const period = { kind: 'daily' as const, from: new Date('2026-11-30T16:00:00Z'), to: new Date('2026-12-01T16:00:00Z'), label: '12月1日' }
const now = new Date('2026-12-02T01:00:00Z')

const names = [`rp_${randomBytes(4).toString('hex')}`, `rr_${randomBytes(4).toString('hex')}`]
const urlOf = (name: string) => inject('pgUrl').replace(/\/postgres$/, `/${name}`)
let withReplica: Database
let primaryOnly: Database
beforeAll(async () => {
  const admin = new pg.Client({ connectionString: inject('pgUrl') })
  await admin.connect()
  for (const n of names) await admin.query(`CREATE DATABASE ${n} TEMPLATE gridbot_template`)
  await admin.end()
  for (const [i, n] of names.entries()) {
    const c = new pg.Client({ connectionString: urlOf(n) })
    await c.connect()
    await c.query(ORG)
    // A check-in on 12月1日 (Asia/Shanghai) and December points that only the "replica" has.
    if (i === 1) {
      await c.query(`INSERT INTO "PointsMonthly" ("memberId", "unitId", "month", "centi") VALUES (1, 2, 202612, 500)`)
      await c.query(`SELECT gridbot_month_partition('Checkin', '2026-12-01')`)
      await c.query(
        `INSERT INTO "Checkin" ("memberId", "unitId", "roomId", "type", "at", "accountId", "messageId") VALUES (1, 2, 1, 'patrol', '2026-12-01 02:00:00', 'bot-main', 'm1')`,
      )
    }
    await c.end()
  }
  withReplica = await openDatabase({ url: urlOf(names[0]!), readUrl: urlOf(names[1]!) })
  primaryOnly = await openDatabase({ url: urlOf(names[0]!) })
})
afterAll(async () => {
  await withReplica?.close()
  await primaryOnly?.close()
  const admin = new pg.Client({ connectionString: inject('pgUrl') })
  await admin.connect()
  for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`)
  await admin.end()
})

const checkinsOf = async (db: Database['prisma'] | Parameters<Parameters<typeof inTransaction>[1]>[0]) =>
  (await digestFor({ db, effects: new Effects(), now }, district, period)).children.reduce((n, c) => n + c.checkins, 0)

describe('DATABASE_READ_URL', () => {
  it('a digest reads from the replica, inside a transaction too; other reads stay on the primary', async () => {
    expect(await checkinsOf(withReplica.prisma)).toBe(1)
    expect(await inTransaction(withReplica.prisma, (tx) => checkinsOf(tx))).toBe(1)
    expect(await withReplica.prisma.checkin.count()).toBe(0)
    const app = await forReports(withReplica.prisma).$queryRaw<{ a: string }[]>`SELECT current_setting('application_name') AS a`
    expect(app[0]?.a).toBe('gridbot-read')
  })

  it('the member ranking reads its totals from the replica when nothing was just settled', async () => {
    const grid: Unit = { id: 2, districtId: 1, name: '一网格', kind: 'grid', parentId: 1, path: '/1/2/', depth: 1, policy: null }
    const member = { id: 1, name: '张三', unitId: 2, role: 'volunteer', unit: grid } as unknown as MemberWithUnit
    const rank = (db: Database['prisma']) => ranking({ db, effects: new Effects(), now }, { member, roomUnit: grid, period: 'month', scopeWord: null })
    expect((await rank(withReplica.prisma)).own).toEqual({ rank: 1, centi: 500, total: 1 })
    expect((await rank(primaryOnly.prisma)).own.centi).toBe(0)
  })

  it('unset, a digest reads from the primary', async () => {
    expect(await checkinsOf(primaryOnly.prisma)).toBe(0)
    expect(forReports(primaryOnly.prisma)).toBe(primaryOnly.prisma)
  })
})
