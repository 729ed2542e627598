import type { ComparisonRow } from '../../shared/domain/comparison'
import type { TokenFacts } from '../../shared/domain/run-record'
import type { RunRecord } from '../history/run-record'
import { row, seconds, type RowOptions } from './rows'

const KINDS: { kind: TokenFacts['kind']; label: string }[] = [
  { kind: 'access_token', label: 'Access token' },
  { kind: 'refresh_token', label: 'Refresh token' },
  { kind: 'id_token', label: 'ID token' },
]

/** Claims that are new in every token; compared by presence. `exp` is compared as a lifetime instead. */
const BY_NATURE = new Set(['iat', 'nbf', 'auth_time', 'jti', 'sid', 'nonce', 'at_hash', 'c_hash', 's_hash', 'rt_hash', 'uti', 'session_state'])

/**
 * What each token said about itself: whether it came, its format, how long it lives (the
 * lifetime, not the moment it ends), its JWT header and each claim.
 */
export function tokenRows(l: Pick<RunRecord, 'tokens'>, r: Pick<RunRecord, 'tokens'>): ComparisonRow[] {
  const rows: ComparisonRow[] = []
  for (const { kind, label } of KINDS) {
    const a = l.tokens.find((t) => t.kind === kind)
    const b = r.tokens.find((t) => t.kind === kind)
    if (!a && !b) continue
    rows.push(row(`${label}`, a ? describe(a) : undefined, b ? describe(b) : undefined))
    rows.push(row(`${label}: lifetime`, seconds(a?.lifetimeSeconds), seconds(b?.lifetimeSeconds)))
    const headerNames = [...new Set([...Object.keys(a?.header ?? {}), ...Object.keys(b?.header ?? {})])].sort()
    for (const name of headerNames) rows.push(row(`${label} header: ${name}`, text(a?.header?.[name]), text(b?.header?.[name])))
    const claimNames = [...new Set([...Object.keys(a?.claims ?? {}), ...Object.keys(b?.claims ?? {})])].filter((n) => n !== 'exp').sort()
    for (const name of claimNames) rows.push(row(`${label} claim: ${name}`, text(a?.claims?.[name]), text(b?.claims?.[name]), claimOptions(name)))
  }
  return rows
}

const describe = (t: TokenFacts): string => (t.format === 'jwt' ? 'received (JWT)' : t.format === 'encrypted' ? 'received (encrypted JWT)' : 'received (opaque)')

function claimOptions(name: string): RowOptions {
  return BY_NATURE.has(name) ? { byNature: true, note: 'new in every token; compared by presence' } : {}
}

function text(value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return value
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return [...value].sort().join(' ')
  return JSON.stringify(value)
}
