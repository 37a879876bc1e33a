// Writes a city's export (issue #26) as `gridbot org import` reads it: the city file (YAML) at `out`, each district's
// file beside it under the name the city file gives it.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import YAML from 'yaml'
import type { CitySpec } from './city-spec.ts'
import type { OrgSpec } from './org-spec.ts'
import { writeOrgFile } from './org-write.ts'

export async function writeCityFiles(out: string, e: { city: CitySpec; districts: { file: string; spec: OrgSpec }[] }): Promise<string[]> {
  const files: string[] = []
  for (const d of e.districts) {
    const file = path.join(path.dirname(out), d.file)
    await writeOrgFile(file, d.spec)
    files.push(file)
  }
  await writeFile(out, YAML.stringify(e.city))
  return files
}
