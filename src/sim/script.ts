// Conversation scripts: the simulator without a terminal. Tests and `gridbot sim --script` run them.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import YAML from 'yaml'
import { z } from 'zod'
import { parseDuration } from '../core/time.ts'
import type { SimSession } from './session.ts'
import type { TranscriptLine } from './world.ts'

const from = z.union([z.string(), z.object({ wxid: z.string() })])
const step = z.union([
  z.object({ room: z.string(), from, say: z.string(), twice: z.boolean().optional() }),
  z.object({ room: z.string(), from, location: z.object({ lat: z.number(), lng: z.number(), address: z.string() }) }),
  z.object({ room: z.string(), from, image: z.string() }),
  z.object({
    expect: z.object({
      room: z.string(),
      contains: z.union([z.string(), z.array(z.string())]).optional(),
      notContains: z.string().optional(),
      mentions: z.array(z.string()).optional(),
      none: z.boolean().optional(),
      count: z.number().int().optional(),
    }),
  }),
  z.object({ advance: z.string() }),
  z.object({ newRoom: z.object({ topic: z.string(), account: z.string().optional(), members: z.array(z.string()) }) }),
])

export const scriptSchema = z.object({
  /** Org file for this script, relative to it (default: the demo district). */
  org: z.string().optional(),
  start: z.union([z.string(), z.date()]).optional(),
  steps: z.array(step).min(1),
})
export type Script = z.infer<typeof scriptSchema>
type Step = Script['steps'][number]

export async function loadScript(file: string): Promise<{ script: Script; dir: string }> {
  const raw = YAML.parse(await readFile(file, 'utf8'))
  const parsed = scriptSchema.safeParse(raw)
  if (!parsed.success) throw new Error(`脚本格式有误:${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  return { script: parsed.data, dir: path.dirname(path.resolve(file)) }
}

export interface ScriptResult {
  ok: boolean
  failures: { step: number; message: string }[]
  transcript: TranscriptLine[]
}

/** Checks one expectation against the bot's messages in a room since the previous expectation. */
export function checkExpectation(e: Extract<Step, { expect: unknown }>['expect'], lines: TranscriptLine[]): string | null {
  const bot = lines.filter((l) => l.self && l.room === e.room)
  if (e.none) return bot.length ? `「${e.room}」不应有机器人消息,却有:${bot[0]!.text.slice(0, 80)}` : null
  if (e.count !== undefined && bot.length !== e.count) return `「${e.room}」应有 ${e.count} 条机器人消息,实际 ${bot.length} 条`
  const wants = e.contains === undefined ? [] : Array.isArray(e.contains) ? e.contains : [e.contains]
  const hit = bot.find((l) => wants.every((w) => l.text.includes(w)) && (!e.mentions || e.mentions.every((n) => l.mentions.includes(n))) && (!e.notContains || !l.text.includes(e.notContains)))
  if (!hit) {
    const seen = bot.map((l) => `  > ${l.text.replace(/\n/g, ' / ').slice(0, 120)}${l.mentions.length ? ` [@${l.mentions.join(',')}]` : ''}`).join('\n')
    return `「${e.room}」没有符合的机器人消息(包含 ${JSON.stringify(wants)}${e.mentions ? ` @${e.mentions.join(',')}` : ''})。实际:\n${seen || '  (无)'}`
  }
  return null
}

export async function runScript(session: SimSession, script: Script, dir: string): Promise<ScriptResult> {
  const { world } = session
  const failures: ScriptResult['failures'] = []
  // Consecutive expects share one window: everything the bot said since the step before them.
  let cursor = 0
  let windowEnd: number | null = null
  for (const [i, s] of script.steps.entries()) {
    if (!('expect' in s) && windowEnd !== null) {
      cursor = windowEnd
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
      } else if ('newRoom' in s) {
        const wxids = s.newRoom.members.map((n) => world.person(n).wxid)
        world.createUnboundRoom(s.newRoom.topic, s.newRoom.account ?? world.spec.accounts[0]!.id, wxids)
      } else if ('advance' in s) {
        const ms = parseDuration(s.advance)
        if (ms === null) throw new Error(`advance 的时长无法识别:${s.advance}(例如 11m、2h、1d)`)
        await session.advance(ms)
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
