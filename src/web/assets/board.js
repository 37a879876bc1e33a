// The board stays live: when the server says something changed (SSE), the panel is fetched again and swapped in.
/* global document, fetch, EventSource */
;(() => {
  const panel = document.getElementById('panel')
  let timer = null
  let version = 0
  const refresh = async () => {
    timer = null
    const res = await fetch(`/board/panel?unit=${encodeURIComponent(panel.dataset.unit)}`)
    if (!res.ok) return
    panel.innerHTML = await res.text()
    panel.dataset.version = String(++version)
  }
  new EventSource('/events').addEventListener('changed', () => {
    if (!timer) timer = setTimeout(refresh, 250)
  })
})()
