// The gateway role (one per WeChat account set): a transport per account, its paced sender, the sent/failed marks
// passed on to the capabilities whose posts they are, the account watch and the binding scout.
import { inTransaction } from '../db/transaction.ts'
import { adminRoom, roomAccounts } from '../domain/account/account-status.service.ts'
import { accountIds, accountPaces } from '../kernel/org/org.service.ts'
import { claimParts, markFailed, markSent, partsSent, releaseParts } from '../kernel/outbox/outbox.service.ts'
import { AccountLeases, LEASE_TTL_MS, processHolder, RENEW_MS } from '../outbound/account-lease.ts'
import { AccountShare } from '../outbound/account-share.ts'
import { AccountWatch } from '../outbound/account-watch.ts'
import { Canary } from '../outbound/canary.ts'
import { BindingScout } from '../outbound/binding-scout.ts'
import type { LinkGate } from '../outbound/link-gate.ts'
import { startSender } from '../outbound/sender.ts'
import { SentMarks } from '../outbound/sent-marks.ts'
import { stopAccount } from '../outbound/stop-account.ts'
import { createReceiver } from '../pipeline/receive.ts'
import type { ChatTransport } from '../transport/transport.ts'
import { heardWhenSent, postFailed, postsSent } from './capability-wiring.ts'
import type { AppCore } from './core.ts'
import { appTexts } from './app.texts.ts'

export interface GatewayRole {
  sentMarks: SentMarks
  watch: AccountWatch
  scout: BindingScout
  gates: LinkGate[]
  /** One gateway per account: the leases this one holds or stands by for. */
  leases: AccountLeases
  /** Each account proves it can send and receive (a deaf account is restarted, the admins told). */
  canary: Canary
}

/** The canary of this gateway's accounts: in GRIDBOT_CANARY_ROOM, else the admins' group for the accounts in it. */
function canaryFor(app: AppCore, watch: AccountWatch): Canary {
  const { o, deps, log } = app
  return new Canary(
    {
      log,
      roomOf: async (accountId) => {
        if (o.env.GRIDBOT_CANARY_ROOM) return o.env.GRIDBOT_CANARY_ROOM
        const room = await adminRoom(deps.prisma)
        return room?.wxRoomId && (room.accountId === accountId || room.backupAccountIds.includes(accountId)) ? room.wxRoomId : null
      },
      passed: (accountId) => watch.heardAgain(accountId),
      missed: (accountId) => app.metrics.canaryMisses.inc({ account: accountId }),
    },
    { everyMs: o.env.GRIDBOT_CANARY_EVERY_MS, waitMs: o.env.GRIDBOT_CANARY_WAIT_MS },
  )
}

/** The sender's marks: the outbox rows, then each capability's own posts among them (a notice's delivery is sent …). */
function marksFor(app: AppCore) {
  const { deps, clock, log } = app
  const marks = new SentMarks(
    // One transaction: a gateway killed between the two would leave a notice's delivery queued for good (its outbox
    // row sent, so nothing would ever mark it again). Replies (the hot path) have no second mark: one statement.
    // Split, so a capability's hook that fails holds back only its own posts' marks, never a reply's.
    async (keys) => {
      const heard = keys.filter(heardWhenSent)
      const plain = keys.filter((k) => !heardWhenSent(k))
      if (plain.length) await markSent(deps.prisma, plain, clock.now())
      if (heard.length)
        await inTransaction(deps.prisma, async (tx) => {
          const at = clock.now()
          const fresh = await markSent(tx, heard, at)
          await postsSent(tx, heard, fresh, at)
        })
    },
    log,
    deps.counters,
  )
  // A post whose job gave up: its capability hears why (a notice's delivery to that room is failed; the sweeper resends it).
  const failed = (key: string, reason: string) =>
    inTransaction(deps.prisma, async (tx) => {
      await markFailed(tx, key, reason, clock.now())
      await postFailed(tx, key, reason, clock.now())
    })
  return { marks, failed }
}

export async function startGatewayRole(app: AppCore): Promise<GatewayRole> {
  const { o, deps, outbox, clock, log } = app
  const receive = createReceiver({ prisma: deps.prisma, counters: deps.counters, log, enqueue: (msg) => app.inbound.add(msg) })
  const { marks, failed } = marksFor(app)
  const watch = new AccountWatch({ prisma: deps.prisma, outbox, clock, log })
  const role: GatewayRole = {
    sentMarks: marks,
    watch,
    canary: canaryFor(app, watch),
    scout: new BindingScout({ prisma: deps.prisma, outbox, clock, log }),
    gates: [],
    leases: new AccountLeases({ redis: app.queueEnv.connection, prefix: o.env.GRIDBOT_QUEUE_PREFIX, log }),
  }
  if (!o.makeTransport) throw new Error('gateway role needs a transport factory')
  const accounts = o.accounts ?? (await accountIds(deps.prisma))
  if (o.autoAccounts) role.leases = await sharedLeases(app, role, accounts.length, o.autoAccounts.max)
  const paces = await accountPaces(deps.prisma)
  if (accounts.length === 0) throw new Error(appTexts.noAccounts)
  const makeTransport = o.makeTransport
  const startAccount = async (accountId: string) => {
    const transport = makeTransport(accountId)
    app.transports.push(transport)
    // An account's own pace from the org file (accounts: messagesPerSec), else the environment's.
    const pace = o.pace === undefined ? { messagesPerSec: paces.get(accountId) ?? o.env.GRIDBOT_PACE_PER_SEC, jitterMs: o.env.GRIDBOT_PACE_JITTER_MS } : o.pace
    await role.watch.watch(transport)
    role.scout.watch(transport)
    role.canary.watch(transport)
    startAccountSender(
      app,
      role,
      transport,
      pace,
      (key) => marks.mark(key),
      failed,
      () => role.leases.holds(accountId),
    )
    await transport.start(receive)
    log.info({ account: accountId }, 'gateway started')
  }
  // One gateway per account: this one serves those whose lease it holds and stands by for the others.
  for (const accountId of accounts)
    await role.leases.hold(accountId, {
      start: () => startAccount(accountId),
      stop: () => stopAccount({ canary: role.canary, accountId, transports: app.transports, workers: app.workers, gates: role.gates, watch: role.watch, log }),
    })
  return role
}

/** `--accounts auto`: leases taken up to this gateway's share of the accounts (account-share.ts). */
async function sharedLeases(app: AppCore, role: GatewayRole, accounts: number, max: number): Promise<AccountLeases> {
  const { o, log } = app
  const redis = app.queueEnv.connection
  const prefix = o.env.GRIDBOT_QUEUE_PREFIX
  const holder = processHolder()
  const serving = () => role.leases.servingCount()
  const share = new AccountShare({ redis, prefix, holder, accounts, max, log, serving, everyMs: RENEW_MS, deadAfterMs: LEASE_TTL_MS })
  await share.start()
  return new AccountLeases({ redis, prefix, log, holder, share })
}

function startAccountSender(
  app: AppCore,
  role: GatewayRole,
  transport: ChatTransport,
  pace: Parameters<typeof startSender>[2],
  onSent: (key: string) => Promise<void>,
  onFailed: (key: string, reason: string) => Promise<void>,
  fence: () => Promise<boolean>,
) {
  const { deps, outbox, log, metrics, queueEnv, o } = app
  const accountWatch = role.watch
  const sender = startSender(
    queueEnv,
    transport,
    pace,
    log,
    {
      onSent,
      onFailed,
      metrics,
      onLeftRoom: (accountId, roomId) => accountWatch.leftRoom(accountId, roomId),
      fence,
      // Each part claimed just before its send, under this gateway's lease of the account: a claim whose gateway
      // died or lost the account is void at once for the lease's next holder (kernel/outbox claimParts).
      claims: {
        claim: (parts, holder) => {
          const value = role.leases.valueOf(transport.accountId)
          const lease = value
            ? { account: transport.accountId, value, current: (l: { account: string; value: string }[]) => role.leases.current(l) }
            : undefined
          return claimParts(deps.prisma, parts, holder, app.clock.now(), lease)
        },
        release: (parts, holder) => releaseParts(deps.prisma, parts, holder),
        partsSent: (parts, holder) => partsSent(deps.prisma, parts, holder),
      },
      batch: o.env.GRIDBOT_OUTBOUND_BATCH,
      sendTimeoutMs: o.env.GRIDBOT_SEND_TIMEOUT_MS,
      gate: {
        alternates: async (_accountId, roomId) => (await roomAccounts(deps.prisma, roomId))?.accounts ?? [],
        statusOf: accountWatch.statusOf,
        handOver: async (accountId, job, id, priority) => {
          await outbox.queue(accountId).add('say', job, { jobId: id, ...(priority ? { priority } : {}) })
        },
      },
    },
    o.env.GRIDBOT_JOB_LOCK_MS,
  )
  if (sender.gate) role.gates.push(sender.gate)
  app.workers.push(sender)
}
