import type { DbOrTx } from '../../db/client.ts'

export const handledMessageRepo = {
  /** Throws a unique violation when the message was handled before. */
  mark: (db: DbOrTx, accountId: string, messageId: string, at: Date) => db.handledMessage.create({ data: { accountId, messageId, handledAt: at } }),
  exists: async (db: DbOrTx, accountId: string, messageId: string) =>
    (await db.handledMessage.findUnique({ where: { accountId_messageId: { accountId, messageId } } })) !== null,
}
