// A pasted #任务 list (issue #23): one task per item, each with its own options; one task when it is no list; a bad
// item refuses the list, naming it.
import { describe, expect, it } from 'vitest'
import { parsePastedTasks } from '../../src/capabilities/tasks/task-paste.ts'

const now = new Date('2026-11-20T09:00:00+08:00')

describe('pasted #任务 lists', () => {
  it('numbered items with their own options', () => {
    const r = parsePastedTasks('本周任务：\n1. 修复3号楼路灯 截止 明天下午3点 @李佳鑫\n2. 清理5号楼楼道杂物\n3. 紧急 排查燃气管道 @张伟', now)
    expect(r?.ok).toBe(true)
    const t = r?.ok ? r.args : []
    expect(t.map((x) => x.title)).toEqual(['修复3号楼路灯', '清理5号楼楼道杂物', '排查燃气管道'])
    expect(t[0]!.deadline?.toISOString()).toBe('2026-11-21T07:00:00.000Z')
    expect(t[0]!.names).toEqual(['李佳鑫'])
    expect(t.map((x) => x.urgent)).toEqual([false, false, true])
  })
  it.each(['修复3号楼路灯 紧急 截止 明天下午3点 @李佳鑫', '6号楼电梯坏了，联系物业维修', '测量 2.5米 高的围墙'])('one task, not a list: %s', (text) => {
    expect(parsePastedTasks(text, now)).toBeNull()
  })
  it('a bad item refuses the list, naming it; more than 20 items are refused', () => {
    const r = parsePastedTasks('1. 修水管 截止 昨天\n2. 清理楼道', now)
    expect(r?.ok).toBe(false)
    expect(!r?.ok && r?.problem).toMatch(/^第 1 条:/)
    const many = Array.from({ length: 21 }, (_, i) => `${i + 1}. 事项${i + 1}`).join('\n')
    expect(!parsePastedTasks(many, now)?.ok && parsePastedTasks(many, now)).toMatchObject({ ok: false })
  })
})
