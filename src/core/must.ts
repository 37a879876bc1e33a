// A value that cannot be missing (a record just read or written, a key the code itself put in a map): instead of
// `x!`, which would hand `undefined` on, `must(x, 'CODE')` throws a coded AppError naming what was missing.
import { AppError } from './errors.ts'
import { faultText } from './must.texts.ts'

/** `x` when it is there; throws AppError(code) — a fault of ours, not of the user's input — when it is not. */
export function must<T>(x: T | null | undefined, code: string): T {
  if (x === undefined || x === null) throw new AppError(code, `missing: ${code}`, faultText)
  return x
}
