// Webhook subscriptions and their deliveries (the outbox rows the webhooks timer sends). The only Prisma for them.
import type { DbOrTx } from '../../db/client.ts'

export const webhookRepo = {
  create: (db: DbOrTx, data: { unitId: number; url: string; secret: string; events: string[]; owning: boolean; body: string | null; createdAt: Date }) =>
    db.webhook.create({ data }),
  list: (db: DbOrTx) => db.webhook.findMany({ where: { removedAt: null }, include: { unit: { select: { name: true } } }, orderBy: { id: 'asc' } }),
  remove: (db: DbOrTx, id: number, at: Date) => db.webhook.updateMany({ where: { id, removedAt: null }, data: { removedAt: at } }),
  /** Live subscriptions to `event`, with their unit's path (the caller keeps those at or above the event's unit). */
  subscribed: (db: DbOrTx, event: string) =>
    db.webhook.findMany({ where: { removedAt: null, events: { has: event } }, include: { unit: { select: { id: true, path: true } } } }),
  /** The units an event names: their paths (who covers them) and names (as sent). */
  units: (db: DbOrTx, ids: number[]) => db.unit.findMany({ where: { id: { in: ids } }, select: { id: true, path: true, name: true } }),
  addDeliveries: (db: DbOrTx, rows: { deliveryId: string; webhookId: number; event: string; body: string; nextAt: Date; createdAt: Date }[]) =>
    db.webhookDelivery.createManyAndReturn({ data: rows, select: { id: true, nextAt: true } }),
  delivery: (db: DbOrTx, id: number) => db.webhookDelivery.findUnique({ where: { id }, include: { webhook: true } }),
  /** Marks an attempt's outcome, only if nobody recorded attempt `attempts` already (count 0: someone was first). */
  attempted: (db: DbOrTx, id: number, attempts: number, data: { deliveredAt?: Date; failedAt?: Date; nextAt: Date | null; lastError: string | null }) =>
    db.webhookDelivery.updateMany({ where: { id, attempts, deliveredAt: null, failedAt: null }, data: { ...data, attempts: attempts + 1 } }),
  failed: (db: DbOrTx) => db.webhookDelivery.findMany({ where: { failedAt: { not: null } }, orderBy: { id: 'asc' }, take: 200 }),
  retry: (db: DbOrTx, id: number, at: Date) =>
    db.webhookDelivery.updateMany({ where: { id, failedAt: { not: null } }, data: { failedAt: null, nextAt: at, lastError: null } }),
  /** Deliveries still to be sent, due before `before` (null: all), for the sweeper. */
  pending: (db: DbOrTx, before: Date | null, take: number, afterId: number) =>
    db.webhookDelivery.findMany({
      where: { id: { gt: afterId }, deliveredAt: null, failedAt: null, nextAt: before ? { lt: before } : { not: null } },
      select: { id: true, attempts: true, nextAt: true },
      orderBy: { id: 'asc' },
      take,
    }),
  counts: async (db: DbOrTx) => ({
    pending: await db.webhookDelivery.count({ where: { deliveredAt: null, failedAt: null } }),
    failed: await db.webhookDelivery.count({ where: { failedAt: { not: null } } }),
  }),
}
