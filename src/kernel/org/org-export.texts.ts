// What the org export says when it cannot tell which district to write.
export const orgExportTexts = {
  districtNotFound: (name: string) => `找不到区「${name}」`,
  whichDistrict: (n: number) => `数据库中有 ${n} 个区,请用 --district 指定一个`,
}
