// Every Chinese text of activities (活动): creation, 招募令, sign-up, waiting list, reminders, attendance, closing.
import { formatLocal } from '../../core/time.ts'
import type { ActivityArgProblem } from '../../parser/activity-args.ts'
import { MAX_CAPACITY, MAX_NAME } from '../../parser/activity-args.ts'

export const activityId = (a: { number: number }) => `A${a.number}`

type A = { number: number; name: string; startsAt: Date; endsAt: Date; place: string | null; capacity: number | null }

/** "12月12日 09:00–11:00" (the end's date only when it is another day). */
export const when = (a: { startsAt: Date; endsAt: Date }) => {
  const sameDay = formatLocal(a.startsAt).split(' ')[0] === formatLocal(a.endsAt).split(' ')[0]
  return `${formatLocal(a.startsAt)}–${formatLocal(a.endsAt, !sameDay)}`
}
const capacityText = (capacity: number | null) => (capacity === null ? '不限人数' : `限 ${capacity} 人`)
const hoursText = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10} 小时`
const metres = (m: number) => (m < 1000 ? `${m} 米` : `${Math.round(m / 100) / 10} 公里`)
type Counts = { late: number; absent: number; absentNames: string[] }
type Needs = { location: boolean; photo: boolean }
/** "迟到 1 人;缺席 1 人:张三" (nothing when nobody was late or absent). */
const lateAbsent = (c: Counts) =>
  [c.late ? `迟到 ${c.late} 人` : null, c.absent ? `缺席 ${c.absent} 人:${c.absentNames.slice(0, 10).join('、')}${c.absent > 10 ? ' 等' : ''}` : null]
    .filter(Boolean)
    .join(';') || null
type Tally = { activities: number; signups: number; attended: number; minutes: number; late: number; absent: number }
const lateAbsentTotals = (t: Tally) => `${t.late ? `,迟到 ${t.late} 人次` : ''}${t.absent ? `,缺席 ${t.absent} 人次` : ''}`
const PHOTOS_HINT = '5 分钟内在本群发来的现场照片将记为活动照片'
const STATUS: Record<string, string> = { closed: '已结束', cancelled: '已取消', open: '报名中' }

export const activityTexts = {
  problem: (p: ActivityArgProblem) => {
    switch (p.code) {
      case 'missing':
        return '请写明活动时间和名称'
      case 'time':
        return p.detail.replace(/截止时间/g, '活动时间')
      case 'end_before_start':
        return `结束时间要晚于开始时间:「${p.raw}」`
      case 'capacity':
        return `人数限额「${p.raw}」不对,请写 1–${MAX_CAPACITY} 人,如:限20人`
      case 'name_missing':
        return '请写明活动名称'
      case 'name_long':
        return `活动名称最多 ${MAX_NAME} 个字`
    }
  },
  created: (a: A & { kind: string; team: string | null }, targetName: string | null, rooms: number, project: { number: number; title: string } | null = null) =>
    [
      `已创建活动 ${activityId(a)}:${a.name}`,
      `时间:${when(a)}`,
      a.place ? `地点:${a.place}` : null,
      `名额:${capacityText(a.capacity)}`,
      `类型:${a.kind}${a.team ? ` · 队伍:${a.team}` : ''}`,
      project ? `服务项目:P${project.number} ${project.title}` : null,
      targetName ? `招募令已发往 ${targetName} 的 ${rooms} 个群(无需回复收到)` : null,
      `报名:#报名 ${activityId(a)}  取消:#取消报名 ${activityId(a)}`,
    ]
      .filter(Boolean)
      .join('\n'),
  recruitment: (a: A, from: string) =>
    [
      `📣 招募令 ${activityId(a)}:${a.name}`,
      `时间:${when(a)}`,
      a.place ? `地点:${a.place}` : null,
      `名额:${capacityText(a.capacity)}`,
      `报名请发:#报名 ${activityId(a)}(无需回复收到)`,
      `—— ${from}`,
    ]
      .filter(Boolean)
      .join('\n'),
  projectUnknown: (n: number) => `没有本单位可用的项目 P${n},请检查编号(#项目列表 可查看)`,
  unitUnknown: (name: string) => `没有单位「${name}」,请检查名称`,
  unitNotBelow: (name: string) => `${name} 不在您的管辖范围内,只能向本单位及下级发招募令`,
  unknown: (label: string) => `没有活动 ${label},请检查编号(#活动列表 可查看)`,
  notVisible: (label: string) => `${label} 不是本单位或下级的活动,也没有向本群招募`,
  notOpen: (label: string, status: string) => `${label} ${STATUS[status] ?? status},不能再操作`,
  started: (label: string) => `${label} 已开始,不能再报名`,
  startedCancel: (label: string) => `${label} 已开始,不能取消报名;不能参加请告诉组织者`,
  residentsNotAllowed: (label: string) => `${label} 只接受网格成员报名`,
  alreadySigned: (label: string, status: string) => (status === 'waiting' ? `您已在 ${label} 的候补名单中` : `您已报名 ${label},无需重复报名`),
  signed: (a: A, name: string, signed: number) =>
    `✅ ${name} 已报名 ${activityId(a)} ${a.name}(${when(a)})${a.capacity !== null ? `,已报 ${signed}/${a.capacity}` : `,已报 ${signed} 人`}`,
  waiting: (a: A, name: string, position: number) => `名额已满,${name} 已进入 ${activityId(a)} 候补第 ${position} 位;有人取消时自动递补并通知您`,
  onboarding: (registrars: string[], cadres: string[]) =>
    `您还不在本群名单上,已按居民报名。想登记为志愿者:名单上有您的,请发 #登记 您的姓名;不在名单上的,请联系 ${registrars.length ? registrars.join('、') : '本群负责人'} 登记。${cadres.length ? `请网格员 ${cadres.join('、')} 核实` : ''}`,
  notSigned: (label: string) => `您没有报名 ${label}`,
  cancelled: (a: A, name: string) => `已取消 ${name} 的 ${activityId(a)} 报名`,
  promotedHere: (name: string) => `${name} 由候补递补为正式报名`,
  movedUp: (a: A) =>
    `🎉 您已由候补递补为 ${activityId(a)} ${a.name} 的正式报名(${when(a)}${a.place ? `,${a.place}` : ''}),不能参加请发 #取消报名 ${activityId(a)}`,
  detail: (a: A & { status: string }, s: { signed: number; named: string[]; residents: number; waiting: string[]; photos: number }) =>
    [
      `${activityId(a)} ${a.name}(${STATUS[a.status] ?? a.status})`,
      `时间:${when(a)}`,
      a.place ? `地点:${a.place}` : null,
      `报名:${s.signed}${a.capacity !== null ? `/${a.capacity}` : ''} 人${s.named.length ? `:${s.named.join('、')}` : ''}${s.residents ? `;居民 ${s.residents} 人` : ''}`,
      s.waiting.length ? `候补 ${s.waiting.length} 人` : null,
      s.photos ? `活动照片 ${s.photos} 张` : null,
    ]
      .filter(Boolean)
      .join('\n'),
  attendedMark: (name: string) => `${name}✓`,
  listEmpty: (unitName: string) => `${unitName} 近期没有报名中的活动`,
  list: (unitName: string, lines: string[]) => `${unitName} 近期活动 ${lines.length} 项:\n${lines.join('\n')}`,
  line: (a: A, signed: number) =>
    `${activityId(a)} ${formatLocal(a.startsAt)} ${a.name}${a.place ? ` @${a.place}` : ''} · ${a.capacity === null ? `已报 ${signed} 人` : signed >= a.capacity ? '已满(可候补)' : `余 ${a.capacity - signed} 个名额`}`,
  notOrganiser: (label: string) => `只有 ${label} 的组织者或其上级负责人可以操作`,
  notStarted: (label: string) => `${label} 还没开始,开始后再登记到场`,
  outsideWindow: (a: A) => `${activityId(a)} 的签到时间是 ${when(a)}(开始前半小时起)`,
  nobodyNamed: () => '请 @ 到场的人,或写 全部',
  present: (a: A, marked: string[], walkIns: string[], present: number) =>
    [`${activityId(a)} 到场 ${present} 人`, marked.length ? `本次登记:${marked.join('、')}` : null, walkIns.length ? `未报名到场:${walkIns.join('、')}` : null]
      .filter(Boolean)
      .join('\n'),
  checkedIn: (a: A, name: string, walkIn: boolean, late = false) =>
    `✅ ${name} 已签到 ${activityId(a)} ${a.name}${late ? '(迟到)' : ''}${walkIn ? '(未报名,已记为现场参加)' : ''}`,
  checkInPending: (a: A, name: string, needs: Needs) =>
    `📍 ${name} 正在签到 ${activityId(a)}:请在 5 分钟内发送${[needs.location ? '您的位置(微信「+」→「位置」)' : null, needs.photo ? '一张现场照片' : null].filter(Boolean).join('和')},收到后完成签到`,
  evidenceMore: (a: A, needs: Needs) =>
    `还差${[needs.location ? '位置' : null, needs.photo ? '现场照片' : null].filter(Boolean).join('和')},发来后完成 ${activityId(a)} 签到`,
  tooFar: (a: A, distance: number, radius: number) =>
    `📍 您距 ${activityId(a)} 活动地点约 ${metres(distance)},超出 ${metres(radius)},签到未完成;到现场后请再发一次位置`,
  placeSet: (a: A, radius: number) => `📍 已记下 ${activityId(a)} 的活动地点${radius ? `,签到时需发送位置(${metres(radius)}内)` : ''}`,
  alreadyCheckedIn: (a: A, name: string) => `${name} 已签到过 ${activityId(a)}`,
  reminder: (a: A, hoursBefore: boolean) =>
    `⏰ ${hoursBefore ? '活动即将开始' : '明天有活动'}:${activityId(a)} ${a.name},${when(a)}${a.place ? `,地点:${a.place}` : ''}。不能参加请发 #取消报名 ${activityId(a)}`,
  hoursBad: (word: string) => `看不懂时长「${word}」,请写如:2小时、90分钟`,
  hoursTooLong: (max: number) => `活动时长不能超过 ${max} 小时`,
  closed: (a: A, r: { attendees: number; minutes: number; credited: string[]; residents: number; counts: Counts }) =>
    [
      `🏁 ${activityId(a)} ${a.name} 已结束:到场 ${r.attendees} 人,每人 ${hoursText(r.minutes)}`,
      r.residents ? `居民 ${r.residents} 人已计入到场人数` : null,
      lateAbsent(r.counts),
      ...r.credited,
      PHOTOS_HINT,
    ]
      .filter(Boolean)
      .join('\n'),
  closedNobody: (a: A, c: Counts) =>
    [`🏁 ${activityId(a)} ${a.name} 已结束,没有登记到场的人,未记志愿时长`, lateAbsent(c), PHOTOS_HINT].filter(Boolean).join('\n'),
  closingPhoto: (a: A, count: number) => `📷 已记为 ${activityId(a)} ${a.name} 的活动照片(共 ${count} 张)`,
  activityCancelled: (a: A, told: number) => `已取消活动 ${activityId(a)} ${a.name}${told ? `,已通知报名的 ${told} 人` : ''}`,
  cancelledNotice: (a: A) => `⚠️ 活动 ${activityId(a)} ${a.name}(${when(a)})已取消,您的报名随之取消`,
  statsEmpty: (unitName: string, period: string) => `${unitName} ${period}没有活动`,
  stats: (unitName: string, period: string, total: Tally, lines: string[]) =>
    [
      `${unitName} ${period}活动统计:${total.activities} 场,报名 ${total.signups} 人次,到场 ${total.attended} 人次,志愿时长 ${hoursText(total.minutes)}${lateAbsentTotals(total)}`,
      ...lines,
    ].join('\n'),
  statsLine: (label: string, s: Tally) =>
    `${label}:${s.activities} 场 · 报名 ${s.signups} · 到场 ${s.attended} · ${hoursText(s.minutes)}${s.late ? ` · 迟到 ${s.late}` : ''}${s.absent ? ` · 缺席 ${s.absent}` : ''}`,
  noTeam: () => '未分队伍',
  periodName: (p: 'month' | 'year') => (p === 'month' ? '本月' : '本年'),
  badPeriod: (w: string) => `看不懂「${w}」,请写 本月 或 本年`,
  badRef: () => '请写活动编号,如:#报名 A3',
  closeExample: () => '#活动 A3 结束 2小时',
  statsExample: () => '#活动 统计 本月',
  presentExample: () => '#到场 A3 全部',
  scheduleNever: (phrase: string) => `「${phrase}」算不出下一次的时间,请写如:每月9日9点`,
  scheduleProblem: (p: string) => p.replace(/发送时间/g, '活动时间'),
  scheduleOnce: () => '定时活动要写周期,如:每月9日9点、每周六上午9点;只办一次请直接写时间:#活动 周六上午9点 义诊',
  seriesCreated: (s: { number: number; name: string; phrase: string }, first: Date, targetName: string | null) =>
    `🗓 已设定时活动 AS${s.number}:${s.name},${s.phrase}。\n首次 ${formatLocal(first)}，每次提前 7 天创建活动并开放报名${targetName ? `，招募令发往 ${targetName}` : ''}`,
  occurrenceCreated: (a: A, phrase: string, rooms: number) =>
    `🗓 定时活动(${phrase})已创建 ${activityId(a)} ${a.name}:${when(a)}${rooms ? `,招募令已发往 ${rooms} 个群` : ''}。报名:#报名 ${activityId(a)}`,
  cadresOnly: () => '发起活动和查看统计需要网格员或负责人',
  notFound: (names: string[]) => `找不到:${names.join('、')}(请 @ 本人)`,
  notStartedClose: (label: string) => `${label} 还没开始,不能结束;不办了请发 #活动 ${label} 取消`,
}

/** The words, summaries and examples of the commands (#帮助 lists them). */
export const activityCommandTexts = {
  /** Its line of #帮助. */
  helpTitle: '活动',
  activity: {
    name: '活动',
    aliases: ['activity'],
    summary: '发起活动(可向下级发招募令)、查看报名、结束记时长、取消、统计',
    usage: '#活动 <时间> <名称> [限N人] [地点] [@单位|全区] · #活动 A3 [结束 2小时|取消] · #活动 统计 [本月|本年]',
    example: '#活动 周六上午9点-11点 义诊 限20人 社区广场 @华府社区',
  },
  signUp: { name: '报名', aliases: ['我报名', 'signup'], summary: '报名参加活动(满员时进入候补)', usage: '#报名 A3', example: '#报名 A3' },
  cancelSignup: { name: '取消报名', aliases: ['cancel-signup'], summary: '取消活动报名(候补第一位自动递补)', usage: '#取消报名 A3', example: '#取消报名 A3' },
  checkIn: { name: '活动签到', aliases: ['activity-checkin'], summary: '在活动时间内签到(到场)', usage: '#活动签到 A3', example: '#活动签到 A3' },
  present: {
    name: '到场',
    aliases: ['present'],
    summary: '组织者登记到场的人(未报名的记为现场参加)',
    usage: '#到场 A3 @张三 @李四 | #到场 A3 全部',
    example: '#到场 A3 @张三 @李四',
  },
  list: { name: '活动列表', aliases: ['activities'], summary: '本单位及下级近期的活动和剩余名额', usage: '#活动列表', example: '#活动列表' },
}
