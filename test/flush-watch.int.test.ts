// A Redis flush must be noticed even when a sweep is running at that moment. The sweeper's own marker cannot tell:
// a sweep that started before the FLUSHALL writes it again when it finishes (that hid the flush, so the sweeper's
// schedule and the lost messages' jobs were never re-created). The flush watch's per-process mark does tell.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { redisOptions } from '../src/config/redis-url.ts'
import { systemClock } from '../src/core/clock.ts'
import { createLogger } from '../src/core/logger.ts'
import { Counters } from '../src/core/metrics.ts'
import type { Scheduler } from '../src/core/ports.ts'
import type { Db } from '../src/db/client.ts'
import { sweep, type TimerSource } from '../src/kernel/timers/sweeper.ts'
import { FlushWatch } from '../src/jobs/flush-watch.ts'
import { startRedisServer, type RedisServer } from '../src/runtime/redis-server.ts'

let dir: string
let server: RedisServer
let redis: Redis

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-flushwatch-'))
  server = await startRedisServer({ dir })
  redis = new Redis(redisOptions(server.url) as never)
})
afterAll(async () => {
  redis?.disconnect()
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

/** A sweep that is held mid-way (a timer source that takes its time, as one does on a loaded machine), for a FLUSHALL
 *  to land in: `started` once the sweep is in it, `release()` to let it finish. */
function heldSweep(keyPrefix: string) {
  let release!: () => void
  const held = new Promise<void>((r) => (release = r))
  let entered!: () => void
  const started = new Promise<void>((r) => (entered = r))
  const slow: TimerSource = {
    pending: async () => {
      entered()
      await held
      return null
    },
  }
  const deps = {
    prisma: {} as Db,
    redis,
    keyPrefix,
    scheduler: { ensure: async () => false } as unknown as Scheduler,
    clock: systemClock,
    log: createLogger('silent'),
    counters: new Counters(),
    sources: [slow],
  }
  return { deps, started, release }
}

describe('flush watch', () => {
  it('sees a FLUSHALL once, and nothing when Redis kept its keys', async () => {
    const watch = new FlushWatch(redis, 'fw1')
    await watch.arm()
    expect(await watch.forgot()).toBe(false)
    expect(await watch.forgot()).toBe(false)
    await redis.flushall()
    expect(await watch.forgot()).toBe(true)
    expect(await watch.forgot()).toBe(false) // the mark is back: one flush, one full sweep
    await watch.disarm()
    expect(await redis.keys('fw1:alive:*')).toEqual([])
  })

  it('is not fooled by a sweep that was running when Redis was flushed', async () => {
    const watch = new FlushWatch(redis, 'fw2')
    await watch.arm()
    const { deps, started, release } = heldSweep('fw2')
    await redis.set('fw2:timers:swept', 'earlier') // an earlier sweep's marker
    const running = sweep(deps)
    await started
    await redis.flushall()
    release()
    await running
    // The straddling sweep does not write its marker again: the next sweep, by any process, is full…
    expect(await redis.exists('fw2:timers:swept')).toBe(0)
    // …and the watch's mark is gone too, so the flush is seen and the full sweep comes.
    expect(await watch.forgot()).toBe(true)
    const full = await sweep({ ...deps, sources: [] }, { full: true })
    expect(full.full).toBe(true)
  })

  it('leaves no marker when Redis was flushed during a full sweep, so the next worker sweeps in full too', async () => {
    // A worker's first (full) sweep straddles a FLUSHALL, and the worker is killed before its watch looks: only the
    // marker tells the next worker to restore every flushed timer at once.
    const { deps, started, release } = heldSweep('fw3')
    const running = sweep(deps)
    await started
    await redis.flushall()
    release()
    expect((await running).full).toBe(true)
    expect(await redis.exists('fw3:timers:swept')).toBe(0)
    const next = await sweep({ ...deps, sources: [] })
    expect(next.full).toBe(true)
    expect(await redis.exists('fw3:timers:swept')).toBe(1) // a sweep no flush interrupted leaves it
    expect((await sweep({ ...deps, sources: [] })).full).toBe(false)
  })
})
