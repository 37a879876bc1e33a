// The media store a process uses: an S3-compatible bucket when GRIDBOT_MEDIA_S3_BUCKET is set, else files under
// GRIDBOT_DATA_DIR/media.
import path from 'node:path'
import type { Env } from '../config/env.ts'
import type { MediaStore } from '../core/ports.ts'
import { FileMediaStore } from './file-media-store.ts'
import type { ProbedStore } from './media-guard.ts'
import { S3MediaStore } from './s3-media-store.ts'
import { mediaStoreTexts } from './media-store.texts.ts'

export function mediaStoreFor(env: Env): MediaStore & ProbedStore {
  if (env.GRIDBOT_MEDIA_S3_BUCKET) {
    if (!env.GRIDBOT_MEDIA_S3_ENDPOINT || !env.GRIDBOT_MEDIA_S3_ACCESS_KEY_ID || !env.GRIDBOT_MEDIA_S3_SECRET_ACCESS_KEY)
      throw new Error(mediaStoreTexts.s3Incomplete)
    return new S3MediaStore({
      endpoint: env.GRIDBOT_MEDIA_S3_ENDPOINT,
      bucket: env.GRIDBOT_MEDIA_S3_BUCKET,
      region: env.GRIDBOT_MEDIA_S3_REGION,
      accessKeyId: env.GRIDBOT_MEDIA_S3_ACCESS_KEY_ID,
      secretAccessKey: env.GRIDBOT_MEDIA_S3_SECRET_ACCESS_KEY,
      prefix: env.GRIDBOT_MEDIA_S3_PREFIX,
    })
  }
  return new FileMediaStore(path.resolve(env.GRIDBOT_DATA_DIR, 'media'))
}
