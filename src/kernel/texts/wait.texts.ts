// How long something has waited, as users read it (shared by every capability's texts).
/** "2小时5分钟", "10分钟", "3天2小时" — how long something has waited. */
export function formatWait(ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000))
  const d = Math.floor(min / 1440)
  const h = Math.floor((min % 1440) / 60)
  const m = min % 60
  return [d ? `${d}天` : '', h ? `${h}小时` : '', m || (!d && !h) ? `${m}分钟` : ''].join('')
}
