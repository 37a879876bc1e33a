// The only place with Prisma queries about needs, tasks, their events and short ids.
import type { DbOrTx } from '../../db/client.ts'
import type { Prisma } from '../../db/generated/client.ts'
import type { NeedStatus, TaskStatus } from '../../db/generated/enums.ts'
import { shortIdRepo } from '../../domain/short-id.repo.ts'

export const ACTIVE: TaskStatus[] = ['open', 'claimed']
/** A need still waiting: for the grid's cadres (a resident's, pending) or to be turned into a task (open). */
export const WAITING_NEED: NeedStatus[] = ['open', 'pending']

export const taskRepo = {
  /** The next short number of a kind (N, T) in a district. Row-locked: concurrent callers get distinct numbers. */
  nextNumber: (db: DbOrTx, districtId: number, kind: string): Promise<number> => shortIdRepo.next(db, districtId, kind),

  createNeed: (db: DbOrTx, data: Prisma.NeedUncheckedCreateInput) => db.need.create({ data }),
  needByNumber: (db: DbOrTx, districtId: number, number: number) => db.need.findUnique({ where: { districtId_number: { districtId, number } } }),
  /** Converts a need once (a resident's still waiting for the grid is accepted by it): false when it was converted or closed meanwhile. */
  convertNeed: async (db: DbOrTx, id: number, taskId: number) =>
    (await db.need.updateMany({ where: { id, status: { in: ['open', 'pending'] } }, data: { status: 'converted', taskId, nextEscalationAt: null } })).count ===
    1,
  /** Changes a need only while its status is one of `from`: false when someone else changed it first. */
  setNeedStatus: async (db: DbOrTx, id: number, from: NeedStatus[], data: Prisma.NeedUncheckedUpdateManyInput) =>
    (await db.need.updateMany({ where: { id, status: { in: from } }, data })).count === 1,

  /** A need whose task was cancelled is open again (false when it was not that task's any more). */
  reopenNeed: async (db: DbOrTx, id: number, taskId: number) =>
    (await db.need.updateMany({ where: { id, status: 'converted', taskId }, data: { status: 'open', taskId: null } })).count === 1,
  needById: (db: DbOrTx, id: number) => db.need.findUnique({ where: { id } }),
  /** A need's clock moves only while the need still waits (open or pending) in the cycle (and at the level) read. */
  needClockStep: async (db: DbOrTx, id: number, expect: { escalationCycle: number; escalationLevel?: number }, data: Prisma.NeedUncheckedUpdateManyInput) =>
    (await db.need.updateMany({ where: { id, status: { in: WAITING_NEED }, ...expect }, data })).count === 1,
  /** Needs whose escalation timer should exist: all of them, or only those late by `before`. */
  pendingNeedTimers: (db: DbOrTx, before: Date | null, take: number, afterId: number) =>
    db.need.findMany({
      where: { id: { gt: afterId }, status: { in: WAITING_NEED }, nextEscalationAt: before ? { lt: before } : { not: null } },
      orderBy: { id: 'asc' },
      take,
      select: { id: true, escalationCycle: true, escalationLevel: true, nextEscalationAt: true },
    }),

  createTask: (db: DbOrTx, data: Prisma.TaskUncheckedCreateInput) => db.task.create({ data }),
  taskById: (db: DbOrTx, id: number) => db.task.findUnique({ where: { id } }),
  taskByNumber: (db: DbOrTx, districtId: number, number: number) => db.task.findUnique({ where: { districtId_number: { districtId, number } } }),
  /**
   * A conditional update: applies only while the task is still in the state the caller read (status, holder,
   * cycle). Returns false when someone else changed it first — the caller re-reads and explains.
   */
  transition: async (
    db: DbOrTx,
    id: number,
    expect: { status?: TaskStatus | TaskStatus[]; holderId?: number | null; escalationCycle?: number; escalationLevel?: number },
    data: Prisma.TaskUncheckedUpdateManyInput,
  ) => {
    const where: Prisma.TaskWhereInput = { id }
    if (expect.status !== undefined) where.status = Array.isArray(expect.status) ? { in: expect.status } : expect.status
    if (expect.holderId !== undefined) where.holderId = expect.holderId
    if (expect.escalationCycle !== undefined) where.escalationCycle = expect.escalationCycle
    if (expect.escalationLevel !== undefined) where.escalationLevel = expect.escalationLevel
    return (await db.task.updateMany({ where, data })).count === 1
  },
  addEvent: (db: DbOrTx, data: Prisma.TaskEventUncheckedCreateInput) => db.taskEvent.create({ data }),
  events: (db: DbOrTx, taskId: number) => db.taskEvent.findMany({ where: { taskId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
  /** Tasks whose escalation or reminder timer should exist: all of them, or only those late by `lateBy`. */
  pendingTimers: (db: DbOrTx, before: Date | null, take: number, afterId: number) =>
    db.task.findMany({
      where: {
        id: { gt: afterId },
        status: { in: ACTIVE },
        OR: before
          ? [{ nextEscalationAt: { lt: before } }, { nextReminderAt: { lt: before } }]
          : [{ nextEscalationAt: { not: null } }, { nextReminderAt: { not: null } }],
      },
      orderBy: { id: 'asc' },
      take,
      select: { id: true, escalationCycle: true, escalationLevel: true, nextEscalationAt: true, remindersSent: true, nextReminderAt: true },
    }),
  /** Images a member sent shortly before or after completing, attached as evidence. */
  attachEvidence: (db: DbOrTx, memberId: number, taskId: number, from: Date, to: Date) =>
    db.media.updateMany({ where: { memberId, taskId: null, sixId: null, needId: null, activityId: null, at: { gte: from, lte: to } }, data: { taskId } }),
  countEvidence: (db: DbOrTx, taskId: number) => db.media.count({ where: { taskId } }),
  /** The latest need its raiser (a resident by contact id, a member by id) made in the room since `since`, still waiting. */
  latestNeedBy: (db: DbOrTx, who: { wxid: string; memberId: number | null }, roomId: number, since: Date) =>
    db.need.findFirst({
      where: {
        roomId,
        status: { in: WAITING_NEED },
        createdAt: { gte: since },
        OR: [{ reporterWxid: who.wxid }, ...(who.memberId ? [{ reporterId: who.memberId }] : [])],
      },
      orderBy: { createdAt: 'desc' },
    }),
  /** Images `wxid` sent in the room in [from, to] that belong to nothing yet: they become the need's. */
  attachNeedMedia: async (db: DbOrTx, needId: number, wxid: string, roomId: number, from: Date, to: Date) =>
    (
      await db.media.updateMany({
        where: { wxid, roomId, needId: null, hazardId: null, taskId: null, sixId: null, activityId: null, at: { gte: from, lte: to } },
        data: { needId },
      })
    ).count,
  countNeedImages: (db: DbOrTx, needId: number) => db.media.count({ where: { needId } }),
  /** The member's most recently completed task, if completed at or after `since`. */
  recentlyCompletedBy: (db: DbOrTx, memberId: number, since: Date) =>
    db.task.findFirst({ where: { holderId: memberId, status: 'done', closedAt: { gte: since } }, orderBy: { closedAt: 'desc' } }),
}
