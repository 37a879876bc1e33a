// Command handlers through the real dispatcher with no services: embedded PostgreSQL (PGlite, in process, a copy of
// the run's migrated template), a recording outbox, a manual scheduler, an in-memory rate limit and a virtual clock.
import { VirtualClock } from '../../src/core/clock.ts'
import { createLogger } from '../../src/core/logger.ts'
import type { InboundMessage } from '../../src/core/message.ts'
import { Counters } from '../../src/core/metrics.ts'
import { commandSet } from '../../src/commands/registry.ts'
import { domainEvents } from '../../src/app/capability-wiring.ts'
import type { OrgSpec } from '../../src/config/org-spec.ts'
import type { Database } from '../../src/db/client.ts'
import { OrgCache } from '../../src/kernel/org/org-cache.ts'
import { importOrg } from '../../src/app/org-import.ts'
import { bindRoomsByTopic } from '../../src/kernel/org/org.service.ts'
import { createDispatcher, type Dispatch } from '../../src/pipeline/dispatcher.ts'
import { ManualScheduler, MemoryRateLimiter, RecordingOutbox, tempMedia } from './seams.ts'
import { templateDatabase } from './template-db.ts'
import type { MediaStore } from '../../src/core/ports.ts'

export interface Harness {
  db: Database
  dispatch: Dispatch
  clock: VirtualClock
  outbox: RecordingOutbox
  scheduler: ManualScheduler
  counters: Counters
  log: ReturnType<typeof createLogger>
  /** Where the bot keeps files it makes (exports, charts). */
  media: MediaStore
  /** Sends a text as a person in a room ("room-<topic>") and returns what the bot said back there. */
  say(roomId: string, talkerId: string, text: string, roomTopic?: string | null): Promise<string[]>
}

export async function harness(spec: OrgSpec, start: Date, rateLimitPerMinute = 3): Promise<Harness> {
  const log = createLogger('silent')
  const clock = new VirtualClock(start)
  const outbox = new RecordingOutbox()
  const scheduler = new ManualScheduler()
  const counters = new Counters()
  const media = tempMedia()
  const db = await templateDatabase()
  await importOrg(db.prisma, spec)
  await bindRoomsByTopic(db.prisma, spec.district, (topic) => `room-${topic}`, clock.now())
  const dispatch = createDispatcher({
    prisma: db.prisma,
    org: new OrgCache(clock),
    commands: commandSet,
    events: domainEvents,
    outbox,
    scheduler,
    rateLimiter: new MemoryRateLimiter(),
    clock,
    log,
    counters,
    rateLimitPerMinute,
    media,
  })
  let n = 0
  // A room's messages arrive through its own account (another account in the group stays silent).
  const accountOf = new Map(spec.rooms.map((r) => [`room-${r.topic}`, r.account ?? spec.accounts[0]!.id]))
  return {
    db,
    dispatch,
    clock,
    outbox,
    scheduler,
    counters,
    log,
    media,
    async say(roomId, talkerId, text, roomTopic = null) {
      outbox.clear()
      const msg: InboundMessage = {
        accountId: accountOf.get(roomId) ?? spec.accounts[0]!.id,
        messageId: `m${++n}`,
        roomId,
        roomTopic,
        talkerId,
        talkerName: talkerId,
        kind: 'text',
        text,
        mentionsSelf: false,
        receivedAt: clock.now().toISOString(),
      }
      await dispatch(msg)
      return outbox.to(roomId)
    },
  }
}
