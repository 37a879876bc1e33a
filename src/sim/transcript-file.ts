// The simulator's JSON transcript on disk: every message in every group (typed in the terminal, in the browser, or
// said by the bot), one JSON object a line, appended as it happens — the same fields `sim --script` prints.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { SimWorld } from './world.ts'

export function writeTranscript(world: SimWorld, file: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  writeFileSync(file, '')
  world.onLine((l) => appendFileSync(file, `${JSON.stringify({ at: l.at, room: l.room, from: l.from, text: l.text, mentions: l.mentions })}\n`))
}
