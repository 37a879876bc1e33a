// Loads Prisma's official WASM schema engine on plain Node. The package imports its .wasm bundler-style,
// which Node cannot do, so we instantiate the bytes ourselves and hand them to the wasm-bindgen glue.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)

export async function loadSchemaEngineModule() {
  const pkgDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'))
  const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg')
  const bytes = await readFile(path.join(pkgDir, 'schema_engine_bg.wasm'))
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg })
  bg.__wbg_set_wasm(instance.exports)
  ;(instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.()
  return bg as typeof import('@prisma/schema-engine-wasm')
}
