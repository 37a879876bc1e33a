// The eight categories of 安全隐患 and how they are recognised from what people type. Pure and table-tested.
import type { HazardCategory } from './hazard.types.ts'

import { CATEGORY_KEYWORDS as KEYWORDS, CATEGORY_LABEL } from './hazard-categories.texts.ts'

export { CATEGORY_LABEL }

const BY_LABEL = new Map(Object.entries(CATEGORY_LABEL).map(([k, v]) => [v, k as HazardCategory]))

/** Category from its Chinese label (消防 …) or its English code (fire …); null when neither. */
export function categoryOf(word: string | undefined): HazardCategory | null {
  if (!word) return null
  const w = word.trim()
  const byLabel = BY_LABEL.get(w)
  if (byLabel) return byLabel
  return w.toLowerCase() in CATEGORY_LABEL ? (w.toLowerCase() as HazardCategory) : null
}

/** The category the words point to most, or 其他 when none. */
export function recogniseCategory(text: string): HazardCategory {
  let best: HazardCategory = 'other'
  let bestScore = 0
  for (const [category, words] of KEYWORDS) {
    let score = 0
    for (const w of words) if (text.includes(w)) score += w.length
    if (score > bestScore) {
      best = category
      bestScore = score
    }
  }
  return best
}
