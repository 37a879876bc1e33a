// The 台账's rows as people read them (issue #29): categories in Chinese, and a correction naming the record it reversed.
import { describe, expect, it } from 'vitest'
import { hazardRows, pointsRows, type LedgerNames } from '../../src/capabilities/digests/ledger-rows.ts'
import { ledgerTexts } from '../../src/capabilities/digests/ledger.texts.ts'
import { entryRef } from '../../src/capabilities/points/points-rules.ts'

const names: LedgerNames = { reader: 1, units: new Map([[1, '华府社区']]), members: new Map() }
const at = new Date('2026-11-20T01:00:00Z')

describe('the 隐患 sheet', () => {
  const hazard = (category: string) => ({
    number: 1,
    category,
    description: '消防通道堵塞',
    address: null,
    reportUnitId: 1,
    unitId: 1,
    reporterMemberId: null,
    reporterName: '张大爷',
    status: 'reported' as const,
    createdAt: at,
    acknowledgedAt: null,
    resolvedAt: null,
    closedAt: null,
    reportCount: 1,
  })
  it.each([
    ['fire', '消防'],
    ['environment', '环境'],
  ])('shows the category %s as %s, not the code', (code, label) => {
    const [row] = hazardRows([hazard(code)], names)
    expect(row![ledgerTexts.hazardHeaders.indexOf('类别')]).toBe(label)
    expect(row).not.toContain(code)
  })
})

describe('the 积分 sheet and `export points`', () => {
  const entry = (source: string, ref: string, reversedRef: string | null, centi: number) => ({
    at,
    member: '李佳鑫',
    unit: '华府社区',
    unitId: 1,
    source,
    ref,
    reversedRef,
    centi,
    reason: source === 'correction' ? '重复' : null,
  })
  it('names the record a correction reversed (编号)', () => {
    const rows = pointsRows([entry('volunteer', 'V1', null, 200), entry('correction', 'rev:17', 'V1', -200)], names)
    const col = ledgerTexts.pointsHeaders.indexOf('编号')
    expect(rows.map((r) => r[col])).toEqual(['V1', 'V1'])
    expect(rows[1]).toContain('冲正')
  })
  it.each([
    [{ source: 'task', ref: 'T3' }, 'T3'],
    [{ source: 'correction', ref: 'rev:9', reversedRef: 'T3' }, 'T3'],
    [{ source: 'correction', ref: 'rev:9', reversedRef: 'R5:T3' }, 'R5:T3'],
    [{ source: 'redeem', ref: 'K7Q2MX' }, 'K7Q2MX'],
  ])('entryRef(%o) = %s', (e, ref) => expect(entryRef(e)).toBe(ref))
})
