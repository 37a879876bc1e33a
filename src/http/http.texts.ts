// Every Chinese text of the process's HTTP server: the queue board's title and the error when its port is taken.
export const httpTexts = {
  queueBoardTitle: 'gridbot 队列',
  portUnavailable: (host: string, port: number, reason: string) => `HTTP 端口不可用 / cannot listen on ${host}:${port}: ${reason}`,
}
