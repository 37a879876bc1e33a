// What /metrics reads from PostgreSQL, the truth whichever process wrote it: rows waiting in the inbox and outbox (a
// Redis flush empties the queues, not these), posts that gave up, timers past due, and each account's last state.
import type { DbOrTx } from '../db/client.ts'

export interface Backlog {
  count: number
  oldest: Date | null
}

export const opsGaugesRepo = {
  unhandledInbox: async (db: DbOrTx): Promise<Backlog> => {
    const r = await db.inboxMessage.aggregate({ where: { handledAt: null }, _count: { _all: true }, _min: { receivedAt: true } })
    return { count: r._count._all, oldest: r._min.receivedAt }
  },
  unsentOutbox: async (db: DbOrTx): Promise<Backlog> => {
    const r = await db.outboxMessage.aggregate({ where: { sentAt: null, failedAt: null }, _count: { _all: true }, _min: { createdAt: true } })
    return { count: r._count._all, oldest: r._min.createdAt }
  },
  failedPosts: (db: DbOrTx) => db.outboxMessage.count({ where: { sentAt: null, failedAt: { not: null } } }),
  /** Escalation steps (tasks, hazards, projects) and notice timers due before `before` and not yet run. */
  overdue: async (db: DbOrTx, before: Date) => ({
    task: await db.task.count({ where: { nextEscalationAt: { lt: before } } }),
    hazard: await db.hazard.count({ where: { nextEscalationAt: { lt: before } } }),
    project: await db.project.count({ where: { nextEscalationAt: { lt: before } } }),
    notice: await db.notice.count({ where: { nextEscalationAt: { lt: before } } }),
  }),
  accountStates: (db: DbOrTx) => db.botAccount.findMany({ select: { id: true, state: true } }),
}
