// A running simulator: stores (embedded by default), the org imported, the mock world, and the whole app.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Queue } from 'bullmq'
import { VirtualClock } from '../core/clock.ts'
import type { Logger } from '../core/logger.ts'
import { within } from '../core/time-limit.ts'
import type { Env } from '../config/env.ts'
import type { OrgSpec } from '../config/org-spec.ts'
import { openInfra, type Infra } from '../infra.ts'
import { startApp, type App } from '../main.ts'
import { importCity, importOrg } from '../app/org-import.ts'
import type { CitySource } from '../config/city-spec.ts'
import { SimWorld } from './world.ts'

export interface SimSession {
  app: App
  infra: Infra
  world: SimWorld
  clock: VirtualClock
  /** Waits until every message sent so far has been handled and every reply posted. */
  settle(): Promise<void>
  /** Moves virtual time on; timers due in the span fire in order (hooks registered by timed features). The sweeper
   *  runs every `sweepEveryMs` of virtual time (default hourly): a script spanning weeks may sweep daily instead. */
  advance(ms: number, opts?: { sweepEveryMs?: number }): Promise<void>
  stop(): Promise<void>
}

export interface SimOptions {
  env: Env
  spec: OrgSpec
  log: Logger
  start?: Date
  /** Use a fresh throwaway database and Redis (the script runner's default). */
  throwaway?: boolean
  /** Reuse stores the caller opened (tests). */
  infra?: Infra
  /** Run the gateway and the worker as two separate apps sharing the stores, as production does. */
  split?: boolean
  /** A city file's org (issue #26): imported as a city; `spec` is then its flattened world (city-spec.ts flattenCity). */
  city?: CitySource
  /** Real time a settle may take before it fails (default SETTLE_LIMIT_MS); the tests give the bound they give every
   *  wait, which only ends a hang: a loaded machine is slow, not stuck. */
  settleLimitMs?: number
}

async function idle(queues: Queue[], timers: Queue): Promise<boolean> {
  for (const q of queues) {
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')
    if (Object.values(c).some((n) => n > 0)) return false
  }
  // Timers wait as delayed jobs until virtual time reaches them: only running ones count as busy.
  const t = await timers.getJobCounts('waiting', 'active', 'prioritized')
  return Object.values(t).every((n) => n === 0)
}

/** What is still going on, for the error when the simulator does not settle. */
async function busy(world: SimWorld, queues: Queue[], timers: Queue): Promise<string> {
  const parts = [`world ${JSON.stringify(world.busy())}`]
  for (const q of [...queues, timers]) parts.push(`${q.name} ${JSON.stringify(await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed'))}`)
  return parts.join('; ')
}

/** The earliest timer due by `until` (virtual time), with its due time. */
async function earliestTimer(timers: Queue, until: number) {
  let best: { job: Awaited<ReturnType<Queue['getDelayed']>>[number]; at: number } | null = null
  for (const job of await timers.getDelayed()) {
    const at = Date.parse((job.data as { dueAt?: string }).dueAt ?? '')
    if (Number.isFinite(at) && at <= until && (!best || at < best.at)) best = { job, at }
  }
  return best
}

/** Real time a settle may take before it fails, naming what is still busy (`gridbot sim`'s default). */
const SETTLE_LIMIT_MS = 40_000

/** How often, in virtual time, the simulator runs the sweeper during an advance (and once at its start). */
const SIM_SWEEP_EVERY_MS = 3_600_000

/** Waits until nothing is pending twice in a row: the mock's arrivals, the queues, the due timers. */
function settler(world: SimWorld, queues: () => Queue[], timers: Queue, limitMs: number): () => Promise<void> {
  return async () => {
    const deadline = Date.now() + limitMs
    let calm = 0
    while (calm < 2 && Date.now() < deadline) {
      // A Redis that stopped answering must not hang the settle: count it as busy and let the deadline name it.
      const quiet = world.pending() === 0 && (await within(5_000, idle(queues(), timers), false))
      calm = quiet ? calm + 1 : 0
      if (calm < 2) await new Promise((r) => setTimeout(r, quiet ? 15 : 5))
    }
    if (calm < 2)
      throw new Error(`simulator did not settle within ${limitMs / 1000} s: ${await within(5_000, busy(world, queues(), timers), 'Redis did not answer')}`)
  }
}

/** Moves virtual time on: every timer due in the span fires in due order, through the real queue, seeing the time it
 *  was due at; the sweeper runs every `sweepEveryMs` of virtual time. */
function advancer(app: App, clock: VirtualClock, settle: () => Promise<void>): SimSession['advance'] {
  return async (ms, opts) => {
    const every = opts?.sweepEveryMs ?? SIM_SWEEP_EVERY_MS
    await settle()
    const target = clock.now().getTime() + ms
    await app.sweep()
    let nextSweep = clock.now().getTime() + every
    for (;;) {
      const due = await earliestTimer(app.timers.queue, target)
      if (nextSweep <= target && (!due || nextSweep < due.at)) {
        clock.set(new Date(nextSweep))
        await app.sweep()
        nextSweep += every
      } else if (due) {
        clock.set(new Date(due.at))
        await due.job.promote()
      } else break
      await settle()
    }
    clock.set(new Date(target))
    await settle()
  }
}

export async function startSim(o: SimOptions): Promise<SimSession> {
  const clock = new VirtualClock(o.start ?? new Date())
  const tmp = o.throwaway && !o.infra ? mkdtempSync(path.join(os.tmpdir(), 'gridbot-sim-')) : null
  const infra = o.infra ?? (await openInfra(o.env, o.log, tmp ? { throwaway: tmp } : {}))
  if (o.city) await importCity(infra.db.prisma, o.city)
  else await importOrg(infra.db.prisma, o.spec)
  const world = new SimWorld(o.spec, clock, o.log, path.join(tmp ?? path.resolve(o.env.GRIDBOT_DATA_DIR), 'media'))
  const common = {
    env: o.env,
    infra,
    log: o.log,
    clock,
    makeTransport: world.transport,
    accounts: o.spec.accounts.map((a) => a.id),
    pace: null, // virtual time: pacing would only slow the simulation down
    virtualTime: true,
    media: world.media,
  }
  const app = await startApp({ ...common, role: o.split ? 'gateway' : 'all' })
  const worker = o.split ? await startApp({ ...common, role: 'worker' }) : null
  await world.populate(infra.db.prisma)
  const queues = (): Queue[] => [...app.inbound.queues, ...o.spec.accounts.map((a) => app.outbox.queue(a.id))]

  const settle = settler(world, queues, app.timers.queue, o.settleLimitMs ?? SETTLE_LIMIT_MS)
  return {
    app,
    infra,
    world,
    clock,
    settle,
    advance: advancer(app, clock, settle),
    stop: async () => {
      await app.stop()
      await worker?.stop()
      if (!o.infra) await infra.close()
      if (tmp) rmSync(tmp, { recursive: true, force: true })
    },
  }
}
