// Waiting with a limit, for the few places that must not wait for ever on something outside our control (Redis).

/** `p`'s value, or `fallback` once `ms` have passed (p itself goes on; nothing is cancelled). */
export function within<T>(ms: number, p: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))
  return Promise.race([p, late]).finally(() => clearTimeout(timer))
}
