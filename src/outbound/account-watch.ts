// The gateway's eye on its accounts: every state change of a transport is written to the database and, when it
// matters (a login QR, a logout, a lost link, a refused token, a recovery, a room the account has left), posted into
// the admins' group — through another logged-in account when the one concerned is down; through the account itself
// (queued until it is back) when no other can.
import type { Clock } from '../core/clock.ts'
import { jobId } from '../core/ids.ts'
import type { Logger } from '../core/logger.ts'
import type { Db } from '../db/client.ts'
import { accountNames, adminRoom, alertFor, isDown, lastState, recordStatus, roomTopic } from '../domain/account/account-status.service.ts'
import { accountTexts } from '../domain/account/account.texts.ts'
import { writeOutbox } from '../kernel/outbox/outbox.service.ts'
import type { Outbox } from '../core/ports.ts'
import type { AccountStatus, ChatTransport } from '../transport/transport.ts'

export class AccountWatch {
  private readonly transports = new Map<string, ChatTransport>()
  private readonly downSince = new Map<string, Date>()
  /** Accounts found deaf by the canary and not yet heard again: told once, however often their link restarts. */
  private readonly deaf = new Set<string>()
  private names = new Map<string, string | null>()
  /** Status changes are written one after another (their order is the history's). */
  private chain: Promise<void> = Promise.resolve()

  constructor(private readonly d: { prisma: Db; outbox: Outbox; clock: Clock; log: Logger }) {}

  async watch(transport: ChatTransport): Promise<void> {
    this.transports.set(transport.accountId, transport)
    this.names = await accountNames(this.d.prisma)
    // Left down by the last run (a refused token that stopped it, a crash while disconnected): the admins were told
    // so, and may still be told (that alert waits in the queue); the first login now is a recovery and says so.
    const before = await lastState(this.d.prisma, transport.accountId).catch(() => null)
    if (before && isDown(before.state)) this.downSince.set(transport.accountId, before.since)
    const seen = (s: AccountStatus) => {
      // A transport stopped because another gateway took its account over: its last states are not the account's.
      if (this.transports.get(s.accountId) !== transport) return
      this.chain = this.chain.then(() => this.changed(s)).catch((err) => this.d.log.error({ err, account: s.accountId }, 'account state not recorded'))
    }
    transport.onStatus(seen)
    seen(transport.status()) // where it stands now (starting), so the history begins with the start
  }

  /** Stops recording this account's states (another gateway serves it now). */
  unwatch(accountId: string): void {
    this.transports.delete(accountId)
  }

  statusOf = (accountId: string): AccountStatus | undefined => this.transports.get(accountId)?.status()

  /** Waits for the changes seen so far to be written and posted (tests, stop). */
  settled(): Promise<void> {
    return this.chain
  }

  private async changed(s: AccountStatus): Promise<void> {
    await recordStatus(this.d.prisma, s)
    if (isDown(s.state) && !this.downSince.has(s.accountId)) this.downSince.set(s.accountId, s.since)
    const down = s.state === 'logged_in' ? (this.downSince.get(s.accountId) ?? null) : null
    if (s.state === 'logged_in') this.downSince.delete(s.accountId)
    if (s.state === 'deaf' && this.deaf.has(s.accountId)) return void this.d.log.warn({ account: s.accountId }, 'account still deaf after its link restarted')
    if (s.state === 'deaf') this.deaf.add(s.accountId)
    const text = alertFor(s, this.names.get(s.accountId) ?? null, down)
    if (!text) return
    this.d.log.warn({ account: s.accountId, state: s.state, detail: s.detail }, 'account state changed; telling the admins')
    await this.tellAdmins(text, jobId('account', s.accountId, s.state, s.since.getTime()), s.accountId)
  }

  /** The canary heard a deaf account again: the admins are told (the link itself came back long before). */
  heardAgain(accountId: string): void {
    if (!this.deaf.delete(accountId)) return
    this.chain = this.chain
      .then(() =>
        this.tellAdmins(
          accountTexts.hearsAgain(accountId, this.names.get(accountId) ?? null),
          jobId('account', accountId, 'hears', this.d.clock.now().getTime()),
          accountId,
        ),
      )
      .catch((err) => this.d.log.error({ err, account: accountId }, 'recovery not told'))
  }

  /** A room this account has left: the admins hear it once a day per room. */
  async leftRoom(accountId: string, wxRoomId: string): Promise<void> {
    const topic = (await roomTopic(this.d.prisma, wxRoomId)) ?? wxRoomId
    const day = Math.floor(this.d.clock.now().getTime() / 86_400_000)
    this.d.log.warn({ account: accountId, room: wxRoomId }, 'account is no longer in the room')
    await this.tellAdmins(accountTexts.leftRoom(accountId, this.names.get(accountId) ?? null, topic), jobId('left-room', accountId, wxRoomId, day), accountId)
  }

  private async tellAdmins(text: string, key: string, about: string): Promise<void> {
    const room = await adminRoom(this.d.prisma)
    if (!room?.wxRoomId) return void this.d.log.warn({ key }, 'no admins’ group bound: account alert only in the log')
    const candidates = [room.accountId, ...room.backupAccountIds, ...this.transports.keys()]
    const via =
      candidates.find((id) => id !== about && this.statusOf(id)?.state === 'logged_in' && (id === room.accountId || room.backupAccountIds.includes(id))) ??
      (this.statusOf(about)?.state === 'logged_in' && (about === room.accountId || room.backupAccountIds.includes(about)) ? about : room.accountId)
    const message = { accountId: via, roomId: room.wxRoomId, text, mentionIds: [] }
    await writeOutbox(this.d.prisma, [{ message, key }], this.d.clock.now())
    await this.d.outbox.send(message, key)
  }
}
