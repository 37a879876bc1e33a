// The only place with Prisma queries about projects, their items and events, 六个一 records, and the funnel's counts.
import type { DbOrTx } from '../../db/client.ts'
import { shortIdRepo } from '../../domain/short-id.repo.ts'
import type { Prisma } from '../../db/generated/client.ts'
import type { NeedStatus, ProjectStatus, TaskStatus } from '../../db/generated/enums.ts'

export const ACTIVE_PROJECT: ProjectStatus[] = ['open', 'claimed']

const taskFields = { id: true, number: true, title: true, status: true, needId: true, unitId: true } as const
const needFields = { id: true, number: true, description: true, status: true, taskId: true, unitId: true } as const

export const projectRepo = {
  /** The next project number (P) in a district. Row-locked: concurrent callers get distinct numbers. */
  nextNumber: (db: DbOrTx, districtId: number): Promise<number> => shortIdRepo.next(db, districtId, 'P'),
  create: (db: DbOrTx, data: Prisma.ProjectUncheckedCreateInput) => db.project.create({ data }),
  byId: (db: DbOrTx, id: number) => db.project.findUnique({ where: { id } }),
  byNumber: (db: DbOrTx, districtId: number, number: number) => db.project.findUnique({ where: { districtId_number: { districtId, number } } }),
  /** A conditional update: applies only while the project is as the caller read it; false when someone else was first. */
  transition: async (
    db: DbOrTx,
    id: number,
    expect: { status?: ProjectStatus; holderId?: number | null; escalationCycle?: number; escalationLevel?: number },
    data: Prisma.ProjectUncheckedUpdateManyInput,
  ) => (await db.project.updateMany({ where: { id, ...expect }, data })).count === 1,
  addEvent: (db: DbOrTx, data: Prisma.ProjectEventUncheckedCreateInput) => db.projectEvent.create({ data }),
  events: (db: DbOrTx, projectId: number) => db.projectEvent.findMany({ where: { projectId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),

  items: (db: DbOrTx, projectId: number) => db.projectItem.findMany({ where: { projectId }, orderBy: { id: 'asc' } }),
  itemsOf: (db: DbOrTx, projectIds: number[]) => db.projectItem.findMany({ where: { projectId: { in: projectIds } } }),
  /** Links an item once: false when it was linked to this project before. */
  addItem: async (db: DbOrTx, i: { projectId: number; kind: string; refId: number; actorId: number; at: Date }) =>
    (await db.$executeRaw`
      INSERT INTO "ProjectItem" ("projectId", "kind", "refId", "actorId", "at") VALUES (${i.projectId}, ${i.kind}, ${i.refId}, ${i.actorId}, ${i.at})
      ON CONFLICT DO NOTHING`) === 1,
  /** The project (other than `exceptId`) a need or task is linked to already, if any. */
  linkedElsewhere: (db: DbOrTx, kind: string, refId: number, exceptId: number) =>
    db.projectItem.findFirst({ where: { kind, refId, projectId: { not: exceptId } } }),
  projectNumbers: (db: DbOrTx, ids: number[]) => db.project.findMany({ where: { id: { in: ids } }, select: { id: true, number: true } }),

  tasksByIds: (db: DbOrTx, ids: number[]) => db.task.findMany({ where: { id: { in: ids } }, select: taskFields, orderBy: { number: 'asc' } }),
  tasksFromNeeds: (db: DbOrTx, needIds: number[]) => db.task.findMany({ where: { needId: { in: needIds } }, select: taskFields }),
  needsByIds: (db: DbOrTx, ids: number[]) => db.need.findMany({ where: { id: { in: ids } }, select: needFields, orderBy: { number: 'asc' } }),
  resourcesByIds: (db: DbOrTx, ids: number[]) =>
    db.resource.findMany({
      where: { id: { in: ids } },
      select: { id: true, number: true, description: true, providerName: true, unitId: true },
      orderBy: { number: 'asc' },
    }),
  /** A linkable record by its short number: its row id, unit and text. */
  needByNumber: (db: DbOrTx, districtId: number, number: number) => db.need.findUnique({ where: { districtId_number: { districtId, number } } }),
  taskByNumber: (db: DbOrTx, districtId: number, number: number) => db.task.findUnique({ where: { districtId_number: { districtId, number } } }),
  resourceByNumber: (db: DbOrTx, districtId: number, number: number) => db.resource.findUnique({ where: { districtId_number: { districtId, number } } }),
  /** The project a task belongs to: linked directly, or through the need it was made from. */
  projectOfTask: async (db: DbOrTx, taskId: number, needId: number | null) =>
    db.projectItem.findFirst({
      where: { OR: [{ kind: 'task', refId: taskId }, ...(needId !== null ? [{ kind: 'need', refId: needId }] : [])] },
      orderBy: { id: 'asc' },
    }),

  inUnits: (db: DbOrTx, unitIds: number[], statuses: ProjectStatus[], take: number) =>
    db.project.findMany({ where: { unitId: { in: unitIds }, status: { in: statuses } }, orderBy: { number: 'asc' }, take }),
  countInUnits: (db: DbOrTx, unitIds: number[], statuses: ProjectStatus[]) =>
    db.project.count({ where: { unitId: { in: unitIds }, status: { in: statuses } } }),
  /** Projects whose escalation timer should exist: all of them, or only those late by `before`. */
  pendingTimers: (db: DbOrTx, before: Date | null, take: number, afterId: number) =>
    db.project.findMany({
      where: { id: { gt: afterId }, status: 'open', nextEscalationAt: before ? { lt: before } : { not: null } },
      orderBy: { id: 'asc' },
      take,
      select: { id: true, escalationCycle: true, escalationLevel: true, nextEscalationAt: true },
    }),
  /** For the export's 项目 sheet: projects of a district alive in [from, to) (created before its end, not closed before its start). */
  alive: (db: DbOrTx, districtId: number, from: Date, to: Date) =>
    db.project.findMany({
      where: { districtId, createdAt: { lt: to }, status: { not: 'cancelled' }, OR: [{ closedAt: null }, { closedAt: { gte: from } }] },
      orderBy: { number: 'asc' },
    }),

  // ── The funnel: what a subtree collected, formed and finished in a period ──────────────────────────────────────
  // The units go in as one array parameter (= ANY): a city's subtree is ~11,600 ids, which Prisma's `in` sends as as
  // many bind parameters (100–400 ms a query at city size, issue #26).
  needsCreated: (db: DbOrTx, unitIds: number[], from: Date, to: Date) =>
    db.$queryRaw<{ id: number; status: NeedStatus; taskId: number | null }[]>`
      SELECT "id", "status"::text AS "status", "taskId" FROM "Need"
      WHERE "unitId" = ANY(${unitIds}::int[]) AND "createdAt" >= ${from} AND "createdAt" < ${to} AND "status" <> 'pending'`,
  tasksCreated: (db: DbOrTx, unitIds: number[], from: Date, to: Date) =>
    db.$queryRaw<{ id: number; status: TaskStatus; needId: number | null }[]>`
      SELECT "id", "status"::text AS "status", "needId" FROM "Task"
      WHERE "unitId" = ANY(${unitIds}::int[]) AND "createdAt" >= ${from} AND "createdAt" < ${to}`,
  taskStatuses: (db: DbOrTx, ids: number[]) => db.task.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } }),
  projectsCreated: (db: DbOrTx, unitIds: number[], from: Date, to: Date) =>
    db.$queryRaw<{ id: number; status: ProjectStatus }[]>`
      SELECT "id", "status"::text AS "status" FROM "Project"
      WHERE "unitId" = ANY(${unitIds}::int[]) AND "createdAt" >= ${from} AND "createdAt" < ${to}`,
  /** Activities (#24, not cancelled) of these units serving a project, starting in the period. */
  activitiesServing: async (db: DbOrTx, unitIds: number[], from: Date, to: Date) =>
    (
      await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Activity" WHERE "unitId" = ANY(${unitIds}::int[]) AND "projectId" IS NOT NULL
        AND "status" <> 'cancelled' AND "startsAt" >= ${from} AND "startsAt" < ${to}`
    )[0]?.n ?? 0,
  resourcesCreated: async (db: DbOrTx, unitIds: number[], from: Date, to: Date) =>
    (
      await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Resource" WHERE "unitId" = ANY(${unitIds}::int[]) AND "createdAt" >= ${from} AND "createdAt" < ${to}`
    )[0]?.n ?? 0,
  /** Matches made in the period to tasks or needs of these units. */
  matchesMade: (db: DbOrTx, unitIds: number[], from: Date, to: Date) =>
    db.$queryRaw<{ resourceId: number }[]>`
      SELECT m."resourceId" FROM "ResourceMatch" m
      LEFT JOIN "Task" t ON t."id" = m."taskId" LEFT JOIN "Need" n ON n."id" = m."needId"
      WHERE m."createdAt" >= ${from} AND m."createdAt" < ${to} AND COALESCE(t."unitId", n."unitId") = ANY(${unitIds}::int[])`,

  // ── 六个一 ──────────────────────────────────────────────────────────────────────────────────────────────────────
  /** Records a 六个一 item once per (member, kind, source, ref): null when it was recorded before. */
  addSix: async (db: DbOrTx, r: Prisma.SixRecordUncheckedCreateInput) => {
    const rows = await db.$queryRaw<{ id: number }[]>`
      INSERT INTO "SixRecord" ("districtId", "memberId", "unitId", "roomId", "kind", "note", "source", "ref", "at")
      VALUES (${r.districtId}, ${r.memberId}, ${r.unitId}, ${r.roomId ?? null}, ${r.kind}, ${r.note}, ${r.source}, ${r.ref}, ${r.at})
      ON CONFLICT ("memberId", "kind", "source", "ref") DO NOTHING RETURNING "id"`
    return rows[0] ?? null
  },
  sixOf: (db: DbOrTx, memberIds: number[], from: Date, to: Date) =>
    db.sixRecord.findMany({ where: { memberId: { in: memberIds }, at: { gte: from, lt: to } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] }),
  /** The member's latest manual 六个一 record since `since` in a room: images right after are its evidence. */
  latestSix: (db: DbOrTx, memberId: number, roomId: number, since: Date) =>
    db.sixRecord.findFirst({ where: { memberId, roomId, source: 'manual', at: { gte: since } }, orderBy: { at: 'desc' } }),
  /** Images the member sent in the room in [from, to] that are evidence of nothing yet: they become the record's. */
  attachSixMedia: async (db: DbOrTx, sixId: number, memberId: number, roomId: number, from: Date, to: Date) =>
    (
      await db.media.updateMany({
        where: { memberId, roomId, sixId: null, taskId: null, hazardId: null, needId: null, activityId: null, at: { gte: from, lte: to } },
        data: { sixId },
      })
    ).count,
  sixEvidence: async (db: DbOrTx, sixIds: number[]) =>
    (await db.media.groupBy({ by: ['sixId'], where: { sixId: { in: sixIds } }, _count: { _all: true } })).flatMap((r) =>
      r.sixId === null ? [] : [{ sixId: r.sixId, n: r._count._all }],
    ),
}
