// A length of time as people read it (志愿时长, 评价): 2小时, 1.5小时, 45分钟, 2小时5分钟. Shared by points and evaluation.

/** Minutes as hours (whole or to one decimal) or hours and minutes. */
export function formatMinutes(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60}小时`
  if (minutes > 60 && (minutes * 10) % 60 === 0) return `${minutes / 60}小时`
  return minutes < 60 ? `${minutes}分钟` : `${Math.floor(minutes / 60)}小时${minutes % 60}分钟`
}
