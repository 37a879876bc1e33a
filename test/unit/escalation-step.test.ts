// What a woken escalation or reminder job does, from the task row alone.
import { describe, expect, it } from 'vitest'
import { escalationStep, reminderStep } from '../../src/capabilities/tasks/escalation-step.ts'
import { REPOST_WINDOW_MS } from '../../src/kernel/escalation/step.ts'

const now = new Date('2026-11-20T10:00:00+08:00')
const ago = (ms: number) => new Date(now.getTime() - ms)
const row = (o: Partial<Parameters<typeof escalationStep>[0] & object> = {}) => ({
  status: 'open' as const,
  deadline: null,
  escalationCycle: 2,
  escalationKind: 'unclaimed',
  escalationLevel: 0,
  lastEscalatedAt: ago(60_000),
  ...o,
})

describe('escalationStep', () => {
  it.each([
    ['the next step of the live cycle', row(), 2, 1, 'post'],
    ['the first step', row({ escalationLevel: -1, lastEscalatedAt: null }), 2, 0, 'post'],
    ['its own step again, just after (a crash between commit and post)', row({ escalationLevel: 1 }), 2, 1, 'repost'],
    ['its own step again, long after', row({ escalationLevel: 1, lastEscalatedAt: ago(REPOST_WINDOW_MS + 1) }), 2, 1, 'stale'],
    ['a step two ahead', row(), 2, 2, 'stale'],
    ['a step already passed', row({ escalationLevel: 3 }), 2, 1, 'stale'],
    ['an old cycle', row(), 1, 1, 'stale'],
    ['a task claimed meanwhile', row({ status: 'claimed' }), 2, 1, 'stale'],
    ['a task with no cycle running', row({ escalationKind: null }), 2, 1, 'stale'],
    ['overdue and still claimed past its deadline', row({ status: 'claimed', escalationKind: 'overdue', deadline: ago(1) }), 2, 1, 'post'],
    ['overdue but its deadline moved into the future', row({ status: 'claimed', escalationKind: 'overdue', deadline: ago(-60_000) }), 2, 1, 'stale'],
    ['overdue but done', row({ status: 'done', escalationKind: 'overdue', deadline: ago(1) }), 2, 1, 'stale'],
  ] as const)('%s → %s', (_, task, cycle, level, want) => {
    expect(escalationStep(task, cycle, level, now)).toBe(want)
  })
  it('a deleted task is stale', () => expect(escalationStep(null, 1, 0, now)).toBe('stale'))
})

describe('reminderStep', () => {
  const claimed = { status: 'claimed' as const, deadline: ago(-3_600_000), escalationCycle: 4, remindersSent: 1, nextReminderAt: ago(-60_000) }
  it.each([
    ['the next reminder', claimed, 4, 1, 'post'],
    ['one already sent, a later one pending (make sure it is scheduled)', claimed, 4, 0, 'reschedule'],
    ['one already sent, none pending', { ...claimed, nextReminderAt: null }, 4, 0, 'stale'],
    ['an old cycle', claimed, 3, 1, 'stale'],
    ['a task no longer claimed', { ...claimed, status: 'done' as const }, 4, 1, 'stale'],
    ['a task without deadline', { ...claimed, deadline: null }, 4, 1, 'stale'],
  ] as const)('%s → %s', (_, task, cycle, index, want) => {
    expect(reminderStep(task, cycle, index)).toBe(want)
  })
})
