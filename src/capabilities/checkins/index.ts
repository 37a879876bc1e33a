// Check-ins (签到): a cadre's daily presence in their grid's group, with location and photos.
import { checkinCommand } from './checkin.command.ts'
import { meCommand } from './me.command.ts'
import { todayCommand } from './today.command.ts'
import { checkinHelpTitle, checkinTexts } from './checkin.texts.ts'
import type { Capability } from '../capability.ts'
import { onActivityClosed } from './subscribers.ts'
import { checkinLocationClaim } from './location-claim.ts'

export const checkins: Capability = {
  name: 'checkins',
  help: { title: checkinHelpTitle, commands: [checkinCommand, todayCommand, meCommand] },
  attachmentClaims: [checkinLocationClaim],
  events: { subscribes: [onActivityClosed] },
  texts: { checkinTexts },
}
