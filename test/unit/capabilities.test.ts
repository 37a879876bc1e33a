// The capability list is the one place capabilities are named: what the registry, #帮助, the timers worker, the
// sweeper and the events read from it must add up (no kind twice, every published event declared, help unchanged).
import { describe, expect, it } from 'vitest'
import { CAPABILITIES } from '../../src/capabilities/index.ts'
import { HELP_SECTIONS, commandSet } from '../../src/commands/registry.ts'
import { VirtualClock } from '../../src/core/clock.ts'
import { policySlices } from '../../src/app/capability-wiring.ts'
import { policySlices as testSlices } from '../helpers/policy-slices.ts'

describe('capabilities', () => {
  it('have unique names, and #帮助 keeps its sections in order', () => {
    expect(new Set(CAPABILITIES.map((c) => c.name)).size).toBe(CAPABILITIES.length)
    expect(HELP_SECTIONS.map((s) => s.title)).toEqual(['签到', '需求任务', '安全隐患', '志愿积分', '资源项目', '活动', '评价', '通知', '报表', '登记', '管理'])
    expect(HELP_SECTIONS.find((s) => s.title === '资源项目')?.commands.map((c) => c.name)).toEqual([
      '资源',
      '资源列表',
      '对接',
      '项目',
      '项目列表',
      '清单',
      '六个一',
    ])
  })

  it('no command word is claimed twice', () => {
    const words = CAPABILITIES.flatMap((c) => c.help?.commands ?? []).flatMap((c) => [c.name, ...c.aliases].map((w) => w.toLowerCase()))
    expect(words.length).toBe(new Set(words).size)
    expect(commandSet.find('签到')?.name).toBe('签到')
  })

  it('each timer kind has one handler, and every sweeper source belongs to a capability', () => {
    const deps = {} as never
    const kinds = CAPABILITIES.flatMap((c) => Object.keys(c.timers?.handlers(deps) ?? {}))
    expect(kinds.length).toBe(new Set(kinds).size)
    expect(kinds).toEqual(
      expect.arrayContaining([
        'escalate',
        'remind',
        'hazard_escalate',
        'project_escalate',
        'notice_sla',
        'digest',
        'ledger_export',
        'activity_remind',
        'activity_series',
      ]),
    )
    expect(CAPABILITIES.flatMap((c) => c.timers?.sources(new VirtualClock(new Date())) ?? []).length).toBe(12)
  })

  it('every event subscribed to is published by some capability, and outbox prefixes are distinct', () => {
    const published = new Set(CAPABILITIES.flatMap((c) => c.events?.publishes ?? []))
    for (const c of CAPABILITIES) for (const s of c.events?.subscribes ?? []) expect(published.has(s.event) || s.event === 'org.imported') // the kernel's org import publishes it.toBe(true)
    const prefixes = CAPABILITIES.flatMap((c) => (c.outbox ? [c.outbox.keyPrefix] : []))
    expect(prefixes.length).toBe(new Set(prefixes).size)
  })
  it('each policy slice has its own key, and the unit tests validate with the same slices', () => {
    expect(policySlices.map((s) => s.key)).toEqual(['hazards', 'points', 'projects', 'activities', 'evaluation', 'notices', 'digests'])
    expect(new Set(testSlices)).toEqual(new Set(policySlices))
  })
})
