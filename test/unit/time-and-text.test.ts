import { describe, expect, it } from 'vitest'
import { formatLocal, parseDuration, startOfLocalDay, startOfLocalMonth } from '../../src/core/time.ts'
import { splitText } from '../../src/outbound/split.ts'
import { VirtualClock } from '../../src/core/clock.ts'
import { compose } from '../../src/core/compose.ts'
import { jobId } from '../../src/core/ids.ts'

describe('local time (Asia/Shanghai) on any machine zone', () => {
  it('starts the day at Beijing midnight', () => {
    expect(startOfLocalDay(new Date('2026-11-20T15:59:00Z')).toISOString()).toBe('2026-11-19T16:00:00.000Z')
    expect(startOfLocalDay(new Date('2026-11-20T16:00:00Z')).toISOString()).toBe('2026-11-20T16:00:00.000Z')
  })
  it('starts the month at Beijing midnight on the 1st', () => {
    expect(startOfLocalMonth(new Date('2026-11-30T17:00:00Z')).toISOString()).toBe('2026-11-30T16:00:00.000Z')
    expect(startOfLocalMonth(new Date('2026-11-20T01:00:00Z')).toISOString()).toBe('2026-10-31T16:00:00.000Z')
  })
  it('formats local time', () => {
    expect(formatLocal(new Date('2026-11-20T01:05:00Z'))).toBe('11月20日 09:05')
    expect(formatLocal(new Date('2026-11-20T01:05:00Z'), false)).toBe('09:05')
  })
  it('parses durations', () => {
    expect(parseDuration('11m')).toBe(660_000)
    expect(parseDuration('2h')).toBe(7_200_000)
    expect(parseDuration('1d')).toBe(86_400_000)
    expect(parseDuration('30s')).toBe(30_000)
    expect(parseDuration('5h59m')).toBe(5 * 3_600_000 + 59 * 60_000)
    expect(parseDuration('soon')).toBeNull()
    expect(parseDuration('5x')).toBeNull()
  })
})

describe('VirtualClock', () => {
  it('stands still until advanced and never goes back', () => {
    const c = new VirtualClock(new Date('2026-11-20T01:00:00Z'))
    expect(c.now().toISOString()).toBe('2026-11-20T01:00:00.000Z')
    c.advance(60_000)
    expect(c.now().toISOString()).toBe('2026-11-20T01:01:00.000Z')
    c.set(new Date('2026-11-20T00:00:00Z'))
    expect(c.now().toISOString()).toBe('2026-11-20T01:01:00.000Z')
  })
})

describe('splitText', () => {
  it('keeps short texts whole', () => {
    expect(splitText('一行')).toEqual(['一行'])
  })
  it('cuts long texts at line ends, each part within the limit', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `第${i}行:${'网'.repeat(30)}`)
    const parts = splitText(lines.join('\n'), 1000)
    expect(parts.length).toBeGreaterThan(1)
    for (const p of parts) expect([...p].length).toBeLessThanOrEqual(1000)
    expect(parts.join('\n')).toBe(lines.join('\n'))
  })
  it('hard-cuts a single over-long line', () => {
    const parts = splitText('格'.repeat(2500), 1000)
    expect(parts.map((p) => p.length)).toEqual([1000, 1000, 500])
  })
})

describe('compose and ids', () => {
  it('runs middleware in order and stops when next is not called', async () => {
    const seen: string[] = []
    await compose<string[]>([
      async (c, next) => {
        c.push('a')
        await next()
        c.push('a-after')
      },
      async (c) => void c.push('b'),
      async (c) => void c.push('never'),
    ])(seen)
    expect(seen).toEqual(['a', 'b', 'a-after'])
  })
  it('builds BullMQ-safe deterministic job ids', () => {
    expect(jobId('in', 'bot:1', 'm 1')).toBe('in|bot_1|m_1')
    expect(jobId('a', 1)).toBe(jobId('a', 1))
  })
})
