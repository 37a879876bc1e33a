// Volunteering and points (志愿积分): hours reviewed into points, rankings, the catalogue and redemptions. Points
// are paid for what other capabilities saw happen (a task completed, a resource used) through domain events.
import { correctCommand, pointsCommand, rankCommand } from './points.command.ts'
import { catalogueCommand, checkOffCommand, redeemCommand } from './redeem.command.ts'
import { reviewCommand, volunteerCommand } from './volunteer.command.ts'
import { pointsPolicy } from './points-policy.ts'
import { ledgerTexts, rankTexts, redeemTexts, volunteerTexts } from './points.texts.ts'
import type { Capability } from '../capability.ts'
import { pointsHelpTitle } from './points-commands.texts.ts'
import { onActivityClosed, onMemberCredited, onOrgImported, onProjectCompleted, onTaskCompleted } from './subscribers.ts'
import { onHazardVerified } from './hazard-subscriber.ts'

export const points: Capability = {
  name: 'points',
  help: {
    title: pointsHelpTitle,
    commands: [volunteerCommand, reviewCommand, pointsCommand, rankCommand, catalogueCommand, redeemCommand, checkOffCommand, correctCommand],
  },
  policy: pointsPolicy,
  events: { subscribes: [onTaskCompleted, onProjectCompleted, onMemberCredited, onOrgImported, onActivityClosed, onHazardVerified] },
  texts: { volunteerTexts, ledgerTexts, redeemTexts, rankTexts },
}
