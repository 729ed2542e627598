import type { ProfileIssue } from '../../../shared/domain/profile'
import { filled, warning, error, type Rule } from './rule'

/** Scope syntax from RFC 6749 §3.3: space-separated tokens of printable ASCII minus `"` and `\`. */
export const scopeRules: Rule = (p) => {
  const out: ProfileIssue[] = []
  const raw = p.scopes
  if (/[,;]/.test(raw)) {
    out.push(warning('scope.separator', 'scopes', 'Scopes are separated by spaces (RFC 6749 §3.3), not commas or semicolons. Write “openid profile”, not “openid,profile”.'))
  }
  const list = raw.split(/\s+/).filter((s) => s !== '')
  const bad = list.filter((s) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s))
  if (bad.length > 0) {
    out.push(error('scope.characters', 'scopes', `${bad.map((s) => `“${s}”`).join(', ')} contains characters a scope cannot have (quotes, backslashes, non-ASCII). Remove them.`))
  }
  const seen = new Set<string>()
  const twice = new Set<string>()
  for (const s of list) (seen.has(s) ? twice : seen).add(s)
  if (twice.size > 0) {
    out.push(warning('scope.duplicate', 'scopes', `${[...twice].join(', ')} is listed more than once. Remove the duplicate; some servers reject it.`))
  }
  if (p.flow === 'standard' && p.embedded === undefined && filled(p.issuer) && !seen.has('openid')) {
    out.push(warning('scope.no-openid', 'scopes', 'The profile discovers an OpenID provider but does not ask for “openid”, so no ID token comes back. Add openid if you want one.'))
  }
  return out
}
