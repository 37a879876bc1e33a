/** Edit distance between two short strings (command names). */
export function editDistance(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i)
  for (let i = 1; i <= x.length; i++) {
    const cur = [i]
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[y.length] ?? 0
}

/** The candidates nearest to `word` (ties kept), when near enough to be a plausible typo. */
export function closest(word: string, candidates: string[], max = 3): string[] {
  const scored = candidates
    .map((c) => {
      const d = editDistance(word.toLowerCase(), c.toLowerCase())
      const shared = [...word].filter((ch) => c.includes(ch)).length
      return { c, d, shared }
    })
    .filter(({ c, d, shared }) => d <= Math.max(1, Math.ceil(c.length / 2)) || shared >= 1)
    .sort((p, q) => p.d - q.d || q.shared - p.shared)
  const best = scored[0]?.d
  return scored
    .filter((s) => s.d <= (best ?? 0) + 1)
    .slice(0, max)
    .map((s) => s.c)
}
