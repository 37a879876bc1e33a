// How an image or a file posted to a group reads in the outbox (the text beside the media).
export const roomMessageTexts = {
  image: (ref: string) => `[图片] ${ref}`,
  file: (name: string) => `[文件] ${name}`,
}
