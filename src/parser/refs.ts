// The short ids people type: T12 (task), N3 (need) — and the prefixes later capabilities add. One parser, so
// every command accepts the same forms and answers malformed ones the same way.

/** Punctuation phones add after an id ("#认领 T1。"), taken off before parsing. */
const TRAILING = /[。．.，,、!！?？;；:：)）】」』"'”’~～]+$/u
/** Quotes and brackets put around a word ("「张伟」"). */
const LEADING = /^[(（【「『"'“‘]+/u

/** A typed word without the punctuation around it: "张伟。" and "「张伟」" → "张伟". */
export const bareWord = (raw: string) => raw.trim().replace(TRAILING, '').replace(LEADING, '')
/** Ids beyond this are valid-looking but cannot exist (the column is a 32-bit integer): "not found". */
export const MAX_REF_NUMBER = 2_147_483_647

export type RefResult = { ok: true; number: number; label: string } | { ok: false; problem: 'missing' | 'malformed' }

/** "T12", "t12", "T12。" → 12 (label "T12"); up to 18 digits parse, so T999999999999 is "not found", not "malformed". */
export function parseRef(prefix: string, raw: string | undefined): RefResult {
  if (!raw) return { ok: false, problem: 'missing' }
  const s = raw.trim().replace(TRAILING, '')
  const m = new RegExp(`^${prefix}0*(\\d{1,18})$`, 'i').exec(s)
  if (!m) return { ok: false, problem: 'malformed' }
  const number = Number(m[1])
  return { ok: true, number, label: `${prefix.toUpperCase()}${m[1]}` }
}

/** True when a ref can name a stored record at all (see MAX_REF_NUMBER). */
export const refInRange = (number: number) => number >= 1 && number <= MAX_REF_NUMBER
