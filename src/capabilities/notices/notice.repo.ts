// The only place with Prisma queries about notices, their deliveries per room, and scheduled notices.
import type { DbOrTx } from '../../db/client.ts'
import { LINKED, linked } from '../../kernel/org/linked.ts'
import type { Prisma } from '../../db/generated/client.ts'
import type { DeliveryStatus } from '../../db/generated/enums.ts'
import { shortIdRepo } from '../../domain/short-id.repo.ts'
import { directQuery, sqlTime } from '../../db/direct-sql.ts'

/** A delivery row as a notice's fan-out writes it (queued). */
export interface NewDelivery {
  noticeId: number
  roomId: number
  unitId: number
  accountId: string
  outboxKey: string
  queuedAt: Date
}

/** Ids people type may not fit the column (B99999999999): not found, not an error. */
const fits = (n: number) => n >= 1 && n <= 2_147_483_647

export const noticeRepo = {
  nextNumber: (db: DbOrTx, districtId: number) => shortIdRepo.next(db, districtId, 'B'),
  create: (db: DbOrTx, data: Prisma.NoticeUncheckedCreateInput) => db.notice.create({ data }),
  byId: (db: DbOrTx, id: number) => db.notice.findUnique({ where: { id } }),
  byNumber: (db: DbOrTx, districtId: number, number: number) =>
    fits(number) ? db.notice.findUnique({ where: { districtId_number: { districtId, number } } }) : Promise.resolve(null),
  latestFromRoom: (db: DbOrTx, roomId: number) => db.notice.findFirst({ where: { roomId }, orderBy: { id: 'desc' } }),
  /** The occurrence of a schedule, if it went out already. */
  byOccurrence: (db: DbOrTx, scheduleId: number, occurrenceAt: Date) =>
    db.notice.findUnique({ where: { scheduleId_occurrenceAt: { scheduleId, occurrenceAt } } }),
  /** Claims a timer step: applies only while the notice still waits for `step`. */
  /** Takes step `step` of a notice's timers once: only while the last step taken is the one before it. */
  claimStep: async (db: DbOrTx, id: number, step: number, data: { escalationLevel: number; nextEscalationAt: Date | null }) =>
    (await db.notice.updateMany({ where: { id, escalationLevel: step - 1 }, data })).count === 1,
  /** Notices whose next timer is due before `before` (null: every pending one), ids above `afterId`. */
  pendingTimers: (db: DbOrTx, before: Date | null, take: number, afterId: number) =>
    db.notice.findMany({
      where: { id: { gt: afterId }, nextEscalationAt: before ? { not: null, lt: before } : { not: null } },
      select: { id: true, escalationLevel: true, nextEscalationAt: true },
      orderBy: { id: 'asc' },
      take,
    }),

  /** A notice's delivery rows, one statement (a city-wide notice has 11,590: Prisma's createMany spent ~0.25 ms of
   *  this process a row binding them); a row written before is kept. Returns how many were written. */
  addDeliveries: async (db: DbOrTx, rows: NewDelivery[]): Promise<number> =>
    rows.length
      ? (
          await directQuery<{ n: number | bigint }>(
            db,
            'notice_add_deliveries',
            `WITH w AS (
               INSERT INTO "NoticeDelivery" ("noticeId", "roomId", "unitId", "accountId", "outboxKey", "queuedAt")
               SELECT d."noticeId"::int, d."roomId"::int, d."unitId"::int, d."accountId", d."outboxKey", d."queuedAt"::timestamp(3)
               FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                 AS d("noticeId", "roomId", "unitId", "accountId", "outboxKey", "queuedAt")
               ON CONFLICT DO NOTHING RETURNING 1
             ) SELECT count(*)::int AS n FROM w`,
            [
              rows.map((r) => String(r.noticeId)),
              rows.map((r) => String(r.roomId)),
              rows.map((r) => String(r.unitId)),
              rows.map((r) => r.accountId),
              rows.map((r) => r.outboxKey),
              rows.map((r) => sqlTime(r.queuedAt)),
            ],
          )
        ).reduce((n, r) => n + Number(r.n), 0)
      : 0,
  deliveries: (db: DbOrTx, noticeId: number) => db.noticeDelivery.findMany({ where: { noticeId }, orderBy: { roomId: 'asc' } }),
  /** A room's deliveries since `since` (or of the notice numbered `named`), with the notice's number. */
  roomDeliveries: (db: DbOrTx, roomId: number, since: Date, named: number | null) =>
    db.noticeDelivery.findMany({
      where: { roomId, OR: [{ queuedAt: { gte: since } }, ...(named !== null ? [{ notice: { number: named } }] : [])] },
      select: { noticeId: true, queuedAt: true, ackAt: true, notice: { select: { number: true } } },
      orderBy: { queuedAt: 'desc' },
      take: 50,
    }),
  /** Moves deliveries on by an event, from the statuses it applies to (the rules' table); returns how many moved. */
  move: async (
    db: DbOrTx,
    where: { outboxKey?: { in: string[] }; noticeId?: number; roomId?: number },
    from: DeliveryStatus[],
    data: Prisma.NoticeDeliveryUncheckedUpdateManyInput,
  ) => (await db.noticeDelivery.updateMany({ where: { ...where, status: { in: from } }, data })).count,

  createSchedule: (db: DbOrTx, data: Prisma.NoticeScheduleUncheckedCreateInput) => db.noticeSchedule.create({ data }),
  nextScheduleNumber: (db: DbOrTx, districtId: number) => shortIdRepo.next(db, districtId, 'S'),
  scheduleById: (db: DbOrTx, id: number) => db.noticeSchedule.findUnique({ where: { id } }),
  scheduleByNumber: (db: DbOrTx, districtId: number, number: number) =>
    fits(number) ? db.noticeSchedule.findUnique({ where: { districtId_number: { districtId, number } } }) : Promise.resolve(null),
  activeSchedulesIn: (db: DbOrTx, unitIds: number[]) =>
    db.noticeSchedule.findMany({ where: { unitId: { in: unitIds }, active: true }, orderBy: [{ nextAt: 'asc' }, { id: 'asc' }], take: 100 }),
  /** Claims an occurrence: moves `nextAt` on only while it still names this occurrence. */
  claimOccurrence: async (db: DbOrTx, id: number, occurrenceAt: Date, nextAt: Date | null) =>
    (await db.noticeSchedule.updateMany({ where: { id, active: true, nextAt: occurrenceAt }, data: { nextAt, ...(nextAt ? {} : { active: false }) } }))
      .count === 1,
  cancelSchedule: async (db: DbOrTx, id: number, by: number, at: Date) =>
    (await db.noticeSchedule.updateMany({ where: { id, active: true }, data: { active: false, nextAt: null, cancelledAt: at, cancelledById: by } })).count ===
    1,
  pendingSchedules: (db: DbOrTx, before: Date | null, take: number, afterId: number) =>
    db.noticeSchedule.findMany({
      where: { id: { gt: afterId }, active: true, nextAt: before ? { not: null, lt: before } : { not: null } },
      select: { id: true, nextAt: true },
      orderBy: { id: 'asc' },
      take,
    }),
}

/** Org reads a fan-out needs in one query each (the district has 1,159 rooms): kept here beside the notices. */
export const noticeOrgRepo = {
  /** Bound rooms of a subtree (grids only when asked): what a fan-out needs of each (the city has 11,590; their
   *  units, read with them before, were a second query and as many objects no one used). */
  roomsOfSubtree: (db: DbOrTx, path: string, gridsOnly: boolean) =>
    db.room.findMany({
      where: { wxRoomId: { not: null }, unit: { path: { startsWith: path }, ...(gridsOnly ? { kind: 'grid' as const } : {}) } },
      select: { id: true, unitId: true, accountId: true, backupAccountIds: true, wxRoomId: true, topic: true },
      orderBy: { id: 'asc' },
    }),
  roomsByIds: (db: DbOrTx, ids: number[]) => db.room.findMany({ where: { id: { in: ids } }, include: { unit: true } }),
  /** Bound rooms of these units. */
  roomsOfUnits: (db: DbOrTx, unitIds: number[]) => db.room.findMany({ where: { unitId: { in: unitIds }, wxRoomId: { not: null } }, orderBy: { id: 'asc' } }),
  unitsByIds: (db: DbOrTx, ids: number[]) => db.unit.findMany({ where: { id: { in: ids } } }),
  /** Active cadres, supervisors and admins of these units (who are @-ed in a room of theirs). */
  peopleOf: async (db: DbOrTx, unitIds: number[], roles: ('grid_cadre' | 'supervisor' | 'admin')[]) =>
    linked(
      await db.member.findMany({
        where: { unitId: { in: unitIds }, role: { in: roles }, active: true, ...LINKED },
        select: { wxid: true, unitId: true, role: true, name: true },
        orderBy: { id: 'asc' },
      }),
    ),
}
