// The help lines (summary, usage, example) and other fixed words of need.command.ts.
export const needCommandHelp = {
  needCommand: {
    name: '需求',
  },
  acceptNeedCommand: {
    name: '采纳',
  },
  closeNeedCommand: {
    name: '关闭',
  },
}
