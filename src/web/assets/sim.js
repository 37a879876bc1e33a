// The simulator page: loads the chosen group's messages, appends new ones as the server pushes them (SSE), and
// sends what the person types, their images and locations, and the clock's steps.
/* global window, document, fetch, EventSource, FileReader */
;(() => {
  const root = document.querySelector('.sim')
  const room = root.dataset.room
  const csrf = document.querySelector('meta[name="csrf-token"]').content
  const list = document.getElementById('messages')
  const speaker = document.getElementById('speaker')
  const input = document.getElementById('text')
  const form = document.getElementById('composer')
  const status = document.createElement('p')
  status.className = 'status'
  status.setAttribute('role', 'status')
  form.append(status)
  const { render, localTime } = window.gridbotChat

  // On a phone the group tree is a drawer (console.css): the ☰ button opens and closes it; Escape closes it.
  const toggle = root.querySelector('.tree-toggle')
  const setTree = (open) => {
    root.classList.toggle('tree-open', open)
    toggle.setAttribute('aria-expanded', String(open))
  }
  toggle.addEventListener('click', () => setTree(!root.classList.contains('tree-open')))
  document.addEventListener('keydown', (e) => e.key === 'Escape' && setTree(false))
  const speakerName = () => speaker.selectedOptions[0]?.dataset.name ?? ''
  let lines = []
  let lastAt = 0

  function append(line) {
    list.querySelector('.empty')?.remove()
    const at = Date.parse(line.at)
    if (at - lastAt > 3 * 60_000) {
      const stamp = document.createElement('li')
      stamp.className = 'stamp'
      stamp.textContent = localTime(line.at)
      list.append(stamp)
    }
    lastAt = at
    list.append(render(line, speakerName()))
  }
  function redraw() {
    list.replaceChildren()
    lastAt = 0
    for (const l of lines) append(l)
    list.scrollTop = list.scrollHeight
  }

  async function post(path, body) {
    status.textContent = ''
    const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) })
    const json = await res.json().catch(() => ({}))
    if (!res.ok) throw new Error(json.error || res.statusText)
    if (json.now) document.getElementById('now').textContent = json.now
    return json
  }
  async function busy(el, fn) {
    el.disabled = true
    try {
      await fn()
    } catch (e) {
      status.textContent = `⚠️ ${e.message}`
    } finally {
      el.disabled = false
    }
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault()
    const text = input.value.trim()
    if (!text) return
    busy(form.querySelector('button[type="submit"]'), async () => {
      await post('/api/sim/say', { room, from: speaker.value, text })
      // Typed on while the bot answered: keep the new text.
      if (input.value.trim() === text) input.value = ''
      input.focus()
    })
  })
  for (const b of document.querySelectorAll('.clock .step'))
    b.addEventListener('click', () => busy(b, () => post('/api/sim/advance', { ms: Number(b.dataset.ms) })))
  document.getElementById('send-image').addEventListener('click', (e) => {
    const file = document.getElementById('image').files[0]
    if (!file) return void (status.textContent = '请先选择图片')
    busy(e.target, async () => {
      const data = await new Promise((resolve, reject) => {
        const r = new FileReader()
        r.onload = () => resolve(r.result)
        r.onerror = () => reject(r.error)
        r.readAsDataURL(file)
      })
      await post('/api/sim/image', { room, from: speaker.value, name: file.name, data })
    })
  })
  document.getElementById('send-location').addEventListener('click', (e) =>
    busy(e.target, () =>
      post('/api/sim/location', {
        room,
        from: speaker.value,
        address: document.getElementById('loc-address').value,
        lat: document.getElementById('loc-lat').value,
        lng: document.getElementById('loc-lng').value,
      }),
    ),
  )
  // Who speaks stays chosen when moving to another group.
  const keepSpeaker = () => {
    for (const a of document.querySelectorAll('.tree a')) {
      const u = new URL(a.href)
      u.searchParams.set('as', speaker.value)
      a.href = u.pathname + u.search
    }
  }
  speaker.addEventListener('change', () => {
    keepSpeaker()
    redraw()
  })
  keepSpeaker()

  // Subscribe first, then load what was said before: nothing falls between the two (duplicates are dropped by id).
  const load = () =>
    fetch(`/api/sim/messages?room=${encodeURIComponent(room)}`)
      .then((r) => r.json())
      .then((j) => {
        const known = new Set(j.lines.map((l) => l.id))
        lines = [...j.lines, ...lines.filter((l) => !known.has(l.id))]
        redraw()
        root.dataset.ready = 'true'
      })
  const events = new EventSource('/events')
  events.addEventListener('open', () => {
    if (root.dataset.ready !== 'true') load()
  })
  events.addEventListener('line', (e) => {
    const line = JSON.parse(e.data)
    if (line.room !== room) return
    lines.push(line)
    append(line)
    list.scrollTop = list.scrollHeight
  })
  events.addEventListener('clock', (e) => {
    document.getElementById('now').textContent = JSON.parse(e.data).now
  })
})()
