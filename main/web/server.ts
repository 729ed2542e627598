import { readFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { timingSafeEqual } from 'node:crypto'
import type { Service } from '../service'
import { WEB_CSP } from './csp'
import { DELIVER_PATH } from './deliver'
import { OPEN_URL_EVENT } from './transport'

export interface WebHostOptions {
  service: Service
  port: number
  token: string
  /** The built renderer (index.html + assets). */
  rendererDir: string
  /** The built bridge script that gives the page its `window.tester`. */
  bridgeFile: string
  /**
   * Opens `POST /host/deliver`, the web host's stand-in for the OS handing a deep link to the
   * running app (`web.js --deliver <url>`). Without it the route does not exist.
   */
  deliverToken?: string
}

export interface WebHost {
  url: string
  port: number
  /** Asks the connected page(s) to open a URL in a new tab; false when no page listens. */
  openInPage(url: string): boolean
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}
// The largest call is a profiles import (IMPORT_LIMITS: 2,000,000 characters), which JSON and
// UTF-8 can make up to three times as many bytes.
const MAX_BODY = 8 * 1024 * 1024

/**
 * The web host: serves the built renderer on 127.0.0.1 and binds the contract as
 * `POST /api/<call>` and `GET /api/events` (server-sent events). Every API request carries the
 * per-launch token; requests from a foreign Origin or Host are refused.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const streams = new Set<http.ServerResponse>()
  const expected = Buffer.from(`Bearer ${opts.token}`)
  const deliverExpected = opts.deliverToken !== undefined ? Buffer.from(`Bearer ${opts.deliverToken}`) : undefined
  let origin = ''

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { ok: false, error: { code: 'internal', message: (error as Error).message } })
      else res.end()
    })
  })

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // DNS rebinding: only our own host names reach anything.
    const host = req.headers.host ?? ''
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return json(res, 421, refusal('unauthorized', `Host "${host}" is not this app.`))
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (path === DELIVER_PATH && deliverExpected) return hostDeliver(req, res, deliverExpected)
    if (path.startsWith('/api/')) {
      const requestOrigin = req.headers.origin
      if (requestOrigin !== undefined && requestOrigin !== origin && requestOrigin !== origin.replace('127.0.0.1', 'localhost')) {
        return json(res, 403, refusal('unauthorized', `Requests from ${requestOrigin} are refused.`))
      }
      if (!authorized(req.headers.authorization)) {
        return json(res, 401, refusal('unauthorized', 'Missing or wrong launch token. Open the URL the web host printed.'))
      }
      if (path === '/api/events' && req.method === 'GET') return openStream(req, res)
      if (req.method !== 'POST') return json(res, 405, refusal('unknown-call', 'Calls are POST /api/<call>.'))
      const body = await readJson(req)
      if (!body.ok) return json(res, 400, refusal('invalid-input', body.message))
      const result = await opts.service.dispatch(path.slice('/api/'.length), body.value)
      return json(res, 200, result)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, refusal('unknown-call', 'Not allowed.'))
    return serveStatic(path, res)
  }

  function authorized(header: string | undefined, want = expected): boolean {
    if (header === undefined) return false
    const given = Buffer.from(header)
    return given.length === want.length && timingSafeEqual(given, want)
  }

  /** A deep link from `web.js --deliver`: into the inbox, exactly as the OS would hand it. */
  async function hostDeliver(req: http.IncomingMessage, res: http.ServerResponse, want: typeof expected): Promise<void> {
    // Browsers always send Origin on a POST; the deliver command never does. No page can use it.
    if (req.headers.origin !== undefined) return json(res, 403, refusal('unauthorized', 'Pages may not deliver deep links.'))
    if (!authorized(req.headers.authorization, want)) return json(res, 401, refusal('unauthorized', 'Missing or wrong deliver token.'))
    if (req.method !== 'POST') return json(res, 405, refusal('unknown-call', 'Deliver with POST.'))
    const body = await readJson(req)
    const url = body.ok ? (body.value as { url?: unknown } | null)?.url : undefined
    if (typeof url !== 'string') return json(res, 400, refusal('invalid-input', 'The body must be {"url": "<redirect URL>"}.'))
    return json(res, 200, { ok: true, value: await opts.service.inbox.deliver({ url, method: 'deep-link' }) })
  }

  function openStream(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    res.write(': connected\n\n')
    streams.add(res)
    const unsubscribe = opts.service.events.subscribe((event) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`)
    })
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000)
    heartbeat.unref()
    req.on('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
      streams.delete(res)
    })
  }

  async function serveStatic(path: string, res: http.ServerResponse): Promise<void> {
    if (path === '/bridge.js') return sendFile(res, opts.bridgeFile, '.js')
    if (path === '/' || path === '/index.html') {
      const html = await readFile(join(opts.rendererDir, 'index.html'), 'utf8')
      // The bridge must define window.tester before the app's module script runs.
      const withBridge = html.replace('<head>', '<head>\n    <script src="/bridge.js"></script>')
      return send(res, 200, '.html', withBridge)
    }
    const file = normalize(join(opts.rendererDir, decodeURIComponent(path)))
    if (!file.startsWith(opts.rendererDir.endsWith(sep) ? opts.rendererDir : opts.rendererDir + sep)) {
      return send(res, 404, '.html', 'Not found')
    }
    return sendFile(res, file, extname(file))
  }

  async function sendFile(res: http.ServerResponse, file: string, ext: string): Promise<void> {
    try {
      send(res, 200, ext, await readFile(file))
    } catch {
      send(res, 404, '.html', 'Not found')
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  origin = `http://127.0.0.1:${port}`

  return {
    url: `${origin}/#token=${opts.token}`,
    port,
    openInPage(url) {
      if (streams.size === 0) return false
      for (const res of streams) res.write(`event: ${OPEN_URL_EVENT}\ndata: ${JSON.stringify({ url })}\n\n`)
      return true
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

function send(res: http.ServerResponse, status: number, ext: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    'cache-control': ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable',
    'content-security-policy': WEB_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  })
  res.end(body)
}

function json(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
  res.end(JSON.stringify(value))
}

const refusal = (code: string, message: string) => ({ ok: false, error: { code, message } })

async function readJson(req: http.IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) return { ok: false, message: 'The request body is larger than 8 MB.' }
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (text.trim() === '') return { ok: true, value: {} }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false, message: 'The request body is not JSON.' }
  }
}
