// The terminal simulator (like Hubot's shell): pick a room, pick a person, type as them, see the bot answer.
import readline from 'node:readline'
import { parseDuration, formatLocal } from '../core/time.ts'
import type { SimSession } from './session.ts'
import type { TranscriptLine } from './world.ts'
import { validateOrg } from '../config/org-spec.ts'

const HELP = `/rooms 列出群    /room 群名 进入群    /as 姓名 以此人身份发言    /who 本群成员
/loc 纬度 经度 地址 发送位置    /image 文件 发送图片    /advance 10m 虚拟时间前进    /time 当前虚拟时间
/quit 退出          其他文字:以当前身份在当前群发言(如 #签到 走访 5户)`

/** Runs until /quit ('quit') or the end of the input ('eof'). */
export async function runShell(session: SimSession, input = process.stdin, output = process.stdout): Promise<'quit' | 'eof'> {
  const { world } = session
  const print = (s: string) => output.write(`${s}\n`)
  // Start where most of the work happens: the first grid's group, as its first cadre.
  const grids = new Set(
    validateOrg(world.spec)
      .units.filter((u) => u.kind === 'grid')
      .map((u) => u.name),
  )
  let room = world.spec.rooms.find((r) => grids.has(r.unit))?.topic ?? world.spec.rooms[0]!.topic
  const cadre = world.spec.members.find((m) => m.role === 'grid_cadre' && m.rooms.includes(room))
  let person = cadre?.name ?? world.people.find((p) => p.rooms.includes(room))?.name ?? world.people[0]!.name
  const show = (l: TranscriptLine) => {
    if (!l.self) return
    const at = l.mentions.length ? ` (@${l.mentions.join(' @')})` : ''
    print(`\x1b[36m[${l.room}] ${l.from}${at}:\x1b[0m\n  ${l.text.replace(/\n/g, '\n  ')}`)
  }
  world.onLine(show)
  print(`网格助手模拟器 — 区:${world.spec.district}。输入 /help 查看用法。`)
  const rl = readline.createInterface({ input, output, terminal: Boolean((input as NodeJS.ReadStream).isTTY) })
  const prompt = () => {
    rl.setPrompt(`[${room}] ${person}> `)
    rl.prompt()
  }
  prompt()
  let ended: 'quit' | 'eof' = 'eof'
  for await (const raw of rl) {
    const line = raw.trim()
    try {
      if (!line) {
        /* nothing */
      } else if (line === '/quit' || line === '/exit') {
        ended = 'quit'
        break
      } else if (line === '/help') print(HELP)
      else if (line === '/rooms') print(world.spec.rooms.map((r) => `${r.topic}(${r.unit})`).join('\n'))
      else if (line.startsWith('/room ')) {
        const t = line.slice(6).trim()
        world.room(t)
        room = t
      } else if (line.startsWith('/as ')) person = world.person(line.slice(4).trim()).name
      else if (line === '/who')
        print(
          world.people
            .filter((p) => p.rooms.includes(room))
            .map((p) => `${p.name}(${p.wxid})`)
            .join('\n'),
        )
      else if (line === '/time') print(formatLocal(session.clock.now()))
      else if (line.startsWith('/advance ')) {
        const ms = parseDuration(line.slice(9))
        if (ms === null) print('时长格式:10s、10m、2h、1d')
        else {
          await session.advance(ms)
          print(`虚拟时间:${formatLocal(session.clock.now())}`)
        }
      } else if (line.startsWith('/loc ')) {
        const [lat, lng, ...addr] = line.slice(5).trim().split(/\s+/)
        world.sendLocation(world.person(person), room, { lat: Number(lat), lng: Number(lng), address: addr.join(' ') || '未知地址' })
        await session.settle()
      } else if (line.startsWith('/image ')) {
        await world.sendImage(world.person(person), room, line.slice(7).trim())
        await session.settle()
      } else {
        world.say(world.person(person), room, line)
        await session.settle()
      }
    } catch (e) {
      print(`⚠ ${(e as Error).message}`)
    }
    prompt()
  }
  rl.close()
  return ended
}
