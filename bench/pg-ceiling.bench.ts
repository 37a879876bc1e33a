// The PostgreSQL-only ceiling of the check-in hot path on this machine: the same statement the pipeline writes (inbox
// mark + check-in + the two counts + the reply into the outbox), in a bare loop from C concurrent connections, on a
// server with production durability (fsync, synchronous_commit on) — no Wechaty, no Redis, no BullMQ. By default
// concurrent check-ins share statements as in the pipeline (group commit); `grouped: false` sends one each.
// `npm run bench` runs it beside the pipeline so the ratio gridbot / ceiling comes from one run (it moves between runs
// as much as gridbot does).
import { generateDistrict } from '../src/config/org-generate.ts'
import { importOrg } from '../src/app/org-import.ts'
import { one, recordOnce } from '../src/capabilities/checkins/checkin-record.repo.ts'
import { benchStores } from './stores.ts'
import { cpuSeconds, postgresOf } from './burst-costs.ts'

export interface CeilingFigures {
  clients: number
  grouped: boolean
  seconds: number
  checkinsPerSecond: number
  checkins: number
  /** CPU ms per check-in over the measured part: the PostgreSQL server, and this process (Prisma, the client loop). */
  cpuMsPerCheckin: { postgres: number; client: number }
}

export async function benchPgCeiling(o: { clients?: number; seconds?: number; grouped?: boolean; durable?: boolean } = {}): Promise<CeilingFigures> {
  const clients = o.clients ?? 16
  const seconds = o.seconds ?? 10
  const grouped = o.grouped ?? true
  const stores = await benchStores(clients + 4, o.durable ?? true)
  try {
    const db = stores.db.prisma
    await importOrg(db, generateDistrict({ towns: 5, communities: 40, grids: 400, accounts: 1 }))
    const rooms = await db.room.findMany({ select: { id: true, unitId: true, unit: { select: { members: { select: { id: true }, take: 1 } } } } })
    const targets = rooms.filter((r) => r.unit.members.length).map((r) => ({ roomId: r.id, unitId: r.unitId, memberId: r.unit.members[0]!.id }))
    const from = new Date(Date.now() - 3_600_000)
    const to = new Date(Date.now() + 86_400_000)
    let n = 0
    // Each "client" is one group's shard: it writes its next check-in when the previous one is committed.
    const run = async (ms: number, tag: string) => {
      const until = performance.now() + ms
      await Promise.all(
        Array.from({ length: clients }, async (_, c) => {
          for (let i = 0; performance.now() < until; i++) {
            const t = targets[(c + i * clients) % targets.length]!
            const id = `${tag}${c}-${i}`
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
            if (tag === 'm') n++
          }
        }),
      )
    }
    await run(1_000, 'w') // warm-up: connections, prepared plans
    const pgBefore = cpuSeconds(postgresOf(stores.dbUrl))
    const nodeBefore = process.cpuUsage()
    await run(seconds * 1000, 'm')
    const node = process.cpuUsage(nodeBefore)
    const perCheckin = (ms: number) => Number((ms / Math.max(1, n)).toFixed(3))
    const cpuMsPerCheckin = {
      postgres: perCheckin((cpuSeconds(postgresOf(stores.dbUrl)) - pgBefore) * 1000),
      client: perCheckin((node.user + node.system) / 1000),
    }
    return { clients, grouped, seconds, checkinsPerSecond: n / seconds, checkins: n, cpuMsPerCheckin }
  } finally {
    await stores.stop()
  }
}
