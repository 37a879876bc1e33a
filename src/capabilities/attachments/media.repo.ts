// The media rows: one per image message kept (whichever capability's record it then joins).
import type { DbOrTx } from '../../db/client.ts'

export const mediaRepo = {
  /** Once per message: a redelivered image is not kept twice. */
  record: (
    db: DbOrTx,
    data: { memberId: number | null; wxid: string; roomId: number; accountId: string; messageId: string; kind: string; path: string; at: Date },
  ) => db.media.createMany({ data: [data], skipDuplicates: true }),
}
