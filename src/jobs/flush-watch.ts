// Notices that Redis forgot everything (FLUSHALL, a restart without persistence): each worker process leaves a mark
// of its own and looks for it every few seconds. Its own mark, set only here: the sweeper's marker cannot serve,
// because a sweep that was running when Redis was flushed writes that marker again on finishing, and the flush
// then went unnoticed, with the sweeper's schedule gone with it (nothing re-queued the lost messages, ever).
// On a Redis Cluster one master can forget alone (FLUSHALL on that node, or it restarted without AOF): the queues
// and timers whose hash tags it held are gone while the other masters keep theirs. So there the mark is one key per
// master, each named to fall into that master's slots (CLUSTER SLOTS, keySlot), and any of them gone is a flush.
// The key follows the slot ranges, not the node: after a failover the promoted replica holds the same mark; after a
// resharding a master's new mark is left (not reported) and the old one removed.
import { randomUUID } from 'node:crypto'
import { keySlot } from './queue-slots.ts'
import { isCluster, type RedisClient } from './redis-client.ts'

/** A mark outlives a stalled process by this much (a longer stall costs one needless full sweep, nothing else). */
const TTL_SECONDS = 300

/** One mark: its key, and the node it is meant to be on (for the log). */
interface Mark {
  key: string
  node: string
}

/** CLUSTER SLOTS: [start, end, [host, port, id], …replicas] per range. */
type SlotRange = [number, number, [string, number, ...unknown[]], ...unknown[]]

export class FlushWatch {
  private readonly base: string
  /** Keys of the marks left so far: only a mark that was left can be missed. */
  private armed = new Set<string>()
  /** The key naming a slot-range set (a master's ranges, as text), found once. */
  private readonly keyFor = new Map<string, string>()
  /** The nodes whose mark was gone at the last check (for the log). */
  forgotten: string[] = []

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.base = `${prefix}:alive:${randomUUID()}`
  }

  /** Leaves the marks (at start: Redis has forgotten nothing of ours yet). */
  async arm(): Promise<void> {
    const marks = await this.marks()
    await Promise.all(marks.map((m) => this.redis.set(m.key, '1', 'EX', TTL_SECONDS)))
    this.armed = new Set(marks.map((m) => m.key))
  }

  /** True when a mark was gone (Redis, or one master of the cluster, forgot); each mark is left again in the same
   *  command. `forgotten` then names the nodes. */
  async forgot(): Promise<boolean> {
    const marks = await this.marks()
    const previous = await Promise.all(marks.map((m) => this.redis.set(m.key, '1', 'EX', TTL_SECONDS, 'GET')))
    this.forgotten = marks.filter((m, i) => previous[i] === null && this.armed.has(m.key)).map((m) => m.node)
    const now = new Set(marks.map((m) => m.key))
    // A master's ranges changed (resharding, a master added or removed): its old mark is no longer looked for.
    for (const old of [...this.armed].filter((k) => !now.has(k))) await this.redis.del(old)
    this.armed = now
    return this.forgotten.length > 0
  }

  async disarm(): Promise<void> {
    for (const key of this.armed) await this.redis.del(key)
    this.armed.clear()
  }

  /** One mark on a single Redis; on a cluster one per master holding slots, in that master's slots. */
  private async marks(): Promise<Mark[]> {
    if (!isCluster(this.redis)) return [{ key: this.base, node: 'redis' }]
    const ranges = (await this.redis.call('CLUSTER', 'SLOTS')) as SlotRange[]
    const perMaster = new Map<string, [number, number][]>()
    for (const [from, to, [host, port]] of ranges) {
      const node = `${host}:${port}`
      perMaster.set(node, [...(perMaster.get(node) ?? []), [from, to]])
    }
    return [...perMaster].map(([node, held]) => ({ node, key: this.keyIn(held) }))
  }

  /** The first `<base>:<n>` whose slot is in `held` (one master's ranges). */
  private keyIn(held: [number, number][]): string {
    const sorted = [...held].sort((a, b) => a[0] - b[0])
    const sig = sorted.map(([a, b]) => `${a}-${b}`).join(',')
    const known = this.keyFor.get(sig)
    if (known) return known
    for (let n = 0; ; n++) {
      const key = `${this.base}:${n}`
      const slot = keySlot(key)
      if (sorted.some(([a, b]) => slot >= a && slot <= b)) {
        this.keyFor.set(sig, key)
        return key
      }
    }
  }
}
