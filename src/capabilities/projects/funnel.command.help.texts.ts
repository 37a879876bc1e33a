// The help lines (summary, usage, example) and other fixed words of funnel.command.ts.
export const funnelCommandHelp = {
  funnelCommand: {
    name: '清单',
    summary: '需求→任务→项目清单:本单位及下级收集、形成、完成了多少(本月、本季、本年、全部)',
    usage: '#清单 [本月|本季|本年|全部|11月]',
    example: '#清单 本年',
  },
}
