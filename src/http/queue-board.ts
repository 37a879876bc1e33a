// bull-board for every queue of the deployment, behind the admin token: jobs by state, their data and errors, and
// retry / remove / promote from there. Without GRIDBOT_ADMIN_TOKEN it is not mounted at all.
import { createBullBoard } from '@bull-board/api'
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter'
import { ExpressAdapter } from '@bull-board/express'
import type { Queue } from 'bullmq'
import { adminAuth } from './admin-auth.ts'
import type { Routes } from './server.ts'
import { httpTexts } from './http.texts.ts'

export const QUEUE_BOARD_PATH = '/admin/queues'

/** `queues()` is read at each mount's first request and then refreshed every minute (accounts come and go). */
export function queueBoardRoutes(token: string, queues: () => Promise<Queue[]>): Routes {
  const adapter = new ExpressAdapter()
  adapter.setBasePath(QUEUE_BOARD_PATH)
  const board = createBullBoard({ queues: [], serverAdapter: adapter, options: { uiConfig: { boardTitle: httpTexts.queueBoardTitle } } })
  let loadedAt = 0
  const refresh = async () => {
    if (Date.now() - loadedAt < 60_000) return
    loadedAt = Date.now()
    board.replaceQueues((await queues()).map((q) => new BullMQAdapter(q)))
  }
  return (r) => {
    r.use(adminAuth(token, QUEUE_BOARD_PATH))
    r.use(async (_req, _res, next) => {
      await refresh()
      next()
    })
    r.use(adapter.getRouter())
  }
}
