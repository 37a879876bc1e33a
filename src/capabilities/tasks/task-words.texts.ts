// The tasks' short words: their #帮助 title, aliases users type, the list's "all" word, and the command problems.
export const taskWords = {
  helpTitle: '需求任务',
  acceptNeedAlias: '收录',
  claimAlias: '领题',
  /** "#任务 列表 全部": the whole subtree. */
  all: '全部',
  needWithoutText: '请写明需求内容',
  progressWithoutText: '请写明进展内容',
  reassignToOne: '一次只能转派给一个人',
  reassignToWhom: '请@要转派的人',
}
