// Dates on the command line (issue #29, item 15): a day not on the calendar or a period to come is refused with the
// reason; `gridbot export …` exits non-zero with that message only.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkDay, checkMonth } from '../../src/core/cli-dates.ts'
import { ROOT } from '../helpers/cli-process.ts'

const now = new Date('2026-11-20T09:00:00+08:00')

describe('checkDay', () => {
  it.each([
    ['2026-11-01', '2026-10-31T16:00:00.000Z'],
    ['2026-2-28', '2026-02-27T16:00:00.000Z'],
    ['2024-02-29', '2024-02-28T16:00:00.000Z'],
    ['2026-11-20', '2026-11-19T16:00:00.000Z'], // today
  ])('%s is the start of that day in China time', (text, iso) => {
    const r = checkDay(text, now)
    expect(r.ok && r.value.toISOString()).toBe(iso)
  })
  it.each([
    ['2026-13-45', '没有 13 月'],
    ['2026-11-31', '没有 31 日'],
    ['2026-02-30', '没有 30 日'],
    ['2025-02-29', '没有 29 日'],
    ['2026-00-10', '没有 0 月'],
    ['2026-11-21', '还没到'],
    ['2099-01-01', '还没到'],
    ['11月1日', 'YYYY-MM-DD'],
    ['2026/11/01', 'YYYY-MM-DD'],
  ])('%s is refused: %s', (text, why) => {
    const r = checkDay(text, now)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toContain(why)
  })
})

describe('checkMonth', () => {
  it.each(['2026-11', '2026-1', '2025-12'])('%s is a month that has begun', (text) => expect(checkMonth(text, now)).toEqual({ ok: true, value: text }))
  it.each([
    ['2099-01', '还没到'],
    ['2026-12', '还没到'],
    ['2026-13', '没有 13 月'],
    ['2026-00', '没有 0 月'],
    ['2026年11月', 'YYYY-MM'],
  ])('%s is refused: %s', (text, why) => {
    const r = checkMonth(text, now)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toContain(why)
  })
})

describe('gridbot export with an impossible date', () => {
  const gridbot = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(ROOT, 'bin/gridbot.js'), ...args], {
      // No database is needed to refuse: the date is checked first.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, GRIDBOT_NO_DOTENV: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    })
  it.each([
    [['export', 'hazards', '--format', 'csv', '--since', '2026-11-31'], '没有 31 日'],
    [['export', 'hazards', '--since', '2026-13-45'], '没有 13 月'],
    [['export', 'ledger', '--month', '2099-01'], '2099年1月还没到'],
    [['export', 'points', '--month', '2099-01'], '2099年1月还没到'],
    [['export', 'evaluation', '--month', '2026-13'], '没有 13 月'],
  ])('%j exits 1 with the reason only', (args, why) => {
    const r = gridbot(...args)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(why)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(r.stdout).not.toContain('已写入')
  })
})
