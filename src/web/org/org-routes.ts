// /org (the tree with members, roles and bindings) and /org/roster.xlsx (its export), within the viewer's subtree.
import { signedIn, unitInScope, type Viewer } from '../auth/viewer.ts'
import { ancestorsInScope } from '../board/board-routes.ts'
import type { ConsoleContext } from '../context.ts'
import { send, sendHtml } from '../http.ts'
import type { Route } from '../router.ts'
import { orgPage, rosterOf } from './org-view.ts'
import { rosterWorkbook } from './roster-xlsx.ts'
import { webTexts } from '../texts.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function orgRoutes(ctx: ConsoleContext): Route<Viewer | null>[] {
  return [
    {
      method: 'GET',
      path: '/org',
      handler: async ({ res, url }, session) => {
        const viewer = signedIn(session)
        const unit = await unitInScope(ctx.db, viewer, url.searchParams.get('unit'))
        const roster = await rosterOf(ctx.db, unit)
        sendHtml(res, orgPage({ viewer: viewer, simMode: ctx.simMode, unit, ancestors: await ancestorsInScope(ctx, viewer, unit), roster }))
      },
    },
    {
      method: 'GET',
      path: '/org/roster.xlsx',
      handler: async ({ res, url }, session) => {
        const viewer = signedIn(session)
        const unit = await unitInScope(ctx.db, viewer, url.searchParams.get('unit'))
        const file = webTexts.rosterFile(unit.name)
        send(res, 200, XLSX, await rosterWorkbook(await rosterOf(ctx.db, unit)), {
          'content-disposition': `attachment; filename="roster.xlsx"; filename*=UTF-8''${encodeURIComponent(file)}`,
        })
      },
    },
  ]
}
