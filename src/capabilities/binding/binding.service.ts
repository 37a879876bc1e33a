// Binding groups at scale. What each account sees (its groups, at login and as they change) is recorded; a group no
// room is bound to whose topic names exactly one unbound room of the org file becomes a proposal, told to the admins'
// group in a few batched messages, and bound only when an admin confirms it (#确认绑定) — through #绑定's own code.
import { jobId } from '../../core/ids.ts'
import { must } from '../../core/must.ts'
import type { OutboundMessage } from '../../core/message.ts'
import type { Db, DbOrTx } from '../../db/client.ts'
import { inTransaction } from '../../db/transaction.ts'
import { writeOutbox, type Keyed } from '../../kernel/outbox/outbox.service.ts'
import { bindRoomToUnit, type BindResult } from '../../kernel/org/room-binding.service.ts'
import { shortIdRepo } from '../../domain/short-id.repo.ts'
import type { Work } from '../../kernel/work.ts'
import {
  ANNOUNCE_LIST_MAX,
  CONFIRM_BATCH,
  matchGroups,
  nextProposalState,
  staleReason,
  type GroupMatch,
  type ProposalRefusal,
  type SeenGroup,
} from './binding-rules.ts'
import { bindingRepo } from './binding.repo.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import { bindingTexts, groupStatusText, label, PROPOSAL_PREFIX, type ProposalLine } from './binding.texts.ts'

/** What an account reports about its groups: its whole list (login), or one group joined, renamed or left. */
export interface GroupsChange {
  accountId: string
  seen: SeenGroup[]
  /** `seen` is the account's whole list: groups not in it are forgotten. */
  full: boolean
  left?: string[]
}

/**
 * Records the change, re-matches the districts the account serves, proposes, expires what no longer holds, and
 * writes one announcement per district for the proposals not yet told. Returns the posts to hand to the outbox
 * (their rows are committed with the proposals: a crash before the hand-over loses nothing, the sweeper sends them).
 */
export async function reviewGroups(db: Db, change: GroupsChange, now: Date): Promise<Keyed[]> {
  return inTransaction(
    db,
    async (tx) => {
      await bindingRepo.upsertGroups(tx, change.accountId, change.seen, now)
      if (change.full)
        await bindingRepo.forgetGroupsNotIn(
          tx,
          change.accountId,
          change.seen.map((g) => g.wxRoomId),
        )
      for (const id of change.left ?? []) await bindingRepo.forgetGroup(tx, change.accountId, id)
      const posts: Keyed[] = []
      for (const districtId of await bindingRepo.districtsOfAccount(tx, change.accountId)) {
        await bindingRepo.lockDistrict(tx, districtId)
        await matchDistrict(tx, districtId, now)
        const post = await announce(tx, districtId, now)
        if (post) posts.push(post)
      }
      await writeOutbox(tx, posts, now)
      return posts
    },
    { timeoutMs: 120_000 },
  )
}

async function matchDistrict(tx: DbOrTx, districtId: number, now: Date): Promise<void> {
  const accounts = await bindingRepo.accountsOfDistrict(tx, districtId)
  const seen = await bindingRepo.unboundGroups(tx, accounts)
  const matches = matchGroups(seen, await bindingRepo.openRooms(tx, districtId))
  await recordMatches(tx, matches)
  const seenBy = new Map<string, string[]>()
  for (const g of seen) seenBy.set(g.wxRoomId, [...(seenBy.get(g.wxRoomId) ?? []), g.accountId])
  const topicOf = new Map(seen.map((g) => [g.wxRoomId, g.topic]))
  // New proposals, numbered in one go; a stale one whose group matches its room again is proposed again.
  const fresh: { wxRoomId: string; roomId: number; topic: string; accountId: string }[] = []
  const known = new Map((await bindingRepo.proposalsOfDistrict(tx, districtId)).map((p) => [`${p.wxRoomId}/${p.roomId}`, p]))
  for (const [wxRoomId, m] of matches) {
    if (m.kind !== 'one') continue
    const existing = known.get(`${wxRoomId}/${m.room.id}`)
    const topic = topicOf.get(wxRoomId) ?? m.room.topic
    if (!existing) fresh.push({ wxRoomId, roomId: m.room.id, topic, accountId: must(seenBy.get(wxRoomId)?.[0], 'BINDING_SEEN_BY_MISSING') })
    else if (nextProposalState(existing.state, 'revive'))
      await bindingRepo.moveProposal(tx, existing.id, existing.state, { state: 'pending', reason: null, announcedAt: null, topic })
  }
  if (fresh.length) {
    const first = await shortIdRepo.nextMany(tx, districtId, PROPOSAL_PREFIX, fresh.length)
    await bindingRepo.createProposals(
      tx,
      fresh.map((f, i) => ({ districtId, number: first + i, ...f, createdAt: now })),
    )
  }
  // Pending proposals the latest matching no longer supports go stale, with the reason.
  for (const p of await bindingRepo.pendingOfDistrict(tx, districtId)) {
    const m = matches.get(p.wxRoomId)
    if (m?.kind === 'one' && m.room.id === p.roomId) continue
    const why = await currentStaleReason(tx, p, m)
    await bindingRepo.moveProposal(tx, p.id, 'pending', { state: 'stale', reason: bindingTexts.staleWhy(why ?? 'ambiguous') })
  }
}

/** The matching of each group, kept for `gridbot rooms` (grouped: a login of 150 groups is a few statements). */
async function recordMatches(tx: DbOrTx, matches: Map<string, GroupMatch>): Promise<void> {
  const plain: Record<'one' | 'none', string[]> = { one: [], none: [] }
  for (const [id, m] of matches) {
    if (m.kind === 'one' || m.kind === 'none') plain[m.kind].push(id)
    else await bindingRepo.setMatch(tx, [id], m.kind, m.kind === 'several' ? m.names : m.others)
  }
  for (const kind of ['one', 'none'] as const) if (plain[kind].length) await bindingRepo.setMatch(tx, plain[kind], kind, [])
}

type ProposalWithRoom = Awaited<ReturnType<typeof bindingRepo.pendingOfDistrict>>[number]

async function currentStaleReason(tx: DbOrTx, p: ProposalWithRoom, m: GroupMatch | undefined) {
  const room = await bindingRepo.roomWithUnit(tx, p.roomId)
  return staleReason({
    roomBound: Boolean(room?.wxRoomId),
    groupBound: await bindingRepo.isBoundGroup(tx, p.wxRoomId),
    currentTopic: await bindingRepo.groupTopic(tx, p.wxRoomId),
    roomTopic: room?.topic ?? p.room.topic,
    ambiguous: m !== undefined && !(m.kind === 'one' && m.room.id === p.roomId),
  })
}

const lineOf = (p: ProposalWithRoom): ProposalLine => ({ number: p.number, topic: p.topic, unitName: p.room.unit.name })

/** One message for the district's proposals not yet told: the first few by id, the rest counted. */
async function announce(tx: DbOrTx, districtId: number, now: Date): Promise<Keyed | null> {
  const pending = await bindingRepo.pendingOfDistrict(tx, districtId)
  const untold = pending.filter((p) => !p.announcedAt)
  if (untold.length === 0) return null
  const admin = await orgRepo.adminRoomOf(tx, districtId)
  if (!admin?.wxRoomId) return null // told when the district has an admins' group bound (the next review)
  const listed = untold.slice(0, ANNOUNCE_LIST_MAX)
  const text = bindingTexts.announce(listed.map(lineOf), untold.length - listed.length, pending.length)
  await bindingRepo.markAnnounced(
    tx,
    untold.map((p) => p.id),
    now,
  )
  const message: OutboundMessage = { accountId: admin.accountId, roomId: admin.wxRoomId, text, mentionIds: [] }
  const first = must(untold[0], 'BINDING_PROPOSAL_MISSING')
  const last = must(untold.at(-1), 'BINDING_PROPOSAL_MISSING')
  return { message, key: jobId('bind-proposals', districtId, first.number, last.number, untold.length) }
}

/**
 * After #绑定 bound a group: proposals it settles go stale, and when it was the admins' group (an org file without
 * its room id), the proposals that waited for one are told there now, not at the account's next login.
 */
export async function reviewAfterBind(w: Work, districtId: number): Promise<Keyed | null> {
  await bindingRepo.lockDistrict(w.db, districtId)
  await matchDistrict(w.db, districtId, w.now)
  return announce(w.db, districtId, w.now)
}

/** The admins' group of a district: where #确认绑定 and #拒绝绑定 are taken. */
export async function isAdminRoom(db: DbOrTx, districtId: number, roomRowId: number): Promise<boolean> {
  return (await orgRepo.adminRoomOf(db, districtId))?.id === roomRowId
}

export interface ConfirmOutcome {
  bound: { line: ProposalLine; result: Extract<BindResult, { kind: 'bound' }>; wxRoomId: string; accountId: string; topic: string }[]
  refused: { label: string; why: ProposalRefusal }[]
  /** Pending proposals left for the next #确认绑定 全部 (one takes at most CONFIRM_BATCH). */
  left: number
}

/**
 * Confirms proposals (numbers, or every pending one of the district): each is checked again (the room or the
 * group bound meanwhile, the topic changed, the account gone) and bound through #绑定's own service, or refused with
 * the reason and marked stale.
 */
export async function confirmProposals(w: Work, a: { districtId: number; memberId: number; numbers: number[] | 'all' }): Promise<ConfirmOutcome> {
  await bindingRepo.lockDistrict(w.db, a.districtId)
  const { chosen: all, refused } = await choose(w.db, a.districtId, a.numbers)
  const chosen = a.numbers === 'all' ? all.slice(0, CONFIRM_BATCH) : all
  const out: ConfirmOutcome = { bound: [], refused, left: all.length - chosen.length }
  for (const p of chosen) {
    const why = await currentStaleReason(w.db, p, undefined)
    if (why) {
      await bindingRepo.moveProposal(w.db, p.id, 'pending', { state: 'stale', reason: bindingTexts.staleWhy(why) })
      out.refused.push({ label: label(p.number), why: { code: 'BIND_PROPOSAL_STALE', reason: why } })
      continue
    }
    // The room's own account when it is in the group; else the account that saw it.
    const seeing = await bindingRepo.accountsSeeing(w.db, p.wxRoomId)
    const accountId = seeing.includes(p.room.accountId) ? p.room.accountId : (seeing[0] ?? p.accountId)
    const topic = (await bindingRepo.groupTopic(w.db, p.wxRoomId)) ?? p.topic
    const r = await bindRoomToUnit(w, {
      districtId: a.districtId,
      unitName: p.room.unit.name,
      wxRoomId: p.wxRoomId,
      topic,
      accountId,
      confirmed: false,
      roomRowId: p.roomId,
    })
    if (r.kind !== 'bound') {
      await bindingRepo.moveProposal(w.db, p.id, 'pending', { state: 'stale', reason: bindingTexts.confirmUnexpected })
      out.refused.push({ label: label(p.number), why: { code: 'BIND_PROPOSAL_CHANGED' } })
      continue
    }
    await bindingRepo.moveProposal(w.db, p.id, 'pending', { state: 'confirmed', decidedAt: w.now, decidedById: a.memberId })
    out.bound.push({ line: lineOf(p), result: r, wxRoomId: p.wxRoomId, accountId, topic })
  }
  return out
}

/** Refuses proposals for good (the group is never proposed for that room again): those refused, and the numbers
 *  that could not be (unknown, decided already). */
export async function refuseProposals(
  w: Work,
  a: { districtId: number; memberId: number; numbers: number[] },
): Promise<{ done: string[]; problems: ConfirmOutcome['refused'] }> {
  await bindingRepo.lockDistrict(w.db, a.districtId)
  const { chosen, refused } = await choose(w.db, a.districtId, a.numbers)
  const done: string[] = []
  for (const p of chosen) {
    await bindingRepo.moveProposal(w.db, p.id, 'pending', { state: 'refused', decidedAt: w.now, decidedById: a.memberId })
    done.push(label(p.number))
  }
  return { done, problems: refused }
}

/** The pending proposals named (or all), and a refusal for each number that is unknown or decided already. */
async function choose(db: DbOrTx, districtId: number, numbers: number[] | 'all') {
  if (numbers === 'all') return { chosen: await bindingRepo.pendingOfDistrict(db, districtId), refused: [] as ConfirmOutcome['refused'] }
  const rows = await bindingRepo.byNumbers(db, districtId, numbers)
  const refused: ConfirmOutcome['refused'] = []
  for (const n of numbers) {
    const row = rows.find((r) => r.number === n)
    if (!row) refused.push({ label: label(n), why: { code: 'BIND_PROPOSAL_UNKNOWN' } })
    // A stale one says why (e.g. #绑定 bound its unit's group meanwhile), as it did when refused on confirming.
    else if (row.state !== 'pending')
      refused.push({ label: label(n), why: { code: 'BIND_PROPOSAL_DECIDED', state: row.state, reason: row.state === 'stale' ? row.reason : null } })
  }
  return { chosen: rows.filter((r) => r.state === 'pending'), refused }
}

/** The district's pending proposals as the admins' group reads them (#确认绑定 alone; bindingTexts.pendingList words
 *  them): the first ANNOUNCE_LIST_MAX, and how many more wait. */
export async function pendingProposals(db: DbOrTx, districtId: number): Promise<{ lines: ProposalLine[]; more: number }> {
  const pending = await bindingRepo.pendingOfDistrict(db, districtId)
  const listed = pending.slice(0, ANNOUNCE_LIST_MAX)
  return { lines: listed.map(lineOf), more: pending.length - listed.length }
}

export interface GroupRow {
  accountId: string
  wxRoomId: string
  topic: string
  status: string
  proposedUnit: string | null
}

/** `gridbot rooms`: the groups accounts see that nothing is bound to, with their proposal or why there is none. */
export async function unboundGroups(db: DbOrTx): Promise<GroupRow[]> {
  return (await bindingRepo.unboundGroupsWithProposals(db)).map((g) => ({
    accountId: g.accountId,
    wxRoomId: g.wxRoomId,
    topic: g.topic,
    status: groupStatusText(g),
    proposedUnit: g.state === 'pending' ? g.unitName : null,
  }))
}

/** `gridbot rooms`: the pending proposal naming each org room (by room row id), as G12 from the group's topic. */
export async function pendingByRoom(db: DbOrTx): Promise<Map<number, string>> {
  return new Map((await bindingRepo.allPending(db)).map((p) => [p.roomId, bindingTexts.pendingForRoom(p.number, p.topic)]))
}
