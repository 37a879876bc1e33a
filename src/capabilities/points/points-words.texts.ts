// The words people type for points (durations of service, counts of items): input vocabulary the rules read, kept
// here with the capability's other Chinese. points-rules.ts builds its patterns from these.

/** 十 and 百 in a number written in characters (十二, 二十, 一百). */
export const TEN = '十'
export const HUNDRED = '百'

export const HOUR_WORDS = '(?:个?小时|个?钟头|h|hr|hrs|hour|hours)'
export const MIN_WORDS = '(?:分钟|分|min|mins|m)'
export const NUM = '(\\d+(?:\\.\\d+)?|[零〇一二两俩三四五六七八九十百]+)'

/** 半天 (a policy's half day), 一天 (two of them), 半小时. */
export const HALF_DAY_WORDS: readonly string[] = ['半天']
export const WHOLE_DAY_WORDS: readonly string[] = ['一天', '1天', '全天']
export const HALF_HOUR_WORDS: readonly string[] = ['半小时', '半个小时', '半个钟头']

/** 两个半小时, 2小时半: hours and a half. */
export const HOURS_AND_A_HALF = [`^${NUM}${HOUR_WORDS}半$`, `^${NUM}个半(?:小时|钟头)$`] as const

/** A count of items ("2张", "两份"). */
export const COUNT = '(\\d+|[一二两俩三四五六七八九十]+)\\s*(?:张|个|份|件|次|套|瓶|袋|盒|把)'
