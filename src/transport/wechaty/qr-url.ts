// A login QR code as a link anyone can open in a browser to see the code and scan it with the account's phone.
export const qrUrl = (qrcode: string) =>
  /^https?:\/\//.test(qrcode) && !qrcode.includes('weixin.qq.com') ? qrcode : `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`
