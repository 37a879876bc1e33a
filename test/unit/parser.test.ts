import { describe, expect, it } from 'vitest'
import { normalise } from '../../src/parser/normalise.ts'
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

describe('parseCommand', () => {
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
  })
  it('does not parse texts over the limit', () => {
    expect(parseCommand('#签到 ' + 'x'.repeat(MAX_COMMAND_TEXT))).toBeNull()
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
