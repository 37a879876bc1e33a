// Which month #导出 台账 names (table-tested), and the file name people see.
import { describe, expect, it } from 'vitest'
import { ledgerFileName, ledgerMonthOf } from '../../src/capabilities/digests/ledger-rules.ts'

const now = new Date('2026-11-20T09:00:00+08:00')

describe('ledgerMonthOf', () => {
  it.each([
    [undefined, '2026-11', '2026年11月'],
    ['本月', '2026-11', '2026年11月'],
    ['上月', '2026-10', '2026年10月'],
    ['11月', '2026-11', '2026年11月'],
    ['12月', '2025-12', '2025年12月'], // the latest December not in the future
    ['2026-03', '2026-03', '2026年3月'],
    ['十月', '2026-10', '2026年10月'],
  ])('%s → %s', (word, month, label) => {
    expect(ledgerMonthOf(word, now)).toEqual({ ok: true, month, label })
  })

  it.each([['明年'], ['本季'], ['2027-01'], ['13月'], ['昨天']])('%s is refused with what may be written', (word) => {
    const r = ledgerMonthOf(word, now)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problem).toMatch(/本月|还没到/)
  })

  it('names the file by unit and month', () => {
    expect(ledgerFileName('华府社区', '2026年11月')).toBe('台账-华府社区-2026年11月.xlsx')
  })
})
