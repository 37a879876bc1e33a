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
  /** #帮助's line for 日报 · 周报 · 月报 · 导出. */
  helpTitle: '报表',
  /** The words after #周报 / #月报 that name the last or this period (what people type, not what the bot says). */
  lastWeekWords: ['', '上周'],
  thisWeekWords: ['本周', '这周'],
  lastMonthWords: ['', '上月', '上个月'],
  badCron: '不是有效的 cron 表达式(5 段,例如 "0 8 * * *"),或写 false 关闭',
  commands: {
    daily: {
      name: '日报',
      usage: '#日报 [昨天|今天|11月20日]',
      example: '#日报 昨天',
      summary: '本单位及下级的日报:待关注问题、签到、任务、隐患、志愿、通知',
    },
    weekly: { name: '周报', usage: '#周报 [上周|本周]', example: '#周报 上周', summary: '本单位及下级的周报' },
    monthly: { name: '月报', usage: '#月报 [上月|本月|11月]', example: '#月报 上月', summary: '本单位及下级的月报' },
  } satisfies Record<DigestKind, { name: string; usage: string; example: string; summary: string }>,
}
