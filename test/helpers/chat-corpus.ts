import { readFileSync } from 'node:fs'
import path from 'node:path'

/** The lines of test/fixtures/group-chat.txt: ordinary group chat, one message each (`\n` in a line is a break). */
export const CHAT = readFileSync(path.resolve(import.meta.dirname, '../fixtures/group-chat.txt'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => l.replaceAll('\\n', '\n'))
