// The mock WeChat's set-up at city size (issue #26), the old way beside the new: each account's contacts and groups
// made through wechaty-puppet-mock's own Mocker.createContact / createRoom (faker data for every contact, and per room
// a shuffle of every contact the account knows, thrown away), against payloads built as MockWeChat does
// (src/transport/mock), with the account's groups' people as contacts (the bench) or everyone (SimWorld's default).
// `node bin/run-ts.js bench/city-mock-start.ts` (BENCH_OLD_ACCOUNTS, default 2: the old way is minutes an account).
import os from 'node:os'
import { mock } from 'wechaty-puppet-mock'
import { benchCity } from './city.ts'

const { world } = benchCity(10)
const people = world.members.flatMap((m) => (m.wxid ? [{ wxid: m.wxid, name: m.name, rooms: m.rooms }] : []))
const inRoom = new Map<string, string[]>()
for (const p of people) for (const t of p.rooms) inRoom.set(t, [...(inRoom.get(t) ?? []), p.wxid])
const accounts = world.accounts.map((a) => a.id)
const roomsOf = (id: string) =>
  world.rooms.filter((r) => r.account === id).map((r, i) => ({ id: `r-${id}-${i}@chatroom`, topic: r.topic, members: inRoom.get(r.topic) ?? [] }))

function oldWay(accountId: string): void {
  const m = new mock.Mocker()
  for (const p of people) m.createContact({ id: p.wxid, name: p.name })
  for (const r of roomsOf(accountId)) m.createRoom({ id: r.id, topic: r.topic, memberIdList: r.members })
}

function newWay(accountId: string, everyone = false): void {
  const m = new mock.Mocker()
  const rooms = roomsOf(accountId)
  const known = everyone ? people.map((p) => p.wxid) : new Set(rooms.flatMap((r) => r.members))
  for (const w of known) m.ContactMock.create({ id: w, name: w, avatar: '', gender: 1, phone: [], type: 1 })
  for (const r of rooms) m.RoomMock.create({ id: r.id, topic: r.topic, memberIdList: r.members, adminIdList: [] })
}

const time = (f: () => void) => {
  const t = Date.now()
  f()
  return (Date.now() - t) / 1000
}
const oldN = Number(process.env.BENCH_OLD_ACCOUNTS ?? 2)
const load0 = os.loadavg()[0]
const newS = time(() => {
  for (const a of accounts) newWay(a)
})
const everyoneS = time(() => {
  for (const a of accounts) newWay(a, true)
})
const oldS = time(() => {
  for (const a of accounts.slice(0, oldN)) oldWay(a)
})
console.log(
  JSON.stringify({
    accounts: accounts.length,
    people: people.length,
    newAllS: newS,
    newEveryoneAllS: everyoneS,
    oldPerAccountS: oldS / oldN,
    oldAllEstimateS: (oldS / oldN) * accounts.length,
    load: [load0, os.loadavg()[0]],
  }),
)
