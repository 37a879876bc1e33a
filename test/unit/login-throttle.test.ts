// Issue #25: console login attempts throttled per address and over all addresses.
import { describe, expect, it } from 'vitest'
import { AttemptLimiter, loginLimits } from '../../src/web/auth/login-throttle.ts'

describe('login attempt limits', () => {
  it('blocks an address after 10 failures in 10 minutes, until the window passes; others are not affected', () => {
    const { perAddress } = loginLimits()
    const t0 = 1_000_000
    for (let i = 0; i < 9; i++) perAddress.failed('10.0.0.1', t0 + i)
    expect(perAddress.blocked('10.0.0.1', t0 + 10)).toBe(false)
    perAddress.failed('10.0.0.1', t0 + 10)
    expect(perAddress.blocked('10.0.0.1', t0 + 11)).toBe(true)
    expect(perAddress.blocked('10.0.0.2', t0 + 11)).toBe(false)
    expect(perAddress.blocked('10.0.0.1', t0 + 10 * 60_000)).toBe(false)
  })

  it('blocks everyone after 100 failures a minute from many addresses', () => {
    const { overall } = loginLimits()
    for (let i = 0; i < 100; i++) overall.failed('all', i)
    expect(overall.blocked('all', 200)).toBe(true)
    expect(overall.blocked('all', 60_000)).toBe(false)
  })

  it('forgets old entries when it holds many', () => {
    const l = new AttemptLimiter(1, 1000)
    for (let i = 0; i < 10_002; i++) l.failed(`a${i}`, 0)
    l.failed('late', 5000)
    expect(l.blocked('a1', 5000)).toBe(false)
  })
})
