// The only place with Prisma queries about hazard reports, their events, subscribers and images.
import type { DbOrTx } from '../../db/client.ts'
import type { Prisma } from '../../db/generated/client.ts'
import type { HazardStatus } from '../../db/generated/enums.ts'
import { shortIdRepo } from '../../domain/short-id.repo.ts'

/** Statuses whose timers the sweeper repairs (climbing the tree, waiting for verification or for an answer). */
const TIMED: HazardStatus[] = ['pending_duplicate', 'screening', 'reported', 'reopened', 'resolved']

export const hazardRepo = {
  nextNumber: (db: DbOrTx, districtId: number) => shortIdRepo.next(db, districtId, 'H'),
  create: (db: DbOrTx, data: Prisma.HazardUncheckedCreateInput) => db.hazard.create({ data }),
  byId: (db: DbOrTx, id: number) => db.hazard.findUnique({ where: { id } }),
  byNumber: (db: DbOrTx, districtId: number, number: number) => db.hazard.findUnique({ where: { districtId_number: { districtId, number } } }),
  /**
   * A conditional update: applies only while the report is as the caller read it (status, timer cycle, level).
   * False when someone else changed it first.
   */
  transition: async (
    db: DbOrTx,
    id: number,
    expect: { status?: HazardStatus | HazardStatus[]; escalationCycle?: number; escalationLevel?: number; verifyStep?: number },
    data: Prisma.HazardUncheckedUpdateManyInput,
  ) => {
    const where: Prisma.HazardWhereInput = { id }
    if (expect.status !== undefined) where.status = Array.isArray(expect.status) ? { in: expect.status } : expect.status
    if (expect.escalationCycle !== undefined) where.escalationCycle = expect.escalationCycle
    if (expect.escalationLevel !== undefined) where.escalationLevel = expect.escalationLevel
    if (expect.verifyStep !== undefined) where.verifyStep = expect.verifyStep
    return (await db.hazard.updateMany({ where, data })).count === 1
  },
  addReport: (db: DbOrTx, id: number) => db.hazard.update({ where: { id }, data: { reportCount: { increment: 1 } } }),
  addEvent: (db: DbOrTx, data: Prisma.HazardEventUncheckedCreateInput) => db.hazardEvent.create({ data }),
  events: (db: DbOrTx, hazardId: number) => db.hazardEvent.findMany({ where: { hazardId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),

  subscribe: (db: DbOrTx, data: { hazardId: number; wxid: string; roomId: number; name: string; at: Date }) =>
    db.hazardSubscriber.createMany({ data: [data], skipDuplicates: true }),
  isSubscriber: async (db: DbOrTx, hazardId: number, wxid: string) => (await db.hazardSubscriber.count({ where: { hazardId, wxid } })) > 0,
  subscribers: (db: DbOrTx, hazardId: number) => db.hazardSubscriber.findMany({ where: { hazardId }, orderBy: { at: 'asc' } }),

  /** Open reports of a unit and category since `since`: what a new report is compared with. */
  duplicateCandidates: (db: DbOrTx, targetUnitId: number, category: string, since: Date, exceptId: number, statuses: HazardStatus[]) =>
    db.hazard.findMany({
      where: { targetUnitId, category, createdAt: { gte: since }, status: { in: statuses }, id: { not: exceptId } },
      select: { id: true, number: true, description: true, latitude: true, longitude: true },
      orderBy: { id: 'asc' },
      take: 500,
    }),
  /** The reporter's latest report in a room since `since`, in one of `statuses`. */
  latestByReporter: (db: DbOrTx, wxid: string, roomId: number, since: Date, statuses?: HazardStatus[]) =>
    db.hazard.findFirst({
      where: { reporterWxid: wxid, reportRoomId: roomId, createdAt: { gte: since }, ...(statuses ? { status: { in: statuses } } : {}) },
      orderBy: { createdAt: 'desc' },
    }),
  /** The latest report resolved by a member since `since`: an image right after is its after-image. */
  latestResolvedBy: (db: DbOrTx, memberId: number, since: Date) =>
    db.hazard.findFirst({ where: { resolverId: memberId, status: 'resolved', resolvedAt: { gte: since } }, orderBy: { resolvedAt: 'desc' } }),
  /** Reports waiting for the reporter's answer to a duplicate question. */
  awaitingAnswer: (db: DbOrTx, wxid: string, roomId: number, suspectedId?: number) =>
    db.hazard.findFirst({
      where: {
        reporterWxid: wxid,
        reportRoomId: roomId,
        suspectedDuplicateId: suspectedId ?? { not: null },
        status: { in: ['pending_duplicate', 'screening', 'reported'] },
      },
      orderBy: { createdAt: 'desc' },
    }),

  /** Images `wxid` sent in a room in [from, to] not yet evidence of anything: they become the report's. */
  attachMedia: async (db: DbOrTx, hazardId: number, phase: 'before' | 'after', wxid: string, roomId: number, from: Date, to: Date) => {
    const free = await db.media.findMany({
      where: { wxid, roomId, hazardId: null, taskId: null, sixId: null, needId: null, activityId: null, at: { gte: from, lte: to } },
      orderBy: { at: 'asc' },
      select: { id: true, path: true },
    })
    if (free.length) await db.media.updateMany({ where: { id: { in: free.map((m) => m.id) }, hazardId: null }, data: { hazardId, phase } })
    return free.map((m) => m.path)
  },
  media: (db: DbOrTx, hazardId: number) => db.media.findMany({ where: { hazardId }, orderBy: { at: 'asc' }, select: { path: true, phase: true } }),

  /** Open reports reported in or handled by these units, oldest first. */
  openInUnits: (db: DbOrTx, unitIds: number[], take: number) =>
    db.hazard.findMany({
      where: {
        OR: [{ unitId: { in: unitIds } }, { reportUnitId: { in: unitIds } }],
        status: { in: ['screening', 'reported', 'acknowledged', 'in_progress', 'resolved', 'reopened'] },
      },
      orderBy: { createdAt: 'asc' },
      take,
    }),
  countOpenInUnits: (db: DbOrTx, unitIds: number[]) =>
    db.hazard.count({
      where: {
        OR: [{ unitId: { in: unitIds } }, { reportUnitId: { in: unitIds } }],
        status: { in: ['screening', 'reported', 'acknowledged', 'in_progress', 'resolved', 'reopened'] },
      },
    }),

  /** Reports whose timers should exist: all of them, or only those late by `before`. */
  pendingTimers: (db: DbOrTx, before: Date | null, take: number, afterId: number) =>
    db.hazard.findMany({
      where: {
        id: { gt: afterId },
        status: { in: TIMED },
        OR: before
          ? [{ nextEscalationAt: { lt: before } }, { nextVerifyAt: { lt: before } }, { nextDuplicateAt: { lt: before } }]
          : [{ nextEscalationAt: { not: null } }, { nextVerifyAt: { not: null } }, { nextDuplicateAt: { not: null } }],
      },
      orderBy: { id: 'asc' },
      take,
      select: { id: true, escalationCycle: true, escalationLevel: true, nextEscalationAt: true, verifyStep: true, nextVerifyAt: true, nextDuplicateAt: true },
    }),

  /** For the export: reports created since `since` (all when null), oldest first, a page at a time. */
  exportPage: (db: DbOrTx, districtId: number, since: Date | null, afterId: number, take: number) =>
    db.hazard.findMany({
      where: { districtId, id: { gt: afterId }, status: { not: 'pending_duplicate' }, ...(since ? { createdAt: { gte: since } } : {}) },
      orderBy: { id: 'asc' },
      take,
      include: { events: { orderBy: [{ at: 'asc' }, { id: 'asc' }] } },
    }),
}
