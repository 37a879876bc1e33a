// How a time reads in Chinese: 11月22日 09:05.
export const timeTexts = {
  monthDay: (month: number, day: number, hm: string) => `${month}月${day}日 ${hm}`,
}
