// Binding at the reports' scale (1,159 rooms, 8 accounts), none bound: how long each account's login review takes
// (its ~145 groups recorded, the district matched, proposals written and announced) and how long one
// `#确认绑定 全部` takes (each binds at most 200 in one unit of work) until all are bound. Embedded PGlite by default (DATABASE_URL for PostgreSQL).
// Prints the figures; run: node bin/run-ts.js bench/binding.ts
import { generateDistrict } from '../src/config/org-generate.ts'
import { openDatabase } from '../src/db/client.ts'
import { inTransaction } from '../src/db/transaction.ts'
import { Effects } from '../src/core/effects.ts'
import { importOrg } from '../src/app/org-import.ts'
import { confirmProposals, reviewGroups } from '../src/capabilities/binding/binding.service.ts'

const spec = generateDistrict({ towns: 15, communities: 109, grids: 1034 })
spec.rooms[0] = { ...spec.rooms[0]!, wxRoomId: 'admin@chatroom', admin: true }
const db = await openDatabase(process.env.DATABASE_URL ? { url: process.env.DATABASE_URL } : {})
await db.migrate()
await importOrg(db.prisma, spec)
const now = new Date()
const reviews: number[] = []
for (const a of spec.accounts) {
  const seen = spec.rooms.flatMap((r, i) => (i > 0 && r.account === a.id ? [{ wxRoomId: `g${i}@chatroom`, topic: r.topic }] : []))
  const t = performance.now()
  await reviewGroups(db.prisma, { accountId: a.id, seen, full: true }, now)
  reviews.push(performance.now() - t)
}
const admin = await db.prisma.member.findFirstOrThrow({ where: { role: 'admin' }, include: { unit: true } })
// #确认绑定 全部 as the admin would send it until nothing is left (each one binds at most CONFIRM_BATCH).
const confirms: number[] = []
let bound = 0
for (let left = 1; left > 0; ) {
  const t = performance.now()
  const r = await inTransaction(
    db.prisma,
    (tx) => confirmProposals({ db: tx, effects: new Effects(), now }, { districtId: admin.unitId, memberId: admin.id, numbers: 'all' }),
    { timeoutMs: 600_000 },
  )
  confirms.push(Math.round(performance.now() - t))
  bound += r.bound.length
  left = r.left
}
const proposals = await db.prisma.bindProposal.count()
const messages = await db.prisma.outboxMessage.count({ where: { roomId: 'admin@chatroom' } })
console.log(
  JSON.stringify({
    database: process.env.DATABASE_URL ? 'postgresql' : 'pglite',
    rooms: spec.rooms.length,
    accounts: spec.accounts.length,
    proposals,
    adminMessages: messages,
    reviewMs: reviews.map((x) => Math.round(x)),
    confirmAllMs: confirms,
    bound,
  }),
)
await db.close()
