import type { ProfileIssue } from '../../../shared/domain/profile'
import { warning, type Rule } from './rule'

/** Lifetimes that would make the countdowns mislead. */
export const lifetimeRules: Rule = (p) => {
  const out: ProfileIssue[] = []
  if (p.lifetimes.sessionSeconds < 60) {
    out.push(warning('lifetime.session-short', 'lifetimes.sessionSeconds', `A ${p.lifetimes.sessionSeconds}-second session leaves almost no time to log in. Use the server’s real session length (10 minutes is common).`))
  }
  if (p.lifetimes.codeSeconds > p.lifetimes.sessionSeconds) {
    out.push(warning('lifetime.code-longer', 'lifetimes.codeSeconds', 'The code is set to outlive the authorization session. Codes are usually short-lived (10 minutes at most, RFC 6749 §4.1.2); check the value.'))
  }
  if (p.lifetimes.refreshTokenDays === 0) {
    out.push(warning('lifetime.refresh-zero', 'lifetimes.refreshTokenDays', 'With 0 days, a refresh token whose lifetime the server does not state counts as already expired. Enter the server’s documented lifetime (7 days is the default).'))
  }
  return out
}
