// Every message looks up its room and its sender. The org changes rarely (imports, #绑定), so hits are kept for
// a short while per process. Misses are not kept: a room bound a moment ago is found at once.
import type { DbOrTx } from '../../db/client.ts'
import { orgRepo } from './org.repo.ts'

const TTL_MS = 30_000

type Room = NonNullable<Awaited<ReturnType<typeof orgRepo.roomByWxId>>>
type Member = NonNullable<Awaited<ReturnType<typeof orgRepo.memberByWxid>>>

class TtlCache<V> {
  private readonly map = new Map<string, { value: V; until: number }>()
  async get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    const hit = this.map.get(key)
    if (hit && hit.until > Date.now()) return hit.value
    const value = await load()
    if (value) this.map.set(key, { value, until: Date.now() + TTL_MS })
    else this.map.delete(key)
    if (this.map.size > 50_000) this.map.clear() // a bound on memory, not a policy
    return value
  }
  clear(): void {
    this.map.clear()
  }
}

export class OrgCache {
  private readonly rooms = new TtlCache<Room>()
  private readonly members = new TtlCache<Member>()
  room(db: DbOrTx, wxRoomId: string) {
    return this.rooms.get(wxRoomId, () => orgRepo.roomByWxId(db, wxRoomId))
  }
  member(db: DbOrTx, wxid: string) {
    return this.members.get(wxid, () => orgRepo.memberByWxid(db, wxid))
  }
  /** After this process changed the org (a binding): forget everything. */
  clear(): void {
    this.rooms.clear()
    this.members.clear()
  }
}
