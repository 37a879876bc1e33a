// `prisma generate` offline: the CLI insists on locating a native schema engine it never uses for generation,
// and would try to download one. Any existing file satisfies the check (STACK-NOTES.md).
import { spawnSync } from 'node:child_process'
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
}
const r = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], { stdio: 'inherit', env })
process.exit(r.status ?? 1)
