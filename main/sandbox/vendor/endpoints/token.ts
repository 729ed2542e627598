import { challengeS256, VERIFIER_PATTERN } from '../../../oauth/pkce'
import type { ClientContext } from '../context'
import { jsonFields, stringField } from '../http-io'
import { describeMismatch } from '../redirect-rules'
import { invalidClient, invalidGrant, invalidRequest, json, missingParameter, oauthError, type Reply } from '../replies'
import { issueOAuthTokens, tokenReply } from '../tokens'

/** The only invalid_grant description the docs give (baanx-oauth.md §5.1). */
const CODE_GONE = 'Authorization code has expired or already been used'

/**
 * Step 4 and refresh: `POST /v1/auth/oauth/token` with a JSON body (baanx-oauth.md §3.5).
 * The answer has the same shape for both grants.
 */
export function token(ctx: ClientContext): Reply {
  const body = ctx.req.body
  if (body.kind === 'form') {
    return invalidRequest('The token endpoint takes a JSON body (Content-Type: application/json), not a form-encoded one.', 'form-encoded-body')
  }
  if (body.kind === 'invalid-json') return invalidRequest('The body is not valid JSON.', 'invalid-json')
  const fields = jsonFields(body)
  if (!fields) return invalidRequest('The token endpoint takes a JSON object body (Content-Type: application/json).', 'not-json')
  const grantType = stringField(fields, 'grant_type')

  const secret = ctx.req.header('x-secret-key')
  if (secret !== undefined && secret !== ctx.client.secretKey) {
    return invalidClient('Authentication failed. The x-secret-key does not belong to this x-client-key (check the environment and region too).', 'wrong-secret')
  }
  if (grantType === undefined) return missingParameter('grant_type')
  const rule = ctx.env.core.options.secretKey
  if (secret === undefined && (rule === 'always' || (rule === 'code-grant' && grantType === 'authorization_code'))) {
    return invalidClient('Authentication failed. Missing x-secret-key header.', 'missing-secret')
  }
  if (grantType === 'authorization_code') return codeGrant(ctx, fields)
  if (grantType === 'refresh_token') return refreshGrant(ctx, fields)
  return oauthError(400, 'unsupported_grant_type', `Unsupported grant_type "${grantType}"; use "authorization_code" or "refresh_token".`, 'unsupported-grant-type')
}

export const CODE_GRANT_REQUIRED = ['code', 'redirect_uri', 'code_verifier'] as const

/**
 * A code is spent by the first exchange that names it, even one that then fails on the
 * redirect URI or the verifier: codes are single use, and the guide's advice after any
 * failure is to restart at step 1. (It also stops anyone from guessing verifiers.)
 */
function codeGrant(ctx: ClientContext, fields: Record<string, unknown>): Reply {
  for (const name of CODE_GRANT_REQUIRED) if (stringField(fields, name) === undefined) return missingParameter(name)
  const verifier = stringField(fields, 'code_verifier')!
  if (!VERIFIER_PATTERN.test(verifier)) {
    const docsExample = /^[0-9a-f]{40}$/i.test(verifier) ? ' (The 40-character hex example in the vendor\'s token reference is too short.)' : ''
    return invalidRequest(
      `Invalid code_verifier: it must be 43-128 characters from A-Z a-z 0-9 - . _ ~ (got ${verifier.length}).${docsExample}`,
      docsExample ? 'verifier-docs-example' : 'verifier-format',
    )
  }
  const record = ctx.store.codes.get(stringField(fields, 'code')!)
  if (!record) return invalidGrant(CODE_GONE, 'unknown-code')
  if (record.clientKey !== ctx.client.clientKey) return invalidGrant(CODE_GONE, 'code-wrong-client')
  if (record.usedAt !== undefined) return invalidGrant(CODE_GONE, 'code-used')
  if (ctx.now >= record.expiresAt) return invalidGrant(CODE_GONE, 'code-expired')
  record.usedAt = ctx.now
  const redirectUri = stringField(fields, 'redirect_uri')!
  if (redirectUri !== record.redirectUri) {
    const mismatch = describeMismatch(redirectUri, record.redirectUri)
    return invalidGrant(mismatch.description, mismatch.reason)
  }
  if (challengeS256(verifier) !== record.codeChallenge) {
    return invalidGrant('PKCE validation failed: code_verifier does not match the code_challenge sent at step 1.', 'pkce-mismatch')
  }
  const pair = issueOAuthTokens(ctx.store, ctx.region, { clientKey: record.clientKey, userId: record.userId }, ctx.now, ctx.env.core.options.lifetimes)
  ctx.note('tokens.issued', { detail: 'grant_type=authorization_code' })
  return json(200, tokenReply(pair, ctx.now))
}

/**
 * With rotation on (the default), each refresh replaces the refresh token and the old one
 * fails with invalid_grant ("Using old refresh token (tokens rotate)"). Off, the same refresh
 * token comes back with its remaining lifetime.
 */
function refreshGrant(ctx: ClientContext, fields: Record<string, unknown>): Reply {
  const presented = stringField(fields, 'refresh_token')
  if (presented === undefined) return missingParameter('refresh_token')
  const record = ctx.store.oauthTokens.get(presented)
  if (!record) {
    const elsewhere = findElsewhere(ctx, presented)
    return invalidGrant(`Invalid refresh token${elsewhere ? `: ${elsewhere}` : '.'}`, elsewhere ? 'refresh-elsewhere' : 'unknown-refresh-token')
  }
  if (record.kind !== 'refresh') return invalidGrant('Invalid refresh token: this is an access_token.', 'access-token-as-refresh')
  if (record.clientKey !== ctx.client.clientKey) return invalidGrant('Invalid refresh token: it was issued to another client.', 'refresh-wrong-client')
  if (record.ended?.how === 'rotated') {
    return invalidGrant('Invalid refresh token: it was already used and replaced. Refresh tokens rotate; always use the newest one.', 'refresh-rotated')
  }
  if (record.ended) return invalidGrant('Invalid refresh token: it was revoked. Start again at step 1.', 'refresh-revoked')
  if (ctx.now >= record.expiresAt) return invalidGrant('Refresh token expired. Start again at step 1.', 'refresh-expired')
  const rotate = ctx.env.core.options.rotateRefreshTokens
  if (rotate) record.ended = { how: 'rotated', at: ctx.now }
  const pair = issueOAuthTokens(
    ctx.store,
    ctx.region,
    { clientKey: record.clientKey, userId: record.userId },
    ctx.now,
    ctx.env.core.options.lifetimes,
    rotate ? undefined : record,
  )
  ctx.note('tokens.refreshed', { detail: rotate ? 'rotated' : 'same refresh token' })
  return json(200, tokenReply(pair, ctx.now))
}

function findElsewhere(ctx: ClientContext, token: string): string | undefined {
  for (const [environment, regions] of Object.entries(ctx.env.core.stores)) {
    for (const [region, store] of Object.entries(regions)) {
      if (store.oauthTokens.has(token)) return `it was issued by the ${environment} environment, ${region} region.`
    }
  }
  return undefined
}
