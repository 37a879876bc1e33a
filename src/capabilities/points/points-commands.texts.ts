// The points commands' names and help lines, and the words their arguments are read with (#审核 通过 / 驳回).

export const pointsCommandTexts = {
  volunteer: {
    name: '志愿',
    aliases: ['志愿服务', 'volunteer'],
    summary: '登记志愿服务时长(@他人可一并登记),待负责人审核',
    usage: '#志愿 [昨天|11月19日] <时长> <活动> [@成员]',
    example: '#志愿 2小时 助老服务',
  },
  review: {
    name: '审核',
    aliases: ['review'],
    summary: '负责人审核志愿时长;不带参数列出待审核',
    usage: '#审核;#审核 V31 通过;#审核 V31 驳回 <理由>;#审核 全部通过',
    example: '#审核 V31 通过',
  },
  points: { name: '积分', aliases: ['points'], summary: '我的积分余额和最近记录', usage: '#积分', example: '#积分' },
  rank: {
    name: '排行',
    aliases: ['排名', 'rank'],
    summary: '积分排行:前10名、您的名次、各单位(合计与人均);上级群里加 网格/社区/街道 比较该级各单位',
    usage: '#排行 [本月|本季|本年] [网格|社区|街道|全区] [第N页]',
    example: '#排行 本季 社区',
  },
  correct: {
    name: '冲正',
    aliases: ['correct'],
    summary: '负责人冲正一笔积分(写一条反向记录,须写理由)',
    usage: '#冲正 <V31|T12|H7|P3> <理由>',
    example: '#冲正 V31 时长登记重复',
  },
  catalogue: { name: '商品', aliases: ['兑换列表', 'catalogue'], summary: '可用积分兑换的物品和服务', usage: '#商品', example: '#商品' },
  redeem: { name: '兑换', aliases: ['redeem'], summary: '用积分兑换物品,得到兑换码', usage: '#兑换 <物品>', example: '#兑换 理发券' },
  checkOff: { name: '核销', aliases: ['checkoff'], summary: '核销兑换码(负责人或提供方,仅一次)', usage: '#核销 <兑换码>', example: '#核销 7KQ2MX' },
}

/** The help section's title. */
export const pointsHelpTitle = '志愿积分'

/** #审核's verdicts as typed. */
export const APPROVE_WORDS = new Set(['通过', '同意', '批准', 'ok', 'approve'])
export const REJECT_WORDS = new Set(['驳回', '拒绝', '不通过', 'reject'])
export const APPROVE_ALL_WORD = '全部通过'

export const pointsArgTexts = {
  /** A backdated #志愿 whose day was not understood: the example shown. */
  badDayExample: '#志愿 昨天 3小时 夜间巡逻',
  rejectExample: (label: string) => `#审核 ${label} 驳回 时长有误`,
  rankBadWord: (w: string) => `看不懂「${w}」:时段写 本月、本季 或 本年,范围写 网格、社区、街道 或 全区`,
}

/** What `gridbot export points` writes and the errors an admin reads; the catalogue import's lines. */
export const pointsExportTexts = {
  ledgerHeaders: ['时间', '成员', '微信ID', '单位', '来源', '编号', '积分', '说明'],
  ledgerSheet: '积分台账',
  summarySheet: '汇总',
  summaryTitle: '积分汇总',
  title: (district: string, period: string, sheet: string, stamp: string) => `${district} ${period} ${sheet}(导出于 ${stamp})`,
  whichDistrict: (names: string[]) => `请用 --district 指定区(数据库中有:${names.join('、') || '无'})`,
  badMonth: (month: string) => `月份格式应为 2026-11(收到的是「${month}」)`,
  noDistrict: (name: string) => `没有名为「${name}」的区`,
}

export const catalogueTexts = {
  added: (s: { item: string; unit: string; points: number; stock: number }) => `+ 兑换品 ${s.item}(${s.unit},${s.points} 分,${s.stock} 份)`,
  changed: (item: string, restock: number) => `~ 兑换品 ${item}${restock !== 0 ? `(库存 ${restock > 0 ? '+' : ''}${restock})` : ''}`,
  withdrawn: (name: string) => `- 兑换品 ${name} 已下架(不在文件中)`,
}
