// Every command, in the order #帮助 lists them, gathered from the capability list; the composition root hands this
// set to the dispatcher. A capability adds its commands in its own index (capabilities/<name>/index.ts).
import { CAPABILITIES } from '../capabilities/index.ts'
import type { AttachmentRouter } from '../capabilities/capability.ts'
import type { AcknowledgementHandler, AnyCommand, CommandSet, VoiceHandler } from '../pipeline/command.ts'
import { helpCommand } from './help.command.ts'

/** The commands by section, as #帮助 lists them: capabilities in a row with the same title share one line. */
export const HELP_SECTIONS: { title: string; commands: AnyCommand[] }[] = []
for (const c of CAPABILITIES) {
  if (!c.help) continue
  const last = HELP_SECTIONS.at(-1)
  if (last?.title === c.help.title) last.commands.push(...c.help.commands)
  else HELP_SECTIONS.push({ title: c.help.title, commands: [...c.help.commands] })
}

export const COMMANDS: AnyCommand[] = [helpCommand(() => HELP_SECTIONS), ...HELP_SECTIONS.flatMap((s) => s.commands)]

const byWord = new Map<string, AnyCommand>()
for (const c of COMMANDS) for (const w of [c.name, ...c.aliases]) byWord.set(w.toLowerCase(), c)

/** The one capability that takes messages of this kind (a location or image, an acknowledgement word). */
function theOne<K extends 'attachment' | 'acknowledgement' | 'voice'>(kind: K): NonNullable<(typeof CAPABILITIES)[number][K]> {
  const takers = CAPABILITIES.flatMap((c) => (c[kind] ? [c[kind]] : []))
  if (takers.length !== 1) throw new Error(`exactly one capability must take ${kind} messages (found ${takers.length})`)
  return takers[0] as NonNullable<(typeof CAPABILITIES)[number][K]>
}

const router = theOne('attachment') as AttachmentRouter
const claims = CAPABILITIES.flatMap((c) => c.attachmentClaims ?? [])
const claimers = CAPABILITIES.flatMap((c) => (c.claimAttachment ? [c.claimAttachment] : []))

export const commandSet: CommandSet = {
  find: (word) => byWord.get(word.toLowerCase()),
  // Chinese names only: a user who typed a Chinese word is helped by a Chinese suggestion.
  words: () => COMMANDS.map((c) => c.name),
  // What a capability is waiting for (an activity sign-in's location or photo) first, then the attachments router.
  async attachment(ctx) {
    for (const claim of claimers) if (await claim(ctx)) return
    await router(ctx, claims)
  },
  acknowledgement: theOne('acknowledgement') as AcknowledgementHandler,
  async guestHint(db, room, displayName, talkerId) {
    for (const c of CAPABILITIES) {
      const hint = await c.guestHint?.(db, room, displayName, talkerId)
      if (hint) return hint
    }
    return null
  },
  voice: theOne('voice') as VoiceHandler,
}
