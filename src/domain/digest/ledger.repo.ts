// The only Prisma queries of the 台账 export: one month of a district's records, one row per record.
import type { DbOrTx } from '../../db/client.ts'

const inDistrict = (districtId: number) => ({ OR: [{ districtId }, { id: districtId }] })

export const ledgerRepo = {
  checkins: (db: DbOrTx, districtId: number, from: Date, to: Date) =>
    db.checkin.findMany({
      where: { at: { gte: from, lt: to }, revokedAt: null, unit: inDistrict(districtId) },
      include: { member: { select: { name: true } }, unit: { select: { name: true } } },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    }),
  tasks: (db: DbOrTx, districtId: number, from: Date, to: Date) =>
    db.task.findMany({ where: { districtId, createdAt: { gte: from, lt: to } }, orderBy: { number: 'asc' } }),
  hazards: (db: DbOrTx, districtId: number, from: Date, to: Date) =>
    db.hazard.findMany({ where: { districtId, createdAt: { gte: from, lt: to } }, orderBy: { number: 'asc' } }),
  volunteer: (db: DbOrTx, districtId: number, from: Date, to: Date) =>
    db.volunteerEntry.findMany({ where: { districtId, day: { gte: from, lt: to } }, orderBy: { number: 'asc' } }),
}
