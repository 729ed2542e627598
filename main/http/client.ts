import { randomUUID } from 'node:crypto'
import type { Clock } from '../clock'
import type { HttpExchange, NetworkError, RecordedRequest } from './exchange'

export interface HttpRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT'
  url: string
  headers?: Record<string, string>
  body?: string
}

export interface RequestContext {
  runId?: string
  step: string
  timeoutMs?: number
}

export type ExchangeListener = (exchange: HttpExchange) => void

const DEFAULT_TIMEOUT_MS = 15_000
/** Bodies beyond this are cut: a token endpoint that answers with megabytes is itself the finding. */
const MAX_BODY_BYTES = 1024 * 1024

/**
 * The one HTTP client. Every exchange is recorded (that record is the evidence the explainer
 * reads, the network panel shows and the exports carry). It never throws: a failure is a
 * recorded exchange with `error` set.
 */
export class HttpClient {
  private listeners = new Set<ExchangeListener>()

  constructor(
    private readonly clock: Clock,
    private readonly userAgent = 'OAuthFlowTester',
  ) {}

  onExchange(listener: ExchangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  async send(req: HttpRequest, ctx: RequestContext): Promise<HttpExchange> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent, ...lowerKeys(req.headers ?? {}) }
    const request: RecordedRequest = { method: req.method, url: req.url, headers }
    if (req.body !== undefined) request.body = req.body
    const exchange: HttpExchange = {
      id: randomUUID(),
      step: ctx.step,
      startedAt: this.clock.now(),
      durationMs: 0,
      request,
    }
    if (ctx.runId !== undefined) exchange.runId = ctx.runId
    const started = performance.now()
    try {
      const res = await fetch(req.url, {
        method: req.method,
        headers,
        body: req.body ?? null,
        redirect: 'manual',
        signal: AbortSignal.timeout(ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      })
      const { body, truncated } = await readBody(res)
      exchange.response = {
        status: res.status,
        statusText: res.statusText,
        headers: Object.fromEntries(res.headers),
        body,
        truncated,
      }
    } catch (error) {
      exchange.error = describeNetworkError(error, ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    }
    exchange.durationMs = Math.round((performance.now() - started) * 10) / 10
    for (const listener of this.listeners) listener(exchange)
    return exchange
  }
}

const lowerKeys = (h: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]))

async function readBody(res: Response): Promise<{ body: string; truncated: boolean }> {
  if (!res.body) return { body: '', truncated: false }
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  let truncated = false
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    size += value.byteLength
    if (size > MAX_BODY_BYTES) {
      truncated = true
      await reader.cancel()
      break
    }
  }
  const all = Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES)
  return { body: all.toString('utf8'), truncated }
}

/** Turns fetch's layered errors into one kind and a sentence a tester can act on. */
export function describeNetworkError(error: unknown, timeoutMs: number): NetworkError {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') {
    return { kind: 'timeout', message: `No complete answer within ${timeoutMs / 1000} s.` }
  }
  const code = err?.cause?.code
  const detail = err?.cause?.message ?? err?.message ?? String(error)
  const base = code !== undefined ? { code } : {}
  switch (true) {
    case code === 'ECONNREFUSED':
      return { kind: 'refused', message: 'Connection refused: nothing listens at that address and port.', ...base }
    case code === 'ENOTFOUND' || code === 'EAI_AGAIN':
      return { kind: 'dns', message: 'The host name could not be resolved (DNS).', ...base }
    case code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE':
      return { kind: 'reset', message: 'The server closed the connection before answering.', ...base }
    case code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT':
      return { kind: 'timeout', message: 'The connection timed out.', ...base }
    case code !== undefined && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code):
      return { kind: 'tls', message: `TLS failed: ${detail}`, ...base }
    case code === 'ERR_INVALID_URL' || /Invalid URL|Failed to parse URL/i.test(detail):
      return { kind: 'invalid-url', message: `The URL is not valid: ${detail}`, ...base }
    default:
      return { kind: 'network', message: `Network error: ${detail}`, ...base }
  }
}
