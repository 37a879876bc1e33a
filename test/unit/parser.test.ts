import { describe, expect, it } from 'vitest'
import { normalise, stripInvisible } from '../../src/parser/normalise.ts'
import { parseCommand, MAX_COMMAND_TEXT } from '../../src/parser/command.ts'
import { parseCheckinArgs } from '../../src/parser/checkin-args.ts'
import { closest, editDistance } from '../../src/parser/closest.ts'

describe('normalise', () => {
  it('folds full-width characters, ideographic and mention spaces, and repeated spaces', () => {
    expect(normalise('＃签到　走访　５户')).toBe('#签到 走访 5户')
    expect(normalise('@网格助手\u2005#签到   巡查')).toBe('@网格助手 #签到 巡查')
    expect(normalise('#签到，走访：备注')).toBe('#签到 走访:备注')
    expect(normalise('\u200b#帮助\ufeff')).toBe('#帮助')
  })
})

// Issue #7 item 7: invisible and bidi characters inside commands and in stored text shown back.
describe('stripInvisible', () => {
  const invisible: [string, string][] = [
    ['\u200d', 'zero-width joiner'],
    ['\u200c', 'zero-width non-joiner'],
    ['\u200b', 'zero-width space'],
    ['\u2060', 'word joiner'],
    ['\u00ad', 'soft hyphen'],
    ['\ufeff', 'BOM'],
    ['\u200e', 'LRM'],
    ['\u200f', 'RLM'],
    ['\u202a', 'LRE'],
    ['\u202b', 'RLE'],
    ['\u202c', 'PDF'],
    ['\u202d', 'LRO'],
    ['\u202e', 'RLO'],
    ['\u2066', 'LRI'],
    ['\u2067', 'RLI'],
    ['\u2068', 'FSI'],
    ['\u2069', 'PDI'],
    ['\u061c', 'Arabic letter mark'],
    ['\u180e', 'Mongolian vowel separator'],
    ['\u2061', 'function application'],
    ['\u3164', 'Hangul filler'],
    ['\u034f', 'combining grapheme joiner'],
    ['\ufe0f', 'VS16 after a Chinese character'],
    ['\u{e0041}', 'tag A'],
  ]
  for (const [ch, name] of invisible) {
    it(`strips ${name} from a command word and from stored text`, () => {
      expect(parseCommand(`#签${ch}到`)).toMatchObject({ word: '签到' })
      expect(stripInvisible(`巡查${ch}备注`)).toBe('巡查备注')
    })
  }
  it('keeps emoji whole: joiners between emoji and VS16 after an emoji', () => {
    for (const emoji of ['👨\u200d👩\u200d👧', '👩🏽\u200d💻', '❤\ufe0f', '🏳\ufe0f\u200d🌈']) {
      expect(stripInvisible(`谢谢${emoji}`)).toBe(`谢谢${emoji}`)
    }
    expect(stripInvisible('👍\u200d签到')).toBe('👍签到') // a joiner with no emoji after it goes
    expect(stripInvisible('签\u200d👍')).toBe('签👍')
  })
  it('leaves ordinary text as it is', () => {
    expect(stripInvisible('3号楼 巡查,一切正常。')).toBe('3号楼 巡查,一切正常。')
  })
})

describe('parseCommand', () => {
  it('stores no bidi override or invisible character in the arguments', () => {
    expect(parseCommand('#签到 巡查\u202e备注')).toMatchObject({ word: '签到', args: '巡查备注' })
    expect(parseCommand('#签到\u2066 走访\u2069 5户')).toMatchObject({ word: '签到', argv: ['走访', '5户'] })
    expect(parseCommand('\u200e#\u00ad今日')).toMatchObject({ word: '今日' })
    expect(parseCommand('#签到\u200d走访5户')).toMatchObject({ word: '签到', argv: ['走访5户'] })
    expect(parseCommand('@网格助手\u2005\u2060我的', { mentionsSelf: true })).toMatchObject({ word: '我的' })
  })
  it('treats every kind of space as a space', () => {
    expect(parseCommand('#签到\u202f走访\u205f5户')).toMatchObject({ word: '签到', argv: ['走访', '5户'] })
  })

  it('accepts # / and their full-width forms', () => {
    for (const t of ['#签到 走访', '/签到 走访', '＃签到 走访', '／签到 走访', '# 签到 走访']) {
      expect(parseCommand(t)).toMatchObject({ word: '签到', args: '走访', argv: ['走访'] })
    }
  })
  it('leaves ordinary chat alone', () => {
    expect(parseCommand('今天巡查完了')).toBeNull()
    expect(parseCommand('收到')).toBeNull()
    expect(parseCommand('#')).toBeNull()
  })
  it('treats an @mention of the bot as a command and an empty mention as help', () => {
    expect(parseCommand('@网格助手 我的', { mentionsSelf: true })).toMatchObject({ word: '我的' })
    expect(parseCommand('@网格助手 #签到 巡查', { mentionsSelf: true })).toMatchObject({ word: '签到', args: '巡查' })
    expect(parseCommand('@网格助手', { mentionsSelf: true })).toMatchObject({ word: '帮助' })
  })
  it('splits a check-in keyword glued to its arguments', () => {
    expect(parseCommand('#签到走访5户')).toMatchObject({ word: '签到', argv: ['走访5户'] })
    expect(parseCommand('#隐患H1')).toMatchObject({ word: '隐患', argv: ['H1'] })
    expect(parseCommand('#隐患紧急 路口红绿灯坏了')).toMatchObject({ word: '隐患', argv: ['紧急', '路口红绿灯坏了'] })
    expect(parseCommand('#办结H1 已清理')).toMatchObject({ word: '办结', argv: ['H1', '已清理'] })
    expect(parseCommand('#志愿2小时 助老')).toMatchObject({ word: '志愿', argv: ['2小时', '助老'] })
    expect(parseCommand('#兑换理发券')).toMatchObject({ word: '兑换', argv: ['理发券'] })
    // …but words of their own that begin like them stay whole.
    expect(parseCommand('#志愿服务 2小时 助老')).toMatchObject({ word: '志愿服务', argv: ['2小时', '助老'] })
    expect(parseCommand('#兑换列表')).toMatchObject({ word: '兑换列表', argv: [] })
    // Chat that starts like a command word stays one word (and so is left alone for a guest).
    expect(parseCommand('#今天天气不错')).toMatchObject({ word: '今天天气不错', argv: [] })
  })
  it('does not parse texts over the limit', () => {
    expect(parseCommand('#签到 ' + 'x'.repeat(MAX_COMMAND_TEXT))).toBeNull()
  })
})

describe('check-in kinds (issue #23)', () => {
  it.each([
    [['宣传', '防诈骗宣传进小区'], 'publicity', '防诈骗宣传进小区'],
    [['政策宣传', '医保政策'], 'publicity', '医保政策'],
    [['调解', '3号楼邻里纠纷'], 'mediation', '3号楼邻里纠纷'],
    [['矛盾调解'], 'mediation', null],
    [['采集', '5户', '人口信息'], 'collection', '人口信息'],
    [['信息采集5户'], 'collection', null],
    [['入户', '2户'], 'visit', null],
    // An unknown first word stays in the note; the kind is the default.
    [['消杀', '楼道'], 'patrol', '消杀 楼道'],
  ])('%j → %s, note %j', (argv, type, note) => {
    expect(parseCheckinArgs(argv)).toMatchObject({ ok: true, undo: false, type, note })
  })
})

describe('parseCheckinArgs', () => {
  it('defaults to a patrol with no households', () => {
    expect(parseCheckinArgs([])).toEqual({ ok: true, undo: false, type: 'patrol', households: null, note: null })
  })
  it('reads type, households and note in either order', () => {
    expect(parseCheckinArgs(['走访', '5户', '独居老人家中检查用电'])).toMatchObject({ type: 'visit', households: 5, note: '独居老人家中检查用电' })
    expect(parseCheckinArgs(['3户', '入户'])).toMatchObject({ type: 'visit', households: 3, note: null })
    expect(parseCheckinArgs(['议事'])).toMatchObject({ type: 'meeting' })
    expect(parseCheckinArgs(['service'])).toMatchObject({ type: 'service' })
    expect(parseCheckinArgs(['走访5户独居老人'])).toMatchObject({ type: 'visit', households: 5, note: '独居老人' })
  })
  it('keeps later type words in the note', () => {
    expect(parseCheckinArgs(['检查', '走访'])).toMatchObject({ type: 'patrol', note: '检查 走访' })
  })
  it('recognises undo', () => {
    expect(parseCheckinArgs(['撤销'])).toEqual({ ok: true, undo: true })
  })
  it('explains bad household counts', () => {
    expect(parseCheckinArgs(['走访', '五户'])).toMatchObject({ ok: false, problem: expect.stringContaining('阿拉伯数字') })
    expect(parseCheckinArgs(['0户'])).toMatchObject({ ok: false })
    expect(parseCheckinArgs(['99999户'])).toMatchObject({ ok: false })
    expect(parseCheckinArgs(['x'.repeat(501)])).toMatchObject({ ok: false, problem: expect.stringContaining('备注太长') })
  })
})

describe('closest', () => {
  it('measures edits', () => {
    expect(editDistance('签道', '签到')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
  })
  it('suggests the command a typo meant', () => {
    expect(closest('签道', ['帮助', '签到', '今日', '我的'])[0]).toBe('签到')
    expect(closest('chekin', ['help', 'checkin', 'today', 'me'])[0]).toBe('checkin')
  })
})
