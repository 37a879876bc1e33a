// The 六个一 (words, progress, automatic credit by policy) and the funnel's counting, table by table.
import { describe, expect, it } from 'vitest'
import { SIX_KINDS, sixKindOf, sixProgress, taskCountsAsProblem } from '../../src/capabilities/projects/six-rules.ts'
import { countFunnel, funnelLine, type FunnelRows } from '../../src/capabilities/projects/funnel-rules.ts'

describe('六个一', () => {
  it.each([
    ['台账', 'ledger'],
    ['记好一本台账', 'ledger'],
    ['案例', 'case'],
    ['项目', 'project'],
    ['难题', 'problem'],
    ['调研报告', 'report'],
    ['建议', 'proposal'],
    ['proposal', 'proposal'],
    ['心得', null],
    ['', null],
  ])('%s → %s', (w, want) => expect(sixKindOf(w)).toBe(want))

  it('progress: any record of a kind counts once; what is missing in the report’s order', () => {
    const g = sixProgress([{ kind: 'case' }, { kind: 'ledger' }, { kind: 'case' }, { kind: 'bogus' }])
    expect(g.done).toEqual(['ledger', 'case'])
    expect(g.missing).toEqual(['project', 'problem', 'report', 'proposal'])
    expect(g.counts.case).toBe(2)
    expect(sixProgress(SIX_KINDS.map((kind) => ({ kind }))).missing).toEqual([])
  })

  it.each([
    ['urgent', 'urgent', false, true],
    ['urgent', 'normal', true, false],
    ['project', 'normal', true, true],
    ['project', 'urgent', false, false],
    ['none', 'urgent', true, false],
  ] as const)('policy %s: a %s task (in a project: %s) solved a hard problem → %s', (sixFromTask, priority, inProject, want) =>
    expect(taskCountsAsProblem({ priority, inProject }, { sixFromTask })).toBe(want),
  )
})

describe('the funnel', () => {
  const rows: FunnelRows = {
    needs: [
      { status: 'converted', taskId: 1 },
      { status: 'converted', taskId: 2 },
      { status: 'open', taskId: null },
      { status: 'closed', taskId: null },
    ],
    tasks: [
      { status: 'done', needId: 1 },
      { status: 'claimed', needId: 2 },
      { status: 'open', needId: null },
      { status: 'cancelled', needId: null },
    ],
    needTaskStatus: new Map([
      [1, 'done'],
      [2, 'claimed'],
    ]),
    projects: [{ status: 'done' }, { status: 'open' }, { status: 'cancelled' }],
    resources: 2,
    matches: [{ resourceId: 5 }, { resourceId: 5 }, { resourceId: 6 }],
  }
  it('counts needs met, tasks formed and done, projects, and matches', () => {
    expect(countFunnel(rows)).toEqual({
      needs: 4,
      needsMet: 2,
      needsConverted: 2,
      tasks: 3,
      tasksDone: 1,
      tasksFromNeeds: 2,
      projects: 2,
      projectsDone: 1,
      resources: 2,
      matches: 3,
      resourcesMatched: 2,
      activities: 0,
    })
  })
  it('reads as the report’s line', () => {
    expect(funnelLine(countFunnel(rows))).toBe('需求 4(已解决 2)→ 任务 3(已完成 1)→ 项目 2(已完成 1) · 资源 2 项,对接 3 次')
    const empty = countFunnel({ needs: [], tasks: [], needTaskStatus: new Map(), projects: [], resources: 0, matches: [] })
    expect(funnelLine(empty)).toBe('需求 0(已解决 0)→ 任务 0(已完成 0)→ 项目 0(已完成 0)')
    // Activities serving a project (#24), when there were any.
    expect(funnelLine(countFunnel({ ...rows, activities: 2 }))).toBe(
      '需求 4(已解决 2)→ 任务 3(已完成 1)→ 项目 2(已完成 1) · 资源 2 项,对接 3 次 · 项目活动 2 场',
    )
  })
})
