import type { ComparisonRow } from '../../shared/domain/comparison'
import type { RunRecord } from '../history/run-record'
import { row, sortedWords } from './rows'

type Side = Pick<RunRecord, 'run' | 'profile' | 'resolved'>

/** Scopes asked for, scopes granted, and each scope's fate on each side. */
export function scopeRows(l: Side, r: Side): ComparisonRow[] {
  const requested = (s: Side): string[] => words(s.profile.scopes)
  const granted = (s: Side): string[] | undefined => (s.run.tokens ? words(s.run.tokens.scope ?? '') : undefined)
  const rows: ComparisonRow[] = [
    row('Requested', sortedWords(l.profile.scopes), sortedWords(r.profile.scopes)),
    row('Granted', grantedText(l), grantedText(r)),
  ]
  const all = [...new Set([...requested(l), ...requested(r), ...(granted(l) ?? []), ...(granted(r) ?? [])])].sort()
  const fate = (s: Side, scope: string): string | undefined => {
    const asked = requested(s).includes(scope)
    const got = granted(s)
    if (got === undefined) return asked ? 'requested (no tokens)' : undefined
    if (got.includes(scope)) return asked ? 'requested, granted' : 'granted without being requested'
    return asked ? 'requested, not granted' : undefined
  }
  for (const scope of all) rows.push(row(`Scope ${scope}`, fate(l, scope), fate(r, scope)))
  rows.push(row('Scopes the server announces', sortedWords(l.resolved.server?.scopes.join(' ')), sortedWords(r.resolved.server?.scopes.join(' '))))
  return rows.filter((x) => x.left !== undefined || x.right !== undefined)
}

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean)

function grantedText(s: Side): string | undefined {
  if (!s.run.tokens) return undefined
  // RFC 6749 §5.1: no `scope` in the answer means "as requested".
  return s.run.tokens.scope === undefined ? 'as requested (the server did not say)' : (sortedWords(s.run.tokens.scope) ?? '')
}
