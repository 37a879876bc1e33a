// The benchmarks' check-in load on a generated district: message i is a #签到 by cadre i mod n in that cadre's grid
// group, and a reply in a grid's room belongs to that grid's oldest unanswered message (one message per cadre per
// round). Shared by the pipeline benchmark and the Redis Cluster one.
import type { OrgSpec } from '../src/config/org-spec.ts'
import type { SimWorld } from '../src/sim/world.ts'

export type Sender = { say(i: number): void; onReply(cb: (i: number) => void): void }

/** `note`: the check-in's note (it tells the benchmarks' records apart). */
export function checkinSender(world: SimWorld, spec: OrgSpec, note: string): Sender {
  const cadres = spec.members.flatMap((m) => (m.role === 'grid_cadre' && m.wxid ? [{ ...m, wxid: m.wxid }] : []))
  const roomIndex = new Map(cadres.map((c, i) => [c.rooms[0]!, i]))
  let replyCb: (i: number) => void = () => undefined
  const round = new Map<number, number[]>()
  world.onLine((l) => {
    if (!l.self || !l.room) return
    const c = roomIndex.get(l.room)
    const q = c === undefined ? undefined : round.get(c)
    if (q?.length) replyCb(q.shift()!)
  })
  return {
    say: (i) => {
      const c = i % cadres.length
      const list = round.get(c) ?? []
      list.push(i)
      round.set(c, list)
      world.say(world.person({ wxid: cadres[c]!.wxid }), cadres[c]!.rooms[0]!, `#签到 走访 ${(i % 9) + 1}户 ${note}`)
    },
    onReply: (cb) => (replyCb = cb),
  }
}
