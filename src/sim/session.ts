// A running simulator: stores (embedded by default), the org imported, the mock world, and the whole app.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Queue } from 'bullmq'
import { VirtualClock } from '../core/clock.ts'
import type { Logger } from '../core/logger.ts'
import type { Env } from '../config/env.ts'
import type { OrgSpec } from '../config/org-spec.ts'
import { openInfra, type Infra } from '../infra.ts'
import { startApp, type App } from '../main.ts'
import { importOrg } from '../domain/org/org-import.service.ts'
import { SimWorld } from './world.ts'

export interface SimSession {
  app: App
  infra: Infra
  world: SimWorld
  clock: VirtualClock
  /** Waits until every message sent so far has been handled and every reply posted. */
  settle(): Promise<void>
  /** Moves virtual time on; timers due in the span fire in order (hooks registered by timed features). */
  advance(ms: number): Promise<void>
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
}

async function idle(queues: Queue[]): Promise<boolean> {
  for (const q of queues) {
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children')
    if (Object.values(c).some((n) => n > 0)) return false
  }
  return true
}

export async function startSim(o: SimOptions): Promise<SimSession> {
  const clock = new VirtualClock(o.start ?? new Date())
  const tmp = o.throwaway && !o.infra ? mkdtempSync(path.join(os.tmpdir(), 'gridbot-sim-')) : null
  const infra = o.infra ?? (await openInfra(o.env, o.log, tmp ? { throwaway: tmp } : {}))
  await importOrg(infra.db.prisma, o.spec)
  const world = new SimWorld(o.spec, clock, o.log, path.join(tmp ?? path.resolve(o.env.GRIDBOT_DATA_DIR), 'media'))
  const common = {
    env: o.env,
    infra,
    log: o.log,
    clock,
    makeTransport: world.transport,
    accounts: o.spec.accounts.map((a) => a.id),
    pace: null, // virtual time: pacing would only slow the simulation down
  }
  const app = await startApp({ ...common, role: o.split ? 'gateway' : 'all' })
  const worker = o.split ? await startApp({ ...common, role: 'worker' }) : null
  await world.populate(infra.db.prisma)
  const queues = (): Queue[] => [app.inboundQueue, ...o.spec.accounts.map((a) => app.outbox.queue(a.id))]

  const settle = async () => {
    let calm = 0
    for (let i = 0; i < 3000 && calm < 2; i++) {
      const quiet = world.pending() === 0 && (await idle(queues()))
      calm = quiet ? calm + 1 : 0
      if (calm < 2) await new Promise((r) => setTimeout(r, quiet ? 15 : 5))
    }
    if (calm < 2) throw new Error('simulator did not settle within 30 s')
  }
  const advanceHooks: ((to: Date) => Promise<void>)[] = []
  return {
    app,
    infra,
    world,
    clock,
    settle,
    advance: async (ms) => {
      await settle()
      const to = new Date(clock.now().getTime() + ms)
      for (const hook of advanceHooks) await hook(to)
      clock.set(to)
      await settle()
    },
    stop: async () => {
      await app.stop()
      await worker?.stop()
      if (!o.infra) await infra.close()
      if (tmp) rmSync(tmp, { recursive: true, force: true })
    },
  }
}
