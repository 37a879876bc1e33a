// Open311 requests filed through the API (the caller's details, the client's request id) and the located records the
// routing by coordinates reads. The only Prisma for them.
import type { DbOrTx } from '../../db/client.ts'

export const open311Repo = {
  create: (
    db: DbOrTx,
    data: {
      keyId: number
      hazardId: number
      clientRequestId: string | null
      callerName: string | null
      callerPhone: string | null
      callerEmail: string | null
      mediaUrl: string | null
      createdAt: Date
    },
  ) => db.open311Request.create({ data }),
  byClientId: (db: DbOrTx, keyId: number, clientRequestId: string) =>
    db.open311Request.findUnique({ where: { keyId_clientRequestId: { keyId, clientRequestId } }, include: { hazard: { select: { number: true } } } }),
  /** Where a unit's people have been: located check-ins and hazards of these units, newest first. */
  located: async (db: DbOrTx, unitIds: number[], take: number) => {
    const [checkins, hazards] = await Promise.all([
      db.checkin.findMany({
        where: { unitId: { in: unitIds }, latitude: { not: null }, longitude: { not: null } },
        select: { unitId: true, latitude: true, longitude: true },
        orderBy: { id: 'desc' },
        take,
      }),
      db.hazard.findMany({
        where: { reportUnitId: { in: unitIds }, latitude: { not: null }, longitude: { not: null } },
        select: { reportUnitId: true, latitude: true, longitude: true },
        orderBy: { id: 'desc' },
        take,
      }),
    ])
    const placed = (unitId: number, lat: number | null, long: number | null) => (lat !== null && long !== null ? [{ unitId, lat, long }] : [])
    return [...checkins.flatMap((c) => placed(c.unitId, c.latitude, c.longitude)), ...hazards.flatMap((h) => placed(h.reportUnitId, h.latitude, h.longitude))]
  },
}
