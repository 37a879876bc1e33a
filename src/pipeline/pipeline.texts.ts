// Every Chinese text the message pipeline says itself: the refusals before a command runs (unknown command, not
// registered, not allowed, unbound group, too long), the rate limit's notices and the answers to a failed command.
import type { Role } from '../kernel/org/org.types.ts'
import { ROLE_LABEL } from '../kernel/org/org.types.ts'

export const pipelineTexts = {
  unknownCommand: (word: string, near: string[]) => {
    const hint = near.length ? `您是不是要:${near.map((w) => `#${w}`).join(' 或 ')}?` : ''
    return `没有“#${word}”这个命令。${hint}\n发送 #帮助 查看全部命令。`
  },
  /** A sender not registered: told who registers them, and — when their display name is a member's — that they are not that member. */
  notRegistered: (command: string, registrars: string[], namesake: string | null) => {
    const register = registrars.length ? `请联系 ${registrars.join('、')} 登记。` : '请联系本群负责人登记。'
    const sender = namesake !== null ? `您的微信号不是已登记的「${namesake}」` : '您还未登记为网格成员'
    return `${sender},暂不能使用 #${command}。${register}`
  },
  rolesOnly: (command: string, roles: Role[]) => `#${command} 仅限${roles.map((r) => ROLE_LABEL[r]).join('、')}使用。`,
  unboundRoom: '本群尚未绑定单位,暂不能使用命令。请管理员在本群发送:#绑定 单位名称',
  oversize: (max: number) => `这条命令太长了(超过 ${max} 字),没有处理。请删减后重发;较长的内容可以分几条发送。`,
  withExample: (message: string, example: string) => `${message}\n例如:${example}`,
  failed: '抱歉,处理时出错了,已记录。请稍后再试一次。',
  rateLimit: {
    slowDown: () => '您发送得太快了:之后的消息照常记录,一分钟后汇总回复。',
    /** `count` is the number of messages recorded: the first number in the text (the outbox counts up in it). */
    summary: (count: string) => `✅ 刚才您较快发送的其余 ${count} 条消息均已记录。可发送 #今日 或 #我的 查看。`,
  },
}
