// Every Chinese text of digests (日报 · 周报 · 月报).
import type { DigestKind } from './digest.types.ts'

const KIND_LABEL: Record<DigestKind, string> = { daily: '日报', weekly: '周报', monthly: '月报' }

export const digestTexts = {
  kindLabel: (k: DigestKind) => KIND_LABEL[k],
  head: (k: DigestKind, unit: string, label: string, late: boolean) => `【${KIND_LABEL[k]}】${unit} · ${label}${late ? '(补发)' : ''}`,
  problemsHead: '⚠️ 待关注',
  noProblems: '✅ 暂无待关注事项',
  silent: '连续3天未签到',
  overdue: '逾期任务',
  unacked: '通知超时未确认',
  oldHazards: '隐患超48小时未办结',
  pendingHours: '志愿时长待审核',
  own: '本级',
  gridCount: (n: number) => `${n}个网格`,
  pieces: (n: number) => `${n}件`,
  rooms: (n: number) => `${n}个群`,
  entries: (n: number) => `${n}条`,
  dayHead: (k: DigestKind) => (k === 'daily' ? '📋 当日' : k === 'weekly' ? '📋 本周期' : '📋 本月'),
  checkins: (total: number, byType: string, households: number) =>
    `签到 ${total} 次${byType ? `(${byType})` : ''}${households ? `,走访 ${households} 户` : ''}`,
  perChild: (list: string) => `各单位签到:${list}`,
  tasks: (o: number, c: number, d: number) => `任务 新建 ${o} · 认领 ${c} · 完成 ${d}`,
  hazards: (r: number, s: number) => `隐患 上报 ${r} · 办结 ${s}`,
  hours: (h: string, n: number) => `志愿时长 批准 ${h} 小时(${n} 条)`,
  activities: (a: { held: number; attended: number; late: number; absent: number }) =>
    `活动 ${a.held} 场,到场 ${a.attended} 人次${a.late || a.absent ? `(迟到 ${a.late} · 缺席 ${a.absent})` : ''}`,
  // Groups are counted once; when a group got several notices, the deliveries are 群次 (issue #29).
  notices: (sent: number, rooms: number, deliveries: number, onTime: number, pct: string) =>
    !sent
      ? '通知 0 条'
      : rooms === deliveries
        ? `通知 ${sent} 条,下发 ${rooms} 个群,按时确认 ${onTime} 个(${pct})`
        : `通知 ${sent} 条,下发 ${rooms} 个群共 ${deliveries} 群次,按时确认 ${onTime} 群次(${pct})`,
  funnel: (line: string) => `清单 ${line}`,
  dayLabel: (month: number, day: number) => `${month}月${day}日`,
  rangeLabel: (a: string, b: string) => `${a}至${b}`,
  monthLabel: (year: number, month: number) => `${year}年${month}月`,
  badDay: (w: string) => `看不懂「${w}」:可写 昨天、今天、前天 或 11月20日`,
  badWeek: (w: string) => `看不懂「${w}」:可写 上周 或 本周`,
  badMonth: (w: string) => `看不懂「${w}」:可写 上月、本月 或 11月`,
  future: '这一天还没到。',
  checkinReminder: (day: string) => `⏰ 提醒:本网格今天(${day})还没有签到记录。巡查、走访后请发送,例如 #签到 巡查`,
  chartTitle: (k: DigestKind, unit: string, label: string) => `${unit} ${KIND_LABEL[k]} · ${label}`,
  chartCheckins: '签到',
  chartOpen: '待关注',
  notHere: '日报、周报、月报只在您负责的单位(社区、街道、区)的工作群里查看。',
}
