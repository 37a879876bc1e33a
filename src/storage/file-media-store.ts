// The default media store: files under the data folder. References are paths relative to it, so the folder can
// move; a gateway and its workers on different machines need a shared folder, or the S3-compatible store
// (s3-media-store.ts, GRIDBOT_MEDIA_S3_*).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { MediaStore } from '../core/ports.ts'
import { safeRef } from './media-ref.ts'

export class FileMediaStore implements MediaStore {
  private readonly dir: string
  constructor(dir: string) {
    this.dir = path.resolve(dir)
  }

  get where(): string {
    return this.dir
  }

  /** Writes and removes a small file: the start-up check and /readyz's (media-guard.ts). */
  async probe(): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    const file = path.join(this.dir, `.write-check-${process.pid}`)
    await writeFile(file, 'ok')
    await rm(file, { force: true })
  }

  async put(name: string, bytes: Buffer): Promise<string> {
    const ref = safeRef(name)
    const file = path.join(this.dir, ref)
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, bytes)
    return ref
  }

  get(ref: string): Promise<Buffer> {
    // Images kept before the store existed were recorded with absolute paths.
    const file = path.isAbsolute(ref) ? ref : path.join(this.dir, ref)
    if (!path.isAbsolute(ref) && !file.startsWith(this.dir + path.sep)) throw new Error(`media ref outside the store: ${ref}`)
    return readFile(file)
  }
}
