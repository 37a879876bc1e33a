// The gateway's eye on its accounts' groups, for binding at scale: at each login the account's whole group list, and
// each group joined, left or renamed, go to the binding review (src/domain/binding). Reviews run one at a time per
// process; changes that arrive meanwhile are merged into the next one, so a burst of 100 groups joined is two
// reviews (two announcements at most), not a hundred.
import type { Clock } from '../core/clock.ts'
import type { Logger } from '../core/logger.ts'
import type { Outbox } from '../core/ports.ts'
import type { Db } from '../db/client.ts'
import { reviewGroups } from '../capabilities/binding/binding.service.ts'
import type { ChatTransport, GroupChange } from '../transport/transport.ts'

interface Waiting {
  transport: ChatTransport
  /** Read the account's whole list when the review runs (a login). */
  full: boolean
  seen: Map<string, string>
  left: Set<string>
}

export class BindingScout {
  private readonly waiting = new Map<string, Waiting>()
  private running: Promise<void> | null = null

  constructor(private readonly d: { prisma: Db; outbox: Outbox; clock: Clock; log: Logger }) {}

  watch(transport: ChatTransport): void {
    transport.onStatus((s) => {
      if (s.state === 'logged_in') this.note(transport, { full: true })
    })
    transport.onGroupChange((c: GroupChange) => {
      if (c.kind === 'left') this.note(transport, { left: c.roomId })
      else this.note(transport, { seen: c.group })
    })
  }

  /** Waits for the reviews asked for so far (tests, stop). */
  async settled(): Promise<void> {
    while (this.running) await this.running
  }

  private note(transport: ChatTransport, c: { full?: boolean; seen?: { roomId: string; topic: string }; left?: string }): void {
    const w = this.waiting.get(transport.accountId) ?? { transport, full: false, seen: new Map(), left: new Set() }
    if (c.full) w.full = true
    if (c.seen) {
      w.seen.set(c.seen.roomId, c.seen.topic)
      w.left.delete(c.seen.roomId)
    }
    if (c.left) {
      w.left.add(c.left)
      w.seen.delete(c.left)
    }
    this.waiting.set(transport.accountId, w)
    this.running ??= this.drain().finally(() => {
      this.running = null
    })
  }

  private async drain(): Promise<void> {
    while (this.waiting.size) {
      const [accountId, w] = this.waiting.entries().next().value as [string, Waiting]
      this.waiting.delete(accountId)
      try {
        await this.review(w)
      } catch (err) {
        // The next login or group change reviews again; nothing was bound (a proposal needs an admin anyway).
        this.d.log.error({ err, account: accountId }, 'binding review failed')
      }
    }
  }

  private async review(w: Waiting): Promise<void> {
    const listed = w.full ? await w.transport.groups() : []
    const seen = new Map([...listed.map((g) => [g.roomId, g.topic] as const), ...w.seen])
    const posts = await reviewGroups(
      this.d.prisma,
      {
        accountId: w.transport.accountId,
        seen: [...seen].map(([wxRoomId, topic]) => ({ wxRoomId, topic })),
        full: w.full,
        left: [...w.left],
      },
      this.d.clock.now(),
    )
    if (posts.length) this.d.log.info({ account: w.transport.accountId, announcements: posts.length }, 'binding proposals told to the admins')
    for (const p of posts) await this.d.outbox.send(p.message, p.key)
  }
}
