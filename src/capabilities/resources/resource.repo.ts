// The only place with Prisma queries about resources (资源清单) and their matches (对接).
import type { DbOrTx } from '../../db/client.ts'
import type { Prisma } from '../../db/generated/client.ts'

export const resourceRepo = {
  create: (db: DbOrTx, data: Prisma.ResourceUncheckedCreateInput) => db.resource.create({ data }),
  byNumber: (db: DbOrTx, districtId: number, number: number) => db.resource.findUnique({ where: { districtId_number: { districtId, number } } }),
  inUnits: (db: DbOrTx, unitIds: number[], take: number) => db.resource.findMany({ where: { unitId: { in: unitIds } }, orderBy: { number: 'asc' }, take }),
  countInUnits: (db: DbOrTx, unitIds: number[]) => db.resource.count({ where: { unitId: { in: unitIds } } }),
  /** Records a match once: false when this task or need was matched to the resource before. */
  match: async (db: DbOrTx, m: { resourceId: number; taskId: number | null; needId: number | null; actorId: number; createdAt: Date }) =>
    (await db.$executeRaw`
      INSERT INTO "ResourceMatch" ("resourceId", "taskId", "needId", "actorId", "createdAt")
      VALUES (${m.resourceId}, ${m.taskId}, ${m.needId}, ${m.actorId}, ${m.createdAt}) ON CONFLICT DO NOTHING`) === 1,
  /** Resources matched to a task, directly or through the need it was made from. */
  forTask: (db: DbOrTx, taskId: number, needId: number | null) =>
    db.$queryRaw<{ id: number; number: number; providerId: number | null }[]>`
      SELECT DISTINCT r."id", r."number", r."providerId" FROM "ResourceMatch" m JOIN "Resource" r ON r."id" = m."resourceId"
      WHERE m."taskId" = ${taskId} OR (${needId}::int IS NOT NULL AND m."needId" = ${needId}::int)`,
  matchCounts: async (db: DbOrTx, ids: number[]) =>
    (await db.resourceMatch.groupBy({ by: ['resourceId'], where: { resourceId: { in: ids } }, _count: { _all: true } })).map((r) => ({
      resourceId: r.resourceId,
      n: r._count._all,
    })),
}
