// An account's link state: kept in the database with its time (the current state on the account, every change in
// its history), and what the admins' group is told about it.
import type { DbOrTx } from '../../db/client.ts'
import { accountRepo } from './account.repo.ts'
import { accountTexts } from './account.texts.ts'

export interface StatusChange {
  accountId: string
  state: string
  since: Date
  detail?: string
}

export async function recordStatus(db: DbOrTx, s: StatusChange): Promise<void> {
  const detail = s.detail?.slice(0, 500) ?? null
  await accountRepo.setState(db, s.accountId, { state: s.state, since: s.since, detail })
  await accountRepo.addEvent(db, s.accountId, { state: s.state, at: s.since, detail })
}

const BAD = new Set(['logged_out', 'disconnected', 'failed_auth', 'waiting_scan'])

/**
 * What the admins hear about a change (null: nothing). `downSince`: when the account last left logged_in (a
 * recovery says how long it was away); a first login at start is not news.
 */
export function alertFor(s: StatusChange, name: string | null, downSince: Date | null): string | null {
  switch (s.state) {
    case 'waiting_scan':
      return accountTexts.scan(s.accountId, name, s.detail ?? '')
    case 'logged_out':
      return accountTexts.loggedOut(s.accountId, name, s.since)
    case 'disconnected':
      return accountTexts.disconnected(s.accountId, name, s.since, s.detail)
    case 'failed_auth':
      return accountTexts.failedAuth(s.accountId, name)
    case 'deaf':
      return accountTexts.deaf(s.accountId, name, s.since)
    case 'logged_in':
      return downSince ? accountTexts.recovered(s.accountId, name, s.since.getTime() - downSince.getTime()) : null
    default:
      return null
  }
}

export const isDown = (state: string) => BAD.has(state)

export interface AccountRow {
  id: string
  name: string | null
  state: string | null
  since: Date | null
  rooms: number
  detail: string | null
}

/** `gridbot accounts`: every account with its state, since when, and how many groups it serves. */
export async function listAccounts(db: DbOrTx): Promise<AccountRow[]> {
  return (await accountRepo.all(db)).map((a) => ({ id: a.id, name: a.name, state: a.state, since: a.stateSince, rooms: a._count.rooms, detail: a.stateDetail }))
}

export const adminRoom = (db: DbOrTx) => accountRepo.adminRoom(db)
/** The state the database last recorded for an account (before this process started it). */
export const lastState = async (db: DbOrTx, accountId: string) => {
  const r = await accountRepo.lastState(db, accountId)
  return r?.state && r.stateSince ? { state: r.state, since: r.stateSince } : null
}
export const roomAccounts = (db: DbOrTx, wxRoomId: string) => accountRepo.roomAccounts(db, wxRoomId)
export const roomTopic = (db: DbOrTx, wxRoomId: string) => accountRepo.roomTopic(db, wxRoomId)
export async function accountNames(db: DbOrTx): Promise<Map<string, string | null>> {
  return new Map((await accountRepo.all(db)).map((a) => [a.id, a.name]))
}

export interface RoomRow {
  id: number
  accountId: string
  topic: string
  unit: string
  wxRoomId: string | null
  boundAt: Date | null
  backups: string[]
  admin: boolean
}

/** `gridbot rooms`: each account's groups with their binding, the unbound ones first. */
export async function listRooms(db: DbOrTx): Promise<RoomRow[]> {
  const rows = (await accountRepo.rooms(db)).map((r) => ({
    id: r.id,
    accountId: r.accountId,
    topic: r.topic,
    unit: r.unit.name,
    wxRoomId: r.wxRoomId,
    boundAt: r.boundAt,
    backups: r.backupAccountIds,
    admin: r.isAdmin,
  }))
  return [...rows.filter((r) => !r.wxRoomId), ...rows.filter((r) => r.wxRoomId)]
}
