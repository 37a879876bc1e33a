// A capability's slice of the org file's `policies:` (capability.ts `policy`): the key it owns, its zod schema, its
// defaults, and optionally how a validated block is stored (toPatch) and how a nearer unit's block overrides
// (merge). The org import validates and stores every declared slice (policy.ts toPolicyPatch); the capability reads
// its slice at a unit with `resolveSlice(slice, chain)` — district first, the unit last, nearest wins.
import type { ZodType } from 'zod'

export interface PolicySlice<P = unknown> {
  /** The key under `policies:` (e.g. 'activities'); never one of the kernel's own keys. */
  key: string
  /** Validates the org file's block (errors in Chinese reach the org import's report). */
  input: ZodType
  /** What a unit whose chain sets nothing gets. */
  defaults: P
  /** The stored form of a validated block (default: as validated). */
  toPatch?(validated: unknown): unknown
  /** A nearer unit's stored block over what its ancestors resolved to (default: its keys that are set win). */
  merge?(into: P, patch: unknown): P
}

/** The default merge: each key the nearer block sets replaces the inherited one. */
export function overrideKeys<P>(into: P, patch: unknown): P {
  if (!patch || typeof patch !== 'object') return into
  const set = Object.entries(patch).filter(([, v]) => v !== undefined)
  return set.length ? { ...into, ...Object.fromEntries(set) } : into
}

const isStoredPatch = (x: object) => (x as { v?: unknown }).v === 1

/** One unit's stored block for the slice: as stored by the import, or converted from a raw (pre-patch) block. */
function storedSlice(slice: PolicySlice<unknown>, stored: unknown): unknown {
  if (!stored || typeof stored !== 'object') return undefined
  const block = (stored as Record<string, unknown>)[slice.key]
  if (block === undefined || isStoredPatch(stored)) return block
  const r = slice.input.safeParse(block) // a raw block: validated at import, never half-applied here
  if (!r.success) return undefined
  return slice.toPatch ? slice.toPatch(r.data) : r.data
}

/** The slice in force at a unit: its defaults, then each stored block from the district down to the unit. */
export function resolveSlice<P>(slice: PolicySlice<P>, chain: readonly unknown[]): P {
  const merge = slice.merge ?? overrideKeys
  let p = structuredClone(slice.defaults) // plain data; a caller may change what it gets
  for (const stored of chain) {
    const patch = storedSlice(slice as PolicySlice<unknown>, stored)
    if (patch !== undefined && patch !== null && typeof patch === 'object') p = merge(p, patch)
  }
  return p
}
