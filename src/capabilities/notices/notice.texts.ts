// Every Chinese text of notices — the notice as posted, the plan reply, refusals, status, the SLA summary, re-@,
// escalation, schedules — in one place, reviewed together.
import { formatLocal } from '../../core/time.ts'
import { formatWait } from '../../kernel/texts/wait.texts.ts'
import { formatSpan } from './notice-span.texts.ts'
import type { DeliveryStatus, NoticeScope, StoredPlan } from './notice.types.ts'
import { SCHEDULE_EXAMPLES } from '../../parser/schedule.ts'

/** The notices' section title in #帮助. */
export const noticeHelpTitle = '通知'

export const DELIVERY_LABEL: Record<DeliveryStatus, string> = { queued: '发送中', sent: '已送达', failed: '发送失败', acknowledged: '已确认' }

const label = (n: number) => `B${n}`
/** Units named in one summary at most (the rest counted): it stays one short message at any scale. */
const NAMED = 20
const seconds = (at: Date) => {
  const t = formatLocal(at, false)
  const s = String(Math.floor((at.getTime() / 1000) % 60)).padStart(2, '0')
  return `${t}:${s}`
}
/** The start of a notice's text, for summaries and lists (one line, at most 30 characters). */
export const excerpt = (text: string, max = 30) => {
  const line = text.replace(/\s+/g, ' ').trim()
  return [...line].length > max ? `${[...line].slice(0, max).join('')}…` : line
}
const scopeLabel = (scope: NoticeScope, unitName: string) => (scope === 'grids' ? `${unitName}下属各网格群` : `${unitName}及下属各群`)

export const noticeTexts = {
  /** Words of `#通知 需确认 …`: the notice asks for 收到 and is chased (issue #23). */
  confirmWords: ['需确认', '需回复', '须确认', '要确认'] as readonly string[],
  /** Options and verbs typed after #通知: only the grids, the status of a notice, a schedule. */
  gridWords: ['网格', '仅网格', '各网格'] as readonly string[],
  statusWord: '状态',
  scheduleWord: '定时',
  /** `#通知 状态 B5 未确认`: list the unacknowledged groups. */
  unackedWords: ['未确认', '未回复', '没确认'] as readonly string[],
  // ── The notice as posted in each room ──
  // Held by quiet hours (issue #29 item 21): the deadline the summary and re-@ really keep, not the SLA's minutes.
  // Chased or not (issue #23): the post says plainly whether a reply is needed.
  posted: (n: { number: number; text: string; urgent: boolean; slaMs: number; heldUntil?: Date | null; chase?: boolean; footer?: string }, from: string) =>
    `${n.urgent ? '🔴【紧急通知' : '📢【通知'} ${label(n.number)}】\n${n.text}\n——${from}\n${
      n.footer !== undefined
        ? n.footer
        : n.chase === false
          ? '(阅知即可,无需回复)'
          : n.heldUntil
            ? `本群任一位网格员或负责人在 ${formatLocal(n.heldUntil)} 前回复「收到」即为本群确认(夜间免打扰,早上再汇总)。`
            : `本群任一位网格员或负责人${formatWait(n.slaMs)}内回复「收到」即为本群确认。`
    }`,

  // ── The plan reply to the sender ──
  plan: (
    n: { number: number; priority: string; scope: NoticeScope; chase?: boolean },
    unitName: string,
    p: StoredPlan,
    at: Date,
    held?: { until: Date; span: string } | null,
  ) => {
    const accounts = p.accounts.map((a) => `${a.id} ${a.rooms}个`).join('、')
    const done = new Date(at.getTime() + p.estimateMs)
    const head = `✅ ${n.priority === 'urgent' ? '紧急' : ''}通知 ${label(n.number)} 开始发送:${scopeLabel(n.scope, unitName)}共 ${p.rooms} 个群,使用 ${p.accounts.length} 个账号(${accounts})。`
    const sla = held
      ? `时限顺延到 ${formatLocal(held.until)}(夜间免打扰 ${held.span},汇总和提醒在此时进行)`
      : `时限${formatWait(p.slaMs)}(${seconds(new Date(at.getTime() + p.slaMs))})`
    const eta = `预计 ${seconds(done)} 前全部送达(约${formatSpan(p.estimateMs)}),${sla}`
    const verdict = p.shortfallMs
      ? `\n⚠️ 现有账号无法在时限内送达:预计需要${formatSpan(p.estimateMs)},超出${formatSpan(p.shortfallMs)}。按目前每账号的发送速度,至少需要 ${p.accountsNeeded} 个账号。仍照常发送。`
      : ',可在时限内送达。'
    const names = p.waitingRooms?.length ? `:${p.waitingRooms.join('、')}${p.waiting > p.waitingRooms.length ? ' 等' : ''}` : ''
    const waiting = p.waiting
      ? `\n⏳ ${p.waiting} 个群的账号${p.downAccounts?.length ? `(${p.downAccounts.join('、')})` : ''}掉线,等待账号恢复后发送${names}。`
      : ''
    const ask =
      n.chase === false ? `本通知无需回复:到时限只向您汇总送达,不催各群(要各群确认请用 #通知 需确认 …)` : '回复「收到」的群计为确认,到时限未确认的群提醒一次'
    return `${head}\n${eta}${verdict}${waiting}\n${ask};#通知 状态 ${label(n.number)} 查看进度。`
  },

  // ── Refusals and usage ──
  empty: () => '请写明通知内容',
  onlySupervisors: () => '#通知 仅限负责人、管理员发送(本单位及下级各群)。',
  noUnit: (name: string) => `找不到单位「${name}」`,
  notBelow: (name: string) => `「${name}」不在您负责的范围内,只能向本单位及下级发通知。`,
  nothingBelowGrid: (grid: string, aboveRoom: string | null) =>
    `通知发往本单位下级的各群,${grid}是网格,下面没有群,通知未发送。请在${aboveRoom ? `「${aboveRoom}」` : '社区的工作群'}发送,例如:#通知 @${grid} 明天上午检查消防通道`,
  noRooms: (what: string) => `${what}没有已绑定的群,通知未发送。`,
  notFound: (n: number) => `没有找到通知 ${label(n)}`,
  noneYet: () => '本群还没有发过通知。发送:#通知 状态 B5 查看某条通知',
  notVisible: (n: number) => `通知 ${label(n)} 不是本单位或下级发出的,无权查看。`,
  malformedRef: (raw: string) => `「${raw.slice(0, 20)}」不是通知编号(如 B5)`,

  // ── #通知 状态 ──
  /** The totals line (`waiting`: groups whose account is down, among those not sent). */
  statusTally: (t: { rooms: number; acknowledged: number; sent: number; queued: number; failed: number; waiting: number }, scope?: string) =>
    `${scope ? `${scope}:` : ''}共 ${t.rooms} 个群:已确认 ${t.acknowledged},已送达未确认 ${t.sent},发送中 ${t.queued},发送失败 ${t.failed}${t.waiting ? `(其中 ${t.waiting} 个群等待账号恢复)` : ''}`,
  statusHead: (n: { number: number; priority: string; createdAt: Date; slaAt: Date; text: string }, plan: StoredPlan | null): [string, string] => [
    `📋 ${n.priority === 'urgent' ? '紧急' : ''}通知 ${label(n.number)}(${formatLocal(n.createdAt)} 发出):${excerpt(n.text)}`,
    `时限 ${seconds(n.slaAt)}${plan ? `;计划 ${plan.accounts.length} 个账号,预计${formatSpan(plan.estimateMs)}送达` : ''}`,
  ],
  /** One direct child unit of the asker: confirmed / reached / failed (issue #23: one line per child at any scale). */
  statusChild: (name: string, t: { rooms: number; acknowledged: number; sent: number; failed: number; waiting: number }) =>
    `${t.acknowledged === t.rooms ? '✔' : '✖'} ${name}:确认 ${t.acknowledged}/${t.rooms}${t.sent ? `,未确认 ${t.sent}` : ''}${t.failed ? `,失败 ${t.failed}` : ''}${t.waiting ? `,等账号 ${t.waiting}` : ''}`,
  ownGroups: (unit: string) => `${unit}本级`,
  statusWaiting: (names: string[], total: number, accounts: string[]) =>
    `⏳ ${total} 个群等待账号恢复(${accounts.join('、')} 掉线):${names.join('、')}${total > names.length ? ` 等` : ''}`,
  statusMore: (n: number) => `…另有 ${n} 项未列出`,
  statusHint: (number: number) => `#通知 状态 ${label(number)} <单位> 看下级;#通知 状态 ${label(number)} 未确认 看未确认的群`,
  unackedHead: (scope: string, total: number, page: number, pages: number) =>
    total ? `${scope}未确认的群共 ${total} 个${pages > 1 ? `(第 ${page}/${pages} 页)` : ''}:` : `${scope}的群已全部确认。`,
  unackedNext: (number: number, unit: string | null, page: number) => `下一页:#通知 状态 ${label(number)}${unit ? ` ${unit}` : ''} 未确认 第${page}页`,
  waitingLine: (topic: string, account: string) => `⏳ ${topic}:等待账号 ${account} 恢复后发送`,
  unitNotBelow: (name: string) => `「${name}」不在本群单位的范围内,只能查看本单位及下级。`,
  statusLine: (
    topic: string,
    status: DeliveryStatus,
    d: { sentAt: Date | null; ackAt: Date | null; ackByName: string | null; ackNote?: string | null; failReason: string | null },
  ) => {
    if (status === 'acknowledged')
      return `✔ ${topic}:已确认 ${d.ackAt ? seconds(d.ackAt) : ''}${d.ackByName ? ` ${d.ackByName}` : ''}${d.ackNote ? `「${excerpt(d.ackNote, 40)}」` : ''}`
    if (status === 'sent') return `✖ ${topic}:已送达 ${d.sentAt ? seconds(d.sentAt) : ''},未确认`
    if (status === 'failed') return `✖ ${topic}:发送失败(${excerpt(d.failReason ?? '原因不明', 40)}),将自动重发`
    return `… ${topic}:发送中`
  },

  // ── At the SLA deadline, and after ──
  allAcknowledged: (n: { number: number; text: string }, total: number) =>
    `✅ 通知 ${label(n.number)}「${excerpt(n.text, 20)}」已全部确认(${total}/${total})。`,
  summary: (n: { number: number; text: string }, missing: string[], open: number, total: number, failed: number) =>
    `⏰ 通知 ${label(n.number)}「${excerpt(n.text, 20)}」时限已到:${open}/${total} 个群未确认:${missing.slice(0, NAMED).join('、')}${missing.length > NAMED ? ` 等 ${missing.length} 个单位(#通知 状态 ${label(n.number)} 未确认 查看)` : ''}。${failed ? `其中 ${failed} 个群发送失败,正在重发。` : ''}已在未确认的群里提醒一次。`,
  /** A notice nobody is chased for (plain, not 需确认): at its deadline the sender hears how it was delivered. */
  delivered: (n: { number: number; text: string }, total: number, c: { sent: number; failed: number; acknowledged: number }) =>
    `⏰ 通知 ${label(n.number)}「${excerpt(n.text, 20)}」时限已到:已送达 ${c.sent + c.acknowledged}/${total} 个群${c.acknowledged ? `(${c.acknowledged} 个群回复了收到)` : ''}${
      c.failed ? `,${c.failed} 个群发送失败,正在重发` : ''
    }。本通知无需回复,不催办。`,
  nudge: (n: { number: number; text: string; urgent: boolean }) =>
    `⏰ 请确认${n.urgent ? '紧急' : ''}通知 ${label(n.number)}:「${excerpt(n.text)}」\n已过时限仍未确认,请回复「收到」。`,
  escalated: (n: { number: number; text: string }, fromUnit: string, waitedMs: number, units: string[]) =>
    `【通知未确认】${fromUnit} 的通知 ${label(n.number)}「${excerpt(n.text, 20)}」已发出${formatWait(waitedMs)},下列单位仍未确认:${units.slice(0, NAMED).join('、')}${units.length > NAMED ? ` 等 ${units.length} 个` : ''}。请督促回复「收到」。`,

  // ── Schedules ──
  scheduleUsage: () => `请写明发送时间和内容(时间如 ${SCHEDULE_EXAMPLES})`,
  /** The example every #通知 定时 error ends with: one with 定时 in it (issue #29). */
  scheduleExample: '#通知 定时 每月9日9点 本月议事日,请各网格准备',
  scheduled: (
    s: { number: number; phrase: string; cron: string | null; priority?: string },
    next: Date,
    target: string,
    quiet?: { until: Date; span: string } | null,
  ) =>
    `🗓 ${s.priority === 'urgent' ? '紧急' : ''}定时通知 S${s.number} 已设定:${s.cron ? `${s.phrase},下次` : ''} ${formatLocal(next)} 发往${target}${s.priority === 'urgent' ? '(按紧急通知发送)' : ''}。${
      quiet
        ? `\n⚠️ 发送时间在夜间免打扰时段(${quiet.span}):通知照常发出,未确认的汇总和提醒要到 ${formatLocal(quiet.until, false)} 才进行。需要夜里跟进请设为紧急。`
        : ''
    }\n#定时列表 查看,#取消定时 S${s.number} 取消。`,
  /** A scheduled occurrence that could not go out (rooms unbound since, the creator may no longer send). */
  occurrenceRefused: (n: number, why: string) => `🗓 定时通知 S${n}:${why}`,
  scheduledTarget: (targetName: string, scope: 'grids' | 'subtree') => (scope === 'grids' ? `${targetName}下属各网格群` : `${targetName}及下属各群`),
  occurrence: (s: { number: number }, noticeNumber: number, late: Date | null) =>
    `🗓 定时通知 S${s.number} 已按时发出为通知 ${label(noticeNumber)}${late ? `(补发,原定 ${formatLocal(late)})` : ''}。`,
  scheduleList: (unitName: string, lines: string[]) =>
    lines.length ? `🗓 ${unitName}及下级的定时通知 ${lines.length} 条:\n${lines.join('\n')}` : `${unitName}及下级没有定时通知。`,
  scheduleLine: (s: { number: number; phrase: string; text: string; priority: string }, next: Date | null, unitName: string, creator: string) =>
    `S${s.number} ${s.phrase}${s.priority === 'urgent' ? '(紧急)' : ''}:${excerpt(s.text, 24)} —— 下次 ${next ? formatLocal(next) : '无'};${unitName} ${creator}`,
  scheduleNotFound: (n: number) => `没有找到定时通知 S${n}`,
  scheduleNotYours: (n: number) => `定时通知 S${n} 只能由设定人或其上级负责人取消。`,
  scheduleAlreadyCancelled: (n: number) => `定时通知 S${n} 已经取消或已发完。`,
  scheduleCancelled: (n: number, phrase: string) => `🗑 定时通知 S${n}(${phrase})已取消,不再发送。`,
  scheduleCancelledFor: (n: number, phrase: string, by: string) => `🗑 您设定的定时通知 S${n}(${phrase})已由 ${by} 取消,不再发送。`,
  scheduleMissingRef: () => '请写定时通知编号',
  scheduleMalformedRef: (raw: string) => `「${raw.slice(0, 20)}」不是定时通知编号(如 S2)`,
}
