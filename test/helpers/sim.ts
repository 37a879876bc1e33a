import { createLogger } from '../../src/core/logger.ts'
import { loadOrgFile } from '../../src/config/org-file.ts'
import type { OrgSpec } from '../../src/config/org-spec.ts'
import type { Env } from '../../src/config/env.ts'
import { startSim, type SimSession } from '../../src/sim/session.ts'
import { freshStores, type TestStores } from './stores.ts'
import { HANG_MS } from './wait.ts'

import { DEMO_ORG } from './paths.ts'
import type { CitySource } from '../../src/config/city-spec.ts'
export { DEMO_ORG }

export interface TestSim extends SimSession {
  stores: TestStores
  /** Stops the app and removes the test's database and Redis keys. */
  close(): Promise<void>
}

/** The whole app (real Wechaty on the mock, real BullMQ, real PostgreSQL) on fresh stores. */
export async function testSim(
  opts: { spec?: OrgSpec; city?: CitySource; start?: Date; redisUrl?: string; prefix?: string; split?: boolean; env?: Partial<Env> } = {},
): Promise<TestSim> {
  const stores = await freshStores({ redisUrl: opts.redisUrl, prefix: opts.prefix })
  const spec = opts.spec ?? (await loadOrgFile(DEMO_ORG))
  const session = await startSim({
    env: { ...stores.env, ...opts.env },
    spec,
    city: opts.city,
    log: createLogger('silent'),
    start: opts.start,
    infra: stores.infra,
    split: opts.split,
    // A settle that takes long on a loaded machine is slow, not stuck: the simulator gives up only at a hang.
    settleLimitMs: HANG_MS,
  })
  return {
    ...session,
    stores,
    close: async () => {
      await session.stop()
      await stores.cleanup()
    },
  }
}

/** The bot's messages in a room (transcript order). */
export function botSaid(sim: SimSession, room: string): string[] {
  return sim.world.transcript.filter((l) => l.self && l.room === room).map((l) => l.text)
}
