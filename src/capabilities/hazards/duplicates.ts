// Is a new report the same as an open one? Similar words (character pairs in common: Chinese has no spaces to split
// on, and a pair of characters is roughly a word) or a location close by. Pure and table-tested.
import { distanceM } from '../../core/geo.ts'
import { maskPersonalData } from '../../core/privacy/mask.ts'

export { distanceM }

/** A number that is personal data once masked (139****5678, 3号楼2单元***), with the label typed before it. */
const PERSONAL = /(?:联系人|联系)?(?:电话|手机|座机|固话|号码|联系方式|tel|phone)?\s*[:：]?\s*[\d*]*\*[\d*]*/giu

/**
 * What a description says, without spaces, punctuation, case and personal numbers: the characters that carry meaning.
 * A phone number's digits would count as words and make two reports of one thing look different (issue #29).
 */
export function normaliseForMatch(text: string): string {
  return maskPersonalData(text)
    .replace(PERSONAL, '')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '')
}

function bigrams(s: string): Map<string, number> {
  const out = new Map<string, number>()
  const chars = [...s]
  if (chars.length === 1) out.set(s, 1)
  let prev: string | undefined
  for (const c of chars) {
    if (prev !== undefined) {
      const g = prev + c
      out.set(g, (out.get(g) ?? 0) + 1)
    }
    prev = c
  }
  return out
}

/** Dice coefficient over character bigrams, 0 (nothing shared) … 1 (the same words). */
export function similarity(a: string, b: string): number {
  const x = bigrams(normaliseForMatch(a))
  const y = bigrams(normaliseForMatch(b))
  let nx = 0
  let ny = 0
  let both = 0
  for (const n of x.values()) nx += n
  for (const [g, n] of y) {
    ny += n
    both += Math.min(n, x.get(g) ?? 0)
  }
  return nx + ny === 0 ? 0 : (2 * both) / (nx + ny)
}

export interface Candidate {
  id: number
  description: string
  latitude: number | null
  longitude: number | null
}

export type DuplicateMatch = { id: number; by: 'text'; score: number } | { id: number; by: 'distance'; metres: number }

/**
 * The open report a new one most likely repeats: the closest within `maxDistanceM` when both have locations, else
 * the most similar at or above `minSimilarity`; null when none. Candidates are already of the same unit, category and
 * window.
 */
export function findDuplicate(
  report: { description: string; latitude: number | null; longitude: number | null },
  candidates: Candidate[],
  policy: { duplicateDistanceM: number; duplicateSimilarity: number },
): DuplicateMatch | null {
  let near: DuplicateMatch | null = null
  let like: DuplicateMatch | null = null
  const here = report.latitude !== null && report.longitude !== null ? { latitude: report.latitude, longitude: report.longitude } : null
  for (const c of candidates) {
    if (here && c.latitude !== null && c.longitude !== null) {
      const metres = distanceM(here, { latitude: c.latitude, longitude: c.longitude })
      if (metres <= policy.duplicateDistanceM && (!near || (near.by === 'distance' && metres < near.metres))) near = { id: c.id, by: 'distance', metres }
    }
    const score = similarity(report.description, c.description)
    if (score >= policy.duplicateSimilarity && (!like || (like.by === 'text' && score > like.score))) like = { id: c.id, by: 'text', score }
  }
  return near ?? like
}
