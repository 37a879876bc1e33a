// The only Prisma queries behind #需求列表 and #任务列表: the open items of a set of units (a subtree), a bounded
// number of them, with how many there are in all.
import type { DbOrTx } from '../../db/client.ts'
import { ACTIVE } from './task.repo.ts'

export const listRepo = {
  openNeeds: (db: DbOrTx, unitIds: number[], take: number) =>
    db.need.findMany({
      where: { unitId: { in: unitIds }, status: { in: ['open', 'pending'] } },
      orderBy: { number: 'asc' },
      take,
      select: { number: true, districtId: true, unitId: true, reporterId: true, description: true, createdAt: true, status: true },
    }),
  countOpenNeeds: (db: DbOrTx, unitIds: number[]) => db.need.count({ where: { unitId: { in: unitIds }, status: { in: ['open', 'pending'] } } }),
  activeTasks: (db: DbOrTx, unitIds: number[], take: number) =>
    db.task.findMany({ where: { unitId: { in: unitIds }, status: { in: ACTIVE } }, orderBy: { number: 'asc' }, take }),
  countActiveTasks: (db: DbOrTx, unitIds: number[]) => db.task.count({ where: { unitId: { in: unitIds }, status: { in: ACTIVE } } }),
}
