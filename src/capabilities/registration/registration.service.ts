// #登记 links a sender's contact id to a roster entry of its group's unit: at once for a unique grid cadre or
// volunteer, otherwise after a supervisor's #确认. Every step is a Registration row (the audit trail); the link
// itself is a conditional update, so two confirmations or a replayed message link once.
import { refuser } from '../../core/errors.ts'
import { jobId } from '../../core/ids.ts'
import { must } from '../../core/must.ts'
import type { Work } from '../../kernel/work.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { toRoom } from '../../kernel/org/room-message.ts'
import { districtOf, type BoundRoom, type MemberWithUnit, type Role } from '../../kernel/org/org.types.ts'
import { registrationRepo } from './registration.repo.ts'
import { startOfLocalDay } from '../../core/time.ts'
import { personName, stripInvisible } from '../../parser/normalise.ts'
import { askFrom, isExpired, mayDecide, nextStatus, phoneTriesLeft, registrationOutcome, ROLE_RANK, type RegistrationAction } from './registration-rules.ts'
import type { DecideRefusal } from './registration-rules.ts'
import { registrationTexts as T } from './registration.texts.ts'
import type { Decided, Registered, RegistrationHint } from './registration.types.ts'

/** A refusal: the reply says why (with a correct example where one helps); the transaction writes nothing. */
/** Every refusal registration answers with (tests assert these; its texts module words them). */
export type RegistrationRefusalCode =
  | DecideRefusal
  | 'REG_ALREADY_PENDING'
  | 'REG_ENTRY_LINKED'
  | 'REG_NONE_WAITING'
  | 'REG_NOT_IN_ROSTER'
  | 'REG_NO_ENTRY_LEFT'
  | 'REG_OTHER_PENDING'
  | 'REG_PHONE_LOCKED'
  | 'REG_PICK_ROLE'
  | 'REG_SENDER_LINKED'
const refuse = refuser<RegistrationRefusalCode>('registration')

export interface Sender {
  wxid: string
  displayName: string
  accountId: string
  messageId: string
}

export async function register(w: Work, room: BoundRoom, from: Sender, a: { name: string; phone4: string | null }): Promise<Registered> {
  const { db } = w
  const mine = await registrationRepo.linkedTo(db, from.wxid)
  if (mine) throw refuse('REG_SENDER_LINKED', T.senderLinked(mine.name, mine.role))
  const pending = (await registrationRepo.pendingOf(db, from.wxid)).filter((r) => !isExpired(r.createdAt, w.now))
  // Waiting already: only the right digits move it on (they link at once; the requests are then dropped).
  const waiting = pending.filter((r) => r.name === a.name && r.unitId === room.unitId)
  if (waiting.length && !a.phone4) throw refuse('REG_ALREADY_PENDING', T.alreadyPending(a.name))
  // Four digits are 10,000 guesses: a few wrong ones a day, counted from the rows below (a restart forgets none).
  let triesLeft = 0
  if (a.phone4) {
    const since = startOfLocalDay(w.now)
    triesLeft = phoneTriesLeft({
      byContact: await registrationRepo.wrongPhones(db, { wxid: from.wxid }, since),
      byName: await registrationRepo.wrongPhones(db, { unitId: room.unitId, name: a.name }, since),
    })
    if (!triesLeft) throw refuse('REG_PHONE_LOCKED', T.phoneLocked(a.name))
  }
  const entries = await registrationRepo.entriesNamed(db, room.unitId, a.name)
  const outcome = registrationOutcome({ unlinked: entries.filter((e) => e.wxid === null), sameName: entries.length, phone4: a.phone4 })
  const row = {
    districtId: districtOf(room.unit),
    unitId: room.unitId,
    roomId: room.id,
    wxid: from.wxid,
    // Shown to the deciders: a bidi override in a display name would turn the request text around.
    displayName: stripInvisible(from.displayName).trim(),
    name: a.name,
    messageKey: jobId(from.accountId, from.messageId),
    createdAt: w.now,
  }
  switch (outcome.kind) {
    case 'not_in_roster':
      throw refuse('REG_NOT_IN_ROSTER', T.notInRoster(a.name, room.unit.name))
    case 'already_linked':
      throw refuse('REG_ENTRY_LINKED', T.alreadyLinked(a.name))
    case 'phone_mismatch':
      // Kept (not thrown): the row is what counts the tries.
      await registrationRepo.create(db, { ...row, memberId: must(entries[0], 'REG_NO_CANDIDATE').id, status: 'wrong_phone', decidedAt: w.now })
      return { kind: 'phone_mismatch', name: a.name, triesLeft: triesLeft - 1 }
    case 'link': {
      if (!(await registrationRepo.link(db, outcome.entry.id, from.wxid, w.now))) throw refuse('REG_ENTRY_LINKED', T.alreadyLinked(a.name))
      await registrationRepo.create(db, { ...row, memberId: outcome.entry.id, status: 'confirmed', decidedAt: w.now })
      for (const r of pending) await registrationRepo.decide(db, r.id, 'pending', 'expired', w.now, null)
      return { kind: 'linked', name: a.name, role: outcome.entry.role }
    }
    case 'pending': {
      if (waiting.length) throw refuse('REG_ALREADY_PENDING', T.alreadyPending(a.name))
      // One request at a time per contact: nobody sprays requests for several identities at the supervisors.
      if (pending.length) throw refuse('REG_OTHER_PENDING', T.otherPending(must(pending[0], 'REG_PENDING_MISSING').name, a.name))
      const reg = await registrationRepo.create(db, { ...row, memberId: outcome.entry.id, status: 'pending' })
      const asked = await askDeciders(w, room, reg, outcome.choices[0] ?? outcome.entry.role, outcome.choices)
      return { kind: 'waiting', name: a.name, role: outcome.entry.role, reason: outcome.reason, asked }
    }
  }
}

/** Posts the request, @-ing the people who can decide it, in the group and in the deciders' own group. */
async function askDeciders(w: Work, room: BoundRoom, reg: { id: number; name: string; displayName: string }, role: Role, choices: Role[]): Promise<string[]> {
  // Several roles to pick from: asked of those who may decide the highest of them (`role`).
  const { deciders, elsewhere } = await decidersOf(w, room, role)
  const several = (await registrationRepo.pendingNamed(w.db, districtOf(room.unit), room.unit.path, reg.name)).length > 1
  const text = T.ask({ name: reg.name, role, unit: room.unit.name, displayName: reg.displayName, id: reg.id, several, choices })
  const ids = deciders.map((d) => d.wxid)
  w.effects.post(toRoom(room, text, ids), jobId('reg-ask', reg.id, room.id))
  for (const r of elsewhere) w.effects.post(toRoom(r, text, ids), jobId('reg-ask', reg.id, r.id))
  return deciders.map((d) => d.name)
}

/** Who decides a request for an entry of this role made in this room, and their own groups when elsewhere. */
async function decidersOf(w: Pick<Work, 'db'>, room: BoundRoom, role: Role) {
  const { startAbove, roles } = askFrom(role)
  let deciders: { wxid: string; name: string }[] = []
  let elsewhere: Awaited<ReturnType<typeof orgRepo.roomsOfUnit>> = []
  if (role !== 'admin')
    for (const u of [room.unit, ...(await orgRepo.ancestors(w.db, room.unit)).reverse()].slice(startAbove ? 1 : 0)) {
      deciders = await orgRepo.membersIn(w.db, [u.id], roles)
      if (!deciders.length) continue
      if (u.id !== room.unitId) elsewhere = await orgRepo.roomsOfUnit(w.db, u.id)
      break
    }
  // An admin's entry, or nobody linked above yet (early in onboarding, a district's own supervisors): the admins
  // decide (they may decide any request), asked in their own group.
  if (!deciders.length) {
    deciders = await adminsOf(w, room)
    const adminRoom = await orgRepo.adminRoomOf(w.db, districtOf(room.unit))
    elsewhere = adminRoom && adminRoom.id !== room.id ? [adminRoom] : []
  }
  return { deciders, elsewhere }
}

/** The district's admins (wherever in the tree they sit). */
async function adminsOf(w: Pick<Work, 'db'>, room: BoundRoom) {
  const units = await orgRepo.unitsOfDistrict(w.db, districtOf(room.unit))
  return orgRepo.membersIn(
    w.db,
    units.map((u) => u.id),
    ['admin'],
  )
}

/** #确认 / #驳回: the reply for the decider. The registrant hears it in their own group. */
export async function decide(
  w: Work,
  decider: MemberWithUnit,
  here: BoundRoom,
  a: { name: string; number: number | null; role?: Role | null; action: Extract<RegistrationAction, 'confirm' | 'reject'>; messageId: string },
): Promise<Decided> {
  const { db } = w
  const verb = T.verb(a.action)
  const scope = decider.role === 'admin' ? '/' : decider.unit.path
  const all = await registrationRepo.pendingNamed(db, districtOf(decider.unit), scope, a.name)
  // Old requests expire as they are met (no timer needed: nothing waits on them).
  for (const r of all)
    if (isExpired(r.createdAt, w.now))
      await registrationRepo.decide(db, r.id, 'pending', must(nextStatus('pending', 'expire'), 'REG_TRANSITION_MISSING'), w.now, null)
  const live = all.filter((r) => !isExpired(r.createdAt, w.now) && (a.number === null || r.id === a.number))
  if (!live.length) throw refuse('REG_NONE_WAITING', T.noneWaiting(a.name, verb))
  if (live.length > 1)
    return { kind: 'several', name: a.name, requests: live.map((r) => ({ id: r.id, unit: r.unit.name, displayName: r.displayName })), action: a.action }
  const reg = must(live[0], 'REG_PENDING_MISSING')
  // Namesakes of different roles unlinked: the decider picks the entry (#确认 陈静 志愿者); the bot never does.
  const choices = [...new Set((await registrationRepo.entriesNamed(db, reg.unitId, reg.name)).filter((e) => e.wxid === null).map((e) => e.role as Role))].sort(
    (x, y) => ROLE_RANK[y] - ROLE_RANK[x],
  )
  let role = reg.member.role as Role
  if (a.action === 'confirm' && choices.length > 1) {
    if (!a.role) throw refuse('REG_PICK_ROLE', T.pickRole(a.name, choices))
    if (!choices.includes(a.role)) throw refuse('REG_PICK_ROLE', T.noSuchRole(a.name, a.role, choices))
    role = a.role
  }
  const refusal = mayDecide(decider, reg.unit, role)
  if (refusal) throw refuse(refusal, T.refused[refusal])
  const to = must(nextStatus('pending', a.action), 'REG_TRANSITION_MISSING')
  const tell = (text: string) =>
    reg.room.id !== here.id && reg.room.wxRoomId ? w.effects.post(toRoom(reg.room, text, [reg.wxid]), jobId('reg-told', reg.id, a.messageId)) : undefined
  if (a.action === 'reject') {
    if (!(await registrationRepo.decide(db, reg.id, 'pending', to, w.now, decider.id))) throw refuse('REG_NONE_WAITING', T.noneWaiting(a.name, verb))
    tell(T.youAreRejected(a.name))
    return { kind: 'rejected', name: a.name, mentionIds: reg.room.id === here.id ? [reg.wxid] : [] }
  }
  if (await registrationRepo.linkedTo(db, reg.wxid)) {
    await registrationRepo.decide(db, reg.id, 'pending', 'expired', w.now, decider.id)
    return { kind: 'contact_taken', name: a.name }
  }
  // The entry asked for, or (linked meanwhile by a namesake) another unlinked one of the same name and role.
  const entry =
    role === reg.member.role && reg.member.wxid === null && reg.member.active
      ? reg.member
      : await registrationRepo.otherUnlinked(db, reg.unitId, reg.name, role)
  if (!entry || !(await registrationRepo.link(db, entry.id, reg.wxid, w.now))) throw refuse('REG_NO_ENTRY_LEFT', T.noEntryLeft(a.name))
  // Decided by someone else meanwhile: the refusal rolls the link above back with it.
  if (!(await registrationRepo.decide(db, reg.id, 'pending', to, w.now, decider.id))) throw refuse('REG_NONE_WAITING', T.noneWaiting(a.name, verb))
  tell(T.youAreLinked(a.name, entry.role))
  // Decided in the registrant's own group: one message, @-ing them too.
  const there = reg.room.id === here.id
  return { kind: 'confirmed', name: a.name, role: entry.role as Role, unit: reg.unit.name, inTheirGroup: there, mentionIds: there ? [reg.wxid] : [] }
}

/** For a sender not linked to anyone: their request waiting for the supervisors, or (their display name an unlinked
 *  entry of the group's unit) the hint to send #登记 — a display name is only ever a hint, never authority. The
 *  capability words it with registrationTexts.hint. */
export async function registrationHint(w: Pick<Work, 'db'>, room: BoundRoom, displayName: string, talkerId?: string): Promise<RegistrationHint | null> {
  // A request already made (then #确认 typed by the applicant): it waits for the supervisors, not for them.
  const [waiting] = talkerId ? await registrationRepo.pendingOf(w.db, talkerId) : []
  if (waiting) {
    const { deciders } = await decidersOf(w, { ...waiting.room, unit: waiting.unit } as BoundRoom, waiting.member.role as Role)
    return { kind: 'pending', name: waiting.name, deciders: deciders.map((d) => d.name) }
  }
  const name = personName(displayName)
  if (!name) return null
  return (await registrationRepo.unlinkedNamed(w.db, room.unitId, name)).length ? { kind: 'guest', name } : null
}
