// The web console on a loopback port over a test simulator: simulator mode (no login) or production's login mode.
import { createLogger } from '../../src/core/logger.ts'
import { createConsole } from '../../src/web/console.ts'
import { serveConsole, type ConsoleServer } from '../../src/web/serve.ts'
import type { SimSession } from '../../src/sim/session.ts'

export async function serveTestConsole(sim: SimSession, mode: 'sim' | 'login'): Promise<ConsoleServer> {
  const web = createConsole({
    db: sim.infra.db.prisma,
    clock: sim.clock,
    log: createLogger('silent'),
    accounts: () => sim.app.transports.map((t) => t.status()),
    mode: mode === 'sim' ? { kind: 'sim', session: sim } : { kind: 'login', refreshEveryMs: 500 },
  })
  return serveConsole(web, '127.0.0.1', 0)
}
