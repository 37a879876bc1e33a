// Every Chinese text of the points capability — volunteer hours, approval, the ledger, redemption, rankings — in
// one place, so the wording is reviewed together.
import { toLocal } from '../../core/local-time.ts'
import { formatLocal } from '../../core/time.ts'
import { formatMinutes, formatPoints, MAX_BACKDATE_DAYS, splitBalance, type ApprovalRefusal, type ServiceDay } from './points-rules.ts'
import type { CatalogueItem, LedgerEntry, RankRow, VolunteerEntry } from './points.types.ts'

export const volunteerId = (v: Pick<VolunteerEntry, 'number'>) => `V${v.number}`
const pts = (centi: number) => `${formatPoints(centi)} 分`
const signed = (centi: number) => (centi >= 0 ? `+${formatPoints(centi)}` : formatPoints(centi))
/** A ledger sum as people read it: never below zero, what is owed named beside it (issue #29). */
const balanceOf = (sum: number) => {
  const { balance, owed } = splitBalance(sum)
  return owed ? `${pts(balance)}(待抵扣 ${pts(owed)})` : pts(balance)
}
/** Said after an earning that paid what was owed first. */
const paidNote = (paidOwed: number, owedLeft: number) => (paidOwed ? `(先抵扣待抵扣 ${pts(paidOwed)}${owedLeft ? `,仍待抵扣 ${pts(owedLeft)}` : ''})` : '')
/** Said after a reversal of points already spent: what is now owed. */
const owedNote = (owedAdded: number, owed: number) => (owedAdded ? `(积分已用掉,余额 0 分,记为待抵扣 ${pts(owed)},之后获得的积分先抵扣)` : '')

export const SOURCE_LABEL: Record<string, string> = {
  volunteer: '志愿服务',
  task: '完成任务',
  hazard: '隐患核实',
  checkin: '签到',
  resource: '资源对接',
  project: '完成项目',
  redeem: '兑换',
  correction: '冲正',
}

/** The export's 汇总 sheet: a balance never shows below zero (issue #29) — the month-end balance, and what is owed. */
export const POINTS_SUMMARY_HEADERS = ['成员', '微信ID', '单位', '获得', '使用', '月末余额', '待抵扣']

/** "11月19日 " when the service was on another day than it was logged (补登); nothing for today's. */
const dayNote = (v: Pick<VolunteerEntry, 'day' | 'createdAt'>) => {
  if (v.createdAt.getTime() >= v.day.getTime() && v.createdAt.getTime() < v.day.getTime() + 86_400_000) return ''
  const l = toLocal(v.day)
  return `${l.month}月${l.day}日 `
}

const overlapNote = (flags: string[]) => {
  const with_ = flags.filter((f) => f.startsWith('overlap:')).map((f) => `V${f.slice(8)}`)
  return with_.length ? `⚠ 与 ${with_.join('、')} 同日同活动` : ''
}

/** An entry approved or rejected, as the volunteer service returns it (points.texts words it). */
export interface VolunteerDecision {
  v: VolunteerEntry
  name: string
  approve: boolean
  reason: string
  centi: number
  owed: { paidOwed: number; owedLeft: number }
}

export const volunteerTexts = {
  activityPending: (v: VolunteerEntry, name: string) => `${volunteerId(v)} ${name} ${formatMinutes(v.minutes)} 待审核(#审核 ${volunteerId(v)} 通过)`,
  activityOverLimit: (name: string, max: number) => `${name} 当天志愿时长将超过 ${max} 小时,未记`,
  missingDuration: () => '请写明服务时长和活动,如:2小时、1.5h、半天、90分钟',
  badDuration: (raw: string) => `看不懂时长「${raw}」:请写 2小时、1.5h、一小时、90分钟 或 半天`,
  missingActivity: () => '请写明服务活动,如:助老服务',
  tooLong: (max: number) => `单次最多登记 ${max} 小时`,
  activityTooLong: (max: number) => `活动名称最多 ${max} 个字`,
  overLimit: (name: string, maxHours: number, over: number, already: number, adding: number) =>
    `${name} 当天已登记 ${formatMinutes(already)},再登记 ${formatMinutes(adding)} 会超过 ${maxHours} 小时上限(多出 ${formatMinutes(over)}),这条未为 ${name} 登记`,
  twoDurationsExample: (a: string) => `#志愿 ${a} 巡逻`,
  twoDurations: (a: string, b: string) => `写了两个时长「${a}」和「${b}」,是哪一个?请只写一个时长再发,未登记`,
  logged: (rows: { entry: VolunteerEntry; name: string }[], skipped: string[] = []) => {
    const lines = rows.map(
      ({ entry, name }) =>
        `${volunteerId(entry)} ${name} ${dayNote(entry)}${formatMinutes(entry.minutes)} ${entry.activity}${overlapNote(entry.flags) ? `(${overlapNote(entry.flags)})` : ''}`,
    )
    return `已登记志愿时长,待负责人审核:\n${lines.join('\n')}${skipped.length ? `\n未登记:\n${skipped.join('\n')}` : ''}`
  },
  unknown: (label: string) => `没有志愿登记 ${label},请检查编号`,
  malformedRef: (raw: string) => `志愿登记编号应为 V 加数字,如 V31(收到的是「${raw}」)`,
  badVerdict: () => '请写“通过”或“驳回 <理由>”',
  needReason: () => '驳回请写明理由',
  badDay: (word: string, problem: Extract<ServiceDay, { ok: false }>['problem']) =>
    problem === 'future'
      ? `「${word}」还没到:只能登记已做的服务`
      : problem === 'too-old'
        ? `「${word}」太久了:只能补登 ${MAX_BACKDATE_DAYS} 天内的服务`
        : `没有「${word}」这一天`,
  notHere: (name: string, unitName: string) => `${name} 不是${unitName}或本群的成员,不能在这里为 TA 登记,请 TA 在自己的群里登记`,
  loggedFor: (by: string, rows: { entry: VolunteerEntry; name: string }[]) =>
    `${by} 为您登记了志愿时长,待负责人审核:\n${rows.map(({ entry, name }) => `${volunteerId(entry)} ${name} ${dayNote(entry)}${formatMinutes(entry.minutes)} ${entry.activity}`).join('\n')}`,
  refusal: (code: ApprovalRefusal, label: string, unitName: string) =>
    code === 'OWN_HOURS'
      ? `${label} 是您本人的时长,不能自己审核,请由上级负责人审核`
      : code === 'OWN_LOGGED'
        ? `${label} 是您登记的时长,不能自己审核,请由其他负责人审核`
        : code === 'NOT_SUPERVISOR'
          ? '只有负责人可以审核志愿时长'
          : code === 'FELLOW_SUPERVISOR'
            ? `${label} 是同单位负责人的时长,不能互相审核,请由上级负责人审核`
            : `${label} 属于${unitName},您无权审核`,
  alreadyDecided: (v: VolunteerEntry) => `${volunteerId(v)} 已${v.status === 'approved' ? '通过' : '驳回'},无需再审核`,
  approved: (v: VolunteerEntry, name: string, centi: number, paid: { paidOwed: number; owedLeft: number } = { paidOwed: 0, owedLeft: 0 }) =>
    `✅ ${volunteerId(v)} 已通过:${name} ${dayNote(v)}${formatMinutes(v.minutes)} ${v.activity},积分 ${signed(centi)}${paidNote(paid.paidOwed, paid.owedLeft)}${overlapNote(v.flags) ? `(${overlapNote(v.flags)})` : ''}`,
  rejected: (v: VolunteerEntry, name: string, reason: string) =>
    `❌ ${volunteerId(v)} 已驳回:${name} ${formatMinutes(v.minutes)} ${v.activity}。理由:${reason}`,
  /** One entry approved or rejected (#审核, #审核 全部通过, an activity closed). */
  decision: (d: VolunteerDecision) => (d.approve ? volunteerTexts.approved(d.v, d.name, d.centi, d.owed) : volunteerTexts.rejected(d.v, d.name, d.reason)),
  pendingLine: (v: VolunteerEntry, name: string, unitName: string) =>
    `${volunteerId(v)} ${name}(${unitName}) ${formatLocal(v.day).split(' ')[0]} ${formatMinutes(v.minutes)} ${v.activity}${overlapNote(v.flags) ? ` ${overlapNote(v.flags)}` : ''}`,
  pendingList: (lines: string[], more: number) =>
    `待审核志愿时长 ${lines.length + more} 条:\n${lines.join('\n')}${more ? `\n……另有 ${more} 条` : ''}\n逐条:#审核 V31 通过 / #审核 V31 驳回 <理由>;全部:#审核 全部通过`,
  pendingNone: () => '暂无待您审核的志愿时长',
  approvedAll: (ids: string[], centi: number, skipped: number) =>
    `已全部通过 ${ids.length} 条(${ids.join('、')}),共计积分 ${signed(centi)}${skipped ? `;另有 ${skipped} 条已由他人审核,已跳过` : ''}`,
  allDecidedMeanwhile: (skipped: number) => `待审核的 ${skipped} 条已由他人审核,无需再审核`,
}

/** One member a correction reversed: what was taken back, and what of it is owed because it was spent. */
export interface ReversedRow {
  name: string
  centi: number
  owedAdded?: number
  owed?: number
}
const reversedRows = (rows: ReversedRow[]) => rows.map((r) => `${r.name} ${signed(r.centi)}${owedNote(r.owedAdded ?? 0, r.owed ?? 0)}`).join(',')

export const ledgerTexts = {
  balance: (name: string, sum: number, last: LedgerEntry[]) => {
    const what = (e: LedgerEntry) => (e.source === 'correction' ? `(${e.reason ?? ''})` : e.source === 'redeem' ? `「${e.reason ?? ''}」` : ` ${e.ref}`)
    const lines = last.map((e) => `${formatLocal(e.at)} ${SOURCE_LABEL[e.source] ?? e.source}${what(e)} ${signed(e.centi)}`)
    const { balance, owed } = splitBalance(sum)
    const owedLine = owed ? `,待抵扣 ${pts(owed)}(冲正了已用掉的积分;之后获得的积分先抵扣)` : ''
    return `${name} 积分余额:${pts(balance)}${owedLine}${lines.length ? `\n最近记录:\n${lines.join('\n')}` : '\n暂无积分记录'}`
  },
  earnedNote: (name: string, centi: number, paidOwed = 0) => `(${name} 积分 ${signed(centi)}${paidOwed ? `,先抵扣待抵扣 ${pts(paidOwed)}` : ''})`,
  /** The exports' 说明 for an entry that moved what is owed (待抵扣). */
  owedExportNote: (m: { paidOwed: number; owedAdded: number }) =>
    m.owedAdded ? `积分已用掉,记待抵扣 ${pts(m.owedAdded)}` : m.paidOwed ? `先抵扣待抵扣 ${pts(m.paidOwed)}` : '',
  reverseNothing: (label: string) => `${label} 没有可冲正的积分记录`,
  reverseDone: (label: string, rows: ReversedRow[], reason: string) => `已冲正 ${label}:${reversedRows(rows)}。理由:${reason}`,
  reverseDenied: (label: string) => `只有上级负责人可以冲正 ${label} 的积分`,
  alreadyReversed: (label: string, at: Date | null, by: string, reason: string) =>
    `${label} 的积分已于 ${at ? formatLocal(at) : ''} 由 ${by || '负责人'} 冲正过${reason ? `(理由:${reason})` : ''},无需再冲正`,
  reversedNotice: (label: string, rows: ReversedRow[], reason: string, by: string) => `↩️ ${label} 的积分已由 ${by} 冲正:${reversedRows(rows)}。理由:${reason}`,
  reverseNeedsReason: () => '冲正须写明理由',
  reverseBadRef: () => '请写要冲正的编号:V31(志愿)、T12(任务,连同其对接资源的积分)、H7(隐患)或 P3(项目)',
}

export const redeemTexts = {
  missingItem: () => '请写要兑换的物品',
  unknownItem: (name: string, names: string[]) => `没有可兑换的「${name}」${names.length ? `。可兑换:${names.slice(0, 8).join('、')}` : ''}`,
  ambiguous: (name: string, names: string[]) => `「${name}」对应多个物品:${names.slice(0, 8).join('、')}。请写全名,如:#兑换 ${names[0]}`,
  oneAtATime: (name: string) => `一次兑换一件,请分次兑换,如:#兑换 ${name || '理发券'}`,
  soldOut: (item: CatalogueItem) => `「${item.name}」已兑完`,
  insufficient: (item: CatalogueItem, balance: number) => `积分不足:「${item.name}」需 ${pts(item.centi)},您的余额 ${balanceOf(balance)}`,
  redeemed: (item: CatalogueItem, code: string, balance: number) =>
    `🎁 已兑换「${item.name}」,扣 ${pts(item.centi)},余额 ${pts(balance)}。\n兑换码:${code}(凭码到提供方核销,仅可使用一次)`,
  missingCode: () => '请写兑换码',
  badAmount: (item: string, max: number) => `兑换数量要是 1–${max} 的整数,如:#兑换 ${item} 4`,
  amountMissing: (item: string) => `请写兑换数量,如:#兑换 ${item} 4`,
  soldOutAmount: (item: CatalogueItem, left: number) => `「${item.name}」剩余 ${left},不够兑换这么多`,
  insufficientAmount: (item: CatalogueItem, amount: number, balance: number) =>
    `积分不足:${amount} ${item.name} 需 ${pts(item.centi * amount)},您的余额 ${balanceOf(balance)}`,
  redeemedAmount: (item: CatalogueItem, amount: number, code: string, balance: number) =>
    `🎁 已兑换 ${amount} ${item.name},扣 ${pts(item.centi * amount)},余额 ${pts(balance)}。\n兑换码:${code}(价值 ${amount} ${item.name},凭码到提供方核销,仅可使用一次)`,
  checkedOffAmount: (code: string, item: string, amount: number, name: string) => `✅ 已核销 ${code}:${name} 的 ${amount} ${item}`,
  unknownCode: (code: string) => `兑换码 ${code} 无效,请核对`,
  checkOffDenied: () => '只有负责人或该物品的提供方可以核销',
  alreadyUsed: (code: string, at: Date | null) => `兑换码 ${code} 已于 ${at ? formatLocal(at) : ''} 核销过,不能重复使用`,
  checkedOff: (code: string, item: string, name: string) => `✅ 已核销 ${code}:${name} 的「${item}」`,
  catalogue: (unitName: string, items: CatalogueItem[], balance: number) =>
    items.length
      ? `${unitName} 可兑换(您的余额 ${balanceOf(balance)}):\n${items
          .map((i) => `${i.name} ${pts(i.centi)}${i.stock > 0 ? `,剩 ${i.stock}` : ',已兑完'}${i.providerName ? `,提供方 ${i.providerName}` : ''}`)
          .join('\n')}\n兑换:#兑换 <物品>`
      : '暂无可兑换的物品',
}

export const rankTexts = {
  badScope: (word: string, unitName: string) => `「${unitName}」不在任何${word}之下,请在对应的群里查看${word}排行`,
  head: (scope: string, period: string) => `🏆 ${scope} ${period} 积分排行`,
  members: (rows: RankRow[]) => `成员前 ${rows.length} 名:\n${rows.map((r) => `${r.rank}. ${r.name} ${pts(r.centi)}`).join('\n')}`,
  membersOff: () => '(本单位不公布成员排名)',
  noPoints: () => '本期暂无积分记录',
  own: (rank: number | null, centi: number, total: number) => (rank ? `您:第 ${rank} 名(共 ${total} 人),${pts(centi)}` : '您本期暂无积分'),
  units: (rows: { name: string; centi: number; cadres: number }[]) =>
    `单位(按人均):\n${rows
      .map(
        (r, i) =>
          `${i + 1}. ${r.name} 人均 ${r.cadres ? formatPoints(Math.round(r.centi / r.cadres)) : '—'} · 合计 ${formatPoints(r.centi)}(网格员 ${r.cadres} 人)`,
      )
      .join('\n')}`,
}
