// Binding proposals' rules, pure: how a WeChat group's topic is compared with the org file's rooms, which groups
// get a proposal, and what may happen to a proposal in each state. Table-tested in test/unit/binding-rules.test.ts.
import { stripInvisible } from '../../parser/normalise.ts'
import { must } from '../../core/must.ts'

/**
 * A topic as compared: invisible and bidi characters gone, NFKC (full-width letters, digits and punctuation become
 * their plain forms), no spaces at all (groups are named "华府社区 5号网格群" and "华府社区5号网格群" alike), Latin
 * letters lower-cased. Still an exact comparison: nothing fuzzy binds a group.
 */
export function topicKey(topic: string): string {
  return stripInvisible(topic).normalize('NFKC').replace(/\s+/gu, '').toLowerCase()
}

/** A WeChat group no org room is bound to yet, as an account saw it. */
export interface SeenGroup {
  wxRoomId: string
  topic: string
}

/** An org file room with no WeChat group bound to it yet. */
export interface OpenRoom {
  id: number
  topic: string
  unitName: string
}

export type GroupMatch =
  | { kind: 'one'; room: OpenRoom }
  | { kind: 'none' }
  /** Several unbound rooms of the org file have this topic: an admin must say which (#绑定 in the group). */
  | { kind: 'several'; names: string[] }
  /** Another unbound group has the same topic and matches the same room: a look-alike; neither is proposed. */
  | { kind: 'shared'; others: string[] }

/**
 * Each group's match among the open rooms. A group is proposed only when its topic names exactly one open room and
 * no other unbound group names that room too (two groups called 华府社区群: which is the real one is for an admin).
 */
export function matchGroups(groups: SeenGroup[], rooms: OpenRoom[]): Map<string, GroupMatch> {
  const roomsByKey = new Map<string, OpenRoom[]>()
  for (const r of rooms) {
    const k = topicKey(r.topic)
    roomsByKey.set(k, [...(roomsByKey.get(k) ?? []), r])
  }
  const unique = new Map<string, SeenGroup>()
  for (const g of groups) unique.set(g.wxRoomId, g)
  const groupsByKey = new Map<string, string[]>()
  for (const g of unique.values()) {
    const k = topicKey(g.topic)
    groupsByKey.set(k, [...(groupsByKey.get(k) ?? []), g.wxRoomId])
  }
  const out = new Map<string, GroupMatch>()
  for (const g of unique.values()) {
    const k = topicKey(g.topic)
    const candidates = roomsByKey.get(k) ?? []
    const others = (groupsByKey.get(k) ?? []).filter((id) => id !== g.wxRoomId)
    if (candidates.length === 0) out.set(g.wxRoomId, { kind: 'none' })
    else if (candidates.length > 1) out.set(g.wxRoomId, { kind: 'several', names: candidates.map((r) => `${r.unitName}/${r.topic}`) })
    else if (others.length > 0) out.set(g.wxRoomId, { kind: 'shared', others })
    else out.set(g.wxRoomId, { kind: 'one', room: must(candidates[0], 'BINDING_CANDIDATE_MISSING') })
  }
  return out
}

export type ProposalState = 'pending' | 'confirmed' | 'refused' | 'stale'
export type ProposalAction = 'confirm' | 'refuse' | 'expire' | 'revive'

/** What each action does in each state: the next state, or null (not allowed: the proposal was decided already). */
export const PROPOSAL_TRANSITIONS: Record<ProposalState, Partial<Record<ProposalAction, ProposalState>>> = {
  // An admin confirms or refuses it; a change (the room bound meanwhile, the topic changed) makes it stale.
  pending: { confirm: 'confirmed', refuse: 'refused', expire: 'stale' },
  confirmed: {},
  // Refused for good: the same group is never proposed for the same room again.
  refused: {},
  // The group's topic matches again (renamed back): proposed again under its old id.
  stale: { revive: 'pending' },
}

export function nextProposalState(state: ProposalState, action: ProposalAction): ProposalState | null {
  return PROPOSAL_TRANSITIONS[state][action] ?? null
}

/** Why a pending proposal can no longer be confirmed (null: it can). */
export type StaleReason = 'room_bound' | 'group_bound' | 'topic_changed' | 'group_gone' | 'ambiguous'

export function staleReason(p: {
  /** The org room got a WeChat group meanwhile. */
  roomBound: boolean
  /** The group got bound (to this room or another) meanwhile. */
  groupBound: boolean
  /** The group's latest topic (null: no account sees the group any more). */
  currentTopic: string | null
  roomTopic: string
  /** The latest matching no longer names this room alone (a look-alike group, or a second room of that name). */
  ambiguous?: boolean
}): StaleReason | null {
  if (p.groupBound) return 'group_bound'
  if (p.roomBound) return 'room_bound'
  if (p.currentTopic === null) return 'group_gone'
  if (topicKey(p.currentTopic) !== topicKey(p.roomTopic)) return 'topic_changed'
  if (p.ambiguous) return 'ambiguous'
  return null
}

/** How many proposals one announcement lists by id; the rest are counted (1,154 groups: one message, not 1,154). */
export const ANNOUNCE_LIST_MAX = 20

/** How many proposals one #确认绑定 全部 binds (one unit of work: 1,158 took 43 s on PGlite, past the 30 s a
 *  message's transaction may take); the reply says how many are left for the next one. */
export const CONFIRM_BATCH = 200

/** Why one proposal was not confirmed or refused (binding.texts.ts proposalWhy words it). */
export type ProposalRefusal =
  | { code: 'BIND_PROPOSAL_STALE'; reason: StaleReason }
  | { code: 'BIND_PROPOSAL_CHANGED' }
  | { code: 'BIND_PROPOSAL_UNKNOWN' }
  | { code: 'BIND_PROPOSAL_DECIDED'; state: string; reason: string | null }
