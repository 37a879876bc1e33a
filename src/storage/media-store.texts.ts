// What an operator is told when the media store's settings are incomplete.
export const mediaStoreTexts = {
  s3Incomplete: 'GRIDBOT_MEDIA_S3_BUCKET 需要 GRIDBOT_MEDIA_S3_ENDPOINT、GRIDBOT_MEDIA_S3_ACCESS_KEY_ID 与 GRIDBOT_MEDIA_S3_SECRET_ACCESS_KEY',
}
