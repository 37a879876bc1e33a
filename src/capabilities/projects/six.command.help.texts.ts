// The help lines (summary, usage, example) and other fixed words of six.command.ts.
export const sixCommandHelp = {
  sixCommand: {
    name: '六个一',
    summary: '记录六个一(台账 案例 项目 难题 报告 建议,5分钟内的图片作为佐证),或查看本人进度',
    usage: '#六个一 <台账|案例|项目|难题|报告|建议> <说明>;#六个一',
    example: '#六个一 台账 建立5号网格独居老人走访台账',
  },
}
