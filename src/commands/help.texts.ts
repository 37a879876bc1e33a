// Every Chinese text of #帮助: its own entry, one command's usage, and the list of commands by capability.
export const helpTexts = {
  command: { name: '帮助', aliases: ['help', '菜单', '?', '？'], summary: '查看命令', usage: '#帮助 [命令]', example: '#帮助 签到' },
  one: (c: { name: string; summary: string; usage: string; example: string }) => `#${c.name}:${c.summary}\n用法:${c.usage}\n例如:${c.example}`,
  section: (title: string, names: string[]) => `【${title}】${names.join(' ')}`,
  memberTail: '\n发送 #帮助 命令名 查看用法和例子,如:#帮助 隐患',
  guestTail: '\n您尚未登记为网格成员,可以在网格群里上报隐患。名单上有您的姓名?请发送 #登记 姓名,登记后可使用签到等命令。',
  list: (lines: string[], tail: string) => `网格助手命令:\n${lines.join('\n')}\n#帮助 查看命令${tail}`,
}
