// The sender's take-along scripts on a real Redis (src/jobs/outbound-drain.ts): the next waiting posts in BullMQ's
// order (wait first, then prioritized) while the active job's lock is ours, and the sent ones finished as BullMQ's
// removeOnComplete does — out of their list or set and deleted, whatever BullMQ took meanwhile left alone.
import { Queue, Worker } from 'bullmq'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createRedis, type RedisClient } from '../src/jobs/queues.ts'
import { OutboundDrain } from '../src/jobs/outbound-drain.ts'
import { freshStores, type TestStores } from './helpers/stores.ts'

let stores: TestStores
let redis: RedisClient
beforeAll(async () => {
  stores = await freshStores()
  redis = createRedis(stores.redisUrl)
})
afterAll(async () => {
  redis?.disconnect()
  await stores?.cleanup()
})

it('peeks the waiting posts in BullMQ order and finishes the sent ones by deleting them', async () => {
  const q = new Queue('outbound-drain-test', { connection: redis, prefix: stores.prefix })
  const own = createRedis(stores.redisUrl)
  const w = new Worker('outbound-drain-test', null, { connection: own, prefix: stores.prefix, autorun: false })
  try {
    await q.add('say', { n: 'a' }, { jobId: 'a', priority: 10 })
    await q.add('say', { n: 'b' }, { jobId: 'b', priority: 10 })
    await q.add('say', { n: 'u' }, { jobId: 'u', priority: 1 })
    await q.add('say', { n: 'w' }, { jobId: 'w' })
    const active = await w.getNextJob('tok')
    expect(active?.id).toBe('w') // BullMQ takes `wait` first, then by priority
    const drain = new OutboundDrain(redis)
    expect((await drain.peek(w, { id: 'w', token: 'tok' }, 10)).map((p) => p.id)).toEqual(['u', 'a', 'b'])
    expect(await drain.peek(w, { id: 'w', token: 'not-ours' }, 10)).toEqual([])
    // 'x' was never there (BullMQ took it, a flush): skipped.
    expect(await drain.complete(w, ['u', 'a', 'x'])).toBe(2)
    expect(await q.getJob('u')).toBeUndefined()
    expect(await q.getJob('a')).toBeUndefined()
    expect((await q.getJob('b'))?.data).toEqual({ n: 'b' })
    expect(await q.getJobCounts('prioritized', 'wait')).toEqual({ prioritized: 1, wait: 0 })
  } finally {
    await w.close()
    own.disconnect()
    await q.obliterate({ force: true })
    await q.close()
  }
})
