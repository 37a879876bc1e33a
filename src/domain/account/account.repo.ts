// The only place with Prisma queries about bot accounts' link states and the admins' group.
import type { DbOrTx } from '../../db/client.ts'

export const accountRepo = {
  setState: (db: DbOrTx, accountId: string, s: { state: string; since: Date; detail: string | null }) =>
    db.botAccount.updateMany({ where: { id: accountId }, data: { state: s.state, stateSince: s.since, stateDetail: s.detail } }),
  addEvent: (db: DbOrTx, accountId: string, s: { state: string; at: Date; detail: string | null }) =>
    db.accountEvent.create({ data: { accountId, state: s.state, at: s.at, detail: s.detail } }),
  lastState: (db: DbOrTx, accountId: string) => db.botAccount.findUnique({ where: { id: accountId }, select: { state: true, stateSince: true } }),
  all: (db: DbOrTx) => db.botAccount.findMany({ orderBy: { id: 'asc' }, include: { _count: { select: { rooms: true } } } }),
  events: (db: DbOrTx, accountId: string, take: number) => db.accountEvent.findMany({ where: { accountId }, orderBy: [{ at: 'desc' }, { id: 'desc' }], take }),
  /** The admins' group: the one marked in the org file, else the district's own group (bound rooms only). */
  adminRoom: async (db: DbOrTx) =>
    (await db.room.findFirst({ where: { isAdmin: true, wxRoomId: { not: null } }, orderBy: { id: 'asc' } })) ??
    db.room.findFirst({ where: { wxRoomId: { not: null }, unit: { kind: 'district' } }, orderBy: { id: 'asc' } }),
  /** The accounts serving a WeChat room: its own first, then the others the org file names. */
  roomAccounts: async (db: DbOrTx, wxRoomId: string) => {
    const r = await db.room.findUnique({ where: { wxRoomId }, select: { accountId: true, backupAccountIds: true, topic: true } })
    return r ? { topic: r.topic, accounts: [r.accountId, ...r.backupAccountIds.filter((a) => a !== r.accountId)] } : null
  },
  /** Every group with its account, unit and binding: unbound first, then by account and topic. */
  rooms: (db: DbOrTx) =>
    db.room.findMany({
      select: {
        id: true,
        topic: true,
        accountId: true,
        backupAccountIds: true,
        wxRoomId: true,
        boundAt: true,
        isAdmin: true,
        unit: { select: { name: true } },
      },
      orderBy: [{ accountId: 'asc' }, { topic: 'asc' }],
    }),
  roomTopic: async (db: DbOrTx, wxRoomId: string) => (await db.room.findUnique({ where: { wxRoomId }, select: { topic: true } }))?.topic ?? null,
}
