// The only place with Prisma queries for cadre evaluation: what each cadre did in a period (check-ins, tasks and
// projects done, hazards handled, approved hours, 六个一), and the grades (an append-only audit trail).
import type { DbOrTx } from '../../db/client.ts'
import { LINKED, linked } from '../../kernel/org/linked.ts'
import type { Prisma } from '../../db/generated/client.ts'

/** What taking on or handling a hazard is recorded as (HazardEvent.kind). */
const HANDLING = ['acknowledged', 'forwarded', 'progress', 'resolved']

const counted = (rows: { key: number | null; n: number }[]) => new Map(rows.flatMap((r) => (r.key === null ? [] : [[r.key, r.n] as const])))

export const evaluationRepo = {
  /**
   * Per unit: notices delivered to its groups in [from, to) (sent or acknowledged), and how many were acknowledged.
   * Only notices that asked for 收到 (chased: urgent or 需确认, issue #23): a 无需回复 notice is not held against anyone.
   */
  noticeAcks: async (db: DbOrTx, unitIds: number[], from: Date, to: Date) => {
    const rows = await db.noticeDelivery.groupBy({
      by: ['unitId', 'status'],
      where: { unitId: { in: unitIds }, queuedAt: { gte: from, lt: to }, status: { in: ['sent', 'acknowledged'] }, notice: { chase: true } },
      _count: { _all: true },
    })
    return rows.map((r) => ({ unitId: r.unitId, acknowledged: r.status === 'acknowledged', count: r._count._all }))
  },
  /** Active linked cadres (grid cadres and supervisors) of these units (an entry not yet linked has done nothing). */
  cadresIn: async (db: DbOrTx, unitIds: number[]) =>
    linked(
      await db.member.findMany({
        where: { unitId: { in: unitIds }, role: { in: ['grid_cadre', 'supervisor'] }, active: true, ...LINKED },
        include: { unit: true },
        orderBy: { id: 'asc' },
      }),
    ),

  checkins: async (db: DbOrTx, ids: number[], from: Date, to: Date) =>
    counted(
      (
        await db.checkin.groupBy({ by: ['memberId'], where: { memberId: { in: ids }, at: { gte: from, lt: to }, revokedAt: null }, _count: { _all: true } })
      ).map((r) => ({ key: r.memberId, n: r._count._all })),
    ),
  tasksDone: async (db: DbOrTx, ids: number[], from: Date, to: Date) =>
    counted(
      (
        await db.task.groupBy({ by: ['holderId'], where: { holderId: { in: ids }, status: 'done', closedAt: { gte: from, lt: to } }, _count: { _all: true } })
      ).map((r) => ({ key: r.holderId, n: r._count._all })),
    ),
  projectsDone: async (db: DbOrTx, ids: number[], from: Date, to: Date) =>
    counted(
      (
        await db.project.groupBy({
          by: ['holderId'],
          where: { holderId: { in: ids }, status: 'done', closedAt: { gte: from, lt: to } },
          _count: { _all: true },
        })
      ).map((r) => ({ key: r.holderId, n: r._count._all })),
    ),
  /** Distinct hazards each member took on or handled (受理, 转交, 处置, 办结) in the period. */
  hazardsHandled: async (db: DbOrTx, ids: number[], from: Date, to: Date) => {
    const rows = await db.hazardEvent.findMany({
      where: { actorId: { in: ids }, kind: { in: HANDLING }, at: { gte: from, lt: to } },
      distinct: ['actorId', 'hazardId'],
      select: { actorId: true },
    })
    const m = new Map<number, number>()
    for (const r of rows) if (r.actorId !== null) m.set(r.actorId, (m.get(r.actorId) ?? 0) + 1)
    return m
  },
  /** Minutes of approved service done in the period (by the service day). */
  /** Activities (#24) each member organised that started in [from, to) and were closed. */
  activitiesOrganised: async (db: DbOrTx, ids: number[], from: Date, to: Date) =>
    new Map(
      (
        await db.activity.groupBy({
          by: ['organiserId'],
          where: { organiserId: { in: ids }, status: 'closed', startsAt: { gte: from, lt: to } },
          _count: { _all: true },
        })
      ).map((r) => [r.organiserId, r._count._all]),
    ),
  /** Activities (not cancelled) starting in [from, to) each member attended. */
  activitiesAttended: async (db: DbOrTx, ids: number[], from: Date, to: Date) => {
    const rows = await db.activitySignup.findMany({
      where: {
        memberId: { in: ids },
        status: 'signed',
        attendedAt: { not: null },
        activity: { status: { not: 'cancelled' }, startsAt: { gte: from, lt: to } },
      },
      select: { memberId: true },
    })
    const n = new Map<number, number>()
    for (const r of rows) if (r.memberId) n.set(r.memberId, (n.get(r.memberId) ?? 0) + 1)
    return n
  },
  approvedMinutes: async (db: DbOrTx, ids: number[], from: Date, to: Date) =>
    new Map(
      (
        await db.volunteerEntry.groupBy({
          by: ['memberId'],
          where: { memberId: { in: ids }, status: 'approved', day: { gte: from, lt: to } },
          _sum: { minutes: true },
        })
      ).map((r) => [r.memberId, r._sum.minutes ?? 0]),
    ),
  sixRecords: (db: DbOrTx, ids: number[], from: Date, to: Date) =>
    db.sixRecord.findMany({ where: { memberId: { in: ids }, at: { gte: from, lt: to } }, select: { memberId: true, kind: true } }),

  addGrade: (db: DbOrTx, data: Prisma.GradeEntryUncheckedCreateInput) => db.gradeEntry.create({ data }),
  /** The grade in force for each member in a period: their latest entry. */
  latestGrades: async (db: DbOrTx, ids: number[], period: string) => {
    const rows = await db.gradeEntry.findMany({ where: { memberId: { in: ids }, period }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })
    const m = new Map<number, (typeof rows)[number]>()
    for (const r of rows) m.set(r.memberId, r)
    return m
  },
}
