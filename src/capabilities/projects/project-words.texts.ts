// The projects' short words: #帮助 title, what #项目 and #清单 take after them, the show reply's small labels.
export const projectWords = {
  helpTitle: '资源项目',
  /** #项目 P3 加 T9 N4 R2. */
  addWords: ['加', '加入', '添加', 'add'] as readonly string[],
  list: '列表',
  showOrAdd: (label: string) => `查看项目:#项目 ${label};加入内容:#项目 ${label} 加 T9 N4 R2`,
  completeExample: (label: string) => `#完成 ${label} 已为12户独居老人排查用电隐患`,
  /** #清单 with no period: this month; 全部 / 累计: all time. */
  thisMonth: '本月',
  allTimeWords: ['全部', '累计'] as readonly string[],
  needSolved: '已解决',
  needToTask: '已转任务',
  needOpen: '待办',
  system: '系统',
  level: (n: number) => `(第${n}级)`,
  taskStatus: { open: '待认领', claimed: '进行中', done: '已完成', cancelled: '已取消' },
}
