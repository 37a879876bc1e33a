// Every Chinese text of the transports: what an operator reads in the log while an account waits for its scan, and
// how the mock WeChat's transcript (the simulator, the conversation scripts) shows a message that is not text.
export const transportTexts = {
  waitingScan: '等待扫码登录:请用该账号的微信扫描二维码',
  noAccount: (accountId: string) => `没有这个账号:${accountId}`,
  locationLine: (address: string) => `[位置] ${address}`,
  imageLine: '[图片]',
  fileLine: (name: string) => `[文件] ${name}`,
}
