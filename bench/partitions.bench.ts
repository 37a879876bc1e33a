// PostgreSQL that grows (issue #26): every supervisor's digest over many check-ins in monthly partitions, beside the
// same rows in one plain table (the baseline, same run, same server); and retention, a month's partition dropped
// beside the same month deleted row by row. The generated district (125 units above its 1,034 grids) with
// BENCH_CHECKINS check-ins spread over BENCH_MONTHS months (bench/checkin-load.ts: INSERT … SELECT over generate_series,
// 1 M a statement, indexes built after),
// on PostgreSQL with fsync on. Measured per digest kind (日报, a 周报 across a month's end, 月报): every supervisor's
// counts (digestFor), one after another as the timers run them: total, p50, p99, slowest.
import { Effects } from '../src/core/effects.ts'
import { generateDistrict } from '../src/config/org-generate.ts'
import type { Db } from '../src/db/client.ts'
import { digestFor } from '../src/capabilities/digests/digest.service.ts'
import type { DigestPeriod } from '../src/capabilities/digests/digest.types.ts'
import { generateCity } from '../src/config/city-generate.ts'
import { importCity, importOrg } from '../src/app/org-import.ts'
import type { Unit } from '../src/kernel/org/org.types.ts'
import { partitionsRepo } from '../src/domain/retention/partitions.repo.ts'
import { monthStart } from '../src/domain/retention/partitions.service.ts'
import { benchStores, percentile } from './stores.ts'
import { loadCheckins } from './checkin-load.ts'

const DAY_MS = 86_400_000
/** The data ends here (2026-12-03 00:00 China time); the digests are read the next morning. */
const END = new Date('2026-12-02T16:00:00Z')
const MORNING = new Date('2026-12-03T08:00:00+08:00')
export const END_OF_DATA = END
export const PERIODS: DigestPeriod[] = [
  { kind: 'daily', from: new Date('2026-12-01T16:00:00Z'), to: END, label: '12月2日' },
  { kind: 'weekly', from: new Date('2026-11-29T16:00:00Z'), to: new Date('2026-12-06T16:00:00Z'), label: '11月30日至12月6日' },
  { kind: 'monthly', from: new Date('2026-10-31T16:00:00Z'), to: new Date('2026-11-30T16:00:00Z'), label: '2026年11月' },
]

export interface DigestTimes {
  kind: string
  totalSeconds: number
  p50: number
  p99: number
  max: number
  /** The unit whose digest was the slowest (kind and name). */
  slowest?: string
}
export interface PartitionFigures {
  checkins: number
  months: number
  units: number
  /** 1: the generated district; more: the generated city of that many districts (its 团市委 unit included). */
  districts: number
  loadSeconds: number
  copySeconds: number
  partitions: number
  partitioned: DigestTimes[]
  plain: DigestTimes[]
  retention: { month: string; rows: number; dropSeconds: number; deleteSeconds: number }
}

/** Every unit's digest counts for one period, one after another as the timers run them. */
export async function digestTimes(prisma: Db, units: Unit[], period: DigestPeriod): Promise<DigestTimes> {
  const t: number[] = []
  let slowest = ''
  let worst = -1
  const s0 = performance.now()
  for (const u of units) {
    const s = performance.now()
    await digestFor({ db: prisma, effects: new Effects(), now: MORNING }, u, period)
    const ms = performance.now() - s
    if (ms > worst) [worst, slowest] = [ms, `${u.kind} ${u.name}`]
    t.push(ms)
  }
  t.sort((a, b) => a - b)
  const totalSeconds = (performance.now() - s0) / 1000
  return { kind: period.kind, totalSeconds, p50: percentile(t, 50), p99: percentile(t, 99), max: t[t.length - 1]!, slowest }
}

/** The generated district (1) or city (more districts), and the monthly partitions the job would have made from
 *  `months` months before END; the supervisors' units (not grids), by id. */
export async function seedOrg(prisma: Db, districts: number, months: number): Promise<{ units: Unit[]; start: Date }> {
  const size = { towns: 15, communities: 109, grids: 1034 }
  if (districts > 1) {
    // The generated city (`gridbot org generate --districts N`): every supervisor of the city, districts and below.
    const g = generateCity({ ...size, districts, base: 'bench-city' })
    await importCity(prisma, { file: 'bench-city.yaml', city: g.city, districts: g.districts })
  } else await importOrg(prisma, generateDistrict(size))
  const units = (await prisma.unit.findMany({ where: { kind: { not: 'grid' } }, orderBy: { id: 'asc' } })) as unknown as Unit[]
  const start = new Date(END.getTime() - months * 30 * DAY_MS)
  for (let i = 0; monthStart(start, i) < END; i++) await partitionsRepo.ensureMonth(prisma, 'Checkin', monthStart(start, i))
  return { units, start }
}

async function digests(prisma: Db, units: Unit[]): Promise<DigestTimes[]> {
  const out: DigestTimes[] = []
  for (const period of PERIODS) out.push(await digestTimes(prisma, units, period))
  return out
}

export async function benchPartitions(opts: { checkins: number; months: number; districts?: number }): Promise<PartitionFigures> {
  const stores = await benchStores(20)
  const districts = opts.districts ?? 1
  try {
    const prisma = stores.db.prisma
    const { units, start } = await seedOrg(prisma, districts, opts.months)
    const load = await loadCheckins(stores.dbUrl, { checkins: opts.checkins, start, end: END, say: (l) => console.log(l) })
    const loadSeconds = load.insertSeconds + load.indexSeconds + load.analyzeSeconds
    const checkins = Number((await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "Checkin"`))[0]!.n)
    const partitions = (await partitionsRepo.list(prisma, 'Checkin')).length
    console.log('  digests on the partitioned table…')
    const partitioned = await digests(prisma, units)

    // Baseline: the same rows in one plain table with the same indexes, put in the partitioned table's place.
    console.log('  copying into a plain table…')
    const c0 = performance.now()
    await prisma.$executeRawUnsafe(`CREATE TABLE "Checkin_plain" (LIKE "Checkin" INCLUDING DEFAULTS)`)
    await prisma.$executeRawUnsafe(`INSERT INTO "Checkin_plain" SELECT * FROM "Checkin"`)
    await prisma.$executeRawUnsafe(`ALTER TABLE "Checkin_plain" ADD CONSTRAINT "Checkin_plain_pkey" PRIMARY KEY ("id")`)
    await prisma.$executeRawUnsafe(`CREATE UNIQUE INDEX "Checkin_plain_msg" ON "Checkin_plain" ("accountId", "messageId")`)
    await prisma.$executeRawUnsafe(`CREATE INDEX "Checkin_plain_unit" ON "Checkin_plain" ("unitId", "at")`)
    await prisma.$executeRawUnsafe(`CREATE INDEX "Checkin_plain_member" ON "Checkin_plain" ("memberId", "at")`)
    await prisma.$executeRawUnsafe(`ANALYZE "Checkin_plain"`)
    const copySeconds = (performance.now() - c0) / 1000
    await prisma.$executeRawUnsafe(`ALTER TABLE "Checkin" RENAME TO "Checkin_parted"`)
    await prisma.$executeRawUnsafe(`ALTER TABLE "Checkin_plain" RENAME TO "Checkin"`)
    console.log('  digests on the plain table…')
    const plain = await digests(prisma, units)

    // Retention of the oldest whole month: DELETE from the plain table, then DROP of its partition.
    const first = monthStart(start, 1)
    const next = monthStart(start, 2)
    const month = first.toISOString().slice(0, 7)
    const d0 = performance.now()
    const rows = await prisma.$executeRawUnsafe(`DELETE FROM "Checkin" WHERE "at" >= $1::timestamp AND "at" < $2::timestamp`, first, next)
    const deleteSeconds = (performance.now() - d0) / 1000
    await prisma.$executeRawUnsafe(`ALTER TABLE "Checkin" RENAME TO "Checkin_plain"`)
    await prisma.$executeRawUnsafe(`ALTER TABLE "Checkin_parted" RENAME TO "Checkin"`)
    await partitionsRepo.dropBefore(prisma, 'Checkin', first) // the partial first month, not timed
    const p0 = performance.now()
    await partitionsRepo.dropBefore(prisma, 'Checkin', next)
    const dropSeconds = (performance.now() - p0) / 1000
    return {
      checkins,
      months: opts.months,
      units: units.length,
      districts,
      loadSeconds,
      copySeconds,
      partitions,
      partitioned,
      plain,
      retention: { month, rows, dropSeconds, deleteSeconds },
    }
  } finally {
    await stores.stop()
  }
}
