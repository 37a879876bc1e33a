// Issue #29 item 13: balances never go below zero — a correction of points already spent records what is owed
// (待抵扣), which later earnings pay first. The pure arithmetic, table-tested.
import { describe, expect, it } from 'vitest'
import { applyEarning, applyReversal, splitBalance } from '../../src/capabilities/points/points-rules.ts'

describe('balance and what is owed', () => {
  it.each([
    [0, 0, 0],
    [300, 300, 0],
    [-200, 0, 200],
    [-1, 0, 1],
  ])('a ledger sum of %i reads as balance %i, owed %i', (sum, balance, owed) => {
    expect(splitBalance(sum)).toEqual({ balance, owed })
  })

  it.each([
    // sumAfter, centi → paid off the debt, credited, still owed
    [100, 300, 200, 100, 0], // owed 2, earned 3: 2 pay the debt, 1 to the balance
    [-100, 100, 100, 0, 100], // owed 2, earned 1: all of it pays, 1 still owed
    [0, 200, 200, 0, 0], // owed exactly what was earned
    [500, 200, 0, 200, 0], // nothing owed: all credited
  ])('an earning leaving the sum at %i after +%i pays %i owed, credits %i, leaves %i owed', (sumAfter, centi, paidOwed, credited, owedLeft) => {
    expect(applyEarning(sumAfter, centi)).toEqual({ paidOwed, credited, owedLeft })
  })

  it.each([
    // sumAfter, reversed centi → taken off the balance, newly owed, owed in all
    [-200, 200, 0, 200, 200], // 2 earned, 2 spent, then reversed: all owed
    [100, 200, 200, 0, 0], // balance 3, 2 reversed: balance 1
    [-100, 300, 200, 100, 100], // balance 2, 3 reversed: 2 off, 1 owed
    [-500, 200, 0, 200, 500], // already owed 3: 2 more owed
  ])('a reversal leaving the sum at %i after -%i takes %i off the balance, adds %i owed (%i in all)', (sumAfter, centi, fromBalance, owedAdded, owed) => {
    expect(applyReversal(sumAfter, centi)).toEqual({ fromBalance, owedAdded, owed })
  })
})
