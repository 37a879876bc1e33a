// The only place with Prisma queries about the short ids people type (N1, T1, H1 …), per district and kind.
import type { DbOrTx } from '../db/client.ts'
import { must } from '../core/must.ts'

export const shortIdRepo = {
  /** The next number of a kind in a district. Row-locked: concurrent callers get distinct numbers. */
  next: async (db: DbOrTx, districtId: number, kind: string): Promise<number> => {
    const rows = await db.$queryRaw<{ last: number }[]>`
      INSERT INTO "ShortIdCounter" ("districtId", "kind", "last") VALUES (${districtId}, ${kind}, 1)
      ON CONFLICT ("districtId", "kind") DO UPDATE SET "last" = "ShortIdCounter"."last" + 1
      RETURNING "last"`
    return must(rows[0], 'SHORT_ID_NO_ROW').last
  },
  /** `count` consecutive numbers at once (a login proposing hundreds of bindings): the first of them. */
  nextMany: async (db: DbOrTx, districtId: number, kind: string, count: number): Promise<number> => {
    const rows = await db.$queryRaw<{ last: number }[]>`
      INSERT INTO "ShortIdCounter" ("districtId", "kind", "last") VALUES (${districtId}, ${kind}, ${count}::int)
      ON CONFLICT ("districtId", "kind") DO UPDATE SET "last" = "ShortIdCounter"."last" + ${count}::int
      RETURNING "last"`
    return must(rows[0], 'SHORT_ID_NO_ROW').last - count + 1
  },
}
