// What #帮助 and a usage problem show of each hazard command (its word, summary, usage, one example), the words the
// commands take after a report's id, and what a verb wants written after the id.
export const hazardCommandTexts = {
  report: {
    name: '隐患',
    summary: '上报安全隐患(居民也可在网格群上报),或查看隐患 H…',
    usage: '#隐患 [类别] <描述> [紧急];#隐患 H7 [完整]',
    example: '#隐患 消防 3号楼楼道堆放杂物堵塞通道',
  },
  acknowledge: { name: '受理', summary: '受理隐患(居民上报的:网格员核实后转负责单位)', usage: '#受理 H7', example: '#受理 H7' },
  handle: { name: '处置', summary: '记录隐患处置情况', usage: '#处置 H7 <说明>', example: '#处置 H7 已联系物业清理,今天下午完成' },
  resolve: {
    name: '办结',
    summary: '办结隐患 H…(5分钟内发的图片作为办结照片),或完成任务 T…',
    usage: '#办结 H7 <结果>;#办结 T12 <结果>',
    example: '#办结 H7 杂物已清理,通道畅通',
  },
  verify: { name: '核实', summary: '核实已办结的隐患(上报人或上级负责人)', usage: '#核实 H7', example: '#核实 H7' },
  reopen: { name: '重办', summary: '隐患没有解决:退回重新处置(上报人或上级负责人)', usage: '#重办 H7 <原因>', example: '#重办 H7 杂物又堆回来了' },
  same: { name: '同', summary: '您上报的隐患与提示的 H… 是同一个:合并', usage: '#同 H3', example: '#同 H3' },
  different: { name: '不同', summary: '您上报的隐患与提示的不是同一个:继续上报', usage: '#不同', example: '#不同' },
}

/** What each verb wants written after the id (「请写明…」). */
export const hazardNeeds = { handle: '处置情况', resolve: '办结结果', reopen: '重办原因' }

export const hazardVerbTexts = {
  /** A verb that wants words after the id got none. */
  writeWhat: (what: string) => `请写明${what}`,
  /** #不同 with words after it. */
  differentBare: '直接发送 #不同 即可',
}

/** Words after a report's id: the full record, or just a look. */
export const FULL_WORDS: ReadonlySet<string> = new Set(['完整', '全文'])
export const SHOW_WORDS: ReadonlySet<string> = new Set(['', '详情', '记录', '查看', ...FULL_WORDS])
/** "#隐患 列表": the list, glued or not. */
export const LIST_WORD = '列表'
/** The section of #帮助. */
export const HAZARDS_TITLE = '安全隐患'
