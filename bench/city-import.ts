// The generated city's import (issue #26), timed: `node bin/run-ts.js bench/city-import.ts` (BENCH_DISTRICTS, default
// 10). Imports the city into a fresh PostgreSQL (production durability), then once more (nothing changes: the
// idempotent second import), and prints both times with the load average.
import os from 'node:os'
import { importCity } from '../src/app/org-import.ts'
import { benchCity } from './city.ts'
import { benchStores } from './stores.ts'

const districts = Number(process.env.BENCH_DISTRICTS ?? 10)
const stores = await benchStores(8)
try {
  const { source } = benchCity(districts)
  const load0 = os.loadavg()[0]!
  const t0 = Date.now()
  const first = await importCity(stores.db.prisma, source)
  const firstS = (Date.now() - t0) / 1000
  const t1 = Date.now()
  const again = await importCity(stores.db.prisma, source)
  const againS = (Date.now() - t1) / 1000
  const count = (r: typeof first) => r.districts.reduce((n, d) => n + d.report.created.units + d.report.created.rooms + d.report.created.members, 0)
  const unchanged = (r: typeof first) => r.districts.reduce((n, d) => n + d.report.unchanged, 0)
  console.log(
    JSON.stringify({
      districts,
      units: await stores.db.prisma.unit.count(),
      rooms: await stores.db.prisma.room.count(),
      members: await stores.db.prisma.member.count(),
      created: count(first),
      firstS,
      againS,
      againCreated: count(again),
      againUnchanged: unchanged(again),
      load: [load0, os.loadavg()[0]],
    }),
  )
} finally {
  await stores.stop()
}
process.exit(0)
