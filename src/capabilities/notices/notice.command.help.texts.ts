// The help lines (summary, usage, example) and other fixed words of notice.command.ts.
export const noticeCommandHelp = {
  noticeCommand: {
    name: '通知',
    summary: '向本单位及下级各群发通知(负责人);紧急或写「需确认」的要各群回复「收到」;#通知 状态 B5 查看送达和确认',
    usage: '#通知 [紧急] [需确认] [网格] [@单位] <内容>;#通知 状态 [B5 [单位] [未确认] [第2页]];#通知 定时 <时间> <内容>',
    example: '#通知 紧急 今晚有暴雨,请各网格排查低洼地带',
  },
  scheduleListCommand: {
    name: '定时列表',
    summary: '本单位及下级的定时通知和下次发送时间',
    usage: '#定时列表',
    example: '#定时列表',
  },
  scheduleCancelCommand: {
    name: '取消定时',
    summary: '取消一条定时通知(设定人或上级负责人)',
    usage: '#取消定时 S2',
    example: '#取消定时 S2',
  },
}
