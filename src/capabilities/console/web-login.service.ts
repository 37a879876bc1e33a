// Web console logins: a one-time code the bot posts in the member's own group (#登录), exchanged once on the login
// page for a session. Only hashes are stored; codes live minutes, sessions hours; every process reads the same rows.
import { createHash, randomBytes, randomInt } from 'node:crypto'
import type { DbOrTx } from '../../db/client.ts'
import type { MemberWithUnit, Role } from '../../kernel/org/org.types.ts'
import type { Work } from '../../kernel/work.ts'
import { webAuthRepo } from './web-auth.repo.ts'

/** Who may log in: the org file's admins and supervisors. */
export const CONSOLE_ROLES: readonly Role[] = ['admin', 'supervisor']
export const CODE_TTL_MS = 5 * 60_000
export const SESSION_TTL_MS = 8 * 3600_000
/** At most this many codes per member in CODE_TTL_MS (a bound on noise in the group, not a security measure). */
const MAX_CODES = 5
/** No 0/O, 1/I: read off a phone, typed on a PC. 32^8 ≈ 10^12 codes. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const CODE_LENGTH = 8

const hash = (s: string) => createHash('sha256').update(s).digest('hex')
/** What the user typed → the canonical code (case, spaces and dashes do not matter). */
export const normaliseCode = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, '')
/** "ABCD-EFGH": easier to read aloud and to type. */
const display = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`

export const mayUseConsole = (m: { role: Role; active: boolean }) => m.active && CONSOLE_ROLES.includes(m.role)

export type IssueResult = { kind: 'code'; code: string; expiresAt: Date } | { kind: 'not_allowed' } | { kind: 'too_many' }

export async function issueLoginCode(w: Work, member: MemberWithUnit): Promise<IssueResult> {
  if (!mayUseConsole(member)) return { kind: 'not_allowed' }
  if ((await webAuthRepo.codesSince(w.db, member.id, new Date(w.now.getTime() - CODE_TTL_MS))) >= MAX_CODES) return { kind: 'too_many' }
  const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
  const expiresAt = new Date(w.now.getTime() + CODE_TTL_MS)
  await webAuthRepo.addCode(w.db, { codeHash: hash(code), memberId: member.id, createdAt: w.now, expiresAt })
  return { kind: 'code', code: display(code), expiresAt }
}

export interface ConsoleSession {
  token: string
  csrf: string
  expiresAt: Date
}

/** Exchanges a code for a session: null when the code is unknown, used, expired, or its member may not log in. */
export async function logIn(db: DbOrTx, typedCode: string, now: Date): Promise<ConsoleSession | null> {
  const code = normaliseCode(typedCode)
  if (code.length !== CODE_LENGTH) return null
  const memberId = await webAuthRepo.useCode(db, hash(code), now)
  if (memberId === null) return null
  const token = randomBytes(32).toString('base64url')
  const csrf = randomBytes(24).toString('base64url')
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
  await webAuthRepo.purge(db, new Date(now.getTime() - 86_400_000))
  await webAuthRepo.addSession(db, { idHash: hash(token), memberId, csrf, createdAt: now, expiresAt })
  return { token, csrf, expiresAt }
}

/** The member behind a session cookie, while the session lives and the member may still use the console. */
export async function sessionMember(db: DbOrTx, token: string, now: Date): Promise<{ member: MemberWithUnit; csrf: string } | null> {
  const s = await webAuthRepo.session(db, hash(token), now)
  if (!s || !mayUseConsole(s.member)) return null
  return { member: s.member, csrf: s.session.csrf }
}

export const logOut = (db: DbOrTx, token: string) => webAuthRepo.endSession(db, hash(token)).then(() => undefined)
