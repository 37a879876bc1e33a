// The print test's LibreOffice Calc (to turn a 台账 into PDF as an office would print it) and poppler's pdftotext /
// pdfinfo (to read the pages back): Debian's packages, installed with apt when missing, like the browser's Chromium.
import { existsSync } from 'node:fs'
import { aptInstall } from '../../src/runtime/system-packages.ts'

export const SOFFICE = '/usr/bin/soffice'
export const PDFTOTEXT = '/usr/bin/pdftotext'
export const PDFINFO = '/usr/bin/pdfinfo'

export default function setup() {
  const missing: string[] = []
  if (!existsSync(SOFFICE)) missing.push('libreoffice-calc')
  if (!existsSync(PDFTOTEXT) || !existsSync(PDFINFO)) missing.push('poppler-utils')
  if (missing.length) aptInstall(missing, (l) => console.log(`[office] ${l}`))
}
