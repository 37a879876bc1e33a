// The printed page's footer of an exported workbook: its title left, 第 n 页,共 N 页 right (Excel's &-codes).
export const xlsxPrintTexts = {
  footer: (escapedTitle: string) => `&L${escapedTitle}&R第 &P 页,共 &N 页`,
}
