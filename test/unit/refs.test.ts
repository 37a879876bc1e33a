import { describe, expect, it } from 'vitest'
import { parseRef, refInRange } from '../../src/parser/refs.ts'

describe('parseRef', () => {
  it.each([
    ['T12', 12, 'T12'],
    ['t12', 12, 'T12'],
    ['T1。', 1, 'T1'], // phones add a full stop
    ['T1,', 1, 'T1'],
    ['T7!', 7, 'T7'],
    ['T3)', 3, 'T3'],
    ['T007', 7, 'T7'],
    ['T999999999999', 999999999999, 'T999999999999'],
  ])('%s → %s', (raw, number, label) => {
    expect(parseRef('T', raw)).toEqual({ ok: true, number, label })
  })

  it.each([
    ['12', 'malformed'],
    ['N12', 'malformed'],
    ['T', 'malformed'],
    ['T1a', 'malformed'],
    ['任务1', 'malformed'],
    ['T1234567890123456789', 'malformed'],
    ['', 'missing'],
    [undefined, 'missing'],
  ])('%s is %s', (raw, problem) => {
    expect(parseRef('T', raw)).toEqual({ ok: false, problem })
  })

  it('knows which numbers can name a stored record', () => {
    expect([0, 1, 2_147_483_647, 2_147_483_648, 999999999999].map(refInRange)).toEqual([false, true, true, false, false])
  })
})
