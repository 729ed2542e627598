import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { randomToken } from '../oauth/random'
import { escapeHtml, page } from '../html/page'

/** What the app made of a redirect, told back to the browser tab. */
export interface LoopbackVerdict {
  /** `error`: the redirect was taken, and it carries the server's error (e.g. access_denied). */
  outcome: 'accepted' | 'error' | 'duplicate' | 'rejected'
  message: string
}

/** The inbox's answer, as the browser tab should word it. */
export function verdictOf(result: { outcome: 'accepted' | 'duplicate' | 'rejected'; diagnosis?: unknown; message: string }): LoopbackVerdict {
  const outcome = result.outcome === 'accepted' && result.diagnosis !== undefined ? 'error' : result.outcome
  return { outcome, message: result.message }
}

const TITLES: Record<LoopbackVerdict['outcome'], string> = {
  accepted: 'Redirect received',
  error: 'The server returned an error',
  duplicate: 'Already received',
  rejected: 'Redirect not accepted',
}

export interface LoopbackOptions {
  /** 0 asks the OS for a free port (RFC 8252 §7.3). */
  port: number
  path: string
  onRedirect: (url: string) => Promise<LoopbackVerdict>
}

export interface LoopbackListener {
  port: number
  redirectUri: string
  close(): Promise<void>
}

/**
 * A loopback redirect listener (RFC 8252 §7.3, §8.3): bound to 127.0.0.1 only, opened before
 * the browser is sent off, closed when the run ends. Only the callback path counts. A response
 * delivered in the fragment never reaches a server, so the page forwards it with a POST.
 */
export async function openLoopback(opts: LoopbackOptions): Promise<LoopbackListener> {
  const path = opts.path.startsWith('/') ? opts.path : `/${opts.path}`
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, verdictPage({ outcome: 'rejected', message: 'The tester could not read this redirect.' }))
    })
  })
  server.keepAliveTimeout = 500

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const raw = req.url ?? '/'
    const queryAt = raw.indexOf('?')
    const reqPath = queryAt >= 0 ? raw.slice(0, queryAt) : raw
    if (reqPath !== path) {
      send(res, 404, page('Not here', `<h1>Nothing here</h1><p>This listener only answers <code>${escapeHtml(path)}</code>.</p>`))
      return
    }
    const base = `http://127.0.0.1:${port}${path}`
    if (req.method === 'POST') {
      // The fragment forwarder below: the body is the fragment, without "#".
      const fragment = await readText(req, 16_384)
      const verdict = await opts.onRedirect(`${base}#${fragment}`)
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
      res.end(JSON.stringify(verdict))
      return
    }
    if (req.method !== 'GET') {
      send(res, 405, page('Not allowed', '<h1>Not allowed</h1>'))
      return
    }
    const query = queryAt >= 0 ? raw.slice(queryAt + 1) : ''
    if (query === '') {
      const nonce = randomToken(16)
      send(res, 200, fragmentForwarder(nonce), nonce)
      return
    }
    send(res, 200, verdictPage(await opts.onRedirect(`${base}?${query}`)))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  let closed: Promise<void> | undefined
  return {
    port,
    redirectUri: `http://127.0.0.1:${port}${path}`,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        // Let the verdict page finish, then drop idle keep-alive sockets.
        setTimeout(() => server.closeAllConnections(), 200).unref()
      })
      return closed
    },
  }
}

function verdictPage(v: LoopbackVerdict): string {
  const title = TITLES[v.outcome]
  return page(
    `${title} · OAuth Flow Tester`,
    `<h1>${title}</h1>
<p class="${v.outcome === 'accepted' || v.outcome === 'duplicate' ? 'hint' : 'error'}" data-testid="loopback-verdict" data-outcome="${v.outcome}">${escapeHtml(v.message)}</p>
<p>You can close this tab and return to OAuth Flow Tester.</p>`,
  )
}

function fragmentForwarder(nonce: string): string {
  return page(
    'Reading the redirect · OAuth Flow Tester',
    `<h1 id="title">Reading the redirect…</h1><p id="message" data-testid="loopback-verdict"></p>
<p>You can close this tab and return to OAuth Flow Tester.</p>
<script nonce="${nonce}">
  const fragment = location.hash.slice(1)
  const titles = ${JSON.stringify(TITLES)}
  const show = (title, text) => { document.getElementById('title').textContent = title; document.getElementById('message').textContent = text }
  if (!fragment) show('Nothing received', 'The address carries neither a query nor a fragment with an authorization response.')
  else fetch(location.pathname, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: fragment })
    .then((r) => r.json())
    .then((v) => show(titles[v.outcome] || 'Redirect not accepted', v.message))
    .catch(() => show('Could not reach the tester', 'Is OAuth Flow Tester still running?'))
  history.replaceState(null, '', location.pathname)
</script>`,
  )
}

function send(res: http.ServerResponse, status: number, html: string, nonce?: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; ${nonce ? `script-src 'nonce-${nonce}'; connect-src 'self';` : ''} frame-ancestors 'none'`,
  })
  res.end(html)
}

function readText(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      text += chunk
      if (text.length > limit) {
        reject(new Error('too large'))
        req.destroy()
      }
    })
    req.on('end', () => resolve(text))
    req.on('error', reject)
  })
}
