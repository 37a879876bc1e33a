// A gateway process for bench/ops.bench.ts, from the compiled build (dist/): the generated district's mock WeChat
// (8 accounts, 1,159 groups) in process and a `--role gateway` app on the bench's stores. Prints {"ready":true} once
// every account is logged in and every room bound; on "burst N" (stdin) says N check-ins across the grid groups and
// prints {"sent":N}.
import { createInterface } from 'node:readline'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { systemClock } from '../dist/core/clock.js'
import { createLogger } from '../dist/core/logger.js'
import { loadEnv } from '../dist/config/env.js'
import { generateDistrict } from '../dist/config/org-generate.js'
import { openDatabase } from '../dist/db/client.js'
import { startApp } from '../dist/main.js'
import { SimWorld } from '../dist/sim/world.js'

const env = loadEnv(process.env)
const db = await openDatabase({ url: env.DATABASE_URL, poolSize: 10 })
const log = createLogger('silent')
const spec = generateDistrict({ towns: 15, communities: 109, grids: 1034, accounts: 8 })
const world = new SimWorld(spec, systemClock, log, mkdtempSync(path.join(os.tmpdir(), 'ops-gw-media-')))
const infra = { db, redisUrl: env.REDIS_URL, embedded: { database: false, redis: false }, close: async () => undefined }
await startApp({ role: 'gateway', env, infra, log, makeTransport: world.transport, pace: null })
await world.populate(db.prisma)
process.stdout.write(`${JSON.stringify({ ready: true, rooms: spec.rooms.length, accounts: spec.accounts.length })}\n`)
const grids = spec.rooms.filter((r) => r.topic.includes('网格'))
createInterface({ input: process.stdin }).on('line', (line) => {
  const n = Number(/^burst (\d+)$/.exec(line)?.[1] ?? 0)
  for (let i = 0; i < n; i++) {
    const room = grids[i % grids.length]
    const person = world.people.find((p) => p.rooms.includes(room.topic))
    if (person) world.say(person, room.topic, `#签到 巡查 ${i}`)
  }
  process.stdout.write(`${JSON.stringify({ sent: n })}\n`)
})
