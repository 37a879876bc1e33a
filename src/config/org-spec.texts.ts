// What an admin is told about an org file whose references do not hold (gridbot org import): one problem a line.
type Kind = string
export const orgSpecTexts = {
  phoneDigits: '手机号只能包含数字',
  misplaced: (name: string, kind: Kind, parent: string, parentKind: Kind) => `单位「${name}」(${kind}) 不能位于「${parent}」(${parentKind}) 之下`,
  unitTwice: (name: string) => `单位名称重复:「${name}」`,
  roomUnit: (topic: string, unit: string) => `群「${topic}」所属单位「${unit}」不存在`,
  roomAccount: (topic: string, account: string) => `群「${topic}」的账号「${account}」不在 accounts 中`,
  roomBackup: (topic: string, account: string) => `群「${topic}」的备用账号「${account}」不在 accounts 中`,
  roomIdTwice: (id: string, first: string | undefined, topic: string) => `群ID重复:「${id}」(群「${first}」和「${topic}」)`,
  topicTwice: (topic: string) => `群名重复:「${topic}」`,
  memberUnit: (name: string, unit: string) => `成员「${name}」所属单位「${unit}」不存在`,
  wxidTwice: (wxid: string) => `微信ID重复:「${wxid}」`,
  memberRoom: (name: string, topic: string) => `成员「${name}」所在群「${topic}」不存在`,
  itemUnit: (item: string, unit: string) => `兑换品「${item}」所属单位「${unit}」不存在`,
  itemTwice: (unit: string, item: string) => `兑换品重复:「${unit}」的「${item}」`,
  guestRoom: (name: string, topic: string) => `访客「${name}」所在群「${topic}」不存在`,
}
