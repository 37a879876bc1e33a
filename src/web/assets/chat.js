// Renders transcript lines as WeChat shows them: avatar, name, bubble; @-mentions highlighted; images, locations.
/* global window, document */
;(() => {
  const TZ = 8 * 3600 * 1000
  const pad = (n) => String(n).padStart(2, '0')
  const localTime = (iso) => {
    const d = new Date(Date.parse(iso) + TZ)
    return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  }
  const COLORS = ['#5b8ff9', '#f6903d', '#9270ca', '#e8684a', '#6dc8ec', '#ff9d4d', '#269a99', '#ff99c3']
  const colorOf = (name) => COLORS[[...name].reduce((s, ch) => s + ch.codePointAt(0), 0) % COLORS.length]

  /** Text with every "@名字" as a highlighted span (built with nodes, never innerHTML). */
  function withMentions(text, el) {
    const re = /@[^\s@\u2005]+/g
    let last = 0
    for (const m of text.matchAll(re)) {
      el.append(text.slice(last, m.index))
      const span = document.createElement('span')
      span.className = 'mention'
      span.textContent = m[0]
      el.append(span)
      last = m.index + m[0].length
    }
    el.append(text.slice(last))
  }

  function bubble(line) {
    const b = document.createElement('div')
    b.className = 'bubble'
    if (line.text.startsWith('[位置]')) {
      b.classList.add('location')
      const place = document.createElement('div')
      place.className = 'place'
      place.textContent = `📍 ${line.text.slice(4).trim() || '位置'}`
      const map = document.createElement('div')
      map.className = 'map'
      map.textContent = '🗺️'
      b.append(place, map)
    } else if (line.text === '[图片]') {
      if (line.image) {
        const img = document.createElement('img')
        img.alt = '图片'
        img.src = line.image
        img.addEventListener('error', () => img.replaceWith('🖼️ 图片'))
        b.append(img)
      } else b.textContent = '🖼️ 图片'
    } else withMentions(line.text, b)
    return b
  }

  /** One message as a list item; `speaker` is the name of who the page speaks as (their messages on the right). */
  function render(line, speaker) {
    const li = document.createElement('li')
    li.className = `msg${line.self ? ' bot' : ''}${line.from === speaker ? ' own' : ''}${line.mentions.includes(speaker) ? ' mentioned' : ''}`
    li.dataset.from = line.from
    if (line.id) li.dataset.id = line.id
    const avatar = document.createElement('div')
    avatar.className = 'avatar'
    avatar.setAttribute('aria-hidden', 'true')
    avatar.textContent = line.self ? '助' : [...line.from][0] || '?'
    if (!line.self) avatar.style.background = colorOf(line.from)
    const body = document.createElement('div')
    body.className = 'body'
    const name = document.createElement('span')
    name.className = 'name'
    name.textContent = line.from
    body.append(name, bubble(line))
    li.append(avatar, body)
    return li
  }

  window.gridbotChat = { render, localTime }
})()
