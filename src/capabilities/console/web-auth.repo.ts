// The only place with Prisma queries about web console logins: one-time codes and sessions (hashes only).
import type { DbOrTx } from '../../db/client.ts'
import { linkedOrNull } from '../../kernel/org/linked.ts'

export const webAuthRepo = {
  addCode: (db: DbOrTx, data: { codeHash: string; memberId: number; createdAt: Date; expiresAt: Date }) => db.webLoginCode.create({ data }),
  /** Codes a member was given since `since` (a bound on how many one may ask for). */
  codesSince: (db: DbOrTx, memberId: number, since: Date) => db.webLoginCode.count({ where: { memberId, createdAt: { gte: since } } }),
  /** Uses a live code once: the member id, or null when it is unknown, used or expired. */
  useCode: async (db: DbOrTx, codeHash: string, now: Date): Promise<number | null> => {
    const row = await db.webLoginCode.findUnique({ where: { codeHash } })
    if (!row || row.usedAt || row.expiresAt <= now) return null
    const won = await db.webLoginCode.updateMany({ where: { codeHash, usedAt: null }, data: { usedAt: now } })
    return won.count === 1 ? row.memberId : null
  },
  /** Forgets codes and sessions that expired before `before`. */
  purge: async (db: DbOrTx, before: Date) => {
    await db.webLoginCode.deleteMany({ where: { expiresAt: { lt: before } } })
    await db.webSession.deleteMany({ where: { expiresAt: { lt: before } } })
  },
  addSession: (db: DbOrTx, data: { idHash: string; memberId: number; csrf: string; createdAt: Date; expiresAt: Date }) => db.webSession.create({ data }),
  /** A live session with its member (and the member's unit). */
  session: (db: DbOrTx, idHash: string, now: Date) =>
    db.webSession.findFirst({ where: { idHash, expiresAt: { gt: now } } }).then(async (s) => {
      if (!s) return null
      const member = linkedOrNull(await db.member.findUnique({ where: { id: s.memberId }, include: { unit: true } }))
      return member ? { session: s, member } : null
    }),
  endSession: (db: DbOrTx, idHash: string) => db.webSession.deleteMany({ where: { idHash } }),
}
