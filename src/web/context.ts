// What the console is built from, and what every page's handlers share.
import type { Clock } from '../core/clock.ts'
import type { Logger } from '../core/logger.ts'
import type { Db } from '../db/client.ts'
import type { SimSession } from '../sim/session.ts'
import type { AccountStatus } from '../transport/transport.ts'
import type { EventHub } from './events.ts'

export interface ConsoleDeps {
  db: Db
  clock: Clock
  log: Logger
  /** Each bot account's link, from this process's transports (none where no gateway runs). */
  accounts: () => AccountStatus[]
  /** `sim`: the simulator in the browser, no login. `login`: production. */
  mode: { kind: 'sim'; session: SimSession } | { kind: 'login'; refreshEveryMs?: number }
}

export interface ConsoleContext extends ConsoleDeps {
  hub: EventHub
  simMode: boolean
}
