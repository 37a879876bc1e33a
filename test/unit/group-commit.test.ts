import { describe, expect, it } from 'vitest'
import { GroupCommit, ItemFailure } from '../../src/db/group-commit.ts'

/** A write that is held open until released, recording each batch it was given. */
function gate() {
  const batches: number[][] = []
  const open: (() => void)[] = []
  const write = async (items: number[]) => {
    batches.push(items)
    await new Promise<void>((r) => open.push(r))
    return items.map((i) => (i < 0 ? new ItemFailure(new Error(`bad ${i}`)) : i * 10))
  }
  const release = async () => {
    open.shift()?.()
    await new Promise((r) => setImmediate(r))
  }
  return { batches, write, release }
}

describe('GroupCommit', () => {
  it('sends a lone item at once, and what arrives meanwhile together, each caller with its own result', async () => {
    const g = gate()
    const c = new GroupCommit(g.write, { maxItems: 3, maxInFlight: 1 })
    const first = c.add(1)
    expect(g.batches).toEqual([[1]]) // no timer: it went at once
    const rest = [2, 3, 4, 5].map((i) => c.add(i))
    expect(g.batches).toHaveLength(1) // waiting for the slot
    await g.release()
    expect(g.batches).toEqual([[1], [2, 3, 4]]) // at most maxItems a statement
    await g.release()
    await g.release()
    expect(g.batches).toEqual([[1], [2, 3, 4], [5]])
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40, 50])
  })

  it('rejects only the caller whose item failed, and a whole failed batch without stopping the next', async () => {
    const failing = new GroupCommit<number, number>(
      async (items) => {
        if (items.includes(99)) throw new Error('statement failed')
        return items.map((i) => (i < 0 ? new ItemFailure(new Error(`bad ${i}`)) : i))
      },
      { maxItems: 10, maxInFlight: 1 },
    )
    const a = failing.add(99)
    const [b, c] = [failing.add(-1), failing.add(2)]
    await expect(a).rejects.toThrow('statement failed')
    await expect(b).rejects.toThrow('bad -1')
    await expect(c).resolves.toBe(2)
  })

  it('keeps up to maxInFlight statements going at once', async () => {
    const g = gate()
    const c = new GroupCommit(g.write, { maxItems: 10, maxInFlight: 2 })
    const all = [1, 2, 3, 4].map((i) => c.add(i))
    expect(g.batches).toEqual([[1], [2]])
    await g.release()
    expect(g.batches).toEqual([[1], [2], [3, 4]])
    await g.release()
    await g.release()
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40])
  })
})
