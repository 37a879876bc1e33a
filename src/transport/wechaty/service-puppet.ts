import { PuppetService } from 'wechaty-puppet-service'
import * as PUPPET from 'wechaty-puppet'
import type { AccountConnection } from '../../config/account-connections.ts'

/** The library's own logger prints tokens in its error lines: it stays quiet unless WECHATY_LOG asks otherwise. */
PUPPET.log.level((process.env.WECHATY_LOG as never) || 'silent')

/** gridbot's supervisor restarts the link itself; the library's 60 s watchdog would race it with resets of its own. */
const WATCHDOG_OFF_SECONDS = 7 * 24 * 3600

/** The production puppet: a WeChat account behind a puppet service, with that account's token, endpoint and TLS. */
export function createServicePuppet(c: AccountConnection) {
  return new PuppetService({
    token: c.token,
    timeoutSeconds: WATCHDOG_OFF_SECONDS,
    ...(c.endpoint ? { endpoint: c.endpoint } : {}),
    ...(c.tls
      ? {
          tls: {
            ...(c.tls.caCert ? { caCert: c.tls.caCert } : {}),
            ...(c.tls.serverName ? { serverName: c.tls.serverName } : {}),
            ...(c.tls.disable ? { disable: true } : {}),
          },
        }
      : {}),
  })
}
