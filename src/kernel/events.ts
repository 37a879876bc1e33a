// Domain events: how capabilities meet without importing each other. A service publishes an event on its unit of
// work; each subscriber runs inside that transaction (its writes commit or roll back with the publisher's) or
// after commit (it must not write: caches, notifications). Subscribers come from the capability list, in its order.
import type { DomainEventMap, EventName, EventNotes, Publisher, Work } from './work.ts'

export type { DomainEventMap, EventName, EventNotes, Publisher }

export type Subscriber<K extends EventName = EventName> = K extends EventName
  ?
      | { event: K; phase: 'in-transaction'; handle(work: Work, data: DomainEventMap[K]): Promise<EventNotes | undefined> }
      | { event: K; phase: 'after-commit'; handle(data: DomainEventMap[K]): void }
  : never

/** The subscribers of one deployment, by event. */
export class DomainEvents implements Publisher {
  private readonly byEvent = new Map<EventName, Subscriber[]>()
  constructor(subscribers: Subscriber[]) {
    for (const s of subscribers) this.byEvent.set(s.event, [...(this.byEvent.get(s.event) ?? []), s])
  }

  async publish<K extends EventName>(work: Work, name: K, data: DomainEventMap[K]): Promise<EventNotes> {
    const notes: EventNotes = []
    // Stored by event name, so each subscriber here takes this event's data (TypeScript cannot see that through the map).
    for (const s of (this.byEvent.get(name) ?? []) as { phase: Subscriber['phase']; handle(...a: unknown[]): unknown }[]) {
      if (s.phase === 'in-transaction') notes.push(...(((await s.handle(work, data)) as EventNotes | undefined) ?? []))
      else work.effects.afterCommit(() => void s.handle(data))
    }
    return notes
  }
}

/** Publishes on the unit of work's events; a unit of work without them is a wiring fault, not a quiet no-op. */
export function publish<K extends EventName>(work: Work, name: K, data: DomainEventMap[K]): Promise<EventNotes> {
  if (!work.events) throw new Error(`domain event ${name} published on a unit of work without events (wire them in the composition root)`)
  return work.events.publish(work, name, data)
}
