// Production wiring: the org file imported, the accounts this process serves and their puppet-service connections
// checked, then the app started for its role with a WeChat transport per account (the CLI's `gridbot start`).
import { accountConnections, maskToken, maskTokensIn, tokenSource, type AccountConnection } from '../config/account-connections.ts'
import type { Env } from '../config/env.ts'
import type { Logger } from '../core/logger.ts'
import type { Metrics } from '../core/metrics.ts'
import type { MediaStore } from '../core/ports.ts'
import { accountTexts } from '../domain/account/account.texts.ts'
import type { Infra } from '../infra.ts'
import type { App, Role } from '../main.ts'
import type { ChatTransport } from '../transport/transport.ts'
import { appTexts } from './app.texts.ts'

export interface StartOptions {
  role: Role
  org?: string
  accounts?: string
  embedded?: boolean
}

/** A token the service keeps refusing: the gateway cannot work, so it says why and exits (78: configuration error). */
const EXIT_CONFIG = 78
const FATAL_STOP_MS = 10_000

/** The org file imported (when one is given) and the accounts this process serves: the ones named, else the file's. */
async function importAndServe(opts: StartOptions, env: Env, log: Logger, infra: Infra) {
  const orgFile = opts.org ?? env.GRIDBOT_ORG_FILE
  const { loadOrgFile } = await import('../config/org-file.ts')
  const { importOrg, summariseImport } = await import('./org-import.ts')
  const spec = orgFile ? await loadOrgFile(orgFile) : null
  if (spec) log.info(summariseImport(await importOrg(infra.db.prisma, spec)))
  // The gateway serves the accounts it is told to; by default those of the org file it imported (not every account
  // of every district in the database). `auto`: all of them are candidates, split with the other gateways.
  const named = opts.accounts ?? env.GRIDBOT_ACCOUNTS
  const auto = named?.trim().toLowerCase() === 'auto'
  const accounts =
    (auto ? undefined : named)
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? spec?.accounts.map((a) => a.id)
  const { accountIds } = await import('../kernel/org/org.service.ts')
  const served = opts.role === 'worker' ? [] : (accounts ?? (await accountIds(infra.db.prisma)))
  return { accounts, served, auto }
}

/** Starts the app for its role, with a WeChat transport per served account over its checked puppet-service connection. */
export async function startBot(opts: StartOptions, env: Env, log: Logger, infra: Infra, metrics: Metrics, media: MediaStore): Promise<App> {
  const { startApp } = await import('../main.ts')
  const { accounts, served, auto } = await importAndServe(opts, env, log, infra)
  // Every served account has a token, and no token serves two accounts: checked before anything connects.
  const connections = new Map(accountConnections(served).map((c) => [c.accountId, c]))
  let app: App | null = null
  let fatal = false
  const onFatal = (accountId: string, reason: string) => {
    if (fatal) return
    fatal = true
    const text = accountTexts.fatalAuth(accountId, reason, tokenSource(accountId))
    log.fatal({ account: accountId, reason }, 'puppet service keeps refusing the token; exiting')
    process.stderr.write(`${text}\n`)
    const stop = (async () => {
      await app?.stop()
      await infra.close()
    })()
    Promise.race([stop, new Promise((r) => setTimeout(r, FATAL_STOP_MS))]).finally(() => process.exit(EXIT_CONFIG))
  }
  const makeTransport = await transportFactory({ connections, env, log, metrics, media, onFatal })
  const { loadServiceClients } = await import('../transport/wechaty/service-puppet.ts')
  await loadServiceClients([...connections.values()])
  app = await startApp({
    role: opts.role,
    env,
    infra,
    log,
    metrics,
    media,
    accounts: accounts?.length ? accounts : undefined,
    ...(auto ? { autoAccounts: { max: env.GRIDBOT_GATEWAY_MAX_ACCOUNTS } } : {}),
    makeTransport,
  })
  return app
}

interface TransportDeps {
  connections: Map<string, AccountConnection>
  env: Env
  log: Logger
  metrics: Metrics
  media: MediaStore
  /** The service keeps refusing an account's token: the process says why and exits. */
  onFatal: (accountId: string, reason: string) => void
}

/** The transport of an account: Wechaty over its puppet-service connection, its link watched, its tokens masked. */
async function transportFactory(d: TransportDeps): Promise<(accountId: string) => ChatTransport> {
  const { WechatyTransport } = await import('../transport/wechaty/wechaty-transport.ts')
  const { createServicePuppet } = await import('../transport/wechaty/service-puppet.ts')
  const { systemClock } = await import('../core/clock.ts')
  const { env, log, metrics, media } = d
  const tokens = [...d.connections.values()].map((c) => c.token)
  const mask = (t: string) => maskTokensIn(t, tokens)
  return (accountId) => {
    const c = d.connections.get(accountId)
    if (!c) throw new Error(appTexts.noConnection(accountId))
    log.info(
      {
        account: accountId,
        token: maskToken(c.token),
        endpoint: c.endpoint ?? '(discovery)',
        tls: c.tls?.disable ? 'off' : 'on',
        client: c.client ?? 'wechaty',
      },
      'account connection',
    )
    return new WechatyTransport({
      accountId,
      puppet: createServicePuppet(c),
      clock: systemClock,
      log,
      media,
      onDropped: (reason) => metrics.inboundDropped.inc({ reason }),
      link: {
        endpoint: c.endpoint,
        settings: {
          pingMs: env.GRIDBOT_LINK_PING_MS,
          silentMs: env.GRIDBOT_LINK_SILENT_MS,
          retryMinMs: Math.min(500, env.GRIDBOT_LINK_RETRY_MAX_MS),
          retryMaxMs: env.GRIDBOT_LINK_RETRY_MAX_MS,
          authGiveUpMs: env.GRIDBOT_AUTH_GIVE_UP_MS,
        },
        mask,
        onFatal: d.onFatal,
      },
    })
  }
}
