import type { Profile } from '../../shared/domain/profile'
import type { ProfileSnapshot, ResolvedTarget, TokenFacts } from '../../shared/domain/run-record'
import type { RunView } from '../../shared/domain/run'
import { secretNamesOf } from '../../shared/domain/secret-names'
import { maskToken } from '../../shared/mask'
import { toRunView, type Run } from '../flows/run'
import type { HttpExchange } from '../http/exchange'
import { redactExchange } from '../http/redact'
import { scrubDeep } from '../http/scrub-deep'
import { PLACEHOLDER } from '../oauth/curl'
import { decodeToken } from '../oauth/jwt-decode'
import { withoutSecretFields } from '../profiles/secret-fields'

/**
 * A run as evidence, redacted once, when it is made: the run view, the HTTP exchanges in full
 * (secrets removed, tokens and codes masked), the profile without secrets, where the run went,
 * and what its tokens said about themselves (never their values). The history stores it as it
 * is; the network panel, HAR, curl, compare and the support bundle all read it.
 */
export interface RunRecord {
  run: RunView
  recordedAt: number
  profile: ProfileSnapshot
  resolved: ResolvedTarget
  tokens: TokenFacts[]
  exchanges: HttpExchange[]
}

/** Bodies longer than this are cut in the record: evidence, not an archive. */
export const RECORD_BODY_LIMIT = 64 * 1024

export interface RecordContext {
  now: number
  /** Names of the secrets stored for the run's profile (values never), for "set" / "not set". */
  storedSecrets: readonly string[]
}

/** Every value of this run that must not appear in its evidence. */
export function redactionValuesOf(run: Run): string[] {
  const values = [...run.secrets]
  const t = run.tokens
  if (t) values.push(...[t.accessToken, t.refreshToken, t.idToken].filter((v): v is string => v !== undefined))
  if (run.code !== undefined) values.push(run.code)
  values.push(run.pkce.verifier)
  return values.filter((v) => v.length >= 4)
}

export function buildRunRecord(run: Run, ctx: RecordContext): RunRecord {
  const values = redactionValuesOf(run)
  const record: RunRecord = {
    run: toRunView(run),
    recordedAt: ctx.now,
    profile: snapshotOf(run, ctx.storedSecrets),
    resolved: resolvedOf(run),
    tokens: tokenFactsOf(run),
    exchanges: run.exchanges.map((ex) => limitBodies(redactExchange(ex, values))),
  }
  return scrubDeep(record, values)
}

function snapshotOf(run: Run, stored: readonly string[]): ProfileSnapshot {
  const profile = withoutSecretFields(run.profile as Profile)
  const names = [...new Set([...secretNamesOf(profile), ...stored])]
  return {
    ...profile,
    secrets: Object.fromEntries(names.map((n) => [n, stored.includes(n) ? ('set' as const) : ('not-set' as const)])),
  }
}

function resolvedOf(run: Run): ResolvedTarget {
  const out: ResolvedTarget = { endpoints: { ...run.endpoints } }
  if (run.issuer !== undefined) out.issuer = run.issuer
  if (run.redirectUri !== undefined) out.redirectUri = run.redirectUri
  const m = run.metadata
  if (m) {
    out.server = {
      codeChallengeMethods: [...m.codeChallengeMethods],
      tokenAuthMethods: [...m.tokenAuthMethods],
      grantTypes: [...m.grantTypes],
      scopes: [...m.scopes],
      idTokenSigningAlgs: [...m.idTokenSigningAlgs],
      issParameter: m.issParameter,
    }
  }
  return out
}

function tokenFactsOf(run: Run): TokenFacts[] {
  const t = run.tokens
  if (!t) return []
  const out: TokenFacts[] = []
  const add = (kind: TokenFacts['kind'], value: string | undefined, expiresAt: number | undefined): void => {
    if (value === undefined) return
    const decoded = decodeToken(value)
    const facts: TokenFacts = { kind, format: decoded.format, masked: maskToken(value), length: value.length, issuedAt: t.issuedAt }
    if (decoded.format !== 'opaque') facts.header = decoded.header
    if (decoded.format === 'jwt') facts.claims = decoded.claims
    const claims = decoded.format === 'jwt' ? decoded.claims : {}
    const exp = typeof claims.exp === 'number' ? claims.exp : undefined
    const iat = typeof claims.iat === 'number' ? claims.iat : undefined
    const end = expiresAt ?? (exp !== undefined ? exp * 1000 : undefined)
    if (end !== undefined) facts.expiresAt = end
    // The lifetime the server gave, not the moment it ends: two runs compare on this.
    if (expiresAt !== undefined) facts.lifetimeSeconds = Math.round((expiresAt - t.issuedAt) / 1000)
    else if (exp !== undefined && iat !== undefined) facts.lifetimeSeconds = exp - iat
    out.push(facts)
  }
  add('access_token', t.accessToken, t.expiresAt)
  add('refresh_token', t.refreshToken, t.refreshExpiresAt)
  add('id_token', t.idToken, undefined)
  return out
}

function limitBodies(ex: HttpExchange): HttpExchange {
  const cut = (body: string): string => (body.length > RECORD_BODY_LIMIT ? body.slice(0, RECORD_BODY_LIMIT) : body)
  const out: HttpExchange = { ...ex, request: { ...ex.request } }
  if (ex.request.body !== undefined) out.request.body = cut(ex.request.body)
  if (ex.response) out.response = { ...ex.response, body: cut(ex.response.body), truncated: ex.response.truncated || ex.response.body.length > RECORD_BODY_LIMIT }
  return out
}

/** A masked token → the variable a curl command names it with, for the tokens this run received. */
export function knownTokenVariables(record: Pick<RunRecord, 'tokens'>): Map<string, string> {
  return new Map(record.tokens.map((t) => [t.masked, PLACEHOLDER[t.kind]]))
}
