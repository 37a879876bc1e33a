// What #绑定 says: bound, already bound, the confirmation asked for a move, and the notices to the groups concerned.
import type { Room, Unit } from './org.types.ts'

export const bindTexts = {
  unknownUnit: (name: string) => `找不到单位「${name}」,请写组织名单中的完整名称。`,
  bound: (unit: Unit, others: Room[]) =>
    `本群已绑定到「${unit.name}」。成员可发送 #帮助 查看命令。${others.length ? `\n${unit.name}另有群:${others.map((r) => `「${r.topic}」`).join('、')}` : ''}`,
  already: (unit: Unit) => `本群已经绑定在「${unit.name}」,无需重复绑定。`,
  confirm: (unit: Unit, replaces: Room | null, movesFrom: Unit | null) =>
    [
      replaces ? `「${unit.name}」目前由群「${replaces.topic}」使用;改绑后那个群将不再接收${unit.name}的提醒和上报。` : '',
      movesFrom ? `本群目前绑定在「${movesFrom.name}」;改绑后${movesFrom.name}将不再使用本群。` : '',
      `确认改绑请发送:#绑定 ${unit.name} 确认`,
    ]
      .filter(Boolean)
      .join('\n'),
  replacedNotice: (unit: Unit, newTopic: string, by: string) =>
    `⚠️ ${by} 已将「${unit.name}」改绑到群「${newTopic}」,本群不再接收${unit.name}的提醒和上报。如有疑问请联系管理员。`,
  movedNotice: (from: Unit, to: Unit) => `本群已从「${from.name}」改绑到「${to.name}」。`,
}
