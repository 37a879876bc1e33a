// Issue #10: a gateway killed (SIGKILL) in the middle of a notice's fan-out and started again → every room gets the
// notice, exactly once except in the one documented window (killed between room.say and the outbox row's sent mark:
// that one message per account goes again; counted, at most one per account). Delivery state ends sent for every room.
// The gateway is a child process (the mock WeChat lives in it and dies with it); the worker runs here. The first
// gateway stops its fan-out at a third of the rooms (test/helpers/notice-gateway.ts NOTICE_GW_HOLD_AT_SAY: that send
// reached WeChat and is not marked sent, the others wait in their send), so the kill lands mid-fan-out and in the
// documented window whenever it comes: a loaded machine that reads the gateway's output late cannot let the fan-out
// finish first.
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createLogger } from '../src/core/logger.ts'
import { loadEnv } from '../src/config/env.ts'
import { importOrg } from '../src/app/org-import.ts'
import { startApp, type App } from '../src/main.ts'
import { crashDistrict } from './helpers/notice-district.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'
import { pipelineIdle, until } from './helpers/wait.ts'
import { workerEnv } from './helpers/worker-process.ts'

const root = path.resolve(import.meta.dirname, '..')
const spec = crashDistrict()
const ROOMS = spec.rooms.length - 1 // every room but the district's, where the notice is sent from
/** The first gateway's fan-out stops at this send (a third of the rooms). */
const HOLD_AT = Math.ceil(ROOMS / 3)
let stores: TestStores
let worker: App
const lines: { room: string; text: string }[] = []

function startGateway(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, 'bin/run-ts.js'), path.join(root, 'test/helpers/notice-gateway.ts')], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (l) => {
      const o = JSON.parse(l) as { ready?: boolean; room: string; text: string }
      if (o.ready) resolve(child)
      else lines.push(o)
    })
    child.on('exit', (code) => reject(new Error(`gateway exited ${code}`)))
  })
}

beforeAll(async () => {
  stores = await freshStores()
  await importOrg(stores.db.prisma, spec)
})
afterAll(async () => {
  await worker?.stop()
  await stores?.cleanup()
})

it('a gateway killed mid-fan-out and restarted: every room gets the notice, once (bar the documented window), all deliveries sent', async () => {
  const extra = { GRIDBOT_SWEEP_EVERY_MS: '2000', GRIDBOT_REDELIVER_AFTER_MS: '3000', GRIDBOT_PACE_PER_SEC: '10', GRIDBOT_PACE_JITTER_MS: '20' }
  const env = workerEnv(stores, extra)
  let gateway = await startGateway({ ...env, NOTICE_GW_HOLD_AT_SAY: String(HOLD_AT) })
  worker = await startApp({ role: 'worker', env: loadEnv(env), infra: stores.infra, log: createLogger('silent') })
  // The district's supervisor sends it in the district's group (room ids are the simulator's, bound by the gateway).
  await worker.dispatch({
    accountId: spec.rooms[0]!.account!,
    messageId: 'notice-1',
    roomId: 'sim-room-1@chatroom',
    roomTopic: spec.rooms[0]!.topic,
    talkerId: 'wxid_s00001',
    talkerName: '书记1',
    kind: 'text',
    text: '#通知 紧急 全区防汛:请各网格立即排查低洼地带',
    mentionsSelf: false,
    receivedAt: new Date().toISOString(),
  })
  const noticeLines = () => lines.filter((l) => l.text.includes('【紧急通知 B1】'))
  await until('a third of the rooms reached', async () => noticeLines().length >= HOLD_AT, 90_000)
  gateway.kill('SIGKILL')
  const atKill = noticeLines().length
  expect(atKill).toBe(HOLD_AT) // killed in the middle: nothing more left it
  const killed = gateway
  await until('the gateway gone', async () => killed.exitCode !== null || killed.signalCode !== null)
  gateway = await startGateway(env)
  try {
    await until('every room reached', async () => new Set(noticeLines().map((l) => l.room)).size === ROOMS, 120_000)
    await until('every delivery marked sent', async () => (await stores.db.prisma.noticeDelivery.count({ where: { status: 'sent' } })) === ROOMS, 60_000)
    // Nothing left that could be sent (a repeat included): every row sent, every queue empty.
    await until('nothing left to send', () => pipelineIdle(worker, stores.db.prisma))
    const perRoom = new Map<string, number>()
    for (const l of noticeLines()) perRoom.set(l.room, (perRoom.get(l.room) ?? 0) + 1)
    const repeats = [...perRoom.values()].reduce((s, n) => s + n - 1, 0)
    console.log(`[notices crash] ${ROOMS} rooms, ${atKill} reached before the kill; repeated: ${repeats}`)
    expect(perRoom.size).toBe(ROOMS)
    expect(repeats).toBeLessThanOrEqual(spec.accounts.length)
    expect(await stores.db.prisma.noticeDelivery.count()).toBe(ROOMS)
    expect(await stores.db.prisma.outboxMessage.count({ where: { key: { startsWith: 'notice|' }, sentAt: null } })).toBe(0)
  } finally {
    gateway.kill('SIGTERM')
  }
})
