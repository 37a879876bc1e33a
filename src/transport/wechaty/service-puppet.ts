import { PuppetService } from 'wechaty-puppet-service'
import * as PUPPET from 'wechaty-puppet'
import type { AccountConnection } from '../../config/account-connections.ts'

/** The library's own logger prints tokens in its error lines: it stays quiet unless WECHATY_LOG asks otherwise. */
PUPPET.log.level((process.env.WECHATY_LOG as never) || 'silent')

/** gridbot's supervisor restarts the link itself; the library's 60 s watchdog would race it with resets of its own. */
const WATCHDOG_OFF_SECONDS = 7 * 24 * 3600

type JuziModule = typeof import('@juzi/wechaty-puppet-service')
let juzi: JuziModule | null = null

/**
 * Loads the maintained fork `@juzi/wechaty-puppet-service` when the accounts ask for it (`GRIDBOT_ACCOUNT_<ID>_CLIENT=juzi`).
 * Both packages' generated protobuf classes live in one global namespace (`proto.wechaty.puppet`): the package loaded
 * first stops working once the other is loaded (the fork's events lack `getSeq`; an upstream client gets no heartbeat).
 * So the fork is loaded after upstream (whose module this file imports), and a gateway process serves accounts of one
 * client only (accountConnections refuses a mix). test/puppet-service-juzi.int.test.ts.
 */
export async function loadServiceClients(connections: AccountConnection[]): Promise<void> {
  if (juzi || !connections.some((c) => c.client === 'juzi')) return
  juzi = await import('@juzi/wechaty-puppet-service')
  const log = (await import('@juzi/wechaty-puppet')).log
  // The fork logs every event's payload (people's messages) at info: as quiet as the upstream library.
  log.level((process.env.WECHATY_LOG as never) || 'silent')
}

/** The production puppet: a WeChat account behind a puppet service, with that account's token, endpoint and TLS. */
export function createServicePuppet(c: AccountConnection) {
  const options = {
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
  }
  if (c.client !== 'juzi') return new PuppetService(options)
  if (!juzi) throw new Error('@juzi/wechaty-puppet-service not loaded: call loadServiceClients first')
  return new juzi.PuppetService(options)
}
