// The reply to a fault of ours (a record that cannot be missing was missing): the dispatcher's apology.
export const faultText = '抱歉,处理时出错了,已记录。请稍后再试一次。'
