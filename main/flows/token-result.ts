import type { IssuedTokens } from '../oauth/token-response'
import { setDeadline, type Run } from './run'

/** Keeps a successful code exchange's tokens on the run, with their deadlines. */
export function keepTokens(run: Run, t: IssuedTokens, issuedAt: number): void {
  run.tokens = {
    id: `${run.id}:1`,
    accessToken: t.accessToken,
    issuedAt,
    ...(t.refreshToken !== undefined && { refreshToken: t.refreshToken }),
    ...(t.idToken !== undefined && { idToken: t.idToken }),
    ...(t.tokenType !== undefined && { tokenType: t.tokenType }),
    ...(t.scope !== undefined && { scope: t.scope }),
  }
  if (t.expiresIn !== undefined) {
    run.tokens.expiresAt = issuedAt + t.expiresIn * 1000
    setDeadline(run, { kind: 'access-token', label: 'Access token', startsAt: issuedAt, expiresAt: run.tokens.expiresAt })
  }
  if (t.refreshToken !== undefined) {
    const seconds = t.refreshTokenExpiresIn ?? run.profile.lifetimes.refreshTokenDays * 86_400
    run.tokens.refreshExpiresAt = issuedAt + seconds * 1000
    setDeadline(run, { kind: 'refresh-token', label: 'Refresh token', startsAt: issuedAt, expiresAt: run.tokens.refreshExpiresAt })
  }
}
