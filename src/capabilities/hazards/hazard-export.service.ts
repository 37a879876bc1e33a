// `gridbot export hazards`: the district's reports as one Open311 GeoReport v2 JSON array or a CSV file.
import type { DbOrTx } from '../../db/client.ts'
import { forReports } from '../../db/read-replica.ts'
import { CSV_HEADERS, toCsv, toCsvRow, toGeoReport, type GeoReportRequest } from './hazard-export.ts'
import { hazardsForExport } from './hazard.service.ts'

export async function exportHazards(
  db: DbOrTx,
  o: { format: 'open311' | 'csv'; since: Date | null; district: string | null; mediaBaseUrl: string | null },
): Promise<{ body: string; count: number }> {
  const json: GeoReportRequest[] = []
  const csv: (string | number)[][] = [CSV_HEADERS]
  // Read from the replica when DATABASE_READ_URL is set (read-replica.ts).
  for await (const r of hazardsForExport(forReports(db), o.district, o.since)) {
    if (o.format === 'open311') json.push(toGeoReport(r, o.mediaBaseUrl))
    else csv.push(toCsvRow(r))
  }
  return o.format === 'open311' ? { body: `${JSON.stringify(json, null, 2)}\n`, count: json.length } : { body: toCsv(csv), count: csv.length - 1 }
}
