// A gateway process for bench/city-memory.bench.ts, from the compiled build (dist/): `--role gateway` for the accounts
// in GRIDBOT_ACCOUNTS, with the mock WeChat in process holding only those accounts' groups and, per account, the
// people of its groups as contacts (what a logged-in account sees). The world is the benchmark's flattened city
// (BENCH_WORLD: a JSON OrgSpec, rooms already bound by the benchmark). Prints {"ready":true} once logged in; on
// "burst" (stdin) says one check-in in each served group from one of its people and prints {"sent":N}.
import { readFileSync, mkdtempSync } from 'node:fs'
import { createInterface } from 'node:readline'
import os from 'node:os'
import path from 'node:path'
import { systemClock } from '../dist/core/clock.js'
import { createLogger } from '../dist/core/logger.js'
import { loadEnv } from '../dist/config/env.js'
import { openDatabase } from '../dist/db/client.js'
import { startApp } from '../dist/main.js'
import { SimWorld, BOT_NAME } from '../dist/sim/world.js'

const env = loadEnv(process.env)
const spec = JSON.parse(readFileSync(process.env.BENCH_WORLD, 'utf8'))
const served = new Set(env.GRIDBOT_ACCOUNTS.split(','))
const db = await openDatabase({ url: env.DATABASE_URL, poolSize: 10 })
const log = createLogger('silent')
const world = new SimWorld(spec, systemClock, log, mkdtempSync(path.join(os.tmpdir(), 'city-gw-media-')))
const infra = { db, redisUrl: env.REDIS_URL, embedded: { database: false, redis: false }, close: async () => undefined }
await startApp({ role: 'gateway', env, infra, log, makeTransport: world.transport, accounts: [...served], pace: null })
// SimWorld.populate, per account: its groups, and only their people as its contacts (the rooms are bound already).
const byWxid = new Map(world.people.map((p) => [p.wxid, p]))
const inRoom = new Map()
for (const p of world.people) for (const r of p.rooms) inRoom.set(r, [...(inRoom.get(r) ?? []), p.wxid])
const mine = []
for (const accountId of served) {
  const rooms = [...world.rooms].filter(([, r]) => r.accountId === accountId)
  const people = new Set(rooms.flatMap(([topic]) => inRoom.get(topic) ?? []))
  world.wechat.populate(accountId, {
    botName: BOT_NAME,
    people: [...people].map((w) => byWxid.get(w)),
    rooms: rooms.map(([topic, r]) => ({ roomId: r.roomId, topic, memberIds: inRoom.get(topic) ?? [] })),
  })
  mine.push(...rooms.map(([topic]) => topic))
}
world.transcript.length = 0
process.stdout.write(`${JSON.stringify({ ready: true, rooms: mine.length, accounts: served.size })}\n`)
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line !== 'burst') return
  let n = 0
  for (const topic of mine) {
    const wxid = (inRoom.get(topic) ?? []).find((w) => w !== 'wxid_city_a1')
    if (wxid) {
      world.say(byWxid.get(wxid), topic, `#签到 巡查 ${n}`)
      n++
    }
  }
  world.transcript.length = 0
  process.stdout.write(`${JSON.stringify({ sent: n })}\n`)
})
