// The help lines (summary, usage, example) and other fixed words of task.command.ts.
export const taskCommandHelp = {
  taskCommand: {
    name: '任务',
    summary: '创建任务,或查看任务及其全部记录',
    usage: '#任务 <标题> [紧急] [截止 <时间>] [@成员|@下级单位];#任务 转 N12 …;#任务 T12 [完整]',
    example: '#任务 修复3号楼路灯 紧急 截止 明天下午3点 @李佳鑫',
  },
}
