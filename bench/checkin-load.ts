// Many check-ins loaded fast (issue #26): generated in SQL (INSERT … SELECT over generate_series, a million rows a
// statement) into the monthly partitions with their indexes and foreign-key checks set aside, then the indexes built
// once over the loaded rows (a sorted build instead of 10 M random inserts into three B-trees) and the table analyzed.
// One session of its own (session_replication_role skips the per-row foreign-key triggers: the rows are made from
// the org's own members, grids and rooms, so they hold anyway). Spread: every grid cadre of the org in turn, the time
// evenly over [start, end) with a little jitter, the four usual kinds, households on visits.
import pg from 'pg'

const CHUNK = 1_000_000

/** The indexes of "Checkin" (migration …_monthly_partitions), dropped before the load and built again after it. */
const INDEXES = [
  ['Checkin_accountId_messageId_at_key', 'CREATE UNIQUE INDEX "Checkin_accountId_messageId_at_key" ON "Checkin"("accountId", "messageId", "at")'],
  ['Checkin_unitId_at_idx', 'CREATE INDEX "Checkin_unitId_at_idx" ON "Checkin"("unitId", "at")'],
  ['Checkin_memberId_at_idx', 'CREATE INDEX "Checkin_memberId_at_idx" ON "Checkin"("memberId", "at")'],
] as const

export interface LoadFigures {
  rows: number
  /** Seconds: inserting the rows, building the indexes, ANALYZE. */
  insertSeconds: number
  indexSeconds: number
  analyzeSeconds: number
}

export async function loadCheckins(url: string, opts: { checkins: number; start: Date; end: Date; say?: (line: string) => void }): Promise<LoadFigures> {
  const say = opts.say ?? (() => undefined)
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(`SET session_replication_role = replica`)
    await c.query(`SET maintenance_work_mem = '512MB'`)
    await c.query(`SET work_mem = '256MB'`)
    await c.query(`
      CREATE TEMP TABLE bench_cadre AS
      SELECT (row_number() OVER (ORDER BY m."id") - 1)::int AS i, m."id" AS member, m."unitId" AS unit, r."id" AS room
      FROM "Member" m JOIN "Unit" u ON u."id" = m."unitId" AND u."kind" = 'grid' JOIN "Room" r ON r."unitId" = u."id"
      WHERE m."role" = 'grid_cadre'`)
    const cadres = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM bench_cadre`)).rows[0]!.n)
    if (!cadres) throw new Error('no grid cadre with a room to check in: import an org first')
    await c.query(`ALTER TABLE bench_cadre ADD PRIMARY KEY (i)`)
    await c.query(`ALTER TABLE "Checkin" DROP CONSTRAINT "Checkin_pkey"`)
    for (const [name] of INDEXES) await c.query(`DROP INDEX "${name}"`)
    const t0 = performance.now()
    const startS = opts.start.getTime() / 1000
    const span = (opts.end.getTime() - opts.start.getTime()) / 1000
    const step = span / opts.checkins
    for (let from = 0; from < opts.checkins; from += CHUNK) {
      const to = Math.min(opts.checkins, from + CHUNK)
      // Time: g's even share of the span, moved by up to one step (jitter) — kept inside [start, end).
      await c.query(`
        INSERT INTO "Checkin" ("id", "memberId", "unitId", "roomId", "type", "households", "at", "accountId", "messageId")
        SELECT nextval('"Checkin_id_seq"'), c.member, c.unit, c.room, (ARRAY['patrol','visit','meeting','service'])[1 + (g * 7 + g / ${cadres}) % 4],
          CASE WHEN (g * 7 + g / ${cadres}) % 4 = 1 THEN 1 + g % 6 END,
          to_timestamp(${startS} + (g + random() * 0.999)::float8 * ${step}) AT TIME ZONE 'UTC', 'bench', 'c' || g
        FROM generate_series(${from}, ${to - 1}) g JOIN bench_cadre c ON c.i = (g % ${cadres})`)
      say(`  ${to.toLocaleString('en')} check-ins inserted (${((performance.now() - t0) / 1000).toFixed(0)} s)`)
    }
    const insertSeconds = (performance.now() - t0) / 1000
    const i0 = performance.now()
    await c.query(`ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_pkey" PRIMARY KEY ("id", "at")`)
    for (const [, sql] of INDEXES) await c.query(sql)
    const indexSeconds = (performance.now() - i0) / 1000
    say(`  indexes built (${indexSeconds.toFixed(0)} s)`)
    const a0 = performance.now()
    await c.query(`ANALYZE "Checkin"`)
    const analyzeSeconds = (performance.now() - a0) / 1000
    const rows = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM "Checkin"`)).rows[0]!.n)
    return { rows, insertSeconds, indexSeconds, analyzeSeconds }
  } finally {
    await c.end()
  }
}
