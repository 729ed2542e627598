import type { ComparisonRow } from '../../shared/domain/comparison'
import type { RunRecord } from '../history/run-record'
import { pairExchanges } from './exchange-pairs'
import { normalizeValue, row, type RowOptions } from './rows'

/** Response headers whose values are new in every answer: only whether they are there counts. */
const BY_NATURE = new Set([
  'date',
  'expires',
  'last-modified',
  'etag',
  'age',
  'set-cookie',
  'content-length',
  'keep-alive',
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'x-trace-id',
  'traceparent',
  'tracestate',
  'cf-ray',
  'x-amzn-requestid',
  'x-amzn-trace-id',
  'x-amz-cf-id',
])

/**
 * The response headers of each pair of exchanges, header by header. Stable values (content
 * type, cache rules, CORS, security headers) are compared as they are; a `location` by where
 * it points and which parameters it carries, not by their per-run values.
 */
export function headerRows(l: Pick<RunRecord, 'exchanges'>, r: Pick<RunRecord, 'exchanges'>): ComparisonRow[] {
  const rows: ComparisonRow[] = []
  for (const pair of pairExchanges(l.exchanges, r.exchanges)) {
    const a = pair.left?.response?.headers
    const b = pair.right?.response?.headers
    if (!a || !b) {
      // One side has no answer here: the steps section says so; one row, not one per header.
      rows.push(row(`${pair.label}: response headers`, a ? count(a) : undefined, b ? count(b) : undefined))
      continue
    }
    const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
    for (const name of names) rows.push(row(`${pair.label}: ${name}`, a[name], b[name], optionsFor(name)))
  }
  return rows
}

function optionsFor(name: string): RowOptions {
  const lower = name.toLowerCase()
  if (BY_NATURE.has(lower)) return { byNature: true, note: 'value differs by nature; compared by presence' }
  if (lower === 'location') return { normalize: locationShape, note: 'compared by where it points and which parameters it carries' }
  return {}
}

function locationShape(value: string): string {
  try {
    const u = new URL(value, 'http://relative.invalid')
    return normalizeValue(`${u.origin}${u.pathname}?${[...new Set(u.searchParams.keys())].sort().join('&')}`)
  } catch {
    return normalizeValue(value)
  }
}

const count = (headers: Record<string, string>): string => `${Object.keys(headers).length} headers`
