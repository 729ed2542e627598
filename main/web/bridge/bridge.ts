/**
 * The web host's stand-in for the Electron preload: it defines `window.tester` with exactly the
 * contract's calls, bound to `POST /api/<call>` and the `/api/events` stream. The renderer
 * cannot tell it from the preload.
 */
import type { TesterApi } from '../../../shared/contract/api'
import type { TesterEvent } from '../../../shared/contract/events'
import { CALL_NAMES } from '../../../shared/contract/names'
import type { Result } from '../../../shared/contract/result'
import { OPEN_URL_EVENT, TOKEN_STORAGE_KEY } from '../transport'

const token = readToken()
const listeners = new Set<(event: TesterEvent) => void>()

function readToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash)
  if (match?.[1]) {
    const value = decodeURIComponent(match[1])
    sessionStorage.setItem(TOKEN_STORAGE_KEY, value)
    // Keep the token out of the address bar, history and screenshots.
    history.replaceState(null, '', location.pathname + location.search)
    return value
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? ''
}

async function call(name: string, input: unknown): Promise<Result<unknown>> {
  try {
    const res = await fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(input ?? {}),
    })
    return (await res.json()) as Result<unknown>
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: `The web host did not answer: ${(error as Error).message}` } }
  }
}

function deliver(event: TesterEvent): void {
  for (const listener of listeners) listener(event)
}

function openUrl(url: string): void {
  if (!/^https?:\/\//i.test(url)) return
  const tab = window.open(url, '_blank')
  if (tab) tab.opener = null
  else deliver({ type: 'notice', level: 'warning', message: 'The browser blocked the new tab. Use “Open authorization page” in the run.' })
}

/** Reads the event stream with fetch (EventSource cannot send the Authorization header). */
async function stream(): Promise<void> {
  let delay = 250
  for (;;) {
    try {
      const res = await fetch('/api/events', { headers: { authorization: `Bearer ${token}` } })
      if (res.status === 401) {
        deliver({ type: 'notice', level: 'error', message: 'This page has no valid launch token: open the URL the web host printed.' })
        return
      }
      if (!res.body) throw new Error('no stream')
      delay = 250
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        buffer += value
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          handleFrame(buffer.slice(0, end))
          buffer = buffer.slice(end + 2)
        }
      }
    } catch {
      // The host restarted or the network blipped: retry below.
    }
    await new Promise((resolve) => setTimeout(resolve, delay))
    delay = Math.min(delay * 2, 5000)
  }
}

function handleFrame(frame: string): void {
  let name = 'message'
  const data: string[] = []
  for (const line of frame.split('\n')) {
    if (line.startsWith('event:')) name = line.slice(6).trim()
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart())
  }
  if (data.length === 0) return
  try {
    const payload: unknown = JSON.parse(data.join('\n'))
    if (name === OPEN_URL_EVENT) openUrl((payload as { url: string }).url)
    else deliver(payload as TesterEvent)
  } catch {
    // A frame we cannot read is dropped; the next run update replaces it.
  }
}

const api = Object.fromEntries(CALL_NAMES.map((name) => [name, (input: unknown) => call(name, input)])) as unknown as TesterApi
api.onEvent = (listener) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
Object.defineProperty(window, 'tester', { value: Object.freeze(api), writable: false, configurable: false })
void stream()
