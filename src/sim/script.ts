// Conversation scripts: the simulator without a terminal. Tests and `gridbot sim --script` run them.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import YAML from 'yaml'
import { z } from 'zod'
import { parseDuration } from '../core/time.ts'
import type { SimSession } from './session.ts'
import type { TranscriptLine } from './world.ts'
import { must } from '../core/must.ts'
import { simTexts } from './sim.texts.ts'

const from = z.union([z.string(), z.object({ wxid: z.string() })])
const texts = z.union([z.string(), z.array(z.string())])
/** One message of an `exactly` list: the text it contains, or that plus the people it @mentions and a text it must not hold. */
const expectedMessage = z.union([z.string(), z.strictObject({ contains: texts, mentions: z.array(z.string()).optional(), notContains: z.string().optional() })])
const step = z.union([
  z.object({ room: z.string(), from, say: z.string(), twice: z.boolean().optional() }),
  z.object({ room: z.string(), from, location: z.object({ lat: z.number(), lng: z.number(), address: z.string() }) }),
  z.object({ room: z.string(), from, image: z.string() }),
  /** A voice message, a file or a link card (the bot reads none of them). */
  z.object({ room: z.string(), from, send: z.enum(['voice', 'file', 'link']) }),
  z.object({
    expect: z
      .strictObject({
        room: z.string(),
        contains: texts.optional(),
        notContains: z.string().optional(),
        mentions: z.array(z.string()).optional(),
        none: z.boolean().optional(),
        count: z.number().int().optional(),
        /** The whole window of the bot's messages in the room, in order, and nothing else. */
        exactly: z.array(expectedMessage).min(1, simTexts.exactlyEmpty).optional(),
      })
      .refine((e) => !e.exactly || Object.keys(e).every((k) => k === 'room' || k === 'exactly'), {
        message: simTexts.exactlyAlone,
      }),
  }),
  z.object({ advance: z.string() }),
  z.object({ newRoom: z.object({ topic: z.string(), account: z.string().optional(), members: z.array(z.string()) }) }),
])

export const scriptSchema = z.object({
  /** Org file for this script, relative to it (default: the demo district). */
  org: z.string().optional(),
  start: z.union([z.string(), z.date()]).optional(),
  /** How often the sweeper runs during an advance, in virtual time (default 1h): `1d` for scripts spanning weeks. */
  sweepEvery: z.string().optional(),
  steps: z.array(step).min(1),
})
export type Script = z.infer<typeof scriptSchema>
type Step = Script['steps'][number]

export async function loadScript(file: string): Promise<{ script: Script; dir: string }> {
  const raw = YAML.parse(await readFile(file, 'utf8'))
  const parsed = scriptSchema.safeParse(raw)
  if (!parsed.success) throw new Error(simTexts.badScript(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')))
  return { script: parsed.data, dir: path.dirname(path.resolve(file)) }
}

export interface ScriptResult {
  ok: boolean
  failures: { step: number; message: string }[]
  transcript: TranscriptLine[]
}

type Expectation = Extract<Step, { expect: unknown }>['expect']
type ExpectedMessage = NonNullable<Expectation['exactly']>[number]
interface MessageRule {
  contains: string[]
  mentions?: string[]
  notContains?: string
}

const asList = (t: string | string[] | undefined): string[] => (t === undefined ? [] : Array.isArray(t) ? t : [t])
const ruleOf = (m: ExpectedMessage): MessageRule =>
  typeof m === 'string' ? { contains: [m] } : { contains: asList(m.contains), mentions: m.mentions, notContains: m.notContains }
const fits = (r: MessageRule, l: TranscriptLine): boolean =>
  r.contains.every((w) => l.text.includes(w)) &&
  (!r.mentions || r.mentions.every((n) => l.mentions.includes(n))) &&
  (!r.notContains || !l.text.includes(r.notContains))
const showRule = (r: MessageRule): string => simTexts.rule(r.contains, r.mentions, r.notContains)
const showLine = (l: TranscriptLine): string => `${l.text.replace(/\n/g, ' / ').slice(0, 120)}${l.mentions.length ? ` [@${l.mentions.join(',')}]` : ''}`
const listLines = (bot: TranscriptLine[]): string => bot.map((l) => `  > ${showLine(l)}`).join('\n') || simTexts.noLines

/** `exactly`: the bot's messages in the room are these, in this order, and no others. */
function checkExactly(room: string, wanted: ExpectedMessage[], bot: TranscriptLine[]): string | null {
  const rules = wanted.map(ruleOf)
  let problem: string | null = null
  for (let i = 0; i < Math.max(rules.length, bot.length) && !problem; i++) {
    const r = rules[i]
    const l = bot[i]
    if (!l && r) problem = simTexts.missing(i + 1, showRule(r))
    else if (!r && l) problem = simTexts.extra(i + 1, showLine(l))
    else if (r && l && !fits(r, l)) problem = simTexts.misfit(i + 1, showRule(r), showLine(l))
  }
  if (!problem) return null
  const expected = rules.map((r, i) => `  ${i + 1}. ${showRule(r)}`).join('\n')
  return simTexts.notExactly(room, problem, rules.length, expected, bot.length, listLines(bot))
}

/** Checks one expectation against the bot's messages in a room since the last step that was not an expect. */
export function checkExpectation(e: Expectation, lines: TranscriptLine[]): string | null {
  const bot = lines.filter((l) => l.self && l.room === e.room)
  if (e.exactly) return checkExactly(e.room, e.exactly, bot)
  if (e.none) return bot[0] ? simTexts.notNone(e.room, bot[0].text.slice(0, 80)) : null
  if (e.count !== undefined && bot.length !== e.count) return simTexts.notCount(e.room, e.count, bot.length)
  const rule: MessageRule = { contains: asList(e.contains), mentions: e.mentions, notContains: e.notContains }
  if (!bot.some((l) => fits(rule, l))) {
    return simTexts.noFit(e.room, rule.contains, e.mentions, listLines(bot))
  }
  return null
}

export async function runScript(session: SimSession, script: Script, dir: string): Promise<ScriptResult> {
  const { world } = session
  const sweepEveryMs = script.sweepEvery === undefined ? undefined : parseDuration(script.sweepEvery)
  if (sweepEveryMs === null) throw new Error(`sweepEvery: not a duration: ${script.sweepEvery} (e.g. 1h, 1d)`)
  const failures: ScriptResult['failures'] = []
  // An expect's window is what the bot said since the last step that was not an expect (as the README says, issue
  // #29): after several says, it holds the replies to the last one only. Consecutive expects share that window.
  let cursor = 0
  let windowEnd: number | null = null
  for (const [i, s] of script.steps.entries()) {
    if (!('expect' in s)) {
      cursor = world.transcript.length
      windowEnd = null
    }
    try {
      if ('say' in s) {
        const id = world.say(world.person(s.from), s.room, s.say)
        if (s.twice) {
          await session.settle()
          world.redeliver(s.room, id)
        }
        await session.settle()
      } else if ('location' in s) {
        world.sendLocation(world.person(s.from), s.room, s.location)
        await session.settle()
      } else if ('image' in s) {
        await world.sendImage(world.person(s.from), s.room, path.resolve(dir, s.image))
        await session.settle()
      } else if ('send' in s) {
        world.sendOfKind(world.person(s.from), s.room, s.send)
        await session.settle()
      } else if ('newRoom' in s) {
        const wxids = s.newRoom.members.map((n) => world.person(n).wxid)
        world.createUnboundRoom(s.newRoom.topic, s.newRoom.account ?? must(world.spec.accounts[0], 'SIM_NO_ACCOUNT').id, wxids)
      } else if ('advance' in s) {
        const ms = parseDuration(s.advance)
        if (ms === null) throw new Error(simTexts.badAdvance(s.advance))
        await session.advance(ms, sweepEveryMs === undefined ? undefined : { sweepEveryMs })
      } else {
        if (windowEnd === null) {
          await session.settle()
          windowEnd = world.transcript.length
        }
        const problem = checkExpectation(s.expect, world.transcript.slice(cursor, windowEnd))
        if (problem) failures.push({ step: i + 1, message: problem })
      }
    } catch (e) {
      failures.push({ step: i + 1, message: (e as Error).message })
    }
  }
  return { ok: failures.length === 0, failures, transcript: world.transcript }
}
