// The help lines (summary, usage, example) and other fixed words of task-actions.command.ts.
export const taskActionsCommandHelp = {
  claimCommand: {
    name: '认领',
    summary: '认领任务 T…,或领题攻坚项目 P…',
    usage: '#认领 T12;#领题 P3',
    example: '#认领 T12',
  },
  progressCommand: {
    name: '进展',
    summary: '记录任务进展',
    usage: '#进展 T12 <文字>',
    example: '#进展 T12 已联系物业,明天上午维修',
  },
  completeCommand: {
    name: '完成',
    summary: '完成任务 T…(5分钟内发的图片作为凭证),或结项项目 P…(须写总结)',
    usage: '#完成 T12 <结果>;#完成 P3 <总结>',
    example: '#完成 T12 路灯已修好,居民已确认',
  },
  abandonCommand: {
    name: '放弃',
    summary: '放弃已认领的任务(重新等待认领)',
    usage: '#放弃 T12 [原因]',
    example: '#放弃 T12 需要专业电工',
  },
  chaseCommand: {
    name: '催办',
    summary: '立即提醒任务负责人',
    usage: '#催办 T12',
    example: '#催办 T12',
  },
  takeOverCommand: {
    name: '接手',
    summary: '上级负责人接手任务',
    usage: '#接手 T12',
    example: '#接手 T12',
  },
  reassignCommand: {
    name: '转派',
    usage: '#转派 T12 @某人',
    example: '#转派 T12 @陈晓',
  },
  cancelCommand: {
    name: '取消',
    summary: '取消任务(创建人或上级负责人)',
    usage: '#取消 T12 [原因]',
    example: '#取消 T12 重复任务',
  },
  handBackCommand: {
    name: '退回',
  },
}
