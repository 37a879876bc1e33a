// Redis commands per check-in, end to end, split by side: the inbound shard's queue (gateway's add, the worker's
// take and finish) and the outbound account's queue (the reply's add, the sender's take and finish). Every command
// Redis runs is seen through MONITOR (commands inside Lua scripts included, as `INFO commandstats` counts them) and
// charged to the queue whose key it names; the rest (the flush watch, timers, idle workers' blocking reads) is
// "other". Each setting is measured on fresh stores, one after the other in the same run: the base beside the new.
import { Redis } from 'ioredis'
import { systemClock } from '../src/core/clock.ts'
import { createLogger } from '../src/core/logger.ts'
import { loadEnv } from '../src/config/env.ts'
import { redisOptions } from '../src/config/redis-url.ts'
import { generateDistrict } from '../src/config/org-generate.ts'
import { importOrg } from '../src/app/org-import.ts'
import { startApp } from '../src/main.ts'
import { SimWorld } from '../src/sim/world.ts'
import { benchStores } from './stores.ts'

export interface RedisCostFigures {
  label: string
  /** How the messages came: all at once (burst) or at a steady rate. */
  load: string
  messages: number
  /** Per check-in. */
  total: number
  inbound: number
  outbound: number
  other: number
  /** Per check-in, by command (inbound and outbound only), largest first. */
  byCommand: Record<string, number>
}

export interface RedisCostVariant {
  label: string
  /** Settings (environment variables) this variant runs with. */
  env: Record<string, string>
}

/** The settings measured, base first. */
export const REDIS_COST_VARIANTS: RedisCostVariant[] = [
  { label: 'base (one job per message)', env: { GRIDBOT_INBOUND_BATCH: '1', GRIDBOT_OUTBOUND_BATCH: '1' } },
  { label: 'inbound batch 64', env: { GRIDBOT_INBOUND_BATCH: '64', GRIDBOT_OUTBOUND_BATCH: '1' } },
  { label: 'inbound + outbound batch 64', env: { GRIDBOT_INBOUND_BATCH: '64', GRIDBOT_OUTBOUND_BATCH: '64' } },
]

const PREFIX = 'bench'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Which side a command belongs to, by the first argument naming a queue key. */
function sideOf(args: string[]): 'inbound' | 'outbound' | 'other' {
  for (const a of args) {
    if (a.startsWith(`${PREFIX}:inbound-`)) return 'inbound'
    if (a.startsWith(`${PREFIX}:outbound-`)) return 'outbound'
  }
  return 'other'
}

async function measure(variant: RedisCostVariant, opts: { messages: number; rate: number | null }): Promise<RedisCostFigures> {
  const stores = await benchStores(24, true)
  const spec = generateDistrict({ towns: 5, communities: 40, grids: 400, accounts: 1 })
  await importOrg(stores.db.prisma, spec)
  const log = createLogger('silent')
  const env = loadEnv({
    GRIDBOT_QUEUE_PREFIX: PREFIX,
    GRIDBOT_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'silent',
    GRIDBOT_INBOUND_SHARDS: process.env.BENCH_SHARDS ?? '16',
    ...variant.env,
  })
  const world = new SimWorld(spec, systemClock, log, '/tmp/gridbot-bench-media')
  const app = await startApp({ role: 'all', env, infra: stores.infra, log, makeTransport: world.transport, pace: null, concurrency: 48 })
  await world.populate(stores.db.prisma)
  const cadres = spec.members.flatMap((m) => (m.role === 'grid_cadre' && m.wxid ? [{ ...m, wxid: m.wxid }] : []))
  let replies = 0
  world.onLine((l) => {
    if (l.self && l.text.includes('签到成功')) replies++
  })
  const say = (i: number) => {
    const c = cadres[i % cadres.length]!
    world.say(world.person({ wxid: c.wxid }), c.rooms[0]!, `#签到 走访 ${(i % 9) + 1}户 计数${i}`)
  }
  /** Until every reply is out and every outbox row marked sent (so the send jobs have finished too). */
  const settle = async (n: number) => {
    const end = Date.now() + 180_000
    while (replies < n || (await stores.db.prisma.outboxMessage.count({ where: { sentAt: null } })) > 0) {
      if (Date.now() > end) throw new Error(`only ${replies} of ${n} replies`)
      await sleep(50)
    }
    await sleep(300) // the last jobs' completion after the mark
  }
  // Warm-up: connections, scripts loaded, JIT.
  for (let i = 0; i < 100; i++) say(i)
  await settle(100)

  const plain = new Redis(redisOptions(stores.infra.redisUrl, {}) as never)
  const monitor = await plain.monitor()
  const counts = { inbound: 0, outbound: 0, other: 0 }
  const byCommand = new Map<string, number>()
  monitor.on('monitor', (_time: string, args: string[]) => {
    const side = sideOf(args.slice(1))
    counts[side]++
    if (side !== 'other') byCommand.set(args[0]!.toUpperCase(), (byCommand.get(args[0]!.toUpperCase()) ?? 0) + 1)
  })
  await sleep(100)
  const offset = replies
  for (let i = 0; i < opts.messages; i++) {
    say(100 + i)
    if (opts.rate) await sleep(1000 / opts.rate)
    else if (i % 200 === 199) await new Promise((r) => setImmediate(r))
  }
  await settle(offset + opts.messages)
  monitor.disconnect()
  plain.disconnect()
  await app.stop()
  await stores.stop()
  const per = (n: number) => Number((n / opts.messages).toFixed(2))
  return {
    label: variant.label,
    load: opts.rate ? `${opts.rate}/s` : 'burst',
    messages: opts.messages,
    total: per(counts.inbound + counts.outbound + counts.other),
    inbound: per(counts.inbound),
    outbound: per(counts.outbound),
    other: per(counts.other),
    byCommand: Object.fromEntries([...byCommand].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, per(v)])),
  }
}

/** Every variant on a burst and at a steady rate, base first, in this one run. */
export async function benchRedisCosts(opts: { messages: number; rate: number; variants?: RedisCostVariant[] }): Promise<RedisCostFigures[]> {
  const out: RedisCostFigures[] = []
  for (const rate of [null, opts.rate]) for (const v of opts.variants ?? REDIS_COST_VARIANTS) out.push(await measure(v, { messages: opts.messages, rate }))
  return out
}

export function redisCostsSection(figures: RedisCostFigures[], load: { before: string; after: string }): string {
  const rows = figures.map((f) => `| ${f.label} | ${f.load} | **${f.total}** | ${f.inbound} | ${f.outbound} | ${f.other} |`)
  const last = figures.at(-1)?.label
  const target = figures
    .filter((f) => f.label === last)
    .map((f) => `${f.load}: ${f.total} — ${f.total <= 30 ? '**met**' : '**not met**'}`)
    .join('; ')
  return `## Redis commands per check-in, inbound and outbound (issue #27)

Measured by bench/redis-costs.bench.ts: ${figures[0]?.messages ?? 0} check-ins over 400 grid rooms (one account, 16 shards),
one process (\`--role all\`), outbound pacing off. Every command Redis ran is seen through MONITOR, Lua's inner
commands included, and charged to the queue whose key it names: **inbound** (the gateway's add to the shard, the
worker's take and finish) and **outbound** (the reply's add, the sender's take and finish); **other** is the rest
(idle workers' blocking reads, the flush watch). Counts are exact whatever the load; each setting runs on fresh
stores, one after the other in this run (load average ${load.before} before, ${load.after} after).

| setting | messages came | Redis commands per check-in | inbound | outbound | other |
|---|---|---|---|---|---|
${rows.join('\n')}

Target of issue #27, ≤ 30 Redis commands per check-in, with ${last}: ${target}.

By command, per check-in (inbound + outbound): ${figures
    .map(
      (f) =>
        `*${f.label}, ${f.load}*: ${Object.entries(f.byCommand)
          .slice(0, 8)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
    )
    .join('; ')}.`
}
