// A worker process for bench/city-memory.bench.ts, from the compiled build (dist/): `startApp({ role: 'worker' })` on
// the bench's stores (what `gridbot start --role worker` runs, without its HTTP surface). Prints {"ready":true}; on
// "fill <district-or-city>" (stdin) asks its org cache (src/kernel/org/org-cache.ts) for every bound group and every
// person under that unit — the two lookups the pipeline makes for each message — and prints {"rooms":R,"members":M}.
import { createInterface } from 'node:readline'
import { createLogger } from '../dist/core/logger.js'
import { loadEnv } from '../dist/config/env.js'
import { openDatabase } from '../dist/db/client.js'
import { startApp } from '../dist/main.js'

const env = loadEnv(process.env)
const db = await openDatabase({ url: env.DATABASE_URL, poolSize: 10 })
const log = createLogger('silent')
const infra = { db, redisUrl: env.REDIS_URL, embedded: { database: false, redis: false }, close: async () => undefined }
const app = await startApp({ role: 'worker', env, infra, log })
process.stdout.write(`${JSON.stringify({ ready: true })}\n`)
createInterface({ input: process.stdin }).on('line', async (line) => {
  const name = /^fill (.+)$/.exec(line)?.[1]
  if (!name) return
  const top = await db.prisma.unit.findFirstOrThrow({ where: { name, kind: { in: ['city', 'district'] } } })
  const under = { unit: { path: { startsWith: top.path } } }
  const rooms = await db.prisma.room.findMany({ where: { ...under, wxRoomId: { not: null } }, select: { wxRoomId: true } })
  const members = await db.prisma.member.findMany({ where: { ...under, wxid: { not: null } }, select: { wxid: true } })
  let r = 0
  let m = 0
  const org = app.deps.org
  for (let i = 0; i < rooms.length; i += 20) r += (await Promise.all(rooms.slice(i, i + 20).map((x) => org.room(db.prisma, x.wxRoomId)))).filter(Boolean).length
  for (let i = 0; i < members.length; i += 20)
    m += (await Promise.all(members.slice(i, i + 20).map((x) => org.member(db.prisma, x.wxid)))).filter(Boolean).length
  process.stdout.write(`${JSON.stringify({ rooms: r, members: m })}\n`)
})
