// Every Chinese text of the 台账 export.
import { exportStamp } from '../../core/xlsx-print.ts'

export const ledgerTexts = {
  /** The first column of a city's 台账 (issue #26): whose records a row is, the city's own or a district's. */
  districtColumn: '区',
  checkinSheet: '签到',
  taskSheet: '任务',
  hazardSheet: '隐患',
  hoursSheet: '志愿',
  pointsSheet: '积分',
  projectSheet: '项目',
  /** Activities (issue #24): one row each, its sign-ups counted. */
  activitySheet: '活动',
  activityHeaders: ['编号', '活动名称', '单位', '类型', '队伍', '开始时间', '地点', '名额', '报名', '到场', '迟到', '缺席', '志愿时长(小时)', '照片', '状态'],
  activityStatus: { open: '报名中', closed: '已结束', cancelled: '已取消' } as Record<string, string>,
  /** Check-ins counted per unit and per kind (the district's kinds, issue #23). */
  checkinSummarySheet: '签到汇总',
  summaryUnit: '单位',
  summaryTotal: '合计',
  checkinHeaders: ['时间', '单位', '成员', '类型', '户数', '备注', '地址'],
  taskHeaders: ['编号', '标题', '单位', '优先级', '状态', '创建人', '负责人', '创建时间', '截止时间', '认领时间', '办结时间', '结果'],
  hazardHeaders: ['编号', '类别', '描述', '地址', '上报单位', '处置单位', '上报人', '状态', '上报时间', '受理时间', '办结时间', '关闭时间', '上报人次'],
  hoursHeaders: ['编号', '成员', '单位', '服务内容', '时长(小时)', '服务日期', '状态', '审核人', '审核时间'],
  pointsHeaders: ['时间', '成员', '单位', '来源', '编号', '积分', '说明'],
  hoursStatus: { pending: '待审核', approved: '已通过', rejected: '已驳回' } as Record<string, string>,
  urgent: '紧急',
  normal: '一般',
  resident: '居民',
  whichDistrict: (names: string[]) => `请用 --district 指定区(数据库中有:${names.join('、') || '无'})`,
  noDistrict: (name: string) => `没有名为「${name}」的区`,
  badMonth: (m: string) => `月份格式应为 2026-11(收到的是「${m}」)`,
  fileStem: '台账',
  /** Row 1 of every sheet, printed on each page (issue #29): whose, which month, what, when exported. */
  sheetTitle: (unit: string, period: string, sheet: string, at: Date) => `${unit} ${period} 台账 · ${sheet}(导出于 ${exportStamp(at)})`,
  monthLabel: (year: number, month: number) => `${year}年${month}月`,
  badPeriod: (w: string) => `看不懂「${w}」:可写 本月、上月 或 11月`,
  futureMonth: '这个月还没到。',
  notLedger: (w: string) => `目前可导出的是 台账(收到的是「${w}」)`,
  notHere: '台账只能在您负责的单位(社区、街道、区)的工作群里导出。',
  exported: (unit: string, label: string, rows: Record<string, number>) =>
    `📎 ${unit} ${label} 台账:${Object.entries(rows)
      .map(([k, n]) => `${k} ${n} 行`)
      .join(',')}。电话、身份证号等已打码。`,
  queued: (unit: string, label: string) => `正在生成 ${unit} ${label} 台账,稍后发到本群。`,
  exportFailed: (label: string) => `抱歉,${label} 台账生成失败,请稍后再发一次 #导出 台账。`,
  written: (file: string, rows: Record<string, number>) =>
    `已写入 ${file}:${Object.entries(rows)
      .map(([k, n]) => `${k} ${n} 行`)
      .join(',')}`,
  /** What may follow #导出 (what people type), and the month when none is named. */
  ledgerWords: ['台账', '台帐', 'ledger'],
  defaultMonth: '本月',
  command: {
    name: '导出',
    summary: '导出本单位及下级的月度台账(Excel 文件,稍后发到本群)',
    usage: '#导出 台账 [本月|上月|11月]',
    example: '#导出 台账 上月',
  },
  /** The printed page's footer: its page number of the count (Excel's &P and &N codes, XML-escaped). */
  pageFooter: '第 &amp;P 页,共 &amp;N 页',
}
