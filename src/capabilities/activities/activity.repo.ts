// The only place with Prisma queries about activities (活动), their sign-ups and their series.
import type { DbOrTx } from '../../db/client.ts'
import type { Prisma } from '../../db/generated/client.ts'
import type { Activity, Signup } from './activity.types.ts'

export const activityRepo = {
  create: async (db: DbOrTx, data: Prisma.ActivityUncheckedCreateInput) => (await db.activity.create({ data })) as Activity,
  byNumber: async (db: DbOrTx, districtId: number, number: number) =>
    (await db.activity.findUnique({ where: { districtId_number: { districtId, number } } })) as Activity | null,
  byId: async (db: DbOrTx, id: number) => (await db.activity.findUnique({ where: { id } })) as Activity | null,
  /** Locks the activity's row: sign-ups, cancellations and closing of one activity happen one after the other. */
  lock: async (db: DbOrTx, id: number) => (await db.$queryRaw<{ id: number }[]>`SELECT "id" FROM "Activity" WHERE "id" = ${id} FOR UPDATE`).length === 1,
  update: async (db: DbOrTx, id: number, data: Prisma.ActivityUncheckedUpdateInput) => (await db.activity.update({ where: { id }, data })) as Activity,
  /** Moves an open activity to closed or cancelled once: false when it was not open any more. */
  finish: async (db: DbOrTx, id: number, data: { status: 'closed' | 'cancelled'; closedAt: Date; minutes?: number | null; summary?: string | null }) =>
    (await db.activity.updateMany({ where: { id, status: 'open' }, data: { ...data, nextRemindAt: null } })).count === 1,
  signups: async (db: DbOrTx, activityId: number) =>
    (await db.activitySignup.findMany({ where: { activityId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })) as Signup[],
  signup: async (db: DbOrTx, activityId: number, wxid: string) =>
    (await db.activitySignup.findUnique({ where: { activityId_wxid: { activityId, wxid } } })) as Signup | null,
  countSigned: (db: DbOrTx, activityId: number) => db.activitySignup.count({ where: { activityId, status: 'signed' } }),
  countsSigned: async (db: DbOrTx, ids: number[]) =>
    (await db.activitySignup.groupBy({ by: ['activityId'], where: { activityId: { in: ids }, status: 'signed' }, _count: { _all: true } })).map((r) => ({
      activityId: r.activityId,
      n: r._count._all,
    })),
  addSignup: async (db: DbOrTx, data: Prisma.ActivitySignupUncheckedCreateInput) => (await db.activitySignup.create({ data })) as Signup,
  updateSignup: async (db: DbOrTx, id: number, data: Prisma.ActivitySignupUncheckedUpdateInput) =>
    (await db.activitySignup.update({ where: { id }, data })) as Signup,
  firstWaiting: async (db: DbOrTx, activityId: number) =>
    (await db.activitySignup.findFirst({ where: { activityId, status: 'waiting' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })) as Signup | null,
  /** Open activities of these units starting after `from`, soonest first. */
  upcoming: async (db: DbOrTx, unitIds: number[], from: Date, take: number) =>
    (await db.activity.findMany({
      where: { status: 'open', startsAt: { gt: from }, OR: [{ unitId: { in: unitIds } }, { targetUnitId: { in: unitIds } }] },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take,
    })) as Activity[],
  /** Activities of these units starting in [from, to). */
  inPeriod: async (db: DbOrTx, unitIds: number[], from: Date, to: Date) =>
    (await db.activity.findMany({
      where: { unitId: { in: unitIds }, status: { not: 'cancelled' }, startsAt: { gte: from, lt: to } },
      orderBy: { id: 'asc' },
    })) as Activity[],
  signupsOf: async (db: DbOrTx, activityIds: number[]) =>
    (await db.activitySignup.findMany({ where: { activityId: { in: activityIds }, status: { not: 'cancelled' } } })) as Signup[],
  /** Activities with a reminder due before `before` (null: every pending), ids above `afterId`. */
  remindersDue: (db: DbOrTx, before: Date | null, take: number, afterId: number) =>
    db.activity.findMany({
      where: { status: 'open', nextRemindAt: before ? { not: null, lte: before } : { not: null }, id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take,
      select: { id: true, remindStep: true, nextRemindAt: true },
    }),
  /** Claims reminder `step` of an activity once (two timer runs of the same step: one posts). */
  claimReminder: async (db: DbOrTx, id: number, step: number, next: Date | null) =>
    (await db.activity.updateMany({ where: { id, status: 'open', remindStep: step }, data: { remindStep: step + 1, nextRemindAt: next } })).count === 1,
  createSeries: (db: DbOrTx, data: Prisma.ActivitySeriesUncheckedCreateInput) => db.activitySeries.create({ data }),
  seriesById: (db: DbOrTx, id: number) => db.activitySeries.findUnique({ where: { id } }),
  /** Claims a series' occurrence once: nextAt moves on (or ends); false when another run claimed it. */
  claimOccurrence: async (db: DbOrTx, id: number, occurrence: Date, next: Date | null) =>
    (await db.activitySeries.updateMany({ where: { id, active: true, nextAt: occurrence }, data: { nextAt: next } })).count === 1,
  /** Active series whose next occurrence is before `before` (null: all), ids above `afterId`. */
  seriesDue: (db: DbOrTx, before: Date | null, take: number, afterId: number) =>
    db.activitySeries.findMany({
      where: { active: true, nextAt: before ? { not: null, lte: before } : { not: null }, id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take,
      select: { id: true, nextAt: true },
    }),
  /** The contact's latest sign-in since `since` still waiting for its location or photo. */
  pendingCheckin: async (db: DbOrTx, wxid: string, since: Date) =>
    (await db.activitySignup.findFirst({
      where: { wxid, status: 'signed', attendedAt: null, checkinAt: { gte: since } },
      orderBy: [{ checkinAt: 'desc' }, { id: 'desc' }],
    })) as Signup | null,
  /** The member's latest open activity created since `since` that has no location yet. */
  placeless: async (db: DbOrTx, organiserId: number, since: Date) =>
    (await db.activity.findFirst({
      where: { organiserId, status: 'open', latitude: null, createdAt: { gte: since } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    })) as Activity | null,
  /** A sign-in's photo or an activity's evidence (activityId), kept as media like the others (once per message). */
  keepPhoto: (
    db: DbOrTx,
    data: { memberId: number | null; wxid: string; roomId: number; accountId: string; messageId: string; path: string; at: Date; activityId?: number },
  ) => db.media.createMany({ data: [{ ...data, kind: 'image' }], skipDuplicates: true }),
  /** Activities closed since `since` that were made in this room or had someone sign up in it, latest first. */
  closedSince: async (db: DbOrTx, roomId: number, since: Date) =>
    (await db.activity.findMany({
      where: { status: 'closed', closedAt: { gte: since }, OR: [{ roomId }, { ActivitySignup_activityId: { some: { roomId } } }] },
      orderBy: [{ closedAt: 'desc' }, { id: 'desc' }],
    })) as Activity[],
  /** How many photos are each activity's evidence. */
  photoCounts: async (db: DbOrTx, activityIds: number[]) =>
    new Map(
      (await db.media.groupBy({ by: ['activityId'], where: { activityId: { in: activityIds } }, _count: { _all: true } })).map((r) => [
        r.activityId ?? 0,
        r._count._all,
      ]),
    ),
  /** A project (领题攻坚) by its number, for an activity serving it: its unit and title only. */
  projectByNumber: (db: DbOrTx, districtId: number, number: number) =>
    db.project.findUnique({
      where: { districtId_number: { districtId, number } },
      select: { id: true, number: true, unitId: true, title: true, status: true },
    }),
  /** The rooms of these units that are bound to WeChat. */
  boundRooms: (db: DbOrTx, unitIds: number[]) => db.room.findMany({ where: { unitId: { in: unitIds }, wxRoomId: { not: null } }, orderBy: { id: 'asc' } }),
}
