// A gateway process for test/notices-crash.int.test.ts: the generated district's mock WeChat and a `--role gateway`
// app (paced senders) on the test's stores. Prints every message the bot posts as a JSON line on stdout, so the
// test sees what reached each room even across a SIGKILL of this process. With NOTICE_GW_DIE_AT_SAY=n it kills
// itself (SIGKILL) at its n-th send of the notice — after the sender claimed the post, before WeChat gets it —
// printing the room first (test/outbound-claim-crash.int.test.ts). With NOTICE_GW_HOLD_AT_SAY=n its n-th send of the
// notice reaches WeChat and then never returns (sent, not yet marked sent: the documented window), and no later send
// of the notice leaves: the fan-out stops in its middle until the test kills this process, however loaded the machine
// (test/notices-crash.int.test.ts).
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { systemClock } from '../../src/core/clock.ts'
import { createLogger } from '../../src/core/logger.ts'
import { loadEnv } from '../../src/config/env.ts'
import { openDatabase } from '../../src/db/client.ts'
import type { Infra } from '../../src/infra.ts'
import { startApp } from '../../src/main.ts'
import { SimWorld } from '../../src/sim/world.ts'
import { crashDistrict } from './notice-district.ts'

const env = loadEnv(process.env)
const db = await openDatabase({ url: env.DATABASE_URL! })
const log = createLogger('silent')
const spec = crashDistrict()
const world = new SimWorld(spec, systemClock, log, mkdtempSync(path.join(os.tmpdir(), 'notice-gw-media-')))
world.onLine((l) => {
  if (l.self) process.stdout.write(`${JSON.stringify({ room: l.room, text: l.text.split('\n')[0] })}\n`)
})
const infra: Infra = { db, redisUrl: env.REDIS_URL!, embedded: { database: false, redis: false }, close: async () => undefined }
const dieAt = Number(process.env.NOTICE_GW_DIE_AT_SAY ?? 0)
const holdAt = Number(process.env.NOTICE_GW_HOLD_AT_SAY ?? 0)
const never = () => new Promise<never>(() => undefined)
let notices = 0
const makeTransport = (accountId: string) => {
  const t = world.transport(accountId)
  if (!dieAt && !holdAt) return t
  const say = t.say.bind(t)
  t.say = async (roomId, text, mentionIds) => {
    const n = text.includes('【紧急通知') ? ++notices : 0
    if (dieAt && n === dieAt) {
      process.stdout.write(`${JSON.stringify({ dying: roomId })}\n`)
      process.kill(process.pid, 'SIGKILL')
      return never()
    }
    if (holdAt && n > holdAt) return never()
    if (holdAt && n === holdAt) {
      await say(roomId, text, mentionIds)
      return never()
    }
    return say(roomId, text, mentionIds)
  }
  return t
}
const app = await startApp({ role: 'gateway', env, infra, log, makeTransport, pace: { messagesPerSec: 10, jitterMs: 20 } })
// A gateway started again after a SIGKILL stands by until the killed one's account leases lapse (issue #25): the mock
// accounts log in only once this process serves them all, so that their login reaches its Wechaty.
while (app.transports.length < spec.accounts.length) await new Promise((r) => setTimeout(r, 200))
await world.populate(db.prisma)
process.stdout.write(`${JSON.stringify({ ready: true })}\n`)
