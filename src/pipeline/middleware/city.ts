import type { Middleware } from '../../core/compose.ts'
import { UsageError } from '../../core/errors.ts'
import { resolveCityRef } from '../../kernel/org/city-refs.ts'
import { cityDistricts } from '../../kernel/org/org.service.ts'
import { cityTexts } from '../../kernel/texts/city.texts.ts'
import type { MessageContext } from '../context.ts'

/**
 * In a city's group (issue #26), a command naming a district's record names the district: `#任务 二七区 T1` runs with
 * the arguments `T1` and record ids read in 二七区's numbers (work.namedDistrict); `#任务 T1` is refused with that
 * example. Everywhere else, and for commands naming no record, nothing changes.
 */
export const cityMiddleware: Middleware<MessageContext> = async (ctx, next) => {
  const { command, def, room } = ctx
  if (!command || !def || room?.unit.kind !== 'city') return next()
  const r = resolveCityRef(command.word, command.argv, await cityDistricts(ctx.deps.prisma, room.unit.id))
  if (r.kind === 'refuse') throw new UsageError(cityTexts.nameDistrict(r.ref), r.example)
  if (r.kind === 'named') {
    ctx.command = { ...command, argv: r.argv, args: r.args }
    ctx.work.namedDistrict = r.districtId
    ctx.work.namedDistrictName = r.districtName
  }
  await next()
}
