// The terminal simulator (like Hubot's shell): pick a room, pick a person, type as them, see the bot answer.
import readline from 'node:readline'
import { parseDuration, formatLocal } from '../core/time.ts'
import type { SimSession } from './session.ts'
import type { TranscriptLine } from './world.ts'
import { validateOrg } from '../config/org-spec.ts'
import { must } from '../core/must.ts'
import { simTexts } from './sim.texts.ts'

const HELP = simTexts.shellHelp

/** Where the shell stands: the room it speaks in and the person it speaks as. */
type ShellState = { room: string; person: string }

/** Runs until /quit ('quit') or the end of the input ('eof'). */
export async function runShell(session: SimSession, input = process.stdin, output = process.stdout): Promise<'quit' | 'eof'> {
  const { world } = session
  const print = (s: string) => output.write(`${s}\n`)
  const st = startingPoint(session)
  const show = (l: TranscriptLine) => {
    if (!l.self) return
    const at = l.mentions.length ? ` (@${l.mentions.join(' @')})` : ''
    print(`\x1b[36m[${l.room}] ${l.from}${at}:\x1b[0m\n  ${l.text.replace(/\n/g, '\n  ')}`)
  }
  world.onLine(show)
  print(simTexts.shellWelcome(world.spec.district))
  const rl = readline.createInterface({ input, output, terminal: Boolean((input as NodeJS.ReadStream).isTTY) })
  const prompt = () => {
    rl.setPrompt(`[${st.room}] ${st.person}> `)
    rl.prompt()
  }
  prompt()
  let ended: 'quit' | 'eof' = 'eof'
  for await (const raw of rl) {
    const line = raw.trim()
    try {
      if (line === '/quit' || line === '/exit') {
        ended = 'quit'
        break
      }
      if (line) await handleLine(session, st, line, print)
    } catch (e) {
      print(`⚠ ${(e as Error).message}`)
    }
    prompt()
  }
  rl.close()
  return ended
}

/** Start where most of the work happens: the first grid's group, as its first cadre. */
function startingPoint({ world }: SimSession): ShellState {
  const grids = new Set(
    validateOrg(world.spec)
      .units.filter((u) => u.kind === 'grid')
      .map((u) => u.name),
  )
  const room = world.spec.rooms.find((r) => grids.has(r.unit))?.topic ?? must(world.spec.rooms[0], 'SIM_NO_ROOM').topic
  const cadre = world.spec.members.find((m) => m.role === 'grid_cadre' && m.rooms.includes(room))
  const person = cadre?.name ?? world.people.find((p) => p.rooms.includes(room))?.name ?? must(world.people[0], 'SIM_NO_PERSON').name
  return { room, person }
}

/** One line typed (not empty, not /quit): a shell command, or what the current person says in the current room. */
async function handleLine(session: SimSession, st: ShellState, line: string, print: (s: string) => void): Promise<void> {
  const { world } = session
  if (line === '/help') print(HELP)
  else if (line === '/rooms') print(world.spec.rooms.map((r) => `${r.topic}(${r.unit})`).join('\n'))
  else if (line.startsWith('/room ')) {
    const t = line.slice(6).trim()
    world.room(t)
    st.room = t
  } else if (line.startsWith('/as ')) st.person = world.person(line.slice(4).trim()).name
  else if (line === '/who')
    print(
      world.people
        .filter((p) => p.rooms.includes(st.room))
        .map((p) => `${p.name}(${p.wxid})`)
        .join('\n'),
    )
  else if (line === '/time') print(formatLocal(session.clock.now()))
  else if (line.startsWith('/advance ')) {
    const ms = parseDuration(line.slice(9))
    if (ms === null) print(simTexts.durationFormat)
    else {
      await session.advance(ms)
      print(simTexts.virtualTime(formatLocal(session.clock.now())))
    }
  } else if (line.startsWith('/loc ')) {
    const [lat, lng, ...addr] = line.slice(5).trim().split(/\s+/)
    world.sendLocation(world.person(st.person), st.room, { lat: Number(lat), lng: Number(lng), address: addr.join(' ') || simTexts.unknownAddress })
    await session.settle()
  } else if (line.startsWith('/image ')) {
    await world.sendImage(world.person(st.person), st.room, line.slice(7).trim())
    await session.settle()
  } else {
    world.say(world.person(st.person), st.room, line)
    await session.settle()
  }
}
