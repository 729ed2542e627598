import type { Run } from '../flows/run'
import { decodeToken, isDecodableJwt } from '../oauth/jwt-decode'
import { DEFAULT_REFRESH_LEAD_SECONDS, addEvent, normalizeScopes, remember, type StoredToken, type TokenSet } from './token-set'

/**
 * Turns a run's successful code exchange into a token set: the first generation of tokens,
 * the context later checks need (issuer, endpoints, nonce), and the "issued" event linked to
 * the token exchange.
 */
export function tokenSetFromRun(run: Run): TokenSet | undefined {
  const t = run.tokens
  if (!t) return undefined
  const tokens: StoredToken[] = []
  const put = (kind: StoredToken['kind'], value: string | undefined, expiresAt: number | undefined, id: string): void => {
    if (value === undefined) return
    tokens.push({ id, kind, value, generation: 1, issuedAt: t.issuedAt, status: 'current', format: isDecodableJwt(value) ? 'jwt' : 'opaque', ...(expiresAt !== undefined && { expiresAt }) })
  }
  const decoded = t.idToken !== undefined ? decodeToken(t.idToken) : undefined
  const claims = decoded?.format === 'jwt' ? decoded.claims : {}
  put('access_token', t.accessToken, t.expiresAt, 'access-1')
  put('refresh_token', t.refreshToken, t.refreshExpiresAt, 'refresh-1')
  put('id_token', t.idToken, typeof claims.exp === 'number' ? claims.exp * 1000 : undefined, 'id-1')

  const set: TokenSet = {
    id: t.id,
    key: {
      profileId: run.profile.id,
      clientId: run.profile.clientId,
      subject: typeof claims.sub === 'string' ? claims.sub : '',
      scopes: normalizeScopes(t.scope ?? run.profile.scopes),
    },
    runId: run.id,
    profile: run.profile,
    endpoints: { ...run.endpoints },
    createdAt: t.issuedAt,
    tokens,
    events: [],
    diagnoses: [],
    exchanges: new Map(),
    autoRefresh: { enabled: false, leadSeconds: DEFAULT_REFRESH_LEAD_SECONDS },
    timers: new Map(),
    secrets: [...run.secrets],
    queue: Promise.resolve(),
  }
  if (run.issuer !== undefined) set.issuer = run.issuer
  if (run.metadata !== undefined) set.metadata = run.metadata
  if (run.nonce !== undefined) set.nonce = run.nonce
  if (t.tokenType !== undefined) set.tokenType = t.tokenType
  if (t.scope !== undefined) set.scope = t.scope

  // The exchange that issued them: the last one of the run's token step.
  const exchangeId = run.steps.find((s) => s.kind === 'token')?.exchangeIds.at(-1)
  const exchange = run.exchanges.find((ex) => ex.id === exchangeId)
  if (exchange) remember(set, exchange)
  addEvent(set, {
    kind: 'issued',
    at: t.issuedAt,
    ok: true,
    label: 'Issued',
    detail: `Code exchanged for ${tokens.map((x) => x.kind.replace('_', ' ')).join(', ')}.`,
    tokenIds: tokens.map((x) => x.id),
    ...(exchange && { exchangeId: exchange.id }),
  })
  return set
}
