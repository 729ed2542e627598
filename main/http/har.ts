import type { HttpExchange } from './exchange'
import { redactExchange } from './redact'

/** HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), the format browsers' devtools import. */
export interface Har {
  log: {
    version: '1.2'
    creator: { name: string; version: string }
    entries: HarEntry[]
    comment?: string
  }
}

interface NameValue {
  name: string
  value: string
}

export interface HarEntry {
  startedDateTime: string
  time: number
  request: {
    method: string
    url: string
    httpVersion: string
    cookies: NameValue[]
    headers: NameValue[]
    queryString: NameValue[]
    postData?: { mimeType: string; text: string }
    headersSize: number
    bodySize: number
  }
  response: {
    status: number
    statusText: string
    httpVersion: string
    cookies: NameValue[]
    headers: NameValue[]
    content: { size: number; mimeType: string; text?: string; comment?: string }
    redirectURL: string
    headersSize: number
    bodySize: number
  }
  cache: Record<string, never>
  timings: { send: number; wait: number; receive: number }
  comment?: string
  /** Custom fields (allowed by HAR when prefixed with "_"): the flow step and a network error. */
  _step: string
  _error?: string
}

/**
 * Exports exchanges as HAR 1.2, redacted first: secrets removed, tokens and codes masked.
 * A request that got no answer keeps its entry with status 0 and the error in `_error`.
 */
export function toHar(exchanges: readonly HttpExchange[], secrets: readonly string[], creator: { name: string; version: string }, comment?: string): Har {
  return harFromRedacted(
    exchanges.map((ex) => redactExchange(ex, secrets)),
    creator,
    comment,
  )
}

/**
 * HAR 1.2 from exchanges that are redacted already (a run's evidence, the history). Redacting
 * twice would mask the masks ("eyJhbG…x1y2" → "••••••••") and lose what tells tokens apart.
 */
export function harFromRedacted(exchanges: readonly HttpExchange[], creator: { name: string; version: string }, comment?: string): Har {
  return {
    log: {
      version: '1.2',
      creator,
      entries: exchanges.map(entry),
      ...(comment !== undefined && { comment }),
    },
  }
}

function entry(ex: HttpExchange): HarEntry {
  const time = Math.max(0, Math.round(ex.durationMs))
  const reqType = ex.request.headers['content-type'] ?? 'application/octet-stream'
  const res = ex.response
  const harEntry: HarEntry = {
    startedDateTime: new Date(ex.startedAt).toISOString(),
    time,
    request: {
      method: ex.request.method,
      url: ex.request.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(ex.request.headers),
      queryString: query(ex.request.url),
      headersSize: -1,
      bodySize: ex.request.body === undefined ? 0 : Buffer.byteLength(ex.request.body),
      ...(ex.request.body !== undefined && { postData: { mimeType: reqType, text: ex.request.body } }),
    },
    response: {
      status: res?.status ?? 0,
      statusText: res?.statusText ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(res?.headers ?? {}),
      content: {
        size: res ? Buffer.byteLength(res.body) : 0,
        mimeType: res?.headers['content-type'] ?? 'x-unknown',
        ...(res && { text: res.body }),
        ...(res?.truncated && { comment: 'Body cut at 1 MB by the tester.' }),
      },
      redirectURL: res?.headers.location ?? '',
      headersSize: -1,
      bodySize: res ? Buffer.byteLength(res.body) : -1,
    },
    cache: {},
    timings: { send: 0, wait: time, receive: 0 },
    _step: ex.step,
  }
  if (ex.error) harEntry._error = ex.error.message
  return harEntry
}

const pairs = (headers: Record<string, string>): NameValue[] => Object.entries(headers).map(([name, value]) => ({ name, value }))

function query(url: string): NameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }))
  } catch {
    return []
  }
}
