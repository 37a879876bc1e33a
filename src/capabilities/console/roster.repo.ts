// The only place with Prisma queries about what the console's org view and roster export read: a subtree's units
// with their rooms (and bindings) and members.
import type { DbOrTx } from '../../db/client.ts'

export const rosterRepo = {
  /** Every unit under a path prefix, top down, with its rooms and active members. */
  subtreeWithPeople: (db: DbOrTx, pathPrefix: string) =>
    db.unit.findMany({
      where: { path: { startsWith: pathPrefix } },
      orderBy: [{ depth: 'asc' }, { id: 'asc' }],
      include: {
        rooms: { orderBy: { id: 'asc' }, select: { id: true, topic: true, wxRoomId: true, accountId: true, boundAt: true } },
        members: {
          where: { active: true },
          orderBy: { id: 'asc' },
          select: { id: true, name: true, wxid: true, role: true, teams: true, duties: true, roomTopics: true },
        },
      },
    }),
}
