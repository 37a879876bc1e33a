// The PostgreSQL-only ceiling of the check-in hot path on this machine: the same statement the pipeline writes (inbox
// mark + check-in + the two counts + the reply into the outbox), in a bare loop from C concurrent connections, on a
// server with production durability (fsync, synchronous_commit on) — no Wechaty, no Redis, no BullMQ. By default
// concurrent check-ins share statements as in the pipeline (group commit); BENCH_GROUP=0 sends one each. Prints statements and check-ins/s.
// Usage: node bin/run-ts.js bench/pg-ceiling.ts   (BENCH_CLIENTS=16 BENCH_SECONDS=10 BENCH_GROUP=0|1)
import { generateDistrict } from '../src/config/org-generate.ts'
import { importOrg } from '../src/app/org-import.ts'
import { one, recordOnce } from '../src/capabilities/checkins/checkin-record.repo.ts'
import { benchStores } from './stores.ts'

const clients = Number(process.env.BENCH_CLIENTS ?? 16)
/** BENCH_GROUP=0: one statement (one commit) per check-in; default: the pipeline's group commit. */
const grouped = process.env.BENCH_GROUP !== '0'
const seconds = Number(process.env.BENCH_SECONDS ?? 10)
const stores = await benchStores(clients + 4, process.env.BENCH_DURABLE !== '0')
const db = stores.db.prisma
await importOrg(db, generateDistrict({ towns: 5, communities: 40, grids: 400, accounts: 1 }))
const rooms = await db.room.findMany({ select: { id: true, unitId: true, unit: { select: { members: { select: { id: true }, take: 1 } } } } })
const targets = rooms.filter((r) => r.unit.members.length).map((r) => ({ roomId: r.id, unitId: r.unitId, memberId: r.unit.members[0]!.id }))
const from = new Date(Date.now() - 3_600_000)
const to = new Date(Date.now() + 86_400_000)
let n = 0
const until = performance.now() + seconds * 1000
// Each "client" is one group's shard: it writes its next check-in when the previous one is committed.
await Promise.all(
  Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; performance.now() < until; i++) {
      const t = targets[(c + i * clients) % targets.length]!
      const id = `c${c}-${i}`
      const c1 = {
        memberId: t.memberId,
        unitId: t.unitId,
        roomId: t.roomId,
        type: 'patrol',
        households: 3,
        note: '基准',
        at: new Date(),
        accountId: 'bot-1',
        messageId: id,
      } as const
      const inbox = { conversation: `bot-1|room${t.roomId}`, payload: { text: '#签到 走访 3户' } }
      const reply = {
        key: `reply|${id}`,
        accountId: 'bot-1',
        roomId: `room${t.roomId}`,
        mentionIds: ['wx1'],
        template: '✅ 签到成功 今日第 %1$s 次,本网格 %2$s 次',
      }
      const r = grouped ? await recordOnce(db, c1, from, to, inbox, reply) : await one(db, { c: c1, from, to, inbox, reply })
      if (!r) throw new Error('not recorded')
      n++
    }
  }),
)
const commits = (
  await db.$queryRawUnsafe<{ commits: number }[]>(`SELECT xact_commit::int AS commits FROM pg_stat_database WHERE datname = current_database()`)
)[0]?.commits
console.log(JSON.stringify({ clients, grouped, seconds, checkinsPerSecond: Math.round(n / seconds), checkins: n, commitsSinceStart: commits }))
await stores.stop()
process.exit(0)
