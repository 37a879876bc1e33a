// Urgency as people type it (issue #29): not only a bare 紧急 but 非常紧急, 特别紧急, 紧急！, 【紧急】, 加急, 特急, 急急急 —
// a gas leak reported at 23:00 with 非常紧急 must not wait for 07:00. Pure; shared by #隐患, #任务 and #通知.

const MARK = /^(?:(?:非常|特别|十分|万分|很|超|特)?紧急|加急|特急|急+|urgent)$/
const OPEN = /^[【[(（「《<]+/
const CLOSE = /[】\])）」》>!！.。~～,，、]+$/
/** A bracketed mark glued to the words: 【紧急】燃气泄漏, 燃气泄漏[加急]. */
const GLUED = /^[【[]\s*((?:非常|特别|十分)?紧急|加急|特急)\s*[】\]]|[【[]\s*((?:非常|特别|十分)?紧急|加急|特急)\s*[】\]]$/

/** Whether a word, on its own, marks urgency: 紧急, 紧急！, 【紧急】, 非常紧急, 加急, 急急急, urgent … */
export function isUrgentWord(word: string): boolean {
  return MARK.test(word.toLowerCase().replace(OPEN, '').replace(CLOSE, ''))
}

/** The words without their urgency marks (a mark glued in brackets is cut off its word), and whether there was one. */
export function takeUrgency(words: string[]): { words: string[]; urgent: boolean } {
  let urgent = false
  const out: string[] = []
  for (const w of words) {
    if (isUrgentWord(w)) {
      urgent = true
      continue
    }
    const glued = GLUED.exec(w)
    if (glued) {
      urgent = true
      const rest = w.replace(GLUED, '').trim()
      if (rest) out.push(rest)
      continue
    }
    out.push(w)
  }
  return { words: out, urgent }
}
