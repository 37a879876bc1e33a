// Binding proposals' pure rules: how topics compare, which groups get a proposal, the proposal state table, and why
// a proposal can no longer be confirmed.
import { describe, expect, it } from 'vitest'
import {
  matchGroups,
  nextProposalState,
  PROPOSAL_TRANSITIONS,
  staleReason,
  topicKey,
  type OpenRoom,
  type ProposalAction,
  type ProposalState,
} from '../../src/capabilities/binding/binding-rules.ts'

describe('topicKey', () => {
  // [as WeChat shows it, as the org file writes it, equal?]
  const TABLE: [string, string, boolean][] = [
    ['华府社区5号网格群', '华府社区5号网格群', true],
    [' 华府社区5号网格群 ', '华府社区5号网格群', true],
    ['华府社区５号网格群', '华府社区5号网格群', true], // full-width digit
    ['华府社区 5号网格群', '华府社区5号网格群', true], // a space typed in the topic
    ['华府社区\u3000５号网格群', '华府社区5号网格群', true], // ideographic space, full-width digit
    ['华府\u200b社区5号网格群', '华府社区5号网格群', true], // zero-width space
    ['\u202e华府社区5号网格群', '华府社区5号网格群', true], // right-to-left override
    ['ＡＢＣ小区群', 'abc小区群', true], // full-width Latin, any case
    ['华府社区（一）群', '华府社区(一)群', true], // full-width brackets
    ['华府社区5号网格', '华府社区5号网格群', false], // not fuzzy: a missing 群 is another name
    ['华府社区6号网格群', '华府社区5号网格群', false],
    ['华府社区5号网格群2', '华府社区5号网格群', false],
  ]
  it.each(TABLE)('%j vs %j → %s', (a, b, equal) => {
    expect(topicKey(a) === topicKey(b)).toBe(equal)
  })
})

describe('matchGroups', () => {
  const rooms: OpenRoom[] = [
    { id: 1, topic: '华府社区5号网格群', unitName: '华府社区5号网格' },
    { id: 2, topic: '华府社区6号网格群', unitName: '华府社区6号网格' },
    { id: 3, topic: '1号网格群', unitName: '华府社区1号网格' },
    { id: 4, topic: '1号网格群', unitName: '建设社区1号网格' },
  ]
  const kindOf = (groups: { wxRoomId: string; topic: string }[]) =>
    Object.fromEntries(
      [...matchGroups(groups, rooms)].map(([id, m]) => [
        id,
        m.kind === 'one'
          ? `one:${m.room.id}`
          : m.kind === 'several'
            ? `several:${m.names.join('|')}`
            : m.kind === 'shared'
              ? `shared:${m.others.join('|')}`
              : 'none',
      ]),
    )

  it('exactly one room of that topic, no other group of it: proposed', () => {
    expect(kindOf([{ wxRoomId: 'a@chatroom', topic: '华府社区５号网格群' }])).toEqual({ 'a@chatroom': 'one:1' })
  })
  it('no room of that topic: none', () => {
    expect(kindOf([{ wxRoomId: 'a@chatroom', topic: '广场舞群' }])).toEqual({ 'a@chatroom': 'none' })
  })
  it('two rooms of that topic (two units named alike): several, with their units', () => {
    expect(kindOf([{ wxRoomId: 'a@chatroom', topic: '1号网格群' }])).toEqual({ 'a@chatroom': 'several:华府社区1号网格/1号网格群|建设社区1号网格/1号网格群' })
  })
  it('two groups of the same topic (a look-alike): neither is proposed', () => {
    expect(
      kindOf([
        { wxRoomId: 'a@chatroom', topic: '华府社区6号网格群' },
        { wxRoomId: 'b@chatroom', topic: '华府社区 6号网格群' },
      ]),
    ).toEqual({ 'a@chatroom': 'shared:b@chatroom', 'b@chatroom': 'shared:a@chatroom' })
  })
  it('the same group seen by two accounts is one group', () => {
    expect(
      kindOf([
        { wxRoomId: 'a@chatroom', topic: '华府社区6号网格群' },
        { wxRoomId: 'a@chatroom', topic: '华府社区6号网格群' },
      ]),
    ).toEqual({ 'a@chatroom': 'one:2' })
  })
  it('many groups at once: each on its own', () => {
    expect(
      kindOf([
        { wxRoomId: 'a@chatroom', topic: '华府社区5号网格群' },
        { wxRoomId: 'b@chatroom', topic: '华府社区6号网格群' },
        { wxRoomId: 'c@chatroom', topic: '闲聊群' },
      ]),
    ).toEqual({ 'a@chatroom': 'one:1', 'b@chatroom': 'one:2', 'c@chatroom': 'none' })
  })
  it('no open rooms: nothing matches', () => {
    expect([...matchGroups([{ wxRoomId: 'a@chatroom', topic: '华府社区5号网格群' }], []).values()]).toEqual([{ kind: 'none' }])
  })
})

describe('proposal states', () => {
  // [state, action, next state or null (refused)]
  const TABLE: [ProposalState, ProposalAction, ProposalState | null][] = [
    ['pending', 'confirm', 'confirmed'],
    ['pending', 'refuse', 'refused'],
    ['pending', 'expire', 'stale'],
    ['pending', 'revive', null],
    ['confirmed', 'confirm', null],
    ['confirmed', 'refuse', null],
    ['confirmed', 'expire', null],
    ['confirmed', 'revive', null],
    ['refused', 'confirm', null],
    ['refused', 'refuse', null],
    ['refused', 'expire', null],
    ['refused', 'revive', null], // refused for good: never proposed again
    ['stale', 'confirm', null],
    ['stale', 'refuse', null],
    ['stale', 'expire', null],
    ['stale', 'revive', 'pending'],
  ]
  it.each(TABLE)('%s × %s → %s', (state, action, next) => {
    expect(nextProposalState(state, action)).toBe(next)
  })
  it('the table has every state', () => {
    expect(Object.keys(PROPOSAL_TRANSITIONS).sort()).toEqual(['confirmed', 'pending', 'refused', 'stale'])
  })
})

describe('staleReason', () => {
  const base = { roomBound: false, groupBound: false, currentTopic: '华府社区5号网格群', roomTopic: '华府社区5号网格群' }
  const TABLE: [string, Partial<typeof base> & { ambiguous?: boolean }, string | null][] = [
    ['nothing changed', {}, null],
    ['only the form of the topic changed', { currentTopic: '华府社区５号网格群 ' }, null],
    ['the room got a group meanwhile', { roomBound: true }, 'room_bound'],
    ['the group got bound meanwhile', { groupBound: true }, 'group_bound'],
    ['both bound: the group first', { roomBound: true, groupBound: true }, 'group_bound'],
    ['the topic changed', { currentTopic: '华府社区5号网格群(旧)' }, 'topic_changed'],
    ['no account is in the group', { currentTopic: null as unknown as string }, 'group_gone'],
    ['a look-alike appeared', { ambiguous: true }, 'ambiguous'],
  ]
  it.each(TABLE)('%s → %s', (_name, change, expected) => {
    expect(staleReason({ ...base, ...change })).toBe(expected)
  })
})
