// Conversation-script expectations, checked against hand-made transcripts (no simulator, no services).
import { describe, expect, it } from 'vitest'
import { checkExpectation, runScript, scriptSchema } from '../../src/sim/script.ts'
import type { TranscriptLine } from '../../src/sim/world.ts'

const ROOM = '华府社区5号网格群'
const bot = (text: string, mentions: string[] = [], room = ROOM): TranscriptLine => ({
  at: '2026-11-20T01:00:00.000Z',
  room,
  from: '网格助手',
  text,
  mentions,
  self: true,
})
const member = (text: string): TranscriptLine => ({ at: '2026-11-20T01:00:00.000Z', room: ROOM, from: '李佳鑫', text, mentions: [], self: false })

/** Parses one expect step the way a script file would be, so the tests see the schema's output. */
const exp = (e: Record<string, unknown>) => {
  const step = scriptSchema.parse({ steps: [{ expect: { room: ROOM, ...e } }] }).steps[0]!
  if (!('expect' in step)) throw new Error('not an expect step')
  return step.expect
}

const window = [
  member('#签到 走访 5户'),
  bot('签到成功:走访 5户。您今日第 1 次', ['李佳鑫']),
  bot('华府社区5号网格今日共 1 次'),
  bot('别的群', [], '华府社区群'),
]

describe('checkExpectation: exactly', () => {
  it('passes when the room holds exactly these messages, in order (other rooms and members ignored)', () => {
    expect(checkExpectation(exp({ exactly: ['签到成功', '今日共 1 次'] }), window)).toBeNull()
    expect(
      checkExpectation(
        exp({
          exactly: [
            { contains: ['签到成功', '走访 5户'], mentions: ['李佳鑫'] },
            { contains: '今日共', notContains: '撤销' },
          ],
        }),
        window,
      ),
    ).toBeNull()
  })

  it('fails on an extra message, naming it', () => {
    const p = checkExpectation(exp({ exactly: ['签到成功'] }), window)
    expect(p).toContain('多出第 2 条')
    expect(p).toContain('今日共 1 次')
    expect(p).toContain('期望 1 条')
    expect(p).toContain('实际 2 条')
  })

  it('fails on a duplicate the loose form lets through', () => {
    const twice = [bot('签到成功 您今日第 2 次'), bot('签到成功 您今日第 2 次')]
    expect(checkExpectation(exp({ contains: '您今日第 2 次' }), twice)).toBeNull()
    expect(checkExpectation(exp({ exactly: ['您今日第 2 次'] }), twice)).toContain('多出第 2 条')
  })

  it('fails on a missing message, showing what was expected', () => {
    const p = checkExpectation(exp({ exactly: ['签到成功', '今日共 1 次', '位置已附加'] }), window)
    expect(p).toContain('缺少第 3 条')
    expect(p).toContain('位置已附加')
    expect(checkExpectation(exp({ exactly: ['签到成功'] }), [])).toContain('实际 0 条')
  })

  it('checks the order', () => {
    const p = checkExpectation(exp({ exactly: ['今日共 1 次', '签到成功'] }), window)
    expect(p).toContain('第 1 条不符')
    expect(p).toContain('签到成功:走访 5户')
  })

  it('checks mentions and notContains of each message', () => {
    expect(checkExpectation(exp({ exactly: [{ contains: '签到成功', mentions: ['小杨'] }, '今日共'] }), window)).toContain('@小杨')
    expect(checkExpectation(exp({ exactly: ['签到成功', { contains: '今日共', mentions: ['李佳鑫'] }] }), window)).toContain('第 2 条不符')
    expect(checkExpectation(exp({ exactly: [{ contains: '签到成功', notContains: '走访' }, '今日共'] }), window)).toContain('不含 "走访"')
  })
})

describe('checkExpectation: the loose forms', () => {
  it('contains passes when any message matches; none and count', () => {
    expect(checkExpectation(exp({ contains: '今日共' }), window)).toBeNull()
    expect(checkExpectation(exp({ contains: '撤销' }), window)).toContain('没有符合的机器人消息')
    expect(checkExpectation(exp({ none: true }), window)).toContain('不应有机器人消息')
    expect(checkExpectation(exp({ none: true }), [member('大家好')])).toBeNull()
    expect(checkExpectation(exp({ count: 2 }), window)).toBeNull()
    expect(checkExpectation(exp({ count: 1 }), window)).toContain('应有 1 条')
  })
})

describe('scriptSchema: expect', () => {
  const problems = (e: Record<string, unknown>) => {
    const r = scriptSchema.safeParse({ steps: [{ expect: { room: ROOM, ...e } }] })
    return r.success ? [] : r.error.issues.map((i) => i.message)
  }
  it('refuses exactly mixed with the loose keys, an empty list, and unknown keys', () => {
    expect(problems({ exactly: ['a'], count: 1 }).join()).toContain('exactly 不能与')
    expect(problems({ exactly: [] }).join()).toContain('none: true')
    expect(problems({ exactley: ['a'] })).not.toEqual([])
    expect(problems({ exactly: [{ contains: 'a', mention: ['b'] }] })).not.toEqual([])
    expect(problems({ exactly: ['a', { contains: ['b', 'c'], mentions: ['d'], notContains: 'e' }] })).toEqual([])
  })
})

describe('runScript: the window of an expect (issue #29)', () => {
  /** A stand-in simulator: every say is answered by one bot message naming it; nothing else runs. */
  const fakeSession = () => {
    const transcript: TranscriptLine[] = []
    const world = {
      transcript,
      person: (name: string) => ({ name, wxid: name }),
      say: (p: { name: string }, room: string, text: string) => {
        transcript.push({ ...member(text), room, from: p.name })
        transcript.push(bot(`回复:${text}`, [], room))
        return String(transcript.length)
      },
    }
    return { world, settle: async () => {} } as never
  }
  const steps = (...s: Record<string, unknown>[]) => scriptSchema.parse({ steps: s })

  it('holds what the bot said since the last step that was not an expect (the README example)', async () => {
    const r = await runScript(
      fakeSession(),
      steps(
        { say: '#签到 巡查', from: '李佳鑫', room: ROOM },
        { say: '#签到 走访', from: '李佳鑫', room: ROOM },
        { say: '#签到 会议', from: '李佳鑫', room: ROOM },
        { expect: { room: ROOM, exactly: ['回复:#签到 会议'] } },
        { expect: { room: ROOM, count: 1 } },
      ),
      '.',
    )
    expect(r.failures).toEqual([])
    expect(r.ok).toBe(true)
  })
  it('does not see replies to earlier steps, even when no expect came between', async () => {
    const r = await runScript(
      fakeSession(),
      steps({ say: '#签到 巡查', from: '李佳鑫', room: ROOM }, { say: '#签到 走访', from: '李佳鑫', room: ROOM }, { expect: { room: ROOM, contains: '巡查' } }),
      '.',
    )
    expect(r.ok).toBe(false)
    expect(r.failures[0]!.step).toBe(3)
  })
})
