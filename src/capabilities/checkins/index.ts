// Check-ins (签到): a cadre's daily presence in their grid's group, with location and photos.
import { checkinCommand } from '../../commands/checkin.command.ts'
import { meCommand } from '../../commands/me.command.ts'
import { todayCommand } from '../../commands/today.command.ts'
import { checkinTexts } from '../../domain/checkin/checkin.texts.ts'
import type { Capability } from '../capability.ts'

export const checkins: Capability = {
  name: 'checkins',
  help: { title: '签到', commands: [checkinCommand, todayCommand, meCommand] },
  texts: { checkinTexts },
}
