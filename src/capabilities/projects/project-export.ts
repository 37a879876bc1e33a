// The 项目 sheet of a 台账 workbook: one row per project alive in the period (Chinese headers, frozen header row).
// The evaluation export writes it; the digests' 台账 (issue #11) can add the same sheet with `addProjectSheet`.
import type ExcelJS from 'exceljs'
import { maskPersonalData } from '../../core/privacy/mask.ts'
import { formatLocal } from '../../core/time.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Work } from '../../kernel/work.ts'
import { printableSheet } from '../../core/xlsx-print.ts'
import { projectContents } from './project.service.ts'
import { projectRepo } from './project.repo.ts'
import { PROJECT_STATUS_LABEL, projectId } from './project.texts.ts'
import type { ReportSheet } from '../capability.ts'

export const PROJECT_SHEET = '项目'
export const PROJECT_HEADERS = [
  '编号',
  '项目名称',
  '单位',
  '状态',
  '负责人',
  '任务(完成/全部)',
  '需求(解决/全部)',
  '资源',
  '创建时间',
  '领题时间',
  '结项时间',
  '总结',
]
const WIDTHS = [8, 28, 20, 8, 10, 14, 14, 16, 16, 16, 16, 36]

/** Rows for the projects of a district created before the period's end and not closed before its start. Titles and
 *  summaries leave their units here: personal data in them is masked. */
export async function projectSheetRows(w: Work, districtId: number, period: { from: Date; to: Date }, unitIds?: Set<number>): Promise<(string | number)[][]> {
  const projects = (await projectRepo.alive(w.db, districtId, period.from, period.to)).filter((p) => !unitIds || unitIds.has(p.unitId))
  const units = new Map((await orgRepo.unitsOfDistrict(w.db, districtId)).map((u) => [u.id, u.name]))
  const district = await orgRepo.unitById(w.db, districtId)
  if (district) units.set(district.id, district.name)
  const holders = new Map(
    (
      await orgRepo.membersByIds(
        w.db,
        projects.flatMap((p) => (p.holderId ? [p.holderId] : [])),
      )
    ).map((m) => [m.id, m.name]),
  )
  const rows: (string | number)[][] = []
  for (const p of projects) {
    const c = await projectContents(w.db, p.id)
    rows.push([
      projectId(p),
      maskPersonalData(p.title),
      units.get(p.unitId) ?? '',
      PROJECT_STATUS_LABEL[p.status],
      p.holderId ? (holders.get(p.holderId) ?? '') : '',
      `${c.progress.tasksDone}/${c.progress.tasksAll}`,
      `${c.progress.needsMet}/${c.progress.needsAll}`,
      c.resources.map((r) => `R${r.number}`).join(' '),
      formatLocal(p.createdAt),
      p.claimedAt ? formatLocal(p.claimedAt) : '',
      p.closedAt ? formatLocal(p.closedAt) : '',
      p.summary ? maskPersonalData(p.summary) : '',
    ])
  }
  return rows
}

export function addProjectSheet(wb: ExcelJS.Workbook, rows: (string | number)[][], title: string): ExcelJS.Worksheet {
  const sheet = wb.addWorksheet(PROJECT_SHEET)
  printableSheet(sheet, title, PROJECT_HEADERS)
  for (const r of rows) sheet.addRow(r)
  for (const [i, c] of sheet.columns.entries()) c.width = WIDTHS[i]
  return sheet
}

/** The 项目 sheet as the capability declares it (the evaluation export writes the declared sheets). */
export const projectReportSheet: ReportSheet = { name: PROJECT_SHEET, headers: PROJECT_HEADERS, rows: projectSheetRows, add: addProjectSheet }
