// Commands without # (issue #23): `签到 巡查 8号楼` is #签到 for the words a policy allows; ordinary sentences that
// begin with those words stay chat. `#签 到` (a space typed inside the word) is read as #签到.
import { describe, expect, it } from 'vitest'
import { BARE_COMMANDS, parseCommand, rejoinSplitWord } from '../../src/parser/command.ts'
import { DEFAULT_POLICY, resolvePolicy, toPolicyPatch } from '../../src/kernel/policy/policy.ts'
import { policySlices } from '../helpers/policy-slices.ts'

const bare = (text: string) => parseCommand(text, { bare: BARE_COMMANDS })

describe('bare commands', () => {
  it.each([
    ['签到 巡查 8号楼', '签到', ['巡查', '8号楼']],
    ['打卡 走访 3户', '打卡', ['走访', '3户']],
    ['签到 走访 5户 独居老人家中检查用电', '签到', ['走访', '5户', '独居老人家中检查用电']],
    ['签到　巡查', '签到', ['巡查']],
    ['签到  议事 ', '签到', ['议事']],
    ['签到 撤销', '签到', ['撤销']],
    ['打卡 宣传 防诈骗', '打卡', ['宣传', '防诈骗']],
  ])('%j is the command %s %j', (text, word, argv) => {
    expect(bare(text)).toEqual({ word, args: argv.join(' '), argv, bare: true })
  })

  it.each([
    '签到了吗',
    '签到了吗?',
    '今天签到的人多吗',
    '签到',
    '打卡',
    '签到 了吗?',
    '签到 没',
    '打卡 的人多吗',
    '签到 好累',
    '签到 怎么弄?',
    '签到？',
    '巡查 8号楼',
    '隐患 3号楼',
    '需求 很大',
    '我签到 巡查',
    '大家记得签到 巡查',
    '签到巡查8号楼',
    '任务 修路灯',
    '通知 明天开会',
  ])('%j stays chat', (text) => {
    expect(bare(text)).toBeNull()
  })

  it('is off unless asked for: without the list, no # means chat', () => {
    expect(parseCommand('签到 巡查 8号楼')).toBeNull()
  })

  it('policy narrows the list per unit (default 签到 and 打卡), and refuses words outside it', () => {
    expect(DEFAULT_POLICY.bareCommands).toEqual(['签到', '打卡'])
    const patch = toPolicyPatch({ bareCommands: ['签到'] }, policySlices)
    expect(patch.ok && resolvePolicy([patch.patch]).bareCommands).toEqual(['签到'])
    const none = toPolicyPatch({ bareCommands: [] }, policySlices)
    expect(none.ok && resolvePolicy([none.patch]).bareCommands).toEqual([])
    expect(toPolicyPatch({ bareCommands: ['通知'] }, policySlices).ok).toBe(false)
  })
})

describe('#签 到: a space inside the command word', () => {
  const known = (w: string) => ['签到', '打卡', '同', '任务', '需求', '需求列表', '通知'].includes(w)
  it.each([
    ['#签 到', '签到', []],
    ['#签 到 巡查 8号楼', '签到', ['巡查', '8号楼']],
    ['#签 到巡查', '签到', ['巡查']],
    ['#打 卡 走访 3户', '打卡', ['走访', '3户']],
    ['#任 务 修复路灯', '任务', ['修复路灯']],
    ['#通 知 明天开会', '通知', ['明天开会']],
    // A word that is a command alone is left alone.
    ['#同 H3', '同', ['H3']],
    ['#签到 巡查', '签到', ['巡查']],
    // Nothing known when joined: left as typed (the unknown-command reply names it).
    ['#天 气好', '天', ['气好']],
  ])('%j → #%s %j', (text, word, argv) => {
    const r = rejoinSplitWord(parseCommand(text)!, known)
    expect([r.word, r.argv]).toEqual([word, argv])
  })
})
