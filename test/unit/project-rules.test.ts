// Projects' pure rules: the state machine cell by cell, how people stand to a project, what may be linked, the
// project's tasks and progress, what blocks completing it, and the escalation step decision on the tasks' engine.
import { describe, expect, it } from 'vitest'
import {
  PROJECT_TRANSITIONS,
  completionBlockers,
  decideProject,
  mayLink,
  maySeeProject,
  projectProgress,
  projectRelations,
  projectTasks,
  type ProjectAction,
  type ProjectRelation,
} from '../../src/capabilities/projects/project-rules.ts'
import { hasWorkDone, paysHolder } from '../../src/capabilities/projects/project-rules.ts'
import { projectEscalationStep } from '../../src/capabilities/projects/project-escalation.service.ts'
import { DEFAULT_PROJECT_POLICY, projectPolicyInput, resolveProjectPolicy } from '../../src/capabilities/projects/project-policy.ts'
import { toPolicyPatch } from '../../src/kernel/policy/policy.ts'
import type { ProjectStatus, ProjectTask } from '../../src/capabilities/projects/project.types.ts'
import { policySlices } from '../helpers/policy-slices.ts'

const rel = (...r: ProjectRelation[]) => new Set(r)

const TABLE: [ProjectStatus, ProjectAction, Set<ProjectRelation>, string][] = [
  ['open', 'claim', rel('cadre'), '→claimed'],
  ['open', 'claim', rel('supervisor'), '→claimed'],
  ['open', 'claim', rel('creator'), 'PROJECT_CLAIM_DENIED'],
  ['open', 'claim', rel(), 'PROJECT_CLAIM_DENIED'],
  ['claimed', 'claim', rel('cadre'), 'PROJECT_TAKEN'],
  ['done', 'claim', rel('cadre'), 'PROJECT_CLOSED'],
  ['cancelled', 'claim', rel('supervisor'), 'PROJECT_CLOSED'],
  ['open', 'add', rel('creator'), '→open'],
  ['open', 'add', rel('cadre'), 'PROJECT_ADD_DENIED'],
  ['claimed', 'add', rel('holder'), '→claimed'],
  ['claimed', 'add', rel('supervisor'), '→claimed'],
  ['done', 'add', rel('creator'), 'PROJECT_CLOSED'],
  ['open', 'complete', rel('supervisor'), 'PROJECT_NOT_CLAIMED'],
  ['claimed', 'complete', rel('holder'), '→done'],
  ['claimed', 'complete', rel('supervisor'), '→done'],
  ['claimed', 'complete', rel('cadre', 'creator'), 'PROJECT_NOT_HOLDER'],
  ['done', 'complete', rel('holder'), 'PROJECT_DONE'],
  ['cancelled', 'complete', rel('holder'), 'PROJECT_CLOSED'],
  // The verbs projects share with tasks (#22), their who from the kernel's authority table.
  ['claimed', 'abandon', rel('holder'), '→open'],
  ['claimed', 'abandon', rel('cadre'), 'PROJECT_NOT_HOLDER'],
  ['open', 'abandon', rel('supervisor'), 'PROJECT_NOT_CLAIMED'],
  ['open', 'cancel', rel('creator'), '→cancelled'],
  ['claimed', 'cancel', rel('holder', 'cadre'), 'PROJECT_CANCEL_DENIED'],
  ['done', 'cancel', rel('supervisor'), 'PROJECT_CLOSED'],
  ['open', 'take_over', rel('supervisor'), '→claimed'],
  ['claimed', 'take_over', rel('creator'), 'PROJECT_TAKEOVER_DENIED'],
  ['claimed', 'reassign', rel('creator'), '→claimed'],
  ['open', 'reassign', rel('holder', 'cadre'), 'PROJECT_REASSIGN_DENIED'],
  ['cancelled', 'reassign', rel('supervisor'), 'PROJECT_CLOSED'],
]

describe('the project transition table', () => {
  for (const [status, action, relations, want] of TABLE) {
    it(`${status} × ${action} × {${[...relations].join(',')}} → ${want}`, () => {
      const d = decideProject(status, action, relations)
      expect(d.ok ? `→${d.to}` : d.code).toBe(want)
    })
  }
  it('has a cell for every status and action', () => {
    for (const a of Object.keys(PROJECT_TRANSITIONS) as ProjectAction[])
      expect(Object.keys(PROJECT_TRANSITIONS[a]).sort()).toEqual(['cancelled', 'claimed', 'done', 'open'])
  })
})

const town = { path: '/1/2/' }
const community = { path: '/1/2/3/' }
const grid = { path: '/1/2/3/4/' }
const otherGrid = { path: '/1/2/5/6/' }
const person = (id: number, role: 'grid_cadre' | 'supervisor' | 'volunteer' | 'admin', unit: { path: string }, unitId = 0) => ({ id, role, unitId, unit })

describe('who stands how to a project of the community', () => {
  const p = { holderId: 7, creatorId: 8 }
  it.each([
    ['a grid cadre below (a young cadre who 领题)', person(1, 'grid_cadre', grid), ['cadre']],
    ['a supervisor of the community', person(2, 'supervisor', community), ['cadre', 'supervisor']],
    ['a supervisor of the town above', person(3, 'supervisor', town), ['supervisor']],
    ['a volunteer below', person(4, 'volunteer', grid), []],
    ['a grid cadre of another community', person(5, 'grid_cadre', otherGrid), []],
    ['its holder', person(7, 'grid_cadre', grid), ['holder', 'cadre']],
    ['its creator', person(8, 'supervisor', community), ['creator', 'cadre', 'supervisor']],
  ])('%s', (_l, m, want) => {
    expect([...projectRelations(m, p, community)].sort()).toEqual([...want].sort())
  })
  it('is seen from its unit, above and below; not from a sibling subtree', () => {
    expect(maySeeProject({ unit: grid }, community)).toBe(true)
    expect(maySeeProject({ unit: town }, community)).toBe(true)
    expect(maySeeProject({ unit: otherGrid }, community)).toBe(false)
  })
})

describe('what may be linked', () => {
  it.each([
    ['need', grid, true],
    ['need', community, true],
    ['need', town, false],
    ['task', otherGrid, false],
    ['resource', town, true],
    ['resource', grid, true],
    ['resource', otherGrid, false],
  ] as const)('%s of %o → %s', (kind, unit, want) => expect(mayLink(kind, community, unit)).toBe(want))
})

const t = (id: number, status: ProjectTask['status'], needId: number | null = null): ProjectTask => ({
  id,
  number: id,
  title: `t${id}`,
  status,
  needId,
  unitId: 1,
})

describe('tasks, progress and completion', () => {
  it('counts linked tasks and tasks made from linked needs once, without cancelled ones', () => {
    const tasks = projectTasks([t(1, 'done'), t(2, 'open'), t(5, 'cancelled')], [t(2, 'open', 9), t(3, 'claimed', 10)])
    expect(tasks.map((x) => x.id)).toEqual([1, 2, 3])
    expect(completionBlockers(tasks).map((x) => x.id)).toEqual([2, 3])
  })
  it('a need is met when closed or its task is done', () => {
    const needs = [
      { id: 9, number: 9, description: '', status: 'converted' as const, taskId: 1, unitId: 1 },
      { id: 10, number: 10, description: '', status: 'converted' as const, taskId: 3, unitId: 1 },
      { id: 11, number: 11, description: '', status: 'closed' as const, taskId: null, unitId: 1 },
      { id: 12, number: 12, description: '', status: 'open' as const, taskId: null, unitId: 1 },
    ]
    const tasks = [t(1, 'done'), t(3, 'claimed')]
    expect(projectProgress(tasks, needs, new Set([1]))).toEqual({ tasksDone: 1, tasksAll: 2, needsMet: 2, needsAll: 4 })
    expect(completionBlockers([t(1, 'done'), t(4, 'cancelled')])).toEqual([])
  })
})

describe('escalation of unclaimed projects (the tasks’ step decision)', () => {
  const now = new Date('2026-11-21T09:00:00Z')
  const row = { status: 'open' as const, escalationCycle: 1, escalationLevel: 0, lastEscalatedAt: new Date(now.getTime() - 60_000) }
  it.each([
    ['the next level', row, 1, 1, 'post'],
    ['a level posted a minute ago (a retry)', row, 1, 0, 'repost'],
    ['an old cycle', row, 0, 1, 'stale'],
    ['a claimed project', { ...row, status: 'claimed' as const }, 1, 1, 'stale'],
    ['a skipped level', row, 1, 2, 'stale'],
  ])('%s', (_l, r, cycle, level, want) => expect(projectEscalationStep(r, cycle, level, now)).toBe(want))
  it('is stale for a missing project', () => expect(projectEscalationStep(null, 1, 0, now)).toBe('stale'))
})

describe('policies.projects', () => {
  it('defaults: a day per level, projects and urgent tasks count for the 六个一', () => {
    expect(resolveProjectPolicy([])).toEqual(DEFAULT_PROJECT_POLICY)
    expect(DEFAULT_PROJECT_POLICY).toEqual({ escalationMs: 86_400_000, sixFromProject: true, sixFromTask: 'urgent' })
  })
  it('is validated and converted at import, and merged down the tree (nearest wins)', () => {
    const district = toPolicyPatch({ projects: { escalation: '2d', sixFromTask: 'project' } }, policySlices)
    const grid = toPolicyPatch({ projects: { escalation: '12h' } }, policySlices)
    if (!district.ok || !grid.ok) throw new Error('valid')
    expect(resolveProjectPolicy([district.patch, grid.patch])).toEqual({ escalationMs: 12 * 3_600_000, sixFromProject: true, sixFromTask: 'project' })
    expect(toPolicyPatch({ projects: { sixFromTask: 'sometimes' } }, policySlices).ok).toBe(false)
    expect(toPolicyPatch({ projects: { escalation: 'soon' } }, policySlices).ok).toBe(false)
    expect(projectPolicyInput.safeParse({ unknown: 1 }).success).toBe(false)
  })
})

describe('closing and paying (hostile testing: empty projects farmed points)', () => {
  const t = (status: string) => ({ status }) as never
  it('closes only with a task done', () => {
    expect(hasWorkDone([])).toBe(false)
    expect(hasWorkDone([t('cancelled')])).toBe(false)
    expect(hasWorkDone([t('cancelled'), t('done')])).toBe(true)
  })
  it('does not pay a holder who created it', () => {
    expect(paysHolder({ creatorId: 1 }, 1)).toBe(false)
    expect(paysHolder({ creatorId: 1 }, 2)).toBe(true)
  })
})
