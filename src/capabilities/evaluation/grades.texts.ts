// The grades a supervisor gives (评定) and the other words typed for them: stored and shown as written here.

export const GRADES = ['优秀', '良好', '合格', '不合格'] as const

/** Other words for a grade, as typed (优 / 良 / 及格 …). */
export const GRADE_ALIASES: Record<string, (typeof GRADES)[number]> = {
  优: '优秀',
  良: '良好',
  及格: '合格',
  称职: '合格',
  基本合格: '合格',
  不及格: '不合格',
  不称职: '不合格',
}
