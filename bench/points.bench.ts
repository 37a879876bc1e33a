// Points at district scale (issue #9): a ledger of 1,000,000 entries over the generated district (15 towns, 109
// communities, 1,034 grids; ~1,200 members, a year of entries). Measured: one member's #积分 (balance + last five
// entries) and a month's ranking of the whole district, p99 each; 200 concurrent redemptions of an item with stock 50.
// Baselines in the same run: a plain primary-key SELECT; the balance summed from the ledger itself; the month's
// ranking grouped from the ledger itself (what the balance row and the monthly rollups save).
// Alone: `node bin/run-ts.js bench/points.ts` (splices its section into BENCHMARKS.md); `npm run bench` runs it too.
import { Effects } from '../src/core/effects.ts'
import { generateDistrict } from '../src/config/org-generate.ts'
import { inTransaction } from '../src/db/transaction.ts'
import { importOrg } from '../src/app/org-import.ts'
import { orgRepo } from '../src/kernel/org/org.repo.ts'
import type { MemberWithUnit } from '../src/kernel/org/org.types.ts'
import { earn, statement } from '../src/capabilities/points/points.service.ts'
import { ranking } from '../src/capabilities/points/ranking.service.ts'
import { redeem } from '../src/capabilities/points/redemption.service.ts'
import { benchStores, percentile } from './stores.ts'

export interface PointsFigures {
  entries: number
  members: number
  loadSeconds: number
  balance: Stat
  balanceFromLedger: Stat
  baseline: Stat
  ranking: Stat
  rankingFromLedger: Stat
  redeem: { attempts: number; stock: number; succeeded: number; left: number; seconds: number; perSecond: number; balancesOk: boolean }
}
interface Stat {
  p50: number
  p99: number
  n: number
}

async function timeIt(n: number, fn: (i: number) => Promise<unknown>): Promise<Stat> {
  const t: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await fn(i)
    t.push(performance.now() - t0)
  }
  t.sort((a, b) => a - b)
  return { p50: percentile(t, 50), p99: percentile(t, 99), n }
}

export async function benchPoints(opts: { entries: number }): Promise<PointsFigures> {
  const stores = await benchStores(24)
  const prisma = stores.db.prisma
  try {
    const spec = generateDistrict({ towns: 15, communities: 109, grids: 1034 })
    const report = await importOrg(prisma, spec)
    const districtId = report.districtId
    const now = new Date('2026-11-20T09:00:00+08:00')
    // Load: a year of entries spread over every member, then the balance rows and monthly rollups derived from them
    // (as the append statement keeps them). The trigger refuses only UPDATE and DELETE, so the load is plain inserts.
    const t0 = performance.now()
    await prisma.$executeRawUnsafe(`
      INSERT INTO "PointsEntry" ("districtId", "memberId", "unitId", "source", "ref", "centi", "at")
      SELECT ${districtId}, m."id", m."unitId", 'volunteer', 'B' || g, 50 + (g % 400), timestamp '2025-12-31 16:00' + (g * 31) * interval '1 second'
      FROM generate_series(1, ${opts.entries}) g
      JOIN (SELECT row_number() OVER (ORDER BY "id") - 1 AS k, "id", "unitId" FROM "Member") m ON m.k = g % (SELECT count(*) FROM "Member")`)
    await prisma.$executeRawUnsafe(`INSERT INTO "PointsBalance" ("memberId", "centi") SELECT "memberId", sum("centi") FROM "PointsEntry" GROUP BY 1`)
    await prisma.$executeRawUnsafe(`
      INSERT INTO "PointsMonthly" ("memberId", "unitId", "month", "centi")
      SELECT "memberId", "unitId", (extract(year from "at" + interval '8 hours') * 100 + extract(month from "at" + interval '8 hours'))::int, sum("centi")
      FROM "PointsEntry" GROUP BY 1, 2, 3`)
    await prisma.$executeRawUnsafe('ANALYZE')
    const loadSeconds = (performance.now() - t0) / 1000
    const members = (await prisma.member.findMany({ include: { unit: true }, orderBy: { id: 'asc' } })) as MemberWithUnit[]
    const pick = (i: number) => members[(i * 7919) % members.length]!
    const w = () => ({ db: prisma, effects: new Effects(), now })
    // Warm up (a running bot's caches are warm), then measure.
    for (let i = 0; i < 300; i++) await statement(w(), pick(i + 1000))
    const baseline = await timeIt(1000, (i) => prisma.$queryRaw`SELECT * FROM "Member" WHERE "id" = ${pick(i).id}`)
    const balance = await timeIt(1000, (i) => statement(w(), pick(i)))
    const balanceFromLedger = await timeIt(1000, (i) => prisma.$queryRaw`SELECT sum("centi") FROM "PointsEntry" WHERE "memberId" = ${pick(i).id}`)
    const district = (await orgRepo.unitById(prisma, districtId))!
    const admin = members.find((m) => m.role === 'admin')!
    const rank = await timeIt(100, () => ranking(w(), { member: admin, roomUnit: district, period: 'month', scopeWord: null }))
    const from = new Date('2026-10-31T16:00:00Z')
    const to = new Date('2026-11-30T16:00:00Z')
    const rankingFromLedger = await timeIt(
      20,
      () =>
        prisma.$queryRaw`SELECT "memberId", sum("centi") AS c FROM "PointsEntry" WHERE "districtId" = ${districtId} AND "at" >= ${from} AND "at" < ${to} GROUP BY 1 ORDER BY c DESC`,
    )

    // 200 members redeem an item with stock 50 at once (each in its own transaction; pool of 24 connections).
    const buyers = members.slice(0, 200)
    spec.catalogue = [{ item: '压测券', points: 1, stock: 50, unit: spec.district }]
    await importOrg(prisma, spec)
    for (const m of buyers)
      await inTransaction(prisma, (tx) =>
        earn({ db: tx, effects: new Effects(), now }, { memberId: m.id, unitId: m.unitId, source: 'hazard', ref: 'bench', at: now }),
      )
    const r0 = performance.now()
    const results = await Promise.allSettled(
      buyers.map((m) => inTransaction(prisma, (tx) => redeem({ db: tx, effects: new Effects(), now }, { member: m, roomId: 1, itemName: '压测券' }))),
    )
    const seconds = (performance.now() - r0) / 1000
    const succeeded = results.filter((r) => r.status === 'fulfilled').length
    const left = (await prisma.catalogueItem.findFirstOrThrow({ where: { name: '压测券' } })).stock
    const mismatched = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "PointsBalance" b LEFT JOIN (SELECT "memberId", sum("centi") AS s FROM "PointsEntry" GROUP BY 1) e ON e."memberId" = b."memberId"
      WHERE b."centi" <> COALESCE(e.s, 0)`
    return {
      entries: opts.entries,
      members: members.length,
      loadSeconds,
      balance,
      balanceFromLedger,
      baseline,
      ranking: rank,
      rankingFromLedger,
      redeem: { attempts: buyers.length, stock: 50, succeeded, left, seconds, perSecond: buyers.length / seconds, balancesOk: Number(mismatched[0]!.n) === 0 },
    }
  } finally {
    await stores.stop()
  }
}

const ms = (n: number) => `${n.toFixed(2)} ms`

export function pointsSection(f: PointsFigures): string {
  return `## Points ledger at district scale (issue #9)

Generated district (15 towns, 109 communities, 1,034 grids; ${f.members} members). A ledger of
${f.entries.toLocaleString('en')} entries spread over 2026 and over every member (loaded with plain inserts in
${f.loadSeconds.toFixed(1)} s, with the balance rows and monthly rollups derived from it as the append statement keeps them).
Each figure through the service a command calls (\`statement\` for #积分, \`ranking\` for #排行), on PostgreSQL with
production durability; sequential calls after 300 warm-up calls, members picked spread over the district.

| | p50 | p99 | runs | target |
|---|---|---|---|---|
| #积分: one member's balance + last five entries (balance row, check-in cursor) | ${ms(f.balance.p50)} | **${ms(f.balance.p99)}** | ${f.balance.n} | ≤ 20 ms — ${f.balance.p99 <= 20 ? 'met' : '**not met**'} |
| baseline: plain primary-key SELECT of a member | ${ms(f.baseline.p50)} | ${ms(f.baseline.p99)} | ${f.baseline.n} | |
| the same balance summed from the ledger itself (no balance row) | ${ms(f.balanceFromLedger.p50)} | ${ms(f.balanceFromLedger.p99)} | ${f.balanceFromLedger.n} | |
| #排行 本月 全区: members and units of the whole district (monthly rollups) | ${ms(f.ranking.p50)} | **${ms(f.ranking.p99)}** | ${f.ranking.n} | ≤ 500 ms — ${f.ranking.p99 <= 500 ? 'met' : '**not met**'} |
| the month's member totals grouped from the ledger itself (no rollups) | ${ms(f.rankingFromLedger.p50)} | ${ms(f.rankingFromLedger.p99)} | ${f.rankingFromLedger.n} | |

${f.redeem.attempts} members redeem an item with stock ${f.redeem.stock} at the same moment (each its own transaction, pool of
24 connections): **${f.redeem.succeeded} succeeded** (${f.redeem.left} left in stock), ${f.redeem.attempts - f.redeem.succeeded} were told it is sold
out; ${f.redeem.seconds.toFixed(2)} s for all of them, **${f.redeem.perSecond.toFixed(0)} redemptions/s**; every balance still equals
the sum of its ledger entries: ${f.redeem.balancesOk ? 'yes' : '**no**'}. Target: exactly ${f.redeem.stock} succeed — ${f.redeem.succeeded === f.redeem.stock ? 'met' : '**not met**'}.
`
}

/** Puts the section into BENCHMARKS.md in place of an earlier one (or at the end), leaving the rest as it is. */
export function spliceSection(md: string, section: string): string {
  const head = '## Points ledger at district scale'
  const at = md.indexOf(head)
  if (at < 0) return `${md.trimEnd()}\n\n${section}`
  const next = md.indexOf('\n## ', at + head.length)
  return `${md.slice(0, at)}${section}${next < 0 ? '' : `\n${md.slice(next + 1)}`}`
}
