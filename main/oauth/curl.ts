import type { HttpRequest } from '../http/client'

/**
 * Renders a request as a curl command. Values that must not be written down are passed in as
 * shell variables (`$ACCESS_TOKEN`, `$CLIENT_SECRET`…): they stay variables in the command, so
 * the command can be pasted into a ticket and run after `export ACCESS_TOKEN=…`.
 */
export interface CurlOptions {
  /** The variable names used as placeholders, without `$`. */
  variables: readonly string[]
  /** Client id and secret for `-u` (Basic), instead of a pre-encoded header. */
  basic?: { user: string; password: string }
}

/** Shell variables that stand in for values that must never be written down. */
export const PLACEHOLDER = {
  access_token: 'ACCESS_TOKEN',
  refresh_token: 'REFRESH_TOKEN',
  id_token: 'ID_TOKEN',
  clientSecret: 'CLIENT_SECRET',
} as const

/** `x-secret-key` → `X_SECRET_KEY`. */
export const headerVariable = (name: string): string => name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')

/** Headers curl sets by itself or that only add noise to a copied command. */
const SKIPPED_HEADERS = new Set(['user-agent', 'content-length', 'host'])

export function toCurl(req: HttpRequest, opts: CurlOptions): string {
  const q = (text: string): string => quote(text, opts.variables)
  const parts: string[] = [`curl -sS -X ${req.method} ${q(req.url)}`]
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (SKIPPED_HEADERS.has(name.toLowerCase())) continue
    parts.push(`-H ${q(`${name}: ${value}`)}`)
  }
  if (opts.basic) parts.push(`-u ${q(`${opts.basic.user}:${opts.basic.password}`)}`)
  if (req.body !== undefined) {
    const type = Object.entries(req.headers ?? {}).find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? ''
    if (type.includes('x-www-form-urlencoded')) {
      // One --data-urlencode per field: a variable inside a pre-encoded body would be sent as "%24NAME".
      for (const [name, value] of new URLSearchParams(req.body)) parts.push(`--data-urlencode ${q(`${name}=${value}`)}`)
    } else {
      parts.push(`--data-raw ${q(req.body)}`)
    }
  }
  return parts.join(' \\\n  ')
}

/** Single-quotes literal text; leaves the known variables as `"$NAME"` so the shell expands them. */
export function quote(text: string, variables: readonly string[]): string {
  if (text === '') return "''"
  const names = [...variables].sort((a, b) => b.length - a.length).map(escapeRegExp)
  const pattern = names.length ? new RegExp(`\\$(${names.join('|')})(?![A-Za-z0-9_])`, 'g') : undefined
  const out: string[] = []
  let last = 0
  for (const match of pattern ? text.matchAll(pattern) : []) {
    if (match.index > last) out.push(single(text.slice(last, match.index)))
    out.push(`"$${match[1]}"`)
    last = match.index + match[0].length
  }
  if (last < text.length) out.push(single(text.slice(last)))
  return out.join('')
}

const single = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
