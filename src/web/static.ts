// The console's own files (styles, scripts), served from src/web/assets/ by name: no CDN, no build step.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ServerResponse } from 'node:http'
import { send } from './http.ts'

const DIR = path.join(import.meta.dirname, 'assets')
const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' }

/** Serves /assets/<name> when it is one of ours; false otherwise. */
export async function serveAsset(name: string, res: ServerResponse): Promise<boolean> {
  if (!/^[\w-]+\.(css|js|svg)$/.test(name)) return false
  try {
    const body = await readFile(path.join(DIR, name))
    send(res, 200, TYPES[path.extname(name)] ?? 'application/octet-stream', body, { 'cache-control': 'no-cache' })
    return true
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw e
  }
}
