// Every Chinese text of the web console (pages, buttons, errors), in one place, reviewed together.
import type { AccountState } from '../transport/transport.ts'

export const ACCOUNT_STATE_LABEL: Record<AccountState | 'unknown', string> = {
  starting: '启动中',
  waiting_scan: '等待扫码',
  logged_in: '在线',
  logged_out: '已退出登录',
  disconnected: '连接中断',
  failed_auth: '认证失败',
  stopped: '已停止',
  deaf: '收不到消息(探针未到)',
  unknown: '本进程未运行(状态见网关进程)',
}

/** A task's or hazard's climb: -1 not yet, 0 the reminder in its own group, n the n-th level up. */
export const levelLabel = (level: number) => (level < 0 ? '未升级' : level === 0 ? '本群催办' : `上报第${level}级`)

/** "3分钟", "2小时5分", "1天3小时". */
export function ageLabel(ms: number): string {
  const m = Math.max(0, Math.floor(ms / 60_000))
  if (m < 60) return `${m}分钟`
  const h = Math.floor(m / 60)
  if (h < 24) return `${h}小时${m % 60 ? `${m % 60}分` : ''}`
  return `${Math.floor(h / 24)}天${h % 24 ? `${h % 24}小时` : ''}`
}

export const webTexts = {
  product: '网格助手',
  simTitle: '网格助手 · 模拟器',
  boardTitle: '网格助手 · 看板',
  orgTitle: '网格助手 · 组织架构',
  loginTitle: '网格助手 · 登录',
  navSim: '模拟器',
  navBoard: '看板',
  navOrg: '组织架构',
  logout: '退出登录',
  groups: '群列表',
  speaker: '发言人',
  inRoom: '本群成员',
  others: '其他人',
  message: '消息',
  send: '发送',
  image: '图片',
  sendImage: '发送图片',
  location: '位置',
  address: '地址',
  latitude: '纬度',
  longitude: '经度',
  sendLocation: '发送位置',
  virtualTime: '虚拟时间',
  timeControl: '时间控制',
  steps: [
    { label: '+3分钟', ms: 3 * 60_000 },
    { label: '+10分钟', ms: 10 * 60_000 },
    { label: '+1小时', ms: 3_600_000 },
    { label: '+1天', ms: 86_400_000 },
  ],
  noMessages: '还没有消息。选一位发言人,试试:#签到 走访 3户',
  chooseUnit: '单位',
  show: '查看',
  tasks: '未完成任务',
  hazards: '未关闭隐患',
  notices: '近7天通知',
  activities: '近期活动',
  accounts: '机器人账号',
  checkins: '今日签到',
  none: '无',
  cols: {
    id: '编号',
    unit: '单位',
    title: '内容',
    status: '状态',
    priority: '紧急',
    level: '升级',
    age: '已过',
    next: '下一步',
    account: '账号',
    state: '状态',
    since: '自',
    backlog: '待发消息',
    count: '签到次数',
    households: '户数',
    acks: '确认情况',
    role: '角色',
    members: '成员',
    rooms: '群',
    binding: '绑定',
    wxid: '微信号',
    teams: '队伍',
    startsAt: '开始时间',
    place: '地点',
    signed: '已报名',
  },
  /** A roster entry whose person has not linked their WeChat yet (#登记). */
  unlinked: '待登记',
  urgent: '紧急',
  ackCell: (topic: string, acked: boolean, status: string) => `${topic}:${acked ? '已确认' : status}`,
  ackSummary: (acked: number, total: number) => `已确认 ${acked}/${total}`,
  noticeTimes: (slaAt: string, next: string | null) => `时限 ${slaAt}${next ? ` · 下一步 ${next}` : ''}`,
  own: '本级',
  bound: (account: string) => `已绑定(${account})`,
  unbound: '未绑定',
  exportRoster: '导出花名册(xlsx)',
  rosterSheet: '花名册',
  loginIntro: '负责人、管理员:在本单位的微信群里发送 #登录,机器人会把一次性登录码发到群里(5分钟内有效)。',
  code: '登录码',
  loginThrottled: '登录尝试过多,请 10 分钟后再试。',
  login: '登录',
  loginFailed: '登录码无效、已使用或已过期,请在群里重新发送 #登录。',
  forbidden: '无权查看:只能查看您负责的单位及其下级。',
  notFound: '没有这个页面',
  csrf: '请求已过期或来源不明,请刷新页面后重试。',
  needLogin: '请先登录',
  badRequest: '请求有误',
  serverError: '服务器出错,请稍后再试',
  noGateway: '本进程不运行网关',
} as const
