// Notices that Redis forgot everything (FLUSHALL, a restart without persistence): each worker process leaves a mark
// of its own and looks for it every few seconds. Its own mark, set only here: the sweeper's marker cannot serve,
// because a sweep that was running when Redis was flushed writes that marker again on finishing, and the flush
// then went unnoticed, with the sweeper's schedule gone with it (nothing re-queued the lost messages, ever).
import { randomUUID } from 'node:crypto'
import type { RedisClient } from './redis-client.ts'

/** A mark outlives a stalled process by this much (a longer stall costs one needless full sweep, nothing else). */
const TTL_SECONDS = 300

export class FlushWatch {
  private readonly key: string

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.key = `${prefix}:alive:${randomUUID()}`
  }

  /** Leaves the mark (at start: Redis has forgotten nothing of ours yet). */
  async arm(): Promise<void> {
    await this.redis.set(this.key, '1', 'EX', TTL_SECONDS)
  }

  /** True when the mark was gone (Redis forgot); the mark is left again in the same command. */
  async forgot(): Promise<boolean> {
    const previous = await this.redis.set(this.key, '1', 'EX', TTL_SECONDS, 'GET')
    return previous === null
  }

  async disarm(): Promise<void> {
    await this.redis.del(this.key)
  }
}
