// How long a notice's delivery takes, as the plan reply states it.
/** "17分13秒", "45秒", "1小时2分": a span the plan reply states. */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const sec = s % 60
  if (h) return `${h}小时${m ? `${m}分` : ''}`
  if (m) return `${m}分${sec ? `${sec}秒` : '钟'}`
  return `${sec}秒`
}
