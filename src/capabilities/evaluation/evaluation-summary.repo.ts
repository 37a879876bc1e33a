// The only queries behind #评价 汇总: the grade in force (the latest entry) of each cadre under a path prefix for a
// period, with the path of the cadre's unit; and the evaluated cadres under the prefix.
import type { DbOrTx } from '../../db/client.ts'
import { LINKED } from '../../kernel/org/linked.ts'

export const evaluationSummaryRepo = {
  gradesUnder: (db: DbOrTx, prefix: string, period: string) =>
    db.$queryRaw<{ memberId: number; grade: string; path: string }[]>`
      SELECT DISTINCT ON (g."memberId") g."memberId", g."grade", u."path"
      FROM "GradeEntry" g JOIN "Member" m ON m."id" = g."memberId" JOIN "Unit" u ON u."id" = m."unitId"
      WHERE g."period" = ${period} AND u."path" LIKE ${`${prefix}%`} AND m."active"
      ORDER BY g."memberId", g."at" DESC, g."id" DESC`,
  /** Evaluated cadres (grid cadres and supervisors, active, linked) under the prefix, with their unit's path. */
  cadresUnder: async (db: DbOrTx, prefix: string) =>
    (
      await db.member.findMany({
        where: { role: { in: ['grid_cadre', 'supervisor'] }, active: true, ...LINKED, unit: { path: { startsWith: prefix } } },
        select: { id: true, unit: { select: { path: true } } },
      })
    ).map((m) => ({ memberId: m.id, path: m.unit.path })),
}
