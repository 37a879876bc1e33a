// Voice messages: the bot cannot read them, so a member is told once a day to type instead; it adds no command.
import type { Capability } from '../capability.ts'
import { handleVoice } from './voice-hint.handler.ts'
import { voiceTexts } from './voice.texts.ts'

export const voice: Capability = {
  name: 'voice',
  voice: handleVoice,
  texts: { voiceTexts },
}
