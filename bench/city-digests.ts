// Every supervisor's digest over a database bench/city-digests-load.ts loaded and left running (issue #26), one kind at
// a time, each kind's figures printed as soon as it is done: `BENCH_DATABASE_URL=… node bin/run-ts.js
// bench/city-digests.ts` (BENCH_KINDS, default daily,monthly,weekly). Run it as often as wanted over the same rows.
import os from 'node:os'
import { openDatabase } from '../src/db/client.ts'
import type { Unit } from '../src/kernel/org/org.types.ts'
import { digestTimes, PERIODS } from './partitions.bench.ts'

const db = await openDatabase({ url: process.env.BENCH_DATABASE_URL ?? '', poolSize: 20 })
const prisma = db.prisma
const units = (await prisma.unit.findMany({ where: { kind: { not: 'grid' } }, orderBy: { id: 'asc' } })) as unknown as Unit[]
const checkins = Number((await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "Checkin"`))[0]?.n ?? 0)
const partitions = Number(
  (await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pg_inherits WHERE inhparent = '"Checkin"'::regclass`))[0]?.n ?? 0,
)
console.log(JSON.stringify({ units: units.length, checkins, partitions, load: os.loadavg(), at: new Date().toISOString() }))
for (const kind of (process.env.BENCH_KINDS ?? 'daily,monthly,weekly').split(',')) {
  const period = PERIODS.find((p) => p.kind === kind)
  if (!period) continue
  const f = await digestTimes(prisma, units, period)
  console.log(JSON.stringify({ ...f, load: os.loadavg(), at: new Date().toISOString() }))
}
await db.close()
process.exit(0)
