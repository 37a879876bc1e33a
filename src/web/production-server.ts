// Production: the console, with login, mounted on the process's HTTP server (src/http: health, metrics, queue board)
// at GRIDBOT_HTTP_HOST:GRIDBOT_HTTP_PORT.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { systemClock } from '../core/clock.ts'
import type { Logger } from '../core/logger.ts'
import type { Db } from '../db/client.ts'
import type { ChatTransport } from '../transport/transport.ts'
import { createConsole } from './console.ts'

/**
 * The console as `gridbot start` serves it: a handler on the process's HTTP server (src/http), behind login; what
 * it does not answer goes on to the next handler. Typed structurally, so the console does not depend on express.
 */
export function consoleRoutes(o: { db: Db; transports: ChatTransport[]; log: Logger }) {
  const web = createConsole({
    db: o.db,
    clock: systemClock,
    log: o.log.child({ part: 'console' }),
    accounts: () => o.transports.map((t) => t.status()),
    mode: { kind: 'login' },
  })
  type Next = (err?: unknown) => void
  return (router: { use(fn: (req: IncomingMessage, res: ServerResponse, next: Next) => void): unknown }) => {
    router.use((req, res, next) => {
      web.handle(req, res).then((answered) => (answered ? undefined : next()), next)
    })
  }
}
