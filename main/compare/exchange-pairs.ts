import type { HttpExchange } from '../http/exchange'

export interface ExchangePair {
  /** "token", or "discovery 2" when a step sent more than one request. */
  label: string
  left?: HttpExchange
  right?: HttpExchange
}

/**
 * Lines up the exchanges of two runs: by step, then by their order within the step (the first
 * token request with the first). Steps come in the order the left run made them, then any
 * the right run made alone, so a flow with other steps still lines up.
 */
export function pairExchanges(left: readonly HttpExchange[], right: readonly HttpExchange[]): ExchangePair[] {
  const byStep = (list: readonly HttpExchange[]): Map<string, HttpExchange[]> => {
    const map = new Map<string, HttpExchange[]>()
    for (const ex of list) map.set(ex.step, [...(map.get(ex.step) ?? []), ex])
    return map
  }
  const l = byStep(left)
  const r = byStep(right)
  const steps = [...new Set([...l.keys(), ...r.keys()])]
  const pairs: ExchangePair[] = []
  for (const step of steps) {
    const ls = l.get(step) ?? []
    const rs = r.get(step) ?? []
    const count = Math.max(ls.length, rs.length)
    for (let i = 0; i < count; i++) {
      const pair: ExchangePair = { label: count > 1 ? `${step} ${i + 1}` : step }
      const a = ls[i]
      const b = rs[i]
      if (a) pair.left = a
      if (b) pair.right = b
      pairs.push(pair)
    }
  }
  return pairs
}

/** "POST http://127.0.0.1:<port>/token" without the query: the query holds per-run values. */
export function requestLine(ex: HttpExchange | undefined): string | undefined {
  if (!ex) return undefined
  let where = ex.request.url
  try {
    const u = new URL(ex.request.url)
    where = `${u.origin}${u.pathname}${u.search ? `?${[...new Set(u.searchParams.keys())].join('&')}` : ''}`
  } catch {
    // keep it as recorded
  }
  return `${ex.request.method} ${where}`
}

/** "200 OK", "302 Found → https://…/hosted", or the network error. */
export function outcomeLine(ex: HttpExchange | undefined): string | undefined {
  if (!ex) return undefined
  if (ex.error) return `no answer: ${ex.error.kind}`
  const res = ex.response
  if (!res) return 'no answer'
  const error = errorCodeOf(ex)
  return `${res.status}${res.statusText ? ` ${res.statusText}` : ''}${error ? ` (${error})` : ''}`
}

/**
 * The `error` an OAuth server put in its answer (JSON, form or redirect), if any. A `code` or
 * `errorCode` field names an error only in a refusal: in a success it is data (the vendor's
 * step 3 answers `{url, code, state}`, `code` being the authorization code).
 */
export function errorCodeOf(ex: HttpExchange): string | undefined {
  const res = ex.response
  if (!res) return undefined
  const body = res.body.trim()
  if (body.startsWith('{')) {
    try {
      const parsed = JSON.parse(body) as Record<string, unknown>
      for (const key of res.status >= 400 ? ['error', 'code', 'errorCode'] : ['error']) {
        const value = parsed[key]
        if (typeof value === 'string' && value !== '') return value
      }
    } catch {
      // not JSON
    }
  }
  const location = res.headers.location
  if (location) {
    try {
      const error = new URL(location, 'http://x').searchParams.get('error')
      if (error) return error
    } catch {
      // not a URL
    }
  }
  return undefined
}
