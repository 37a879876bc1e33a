// The task state machine, cell by cell: status × action × how the actor stands → allowed (and to what) or the code.
import { describe, expect, it } from 'vitest'
import { TASK_TRANSITIONS, decide, relationsTo, type Relation, type TaskAction } from '../../src/capabilities/tasks/task-rules.ts'
import type { TaskStatus } from '../../src/capabilities/tasks/task.types.ts'

const rel = (...r: Relation[]) => new Set(r)
const none = rel()

// [status, action, relations, expected: a status to move to, or a refusal code]
const TABLE: [TaskStatus, TaskAction, Set<Relation>, string][] = [
  ['open', 'claim', rel('unit_cadre'), '→claimed'],
  ['open', 'claim', rel('supervisor_above'), '→claimed'],
  ['open', 'claim', rel('assigner'), 'TASK_CLAIM_DENIED'],
  ['open', 'claim', none, 'TASK_CLAIM_DENIED'],
  ['claimed', 'claim', rel('unit_cadre'), 'TASK_TAKEN'],
  ['claimed', 'claim', rel('assignee'), 'TASK_TAKEN'],
  ['done', 'claim', rel('unit_cadre'), 'TASK_CLOSED'],
  ['cancelled', 'claim', rel('supervisor_above'), 'TASK_CLOSED'],

  ['open', 'progress', rel('supervisor_above'), '→open'],
  ['open', 'progress', rel('unit_cadre'), '→open'],

  ['claimed', 'hand_back', rel('assignee'), '→open'],
  ['open', 'hand_back', rel('unit_cadre'), '→open'],
  ['claimed', 'hand_back', rel('supervisor_above'), 'TASK_HANDBACK_DENIED'],
  ['done', 'hand_back', rel('assignee'), 'TASK_CLOSED'],
  ['claimed', 'progress', rel('assignee'), '→claimed'],
  ['claimed', 'progress', rel('unit_cadre'), 'TASK_NOT_HOLDER'],
  ['done', 'progress', rel('assignee'), 'TASK_CLOSED'],

  ['open', 'complete', rel('unit_cadre'), '→done'],
  ['open', 'complete', none, 'TASK_CLAIM_DENIED'],
  ['claimed', 'complete', rel('assignee'), '→done'],
  ['claimed', 'complete', rel('supervisor_above'), '→done'],
  ['claimed', 'complete', rel('unit_cadre'), 'TASK_NOT_HOLDER'],
  ['done', 'complete', rel('assignee'), 'TASK_DONE'],
  ['cancelled', 'complete', rel('assignee'), 'TASK_CLOSED'],

  ['claimed', 'abandon', rel('assignee'), '→open'],
  ['claimed', 'abandon', rel('supervisor_above'), '→open'],
  ['claimed', 'abandon', rel('assigner'), 'TASK_NOT_HOLDER'],
  ['open', 'abandon', rel('supervisor_above'), 'TASK_NOT_CLAIMED'],
  ['done', 'abandon', rel('assignee'), 'TASK_NOT_CLAIMED'],

  ['open', 'cancel', rel('assigner'), '→cancelled'],
  ['claimed', 'cancel', rel('supervisor_above'), '→cancelled'],
  ['claimed', 'cancel', rel('assignee'), 'TASK_CANCEL_DENIED'],
  ['done', 'cancel', rel('assigner'), 'TASK_CLOSED'],

  ['open', 'take_over', rel('supervisor_above'), '→claimed'],
  ['claimed', 'take_over', rel('supervisor_above'), '→claimed'],
  ['claimed', 'take_over', rel('assignee', 'unit_cadre'), 'TASK_TAKEOVER_DENIED'],
  ['done', 'take_over', rel('supervisor_above'), 'TASK_CLOSED'],

  ['open', 'reassign', rel('supervisor_above'), '→claimed'],
  ['claimed', 'reassign', rel('assigner'), '→claimed'],
  ['claimed', 'reassign', rel('assignee', 'unit_cadre'), 'TASK_REASSIGN_DENIED'],
  ['cancelled', 'reassign', rel('supervisor_above'), 'TASK_CLOSED'],

  ['open', 'chase', none, '→open'],
  ['claimed', 'chase', none, '→claimed'],
  ['done', 'chase', rel('supervisor_above'), 'TASK_CLOSED'],
]

describe('task transition table', () => {
  it.each(TABLE)('%s × %s × %o → %s', (status, action, relations, want) => {
    const d = decide(status, action, relations)
    expect(d.ok ? `→${d.to}` : d.code).toBe(want)
  })

  it('has a cell for every status of every action, and closed tasks never move', () => {
    const statuses: TaskStatus[] = ['open', 'claimed', 'done', 'cancelled']
    for (const [action, row] of Object.entries(TASK_TRANSITIONS)) {
      expect(Object.keys(row).sort(), action).toEqual([...statuses].sort())
      for (const closed of ['done', 'cancelled'] as const) expect(typeof row[closed], `${action} on ${closed}`).toBe('string')
    }
  })
})

describe('relationsTo', () => {
  const unit = { id: 17, path: '/1/4/9/17/' }
  const person = (id: number, role: 'admin' | 'supervisor' | 'grid_cadre' | 'volunteer', unitId: number, path: string) => ({ id, role, unitId, unit: { path } })
  const task = { holderId: 5, creatorId: 6 }

  it.each([
    ['the holder, a cadre of the unit', person(5, 'grid_cadre', 17, '/1/4/9/17/'), ['assignee', 'unit_cadre']],
    ['the creator, a volunteer of the unit', person(6, 'volunteer', 17, '/1/4/9/17/'), ['assigner']],
    ['a supervisor of the community above', person(7, 'supervisor', 9, '/1/4/9/'), ['supervisor_above', 'cadre_above']],
    ['a supervisor of the grid itself', person(8, 'supervisor', 17, '/1/4/9/17/'), ['unit_cadre', 'supervisor_above']],
    ['an admin of the district', person(9, 'admin', 1, '/1/'), ['supervisor_above', 'cadre_above']],
    ['a cadre of a sibling grid', person(10, 'grid_cadre', 18, '/1/4/9/18/'), ['sibling']],
    ['a supervisor of a sibling community', person(11, 'supervisor', 10, '/1/4/10/'), ['sibling']],
  ] as const)('%s', (_, who, want) => {
    expect([...relationsTo(who, task, unit)].sort()).toEqual([...want].sort())
  })
})

describe('volunteers', () => {
  const unit = { id: 17, path: '/1/4/9/17/' }
  const volunteer = { id: 12, role: 'volunteer' as const, unitId: 17, unit: { path: '/1/4/9/17/' } }
  const open = { holderId: null, creatorId: 5 }
  it('claim only where the unit’s policy says so', () => {
    expect(decide('open', 'claim', relationsTo(volunteer, open, unit))).toEqual({ ok: false, code: 'TASK_CLAIM_DENIED' })
    expect(decide('open', 'claim', relationsTo(volunteer, open, unit, true))).toEqual({ ok: true, to: 'claimed' })
  })
})
