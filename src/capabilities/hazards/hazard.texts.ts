// Every Chinese text of hazard reports — replies, refusals, routed posts, escalations, reminders, notices to the
// reporter — in one place, reviewed together.
import { formatLocal } from '../../core/time.ts'
import { formatWait } from '../../kernel/texts/wait.texts.ts'
import { CATEGORY_LABEL } from './hazard-categories.ts'
import type { HazardAction, HazardRefusal } from './hazard-rules.ts'
import type { Hazard, HazardCategory, HazardStatus } from './hazard.types.ts'

export const HAZARD_STATUS_LABEL: Record<HazardStatus, string> = {
  pending_duplicate: '待确认是否重复',
  screening: '待网格核实',
  reported: '待受理',
  acknowledged: '已受理',
  in_progress: '处置中',
  resolved: '已办结待核实',
  verified: '已核实关闭',
  reopened: '重办中',
  merged: '已合并',
}

export const HAZARD_EVENT_LABEL: Record<string, string> = {
  reported: '上报',
  held: '疑似重复待确认',
  routed: '转交',
  acknowledged: '受理',
  forwarded: '核实后转报',
  progress: '处置',
  resolved: '办结',
  verified: '核实',
  verify_reminded: '提醒核实',
  verify_timeout: '超时自动核实',
  reopened: '重办',
  merged: '合并',
  merged_in: '合并重复上报',
  seconded: '附议',
  kept: '确认不重复',
  escalated: '上报',
  image: '附图',
  location: '附位置',
  disclosed: '查看完整记录',
}

type H = Pick<Hazard, 'number' | 'category' | 'priority'>

export const hazardId = (h: Pick<Hazard, 'number'>) => `H${h.number}`
export const categoryLabel = (c: string) => CATEGORY_LABEL[c as HazardCategory] ?? c
const urgentTag = (h: Pick<Hazard, 'priority'>) => (h.priority === 'urgent' ? '【紧急】' : '')
/** Said back, so whoever typed 非常紧急 or 【紧急】 sees it was understood (issue #29). */
const asUrgent = (h: Pick<Hazard, 'priority'>) => (h.priority === 'urgent' ? ',按紧急处理' : '')
const head = (h: H) => `${hazardId(h)}(${categoryLabel(h.category)})${urgentTag(h)}`
const place = (h: Pick<Hazard, 'address' | 'latitude' | 'longitude'>) =>
  h.latitude !== null && h.longitude !== null ? `\n📍 ${h.address ?? ''}(${h.latitude.toFixed(5)}, ${h.longitude.toFixed(5)})` : ''

export function hazardLine(
  h: Pick<Hazard, 'number' | 'category' | 'priority' | 'description' | 'status' | 'createdAt' | 'reportCount'>,
  now: Date,
  unitName: string,
) {
  const times = h.reportCount > 1 ? `,${h.reportCount}人次上报` : ''
  return `${head(h)} ${h.description}(${HAZARD_STATUS_LABEL[h.status]},${unitName},已 ${formatWait(now.getTime() - h.createdAt.getTime())}${times})`
}

export const hazardTexts = {
  reported: (h: H, a: { unitName: string; own: boolean; periodMs: number; images: number }) =>
    `已记录隐患 ${head(h)}${asUrgent(h)}\n负责单位:${a.unitName}${a.images ? `\n图片:${a.images} 张` : ''}\n` +
    `接下来:${a.own ? '由本单位处理' : `已转给${a.unitName}`},受理和办结都会在本群告诉您;${formatWait(a.periodMs)}内无人受理将逐级上报。5分钟内发的图片和位置会附加到这条隐患。`,
  screening: (h: H, a: { gridName: string; unitName: string }) =>
    `已记录隐患 ${head(h)}${asUrgent(h)}\n负责单位:${a.unitName}\n接下来:${a.gridName}网格员核实后转${a.unitName}处理,进展会在本群告诉您。5分钟内发的图片和位置会附加到这条隐患。`,
  duplicateQuestion: (h: Pick<Hazard, 'number'>, dup: Pick<Hazard, 'number' | 'description'>, why: string, waitMs: number) =>
    `疑似与 ${hazardId(dup)} 重复(${hazardId(dup)}「${dup.description}」,${why})。回复 #同 ${hazardId(dup)} 合并,或 #不同 继续上报。` +
    `${formatWait(waitMs)}内未回复,${hazardId(h)} 将按新隐患上报。`,
  duplicateOfRouted: (
    h: Pick<Hazard, 'number'>,
    dup: Pick<Hazard, 'number' | 'description'>,
    match: { by: 'text'; score: number } | { by: 'distance'; metres: number },
  ) =>
    `疑似与 ${hazardId(dup)} 重复(${hazardId(dup)}「${dup.description}」,${match.by === 'distance' ? hazardTexts.whyDistance(match.metres) : hazardTexts.whyText(match.score)})。` +
    `回复 #同 ${hazardId(dup)} 合并,或 #不同 继续处理 ${hazardId(h)}。`,
  whyText: (score: number) => `描述相近 ${Math.round(score * 100)}%`,
  whyDistance: (metres: number) => `相距约 ${Math.max(1, Math.round(metres))} 米`,

  /** Posted in the handling unit's group: the report, who reported it where, and what to do. */
  routedPost: (h: H & Pick<Hazard, 'description' | 'address' | 'latitude' | 'longitude' | 'reportCount'>, a: { from: string; reporter: string }) =>
    `【隐患 ${hazardId(h)}(${categoryLabel(h.category)})${h.priority === 'urgent' ? '·紧急' : ''}】来自 ${a.from} ${a.reporter}:${h.description}${place(h)}\n请受理:#受理 ${hazardId(h)};处置中:#处置 ${hazardId(h)} 说明;办结:#办结 ${hazardId(h)} 结果`,
  screeningPost: (h: H & Pick<Hazard, 'description' | 'address' | 'latitude' | 'longitude'>, a: { reporter: string; unitName: string }) =>
    `居民 ${a.reporter} 上报隐患 ${head(h)}:${h.description}${place(h)}\n请网格员核实:属实请 #受理 ${hazardId(h)}(转${a.unitName}处理),可自行处理的请 #办结 ${hazardId(h)} 结果`,
  urgentParentPost: (h: H & Pick<Hazard, 'description'>, unitName: string) =>
    `【紧急隐患 ${hazardId(h)}】${unitName} · ${categoryLabel(h.category)}:${h.description}\n已转${unitName}处理,请关注。`,
  locationPost: (h: Pick<Hazard, 'number' | 'address' | 'latitude' | 'longitude'>) => `${hazardId(h)} 的位置:${place(h).trim()}`,

  acknowledged: (h: Pick<Hazard, 'number'>) => `已受理 ${hazardId(h)}`,
  forwarded: (h: Pick<Hazard, 'number'>, unitName: string) => `${hazardId(h)} 已核实,转${unitName}处理`,
  progressed: (h: Pick<Hazard, 'number'>) => `${hazardId(h)} 处置情况已记录`,
  resolved: (h: Pick<Hazard, 'number'>, images: number) =>
    `${hazardId(h)} 已办结,请上报人核实(#核实 ${hazardId(h)} 或 #重办 ${hazardId(h)} 原因)。${images ? `办结照片 ${images} 张。` : '5分钟内发的图片作为办结照片。'}`,
  verified: (h: Pick<Hazard, 'number'>) => `${hazardId(h)} 已核实,隐患关闭。谢谢!`,
  reopened: (h: Pick<Hazard, 'number'>) => `${hazardId(h)} 已重办,处置单位会重新处理`,
  merged: (h: Pick<Hazard, 'number'>, into: Pick<Hazard, 'number'>) => `已将 ${hazardId(h)} 合并到 ${hazardId(into)},${hazardId(into)} 有进展会在本群告诉您`,
  urgentRepeat: (h: Pick<Hazard, 'number' | 'category'>, from: Pick<Hazard, 'number' | 'description' | 'reporterName'>) =>
    `【紧急】隐患 ${hazardId(h)}(${categoryLabel(h.category)})又有人报告,情况紧急:${from.description}(${from.reporterName})\n请尽快 #受理 ${hazardId(h)}`,
  mergedNotice: (h: Pick<Hazard, 'number'>, into: Pick<Hazard, 'number'>) =>
    `隐患 ${hazardId(h)} 与 ${hazardId(into)} 是同一处,已合并到 ${hazardId(into)},请按 ${hazardId(into)} 办理`,
  kept: (h: Pick<Hazard, 'number'>, routed: boolean) => (routed ? `好的,${hazardId(h)} 按新隐患处理` : `好的,${hazardId(h)} 按新隐患上报`),
  imageAttached: (h: Pick<Hazard, 'number'>, n: number) => `已附加到隐患 ${hazardId(h)}(本次 ${n} 张图片)`,
  afterImage: (h: Pick<Hazard, 'number'>) => `已作为 ${hazardId(h)} 的办结照片`,
  locationAttached: (h: Pick<Hazard, 'number'>, address: string) => `📍 位置已附加到隐患 ${hazardId(h)}:${address}`,

  /** What the reporter (and the reporters of merged duplicates) hear of each change. */
  notice: {
    forwarded: (h: Pick<Hazard, 'number'>, unitName: string) => `您上报的隐患 ${hazardId(h)} 已核实,转${unitName}处理`,
    acknowledged: (h: Pick<Hazard, 'number'>, unitName: string) => `您上报的隐患 ${hazardId(h)} 已由${unitName}受理`,
    progress: (h: Pick<Hazard, 'number'>, note: string) => `您上报的隐患 ${hazardId(h)} 正在处置:${note}`,
    resolved: (h: Pick<Hazard, 'number'>, result: string) =>
      `您上报的隐患 ${hazardId(h)} 已办结:${result || '(未写结果)'}\n请核实:属实请发 #核实 ${hazardId(h)},未解决请发 #重办 ${hazardId(h)} 原因`,
    verified: (h: Pick<Hazard, 'number'>, by: string) => `隐患 ${hazardId(h)} 已由${by}核实,已关闭`,
    reopened: (h: Pick<Hazard, 'number'>, reason: string) => `隐患 ${hazardId(h)} 已重办:${reason || '(未写原因)'}`,
    mergedIn: (h: Pick<Hazard, 'number'>, count: number) => `隐患 ${hazardId(h)} 又有人上报,共 ${count} 人次`,
  },

  /** Posted in a group an escalation reached, when the report is taken on or settled. */
  reachedAcknowledged: (h: Pick<Hazard, 'number' | 'category'>, unitName: string) => `隐患 ${hazardId(h)}(${categoryLabel(h.category)})已由${unitName}受理`,
  reachedResolved: (h: Pick<Hazard, 'number' | 'category'>, unitName: string) => `隐患 ${hazardId(h)}(${categoryLabel(h.category)})已由${unitName}办结`,

  unacknowledgedNudge: (h: H, waitedMs: number) => `隐患 ${head(h)} 已上报${formatWait(waitedMs)},尚未受理,请尽快 #受理 ${hazardId(h)}`,
  escalated: (h: H & Pick<Hazard, 'description'>, a: { level: number; unitName: string; waitedMs: number; count: number }) =>
    `【隐患上报·第${a.level}级】${a.unitName} 的隐患 ${head(h)} 已${formatWait(a.waitedMs)}无人受理:${h.description}` +
    `${a.count > 1 ? `(${a.count}人次上报)` : ''}\n请督促:#受理 ${hazardId(h)}`,
  noRoomEvent: () => '该级单位没有绑定的群',
  verifyReminder: (h: Pick<Hazard, 'number'>, waitedMs: number) =>
    `隐患 ${hazardId(h)} 已办结${formatWait(waitedMs)},请核实:属实请发 #核实 ${hazardId(h)},未解决请发 #重办 ${hazardId(h)} 原因`,
  verifyTimedOut: (h: Pick<Hazard, 'number'>, waitedMs: number) => `隐患 ${hazardId(h)} 办结${formatWait(waitedMs)}无人核实,已按超时核实关闭`,
  duplicateTimedOut: (h: Pick<Hazard, 'number'>) => `未收到回复,${hazardId(h)} 已按新隐患上报`,

  verifiedBy: { reporter: '上报人', supervisor: '负责人', timeout: '超时' } as Record<string, string>,
  /** The event note of a resolved report's after-image. */
  afterImageNote: '办结照片',
  /** Who did what in a report's history when nobody did (a timer). */
  systemActor: '系统',
  /** The export (CLI) names a district that is not there, or none when there are several. */
  noSuchDistrict: (name: string) => `没有这个区:${name}`,
  nameDistrict: (names: string[]) => `有 ${names.length} 个区,请用 --district 指定:${names.join('、')}`,
  /** The head of #隐患 H7: its line, who reported it from where, and where it is. */
  historyHead: (line: string, h: { reportUnit: { name: string }; reporterName: string; address: string | null }) =>
    `${line}\n上报:${h.reportUnit.name} ${h.reporterName}${h.address ? `\n位置:${h.address}` : ''}`,
  history: (line: string, events: string[], images: { before: number; after: number }, result: string | null) =>
    `${line}${result ? `\n办结结果:${result}` : ''}${images.before || images.after ? `\n图片:上报 ${images.before} 张,办结 ${images.after} 张` : ''}\n记录:\n${events.join('\n')}`,
  /** `ref`: the id as this group types it (`二七区 H1` in a city's group). */
  maskedHint: (ref: string) => `(个人信息已隐去;需要完整记录请发 #隐患 ${ref} 完整)`,
  listEmpty: (unitName: string, below: boolean, states: string[]) =>
    `${unitName}${below ? '及下级' : ''}暂无${states.length ? `${states.join('、')}的` : ''}未关闭的隐患`,
  listHead: (unitName: string, below: boolean, states: string[], total: number) =>
    `${unitName}${below ? '及下级' : ''}${states.length ? ` ${states.join('、')}` : ''}未关闭的隐患 ${total} 条(紧急和最早的在前)`,
  eventLine: (at: Date, who: string, kind: string, level: number | null, from: string | null, to: string | null, note: string | null) =>
    `${formatLocal(at)} ${who} ${HAZARD_EVENT_LABEL[kind] ?? kind}${level !== null ? `(第${level}级)` : ''}${from && to && from !== to ? ` ${from}→${to}` : ''}${note ? `:${note}` : ''}`,

  noDescription: () => '请写明隐患情况',
  clippedNote: (max: number) => `\n(描述较长,已保存前${max}字)`,
  resultMissing: () => '请写明办结结果',
  oneAtATime: () => '一次办理一条隐患,请分别发送',
  lookupOnly: () => '查看隐患请发 #隐患 H7,或 #隐患 H7 完整',
  mergeLate: (h: Pick<Hazard, 'number'>, into: Pick<Hazard, 'number' | 'status'>) =>
    `${hazardId(into)} 已${into.status === 'resolved' ? '办结' : '关闭'},不再合并:${hazardId(h)} 按新隐患上报`,
  listGuest: () => '居民可以上报隐患(#隐患 描述)并查看自己上报的(#隐患 H7);隐患列表请问网格员',
  guestOnlyInGrid: () => '居民请在所在网格的群里上报隐患',
  unknown: (label: string) => `没有找到隐患 ${label}`,
  notVisible: (label: string) => `隐患 ${label} 不属于本单位,无权查看`,
  notYourReport: (label: string) => `隐患 ${label} 不是您上报的:只能查看/重办您自己上报的隐患`,
  noQuestion: () => '您没有待确认是否重复的隐患',
  notSuggested: (label: string, suggested: string) => `您的隐患疑似与 ${suggested} 重复,不是 ${label};合并请发 #同 ${suggested}`,
  missingRef: () => '请写隐患编号,如 H7',
  malformedRef: (raw: string) => `“${raw.slice(0, 20)}”不是隐患编号,编号形如 H7`,
  changed: (h: Pick<Hazard, 'number'>) => `${hazardId(h)} 刚刚有了变化,请发 #隐患 ${hazardId(h)} 查看后再试`,
}

/** What a refusal says, with what the actor needs to know to do the right thing instead. */
export function hazardRefusal(code: HazardRefusal, action: HazardAction, h: Pick<Hazard, 'number' | 'status'>, unitName: string): string {
  const id = hazardId(h)
  switch (code) {
    case 'HAZARD_PENDING_DUPLICATE':
      return `${id} 正等待上报人确认是否重复,确认后才能办理`
    case 'HAZARD_SCREENING':
      return `${id} 待网格员核实,请先 #受理 ${id}`
    case 'HAZARD_ALREADY_ACKNOWLEDGED':
      return `${id} 已经受理了(${HAZARD_STATUS_LABEL[h.status]})`
    case 'HAZARD_ALREADY_RESOLVED':
      return `${id} 已经办结,等待核实`
    case 'HAZARD_NOT_RESOLVED':
      return action === 'verify' ? `${id} 还没有办结,不能核实` : `${id} 还没有办结,不需要重办`
    case 'HAZARD_CLOSED':
      return `${id} 已核实关闭${action === 'resolve' ? ',不能再次办结' : ''}`
    case 'HAZARD_MERGED':
      return `${id} 已合并到其他隐患`
    case 'HAZARD_IN_HAND':
      return `${id} 已在处理中,不能再合并或改为新隐患`
    case 'HAZARD_NOT_HANDLER':
      return `${id} 由${unitName}处理,请由该单位网格员或上级负责人办理`
    case 'HAZARD_NOT_REPORTER':
      return `只有 ${id} 的上报人可以确认是否重复`
    case 'HAZARD_VERIFY_DENIED':
      return `${id} 请由上报人或${unitName}的上级负责人${action === 'verify' ? '核实' : '重办'}`
    case 'HAZARD_SELF_VERIFY':
      return `${id} 是您办结的,请由上报人或上级负责人核实`
  }
}
