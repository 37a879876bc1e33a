// The voice capability's one text: what to do instead, with one example.
export const voiceTexts = {
  hint: () => '暂不支持语音,请发文字,例如 #签到 巡查',
}
