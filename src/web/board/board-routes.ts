// /board (the page) and /board/panel (its live part, re-fetched when the page hears of a change).
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Unit } from '../../kernel/org/org.types.ts'
import { signedIn, unitInScope, type Viewer } from '../auth/viewer.ts'
import type { ConsoleContext } from '../context.ts'
import { sendHtml } from '../http.ts'
import type { Route } from '../router.ts'
import { boardData } from './board-data.ts'
import { boardPage, boardPanel } from './board-page.ts'

/** The unit's ancestors the viewer may see (from their top down). */
export async function ancestorsInScope(ctx: ConsoleContext, viewer: Viewer, unit: Unit): Promise<Unit[]> {
  return (await orgRepo.ancestors(ctx.db, unit)).filter((a) => a.path.startsWith(viewer.scope.path))
}

export function boardRoutes(ctx: ConsoleContext): Route<Viewer | null>[] {
  const data = (unit: Unit) => boardData(ctx.db, unit, ctx.clock.now(), ctx.accounts())
  return [
    {
      method: 'GET',
      path: '/board',
      handler: async ({ res, url }, session) => {
        const viewer = signedIn(session)
        const unit = await unitInScope(ctx.db, viewer, url.searchParams.get('unit'))
        sendHtml(res, boardPage({ viewer: viewer, simMode: ctx.simMode, data: await data(unit), ancestors: await ancestorsInScope(ctx, viewer, unit) }))
      },
    },
    {
      method: 'GET',
      path: '/board/panel',
      handler: async ({ res, url }, session) => {
        const viewer = signedIn(session)
        const unit = await unitInScope(ctx.db, viewer, url.searchParams.get('unit'))
        sendHtml(res, boardPanel(await data(unit)).value)
      },
    },
  ]
}
