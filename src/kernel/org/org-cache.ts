// Every message looks up its room and its sender. The org changes rarely (imports, #绑定), so hits are kept for
// a short while per process. Misses are not kept: a room bound a moment ago is found at once.
import type { Clock } from '../../core/clock.ts'
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from './org.repo.ts'
import type { BoundRoom, MemberWithUnit } from './org.types.ts'

const TTL_MS = 30_000
const MAX_ENTRIES = 50_000

class TtlCache<V> {
  private readonly map = new Map<string, { value: V; until: number }>()
  constructor(private readonly clock: Clock) {}
  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const now = this.clock.now().getTime()
    const hit = this.map.get(key)
    if (hit && hit.until > now) return hit.value
    const value = await load()
    if (value) this.map.set(key, { value, until: now + TTL_MS })
    else this.map.delete(key)
    if (this.map.size > MAX_ENTRIES) this.map.clear() // a bound on memory, not a policy
    return value
  }
  clear(): void {
    this.map.clear()
  }
}

export class OrgCache {
  private readonly rooms: TtlCache<BoundRoom>
  private readonly members: TtlCache<MemberWithUnit>
  /** Time comes from the injected clock, so virtual time expires entries as wall time would. */
  constructor(clock: Clock) {
    this.rooms = new TtlCache(clock)
    this.members = new TtlCache(clock)
  }
  room(db: DbOrTx, wxRoomId: string): Promise<BoundRoom | null> {
    return this.rooms.get(wxRoomId, () => orgRepo.roomByWxId(db, wxRoomId))
  }
  member(db: DbOrTx, wxid: string): Promise<MemberWithUnit | null> {
    return this.members.get(wxid, () => orgRepo.memberByWxid(db, wxid))
  }
  /** After this process changed the org (a binding): forget everything. */
  clear(): void {
    this.rooms.clear()
    this.members.clear()
  }
}
