import type { ComparisonRow } from '../../shared/domain/comparison'

/**
 * What differs between any two runs by nature: the loopback port a listener or the embedded
 * server got, ids, timestamps. Compared values go through this; shown values do not.
 */
export function normalizeValue(text: string): string {
  return text
    .replace(/\b(127\.0\.0\.1|localhost|\[::1\]):\d+/g, '$1:<port>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>')
    .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z\b/g, '<time>')
}

export interface RowOptions {
  /** The value always differs (a time, a random id): only its presence is compared. */
  byNature?: boolean
  /** How to compare, when more than `normalizeValue` is needed. */
  normalize?: (value: string) => string
  note?: string
}

export function row(label: string, left: string | undefined, right: string | undefined, opts: RowOptions = {}): ComparisonRow {
  const norm = opts.normalize ?? normalizeValue
  const equal = opts.byNature
    ? (left === undefined) === (right === undefined)
    : (left === undefined ? undefined : norm(left)) === (right === undefined ? undefined : norm(right))
  const out: ComparisonRow = { label, equal }
  if (left !== undefined) out.left = left
  if (right !== undefined) out.right = right
  if (equal && left !== right) {
    out.natural = true
    out.note = opts.note ?? 'differs by nature (a port, an id or a time)'
  } else if (opts.note !== undefined && opts.byNature) {
    out.note = opts.note
  }
  return out
}

/** Rows for two maps of named values (headers, parameters), by the union of their names. */
export function keyedRows(
  prefix: string,
  left: Record<string, string> | undefined,
  right: Record<string, string> | undefined,
  opts: (name: string) => RowOptions = () => ({}),
): ComparisonRow[] {
  const names = [...new Set([...Object.keys(left ?? {}), ...Object.keys(right ?? {})])].sort()
  return names.map((name) => row(`${prefix}${name}`, left?.[name], right?.[name], opts(name)))
}

/** Space-separated words in a stable order ("openid profile" = "profile openid"). */
export const sortedWords = (text: string | undefined): string | undefined =>
  text === undefined ? undefined : [...new Set(text.split(/\s+/).filter(Boolean))].sort().join(' ')

export const list = (items: readonly string[] | undefined): string | undefined => (items === undefined ? undefined : items.length ? items.join(', ') : 'none')

/** "600 s (10 min)". */
export function seconds(value: number | undefined): string | undefined {
  if (value === undefined) return undefined
  const s = Math.round(value)
  const human = s >= 86_400 ? `${+(s / 86_400).toFixed(1)} d` : s >= 3600 ? `${+(s / 3600).toFixed(1)} h` : s >= 60 ? `${+(s / 60).toFixed(1)} min` : ''
  return human ? `${s} s (${human})` : `${s} s`
}

/** A URL's path (and query names) when it points at this machine: the port is the run's own. */
export function shortUrl(url: string): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return url
  }
}
