// Every Chinese text of the simulator: the shell's help and prompts, and what a conversation script's failed
// expectation says (read by whoever writes the scripts).
export const simTexts = {
  botName: '网格助手',
  shellHelp: `/rooms 列出群    /room 群名 进入群    /as 姓名 以此人身份发言    /who 本群成员
/loc 纬度 经度 地址 发送位置    /image 文件 发送图片    /advance 10m 虚拟时间前进    /time 当前虚拟时间
/quit 退出          其他文字:以当前身份在当前群发言(如 #签到 走访 5户)`,
  shellWelcome: (district: string) => `网格助手模拟器 — 区:${district}。输入 /help 查看用法。`,
  durationFormat: '时长格式:10s、10m、2h、1d',
  virtualTime: (at: string) => `虚拟时间:${at}`,
  unknownAddress: '未知地址',
  noAccount: (accountId: string) => `没有这个账号:${accountId}`,
  noPerson: (who: string) => `没有这个人:${who}`,
  noRoom: (topic: string) => `没有这个群:${topic}`,
  exactlyEmpty: '至少写一条消息;没有消息请用 none: true',
  exactlyAlone: 'exactly 不能与 contains、notContains、mentions、none、count 同用(每条的要求写在 exactly 的各项里)',
  badScript: (issues: string) => `脚本格式有误:${issues}`,
  badAdvance: (advance: string) => `advance 的时长无法识别:${advance}(例如 11m、2h、1d)`,
  rule: (contains: string[], mentions: string[] | undefined, notContains: string | undefined) =>
    `包含 ${JSON.stringify(contains)}${mentions ? ` @${mentions.join(',')}` : ''}${notContains ? ` 不含 ${JSON.stringify(notContains)}` : ''}`,
  noLines: '  (无)',
  missing: (n: number, rule: string) => `缺少第 ${n} 条(应${rule})`,
  extra: (n: number, line: string) => `多出第 ${n} 条:${line}`,
  misfit: (n: number, rule: string, line: string) => `第 ${n} 条不符(应${rule}):${line}`,
  notExactly: (room: string, problem: string, wanted: number, expected: string, got: number, lines: string) =>
    `「${room}」的机器人消息与 exactly 不符:${problem}\n期望 ${wanted} 条:\n${expected}\n实际 ${got} 条:\n${lines}`,
  notNone: (room: string, text: string) => `「${room}」不应有机器人消息,却有:${text}`,
  notCount: (room: string, wanted: number, got: number) => `「${room}」应有 ${wanted} 条机器人消息,实际 ${got} 条`,
  noFit: (room: string, contains: string[], mentions: string[] | undefined, lines: string) =>
    `「${room}」没有符合的机器人消息(包含 ${JSON.stringify(contains)}${mentions ? ` @${mentions.join(',')}` : ''})。实际:\n${lines}`,
}
