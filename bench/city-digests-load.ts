// The database bench/city-digests.ts reads (issue #26), made once and left running: a PostgreSQL server of its own
// (fsync on, started detached), the generated city and BENCH_CHECKINS check-ins (default 10,000,000) over BENCH_MONTHS
// months (default 12) in monthly partitions, loaded by bench/checkin-load.ts. Prints the server's URL and data folder
// (stop it with `pg_ctl -D <data> stop`): `node bin/run-ts.js bench/city-digests-load.ts`.
import os from 'node:os'
import { startPostgresServer } from '../src/runtime/postgres-server.ts'
import { openDatabase } from '../src/db/client.ts'
import { END_OF_DATA, seedOrg } from './partitions.bench.ts'
import { loadCheckins } from './checkin-load.ts'

const checkins = Number(process.env.BENCH_CHECKINS ?? 10_000_000)
const pg = await startPostgresServer((l) => console.log(l), { durable: true })
const db = await openDatabase({ url: pg.socketUrl, poolSize: 4 })
await db.migrate()
console.log(JSON.stringify({ url: pg.url, socketUrl: pg.socketUrl, load: os.loadavg(), at: new Date().toISOString() }))
const { units, start } = await seedOrg(db.prisma, Number(process.env.BENCH_DISTRICTS ?? 10), Number(process.env.BENCH_MONTHS ?? 12))
await db.close()
const f = await loadCheckins(pg.socketUrl, { checkins, start, end: END_OF_DATA, say: (l) => console.log(l) })
console.log(JSON.stringify({ units: units.length, ...f, url: pg.url, socketUrl: pg.socketUrl, load: os.loadavg(), at: new Date().toISOString() }))
process.exit(0)
