// One routing primitive, as in grammY and Bolt: (ctx, next) middleware.
export type Next = () => Promise<void>
export type Middleware<C> = (ctx: C, next: Next) => Promise<void>

export function compose<C>(stack: Middleware<C>[]): (ctx: C) => Promise<void> {
  return (ctx) => {
    let last = -1
    const run = async (i: number): Promise<void> => {
      if (i <= last) throw new Error('next() called twice')
      last = i
      const mw = stack[i]
      if (mw) await mw(ctx, () => run(i + 1))
    }
    return run(0)
  }
}
