// The rules of #登记 / #确认 / #驳回, pure: what a registration leads to, who may decide it, how its state moves.
// Display names never appear here: a registration is about a contact id and a roster entry of the group's unit.
import { must } from '../../core/must.ts'
import { bareWord } from '../../parser/refs.ts'
import { registrationParseTexts as P } from './registration-parse.texts.ts'
import { ROLE_LABEL, type Role } from '../../kernel/org/org.types.ts'

/** wrong_phone: a #登记 whose digits matched no entry, kept to limit guessing (never pending, never decided). */
export type RegistrationStatus = 'pending' | 'confirmed' | 'rejected' | 'expired' | 'wrong_phone'
export type RegistrationAction = 'confirm' | 'reject' | 'expire'

/** status × action → the next status (absent: refused, the registration was decided already). */
export const REGISTRATION_TRANSITIONS: Record<RegistrationStatus, Partial<Record<RegistrationAction, RegistrationStatus>>> = {
  pending: { confirm: 'confirmed', reject: 'rejected', expire: 'expired' },
  confirmed: {},
  rejected: {},
  expired: {},
  wrong_phone: {},
}

export const nextStatus = (from: RegistrationStatus, action: RegistrationAction): RegistrationStatus | null => REGISTRATION_TRANSITIONS[from][action] ?? null

/** A pending registration nobody answered within a week is dropped (the person may ask again). */
export const PENDING_TTL_MS = 7 * 24 * 3600_000
export const isExpired = (createdAt: Date, now: Date) => now.getTime() - createdAt.getTime() >= PENDING_TTL_MS

/** Higher is more privilege: whom a request naming several roles is asked of (the highest one's deciders). */
export const ROLE_RANK: Record<Role, number> = { volunteer: 0, grid_cadre: 1, supervisor: 2, admin: 3 }

/** Roles a unique roster name links at once; anyone above grid cadre waits for a supervisor. */
const SELF_SERVE: ReadonlySet<Role> = new Set(['grid_cadre', 'volunteer'])

export interface RosterCandidate {
  id: number
  role: Role
  phone: string | null
}

export type RegistrationOutcome<E extends RosterCandidate> =
  | { kind: 'not_in_roster' }
  | { kind: 'already_linked' }
  | { kind: 'phone_mismatch' }
  | { kind: 'link'; entry: E }
  | { kind: 'pending'; entry: E; reason: PendingReason; choices: Role[] }

/** Why a supervisor decides: the role is above grid cadre, the unit lists the name twice, or the roster has a
 *  phone for the entry and no digits were given (the phone is the one thing a stranger with the display name lacks). */
export type PendingReason = 'role' | 'namesake' | 'phone'

const last4 = (phone: string | null) => (phone ?? '').replace(/\D/g, '').slice(-4)

/**
 * What a #登记 <name> [last four digits] from a contact id linked to nobody leads to.
 * `unlinked`: the active roster entries of that name in the group's unit without a contact id;
 * `sameName`: how many active entries of that name the unit has, linked or not (a name is unique only if 1).
 */
export function registrationOutcome<E extends RosterCandidate>(a: { unlinked: E[]; sameName: number; phone4: string | null }): RegistrationOutcome<E> {
  if (!a.unlinked.length) return a.sameName ? { kind: 'already_linked' } : { kind: 'not_in_roster' }
  let candidates = [...a.unlinked].sort((x, y) => x.id - y.id)
  if (a.phone4) {
    const exact = candidates.filter((e) => e.phone && last4(e.phone) === a.phone4)
    // An entry with another phone is not this person; an entry without a phone cannot tell.
    candidates = exact.length ? exact : candidates.filter((e) => !e.phone)
    if (!candidates.length) return { kind: 'phone_mismatch' }
  }
  // Namesakes of different roles (issue #29 item 9): the bot does not pick one (the first was the higher privilege);
  // the request names every role and the supervisor picks (#确认 陈静 志愿者).
  const choices = [...new Set(candidates.map((e) => e.role))].sort((x, y) => ROLE_RANK[y] - ROLE_RANK[x])
  const entry = must(candidates[0], 'REG_NO_CANDIDATE') // none left returned above
  if (choices.length > 1) return { kind: 'pending', entry, reason: 'namesake', choices }
  if (!SELF_SERVE.has(entry.role)) return { kind: 'pending', entry, reason: 'role', choices }
  if (a.sameName > 1) return { kind: 'pending', entry, reason: 'namesake', choices }
  if (!a.phone4 && entry.phone && last4(entry.phone)) return { kind: 'pending', entry, reason: 'phone', choices }
  return { kind: 'link', entry }
}

/** Wrong digits allowed per China day: per contact id, and per name in a unit (several accounts guessing one
 *  person's digits). 10,000 combinations at 3 a day is years; the real person can always ask without digits. */
export const PHONE_TRIES = { perContact: 3, perName: 10 } as const

/** Before a #登记 with digits: how many wrong tries are left today (0: no more tries today, right or wrong). */
export const phoneTriesLeft = (wrongToday: { byContact: number; byName: number }) =>
  Math.max(0, Math.min(PHONE_TRIES.perContact - wrongToday.byContact, PHONE_TRIES.perName - wrongToday.byName))

export interface Decider {
  role: Role
  unit: { path: string; districtId: number | null; id: number }
}

export type DecideRefusal = 'REG_NOT_SUPERVISOR' | 'REG_OUTSIDE_UNIT' | 'REG_ADMIN_ONLY' | 'REG_ABOVE_ONLY'

/**
 * Who may #确认 / #驳回 a registration for an entry of `entryRole` in `unit`: a linked supervisor of that unit or an
 * ancestor unit, or an admin; a supervisor's registration a supervisor above the unit (or an admin); an admin's
 * registration only an admin.
 */
export function mayDecide(decider: Decider, unit: { path: string }, entryRole: Role): DecideRefusal | null {
  if (decider.role !== 'supervisor' && decider.role !== 'admin') return 'REG_NOT_SUPERVISOR'
  if (entryRole === 'admin' && decider.role !== 'admin') return 'REG_ADMIN_ONLY'
  if (decider.role === 'admin') return null
  if (!unit.path.startsWith(decider.unit.path)) return 'REG_OUTSIDE_UNIT'
  // A supervisor's request is asked of the unit above (askFrom): a peer of the same unit does not add supervisors.
  return entryRole === 'supervisor' && unit.path === decider.unit.path ? 'REG_ABOVE_ONLY' : null
}

/** Whom to ask: for a supervisor's registration the unit above (the unit's own supervisor is the one asking), for an
 *  admin's the admins, otherwise the unit's own supervisors first. */
export const askFrom = (entryRole: Role): { startAbove: boolean; roles: Role[] } =>
  entryRole === 'admin' ? { startAbove: false, roles: ['admin'] } : { startAbove: entryRole === 'supervisor', roles: ['supervisor', 'admin'] }

const HAN_WORD = /^\p{Script=Han}+$/u

/** The words of a name typed with spaces: "张 伟" is 张伟 (rosters pad names so); other spaced words are no name. */
const nameOf = (words: string[]): string | null => (words.length === 1 || (words.length && words.every((w) => HAN_WORD.test(w))) ? words.join('') : null)

/** `#确认 张伟` or `#确认 张伟 17` (17: the registration's number, shown when several wait under one name). */
export function parseDecision(argv: string[]): { name: string; number: number | null; role: Role | null } | null {
  let words = argv.map(bareWord).filter(Boolean)
  // A role word picks among namesakes of different roles: #确认 陈静 志愿者 (anywhere after the name).
  const roleAt = words.findIndex((w, i) => i > 0 && roleOfLabel(w) !== null)
  const roleWord = roleAt > 0 ? words[roleAt] : undefined
  const role = roleWord === undefined ? null : roleOfLabel(roleWord)
  if (roleAt > 0) words = words.filter((_, i) => i !== roleAt)
  const [name, second] = words
  if (name === undefined || words.length > 2) return null
  if (second === undefined) return /^\d+$/.test(name) ? null : { name, number: null, role }
  const n = second.replace(/^[#号]/, '')
  return /^\d{1,9}$/.test(n) ? { name, number: Number(n), role } : null
}

/** 网格员 → grid_cadre …: the roster's role labels as typed. */
export const roleOfLabel = (word: string): Role | null => (Object.entries(ROLE_LABEL) as [Role, string][]).find(([, label]) => label === word)?.[0] ?? null

/** `#登记 张伟` or `#登记 张伟 1234` (the last four digits of the phone on the roster). */
export function parseRegistration(argv: string[]): { name: string; phone4: string | null } | { problem: string; example?: string } {
  const words = argv.map(bareWord).filter(Boolean)
  const last = words.at(-1)
  if (last === undefined) return { problem: P.noName }
  const phone = words.length > 1 && /\d/.test(last) ? last : null
  const name = nameOf(phone === null ? words : words.slice(0, -1))
  if (!name) return { problem: P.spaceInName }
  // The example shows the four digits (issue #29): 「#登记 张伟」 alone would not say where they go.
  if (phone !== null && !/^\d{4}$/.test(phone)) return { problem: P.phoneDigits, example: P.phoneExample(name) }
  return { name, phone4: phone }
}
