// The Chinese of the hazard export (CSV columns and cells, as the 台账 writes them).
export const hazardExportTexts = {
  headers: [
    '编号',
    '状态',
    '类别',
    '紧急',
    '描述',
    '上报单位',
    '处理单位',
    '上报人',
    '上报次数',
    '上报时间',
    '更新时间',
    '办结结果',
    '核实方式',
    '地址',
    '纬度',
    '经度',
    '图片数',
  ],
  /** A resident's name never leaves the owning unit (issue #29): 居民, as the 台账 writes it. */
  resident: '居民',
  urgent: (urgent: boolean) => (urgent ? '是' : '否'),
}
