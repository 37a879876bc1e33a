// A media store that knows when it is failing: a write that fails marks the store unhealthy with its cause (what
// /readyz reports and what the admins are told), a later successful write or probe marks it healthy again. The gateway
// never drops a message because of it: the message goes on with its media marked missing (wechaty-transport.ts).
import type { MediaStore } from '../core/ports.ts'

import type { MediaCause } from '../core/message.ts'

export type { MediaCause }

/** The cause of a failed write, from its error (ENOSPC, EACCES, EROFS … on files; anything else on a bucket). */
export function mediaCause(err: unknown): MediaCause {
  if (err instanceof MediaWriteError) return err.reason
  const code = (err as { code?: string } | null)?.code
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk_full'
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOTDIR' || code === 'EISDIR') return 'not_writable'
  return 'store_error'
}

export class MediaWriteError extends Error {
  readonly code = 'MEDIA_WRITE_FAILED'
  constructor(
    readonly reason: MediaCause,
    readonly where: string,
    message: string,
  ) {
    super(`media store ${where}: ${message}`)
    this.name = 'MediaWriteError'
  }
}

export interface MediaFailure {
  cause: MediaCause
  since: Date
  error: string
}

/** A store that can prove it accepts writes (writes and removes a small file). */
export interface ProbedStore extends MediaStore {
  /** Where it keeps things (a folder, a bucket): named in errors. */
  readonly where: string
  probe(): Promise<void>
}

const PROBE_EVERY_MS = 30_000

export class GuardedMediaStore implements MediaStore {
  private failure: MediaFailure | null = null

  constructor(private readonly inner: ProbedStore) {}

  get where(): string {
    return this.inner.where
  }

  /** The current failure (null: the last write or probe succeeded). */
  get failing(): MediaFailure | null {
    return this.failure
  }

  async put(name: string, bytes: Buffer): Promise<string> {
    try {
      const ref = await this.inner.put(name, bytes)
      this.failure = null
      return ref
    } catch (e) {
      throw this.failed(e)
    }
  }

  get(ref: string): Promise<Buffer> {
    return this.inner.get(ref)
  }

  /** Writes and removes a file: throws a MediaWriteError naming the folder when that fails (start-up, /readyz). */
  async check(): Promise<void> {
    try {
      await this.inner.probe()
      this.failure = null
    } catch (e) {
      throw this.failed(e)
    }
  }

  private checkedAt = 0

  /** For /readyz: probes at most every PROBE_EVERY_MS (and at once while failing); throws while writes fail. */
  async healthy(now = Date.now()): Promise<void> {
    if (this.failure || now - this.checkedAt >= PROBE_EVERY_MS) {
      this.checkedAt = now
      await this.check()
    }
  }

  private failed(e: unknown): MediaWriteError {
    const cause = mediaCause(e)
    const error = (e as Error)?.message ?? String(e)
    if (this.failure?.cause !== cause) this.failure = { cause, since: new Date(), error }
    return new MediaWriteError(cause, this.inner.where, error)
  }
}
