import { afterEach, describe, expect, it, vi } from 'vitest'
import { SendTimeoutError, sendWithin } from '../../src/outbound/send-bound.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('sendWithin', () => {
  it('gives the send its value, or its failure, when it settles in time', async () => {
    await expect(sendWithin(1_000, Promise.resolve('ok'))).resolves.toBe('ok')
    await expect(sendWithin(1_000, Promise.reject(new Error('refused')))).rejects.toThrow('refused')
  })

  it('fails a send that never returns with send_timeout once the bound has passed', async () => {
    vi.useFakeTimers()
    const hung = sendWithin(5_000, new Promise<void>(() => undefined))
    const seen = hung.catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(4_999)
    await vi.advanceTimersByTimeAsync(1)
    const e = await seen
    expect(e).toBeInstanceOf(SendTimeoutError)
    expect(e).toMatchObject({ code: 'send_timeout', ms: 5_000 })
  })

  it('leaves no unhandled rejection when the abandoned send fails later', async () => {
    vi.useFakeTimers()
    let fail: (e: Error) => void = () => undefined
    const call = new Promise<void>((_, reject) => (fail = reject))
    const seen = sendWithin(100, call).catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(100)
    expect(await seen).toBeInstanceOf(SendTimeoutError)
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    fail(new Error('answered late'))
    await vi.advanceTimersByTimeAsync(0)
    vi.useRealTimers()
    await new Promise((r) => setImmediate(r))
    process.off('unhandledRejection', unhandled)
    expect(unhandled).not.toHaveBeenCalled()
  })
})
