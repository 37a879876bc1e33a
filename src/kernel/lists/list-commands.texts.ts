// The four subtree lists' words, summaries, usages and examples (what #帮助 shows).

export const LIST_COMMANDS = {
  needs: {
    name: '需求列表',
    command: '#需求列表',
    summary: '本单位及下级待办的居民需求(按单位分组,最早的在前);可加单位、我的、第N页',
    usage: '#需求列表 [单位] [我的] [第N页]',
    example: '#需求列表 华府社区5号网格',
  },
  tasks: {
    name: '任务列表',
    command: '#任务列表',
    summary: '本单位及下级未完成的任务(按单位分组,逾期和紧急的在前);可加单位、逾期/未认领/我的、第N页',
    usage: '#任务列表 [单位] [逾期|未认领|已认领|我的|紧急] [第N页]',
    example: '#任务列表 逾期',
  },
  hazards: {
    name: '隐患列表',
    command: '#隐患列表',
    summary: '本单位及下级未关闭的隐患(按单位分组,紧急和最早的在前);可加单位、状态、第N页',
    usage: '#隐患列表 [单位] [紧急|待受理|处置中|待核实|我的] [第N页]',
    example: '#隐患列表 待受理',
  },
  projects: {
    name: '项目列表',
    command: '#项目列表',
    summary: '本单位及下级的领题攻坚项目与进度(按单位分组);可加单位、待领题/进行中/已完成/我的、第N页',
    usage: '#项目列表 [单位] [待领题|进行中|已完成|我的] [第N页]',
    example: '#项目列表 待领题',
  },
} as const
