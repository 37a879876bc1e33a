// What the city import prints (issue #26).
export const cityImportTexts = {
  cityCreated: (name: string) => `+ 市 ${name}`,
  cityLine: (summary: string) => `市本级:${summary}`,
  districtLine: (name: string, file: string, summary: string) => `${name}(${file}):${summary}`,
  underOther: (file: string, district: string, other: string) => `区文件 ${file} 中的「${district}」已属于「${other}」,一个区只能属于一个城市,未导入任何内容`,
  exportUnknown: (name: string) => `找不到市「${name}」`,
  exportWhich: (n: number) => `数据库中有 ${n} 个市,请用 --city 指定一个`,
}
