import { describe, expect, it } from 'vitest'
import { InOrder } from '../../src/core/in-order.ts'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('InOrder', () => {
  it('runs one key in start order, other keys alongside, and forgets idle keys', async () => {
    const q = new InOrder()
    const log: string[] = []
    const job = (key: string, name: string, ms: number) =>
      q.run(key, async () => {
        log.push(`${name}+`)
        await sleep(ms)
        log.push(`${name}-`)
        return name
      })
    const results = await Promise.all([job('a', 'a1', 30), job('a', 'a2', 1), job('b', 'b1', 5)])
    expect(results).toEqual(['a1', 'a2', 'b1'])
    // b1 ran while a1 did; a2 only after a1 ended, although it is much shorter.
    expect(log.indexOf('b1-')).toBeLessThan(log.indexOf('a1-'))
    expect(log.indexOf('a2+')).toBeGreaterThan(log.indexOf('a1-'))
    await sleep(0)
    expect(q.size).toBe(0)
  })

  it('goes on after a failure, and hands the failure to its own caller only', async () => {
    const q = new InOrder()
    const first = q.run('k', async () => {
      throw new Error('boom')
    })
    const second = q.run('k', async () => 'ok')
    await expect(first).rejects.toThrow('boom')
    await expect(second).resolves.toBe('ok')
  })
})
