// Production: the console on its own node:http server at GRIDBOT_HTTP_HOST:GRIDBOT_HTTP_PORT, with login. Kept apart
// so the console can instead be mounted on the process's operations server (health, metrics) by one change here.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { z } from 'zod'
import { systemClock } from '../core/clock.ts'
import type { Logger } from '../core/logger.ts'
import type { Db } from '../db/client.ts'
import type { ChatTransport } from '../transport/transport.ts'
import { createConsole } from './console.ts'
import { serveConsole, type ConsoleServer } from './serve.ts'

const consoleEnv = z.object({
  GRIDBOT_HTTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** Unset: no web console in this process. */
  GRIDBOT_HTTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
})

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

/** The console on a server of its own (tests; a deployment that wants it on another port). */
export async function startProductionConsole(o: { db: Db; transports: ChatTransport[]; log: Logger; env?: NodeJS.ProcessEnv }): Promise<ConsoleServer | null> {
  const parsed = consoleEnv.safeParse(o.env ?? process.env)
  if (!parsed.success) throw new Error(`配置有误(环境变量):${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  const { GRIDBOT_HTTP_HOST: host, GRIDBOT_HTTP_PORT: port } = parsed.data
  if (port === undefined) return null
  const web = createConsole({
    db: o.db,
    clock: systemClock,
    log: o.log.child({ part: 'console' }),
    accounts: () => o.transports.map((t) => t.status()),
    mode: { kind: 'login' },
  })
  const server = await serveConsole(web, host, port)
  o.log.info({ url: server.url }, 'web console listening (login required)')
  return server
}
