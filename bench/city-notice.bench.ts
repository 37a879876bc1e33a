// Issue #26: a city-wide urgent notice from the city group (团市委) of the generated city (10 districts: 11,590 groups
// besides the city's own, on 80 bot accounts), every account paced at 0.5 message/s plus up to 300 ms jitter, on the
// mock WeChat in REAL time (BullMQ's limiter on the wall clock: virtual time would skip its waits). Measured: the plan
// (posts per account, the planner's estimate against the 3-minute SLA of an urgent notice, accounts it says are
// needed) and the completion: every group reached, when the last lands, each account's posts and its last one, the
// smallest gap between two posts of one account (the pacing kept). Each group's cadre answers 收到 3 s after the notice
// lands there, through the whole pipeline; counted: acknowledgements recorded and groups acknowledged.
// Baseline in the same run: one district under a city (1,159 groups on its 8 accounts: the same posts per account).
import os from 'node:os'
import { systemClock } from '../src/core/clock.ts'
import { createLogger } from '../src/core/logger.ts'
import { loadEnv } from '../src/config/env.ts'
import type { StoredPlan } from '../src/capabilities/notices/notice.types.ts'
import { importCity } from '../src/app/org-import.ts'
import { startApp } from '../src/main.ts'
import { SimWorld } from '../src/sim/world.ts'
import { benchCity } from './city.ts'
import { benchStores, percentile } from './stores.ts'

export interface CityNoticeFigures {
  districts: number
  groups: number
  accounts: number
  perSec: number
  jitterMs: number
  plan: { estimateS: number; slaS: number; shortfallS: number; accountsNeeded: number; postsMax: number; postsMin: number; reply: string }
  planReplyS: number
  reached: number
  sentMarked: number
  completionS: number
  /** (most posts on one account − 1) ÷ pace: the limiter's floor. */
  floorS: number
  perAccount: { postsMin: number; postsMax: number; lastMinS: number; lastMaxS: number; minGapS: number }
  acks: { said: number; recorded: number; acknowledgedGroups: number; p50: number; p99: number; max: number; lastS: number }
  load: { start: number; end: number }
  setupS: number
  /** The set-up's parts: the org import, the app's start (80 accounts), binding and the mock world's groups. */
  setup: { importS: number; startS: number; populateS: number }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const ACK_DELAY_MS = 3_000

// Long because it is one run told in order (set-up, the notice, the landings, the answers, the counts); split, the
// maps it fills would be passed between the pieces.
export async function benchCityNotice(o: { districts: number; perSec?: number; jitterMs?: number }): Promise<CityNoticeFigures> {
  const perSec = o.perSec ?? 0.5
  const jitterMs = o.jitterMs ?? 300
  const s0 = Date.now()
  const stores = await benchStores(24)
  try {
    const prisma = stores.db.prisma
    const { source, world: spec } = benchCity(o.districts)
    const tImport = Date.now()
    await importCity(prisma, source)
    const importS = (Date.now() - tImport) / 1000
    const log = createLogger('silent')
    const env = loadEnv({
      GRIDBOT_QUEUE_PREFIX: 'bench-city-notice',
      LOG_LEVEL: 'silent',
      GRIDBOT_PACE_PER_SEC: String(perSec),
      GRIDBOT_PACE_JITTER_MS: String(jitterMs),
      GRIDBOT_RATE_LIMIT_PER_MINUTE: '0',
    })
    const world = new SimWorld(spec, systemClock, log, '/tmp/gridbot-bench-media')
    const tStart = Date.now()
    const app = await startApp({ role: 'all', env, infra: stores.infra, log, makeTransport: world.transport, concurrency: 32 })
    const startS = (Date.now() - tStart) / 1000
    const tPopulate = Date.now()
    // Each account knows the people of its groups (what a logged-in account sees), not the whole city.
    await world.populate(prisma, { contacts: 'groups' })
    const populateS = (Date.now() - tPopulate) / 1000
    const setupS = (Date.now() - s0) / 1000
    const cityRoom = spec.rooms[0]!.topic
    const groups = spec.rooms.length - 1
    const answerer = new Map<string, (typeof world.people)[number]>()
    for (const p of world.people) for (const r of p.rooms) if (!answerer.has(r) && p.wxid !== 'wxid_city_a1') answerer.set(r, p)
    const reached = new Map<string, number>()
    const saidAt = new Map<string, number>()
    let planAt = 0
    let reply = ''
    world.onLine((l) => {
      if (!l.self || !l.room) return
      if (l.room === cityRoom && l.text.includes('紧急通知 B1 开始发送')) {
        planAt ||= Date.now()
        reply = l.text
      }
      if (l.text.includes('【紧急通知 B1】') && !reached.has(l.room)) {
        reached.set(l.room, Date.now())
        const who = answerer.get(l.room)
        const room = l.room
        if (who) setTimeout(() => saidAt.set(world.say(who, room, '收到'), Date.now()), ACK_DELAY_MS)
      }
    })
    const loadStart = os.loadavg()[0]!
    const t0 = Date.now()
    world.say(world.person({ wxid: 'wxid_city_s1' }), cityRoom, '#通知 紧急 全市防汛紧急通知:今晚有特大暴雨,请各网格立即排查低洼地带、地下车库和危房,转移群众')
    const limit = Date.now() + 25 * 60_000
    while (reached.size < groups && Date.now() < limit) await sleep(200)
    const completionMs = Math.max(...reached.values()) - t0
    // The answers: the last one is said 3 s after the last landing; wait for them to be recorded.
    // Recorded = the inbox row marked handled, in the same transaction as the acknowledgement.
    const handled = async () =>
      prisma.inboxMessage.findMany({ where: { messageId: { in: [...saidAt.keys()] }, handledAt: { not: null } }, select: { messageId: true, handledAt: true } })
    let recorded = await handled()
    for (let i = 0; i < 300 && (saidAt.size < reached.size || recorded.length < saidAt.size); i++) {
      await sleep(1000)
      recorded = await handled()
    }
    const recordedAt = new Map(recorded.map((r) => [r.messageId, r.handledAt?.getTime() ?? Number.NaN]))
    const notice = await prisma.notice.findFirst({ where: { number: 1, unit: { kind: 'city' } } })
    const plan = notice?.plan as StoredPlan | undefined
    const sentMarked = await prisma.noticeDelivery.count({ where: { noticeId: notice?.id ?? -1, status: { in: ['sent', 'acknowledged'] } } })
    const acknowledgedGroups = await prisma.noticeDelivery.count({ where: { noticeId: notice?.id ?? -1, status: 'acknowledged' } })
    // Per account, from what the mock saw land.
    const byAccount = new Map<string, number[]>()
    for (const [room, at] of reached) {
      const a = world.room(room).accountId
      byAccount.set(a, [...(byAccount.get(a) ?? []), at])
    }
    const counts = [...byAccount.values()].map((xs) => xs.length)
    const lasts = [...byAccount.values()].map((xs) => (Math.max(...xs) - t0) / 1000)
    let minGap = Number.POSITIVE_INFINITY
    for (const xs of byAccount.values()) {
      xs.sort((a, b) => a - b)
      for (let i = 1; i < xs.length; i++) minGap = Math.min(minGap, xs[i]! - xs[i - 1]!)
    }
    const lat = [...recordedAt].map(([id, at]) => at - (saidAt.get(id) ?? at)).sort((a, b) => a - b)
    const postsPlanned = plan?.accounts.map((a) => a.rooms) ?? []
    const figures: CityNoticeFigures = {
      districts: o.districts,
      groups,
      accounts: spec.accounts.length,
      perSec,
      jitterMs,
      plan: {
        estimateS: (plan?.estimateMs ?? Number.NaN) / 1000,
        slaS: (plan?.slaMs ?? Number.NaN) / 1000,
        shortfallS: (plan?.shortfallMs ?? Number.NaN) / 1000,
        accountsNeeded: plan?.accountsNeeded ?? Number.NaN,
        postsMax: Math.max(...postsPlanned),
        postsMin: Math.min(...postsPlanned),
        reply,
      },
      planReplyS: (planAt - t0) / 1000,
      reached: reached.size,
      sentMarked,
      completionS: completionMs / 1000,
      floorS: (Math.max(...counts) - 1) / perSec,
      perAccount: {
        postsMin: Math.min(...counts),
        postsMax: Math.max(...counts),
        lastMinS: Math.min(...lasts),
        lastMaxS: Math.max(...lasts),
        minGapS: minGap / 1000,
      },
      acks: {
        said: saidAt.size,
        recorded: recordedAt.size,
        acknowledgedGroups,
        p50: percentile(lat, 50),
        p99: percentile(lat, 99),
        max: lat[lat.length - 1] ?? Number.NaN,
        lastS: (Math.max(...recordedAt.values()) - t0) / 1000,
      },
      load: { start: loadStart, end: os.loadavg()[0]! },
      setupS,
      setup: { importS, startS, populateS },
    }
    await app.stop()
    return figures
  } finally {
    await stores.stop()
  }
}
