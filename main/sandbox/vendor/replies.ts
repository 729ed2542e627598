/**
 * What a simulator handler answers. The vendor uses three body shapes (baanx-oauth.md §5):
 * OAuth `{error, error_description}`, gateway `{message}`, and validation `{error, details}`.
 *
 * Every error body also carries `simulator: {reason, note?}`: a field the real vendor never
 * sends. It names the exact cause (for example that the Bearer was the step-1 JWT) for people
 * reading the exchange and for our tests. The tester's explainer must diagnose from what the
 * vendor itself sends and may only show this field as a simulator hint.
 */
export interface Reply {
  status: number
  headers?: Record<string, string>
  json?: unknown
  html?: string
  /** For 302/303 answers. */
  location?: string
  /** The exact cause, for the log; also in `json.simulator.reason` on errors. */
  reason?: string
}

export interface SimulatorHint {
  reason: string
  note?: string
}

const hint = (reason: string, note?: string): SimulatorHint => (note === undefined ? { reason } : { reason, note })

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply =>
  headers === undefined ? { status, json: body } : { status, json: body, headers }

/** OAuth shape, used by the `/v1/auth/oauth/*` endpoints. */
export function oauthError(status: number, error: string, description: string, reason: string): Reply {
  return { status, reason, json: { error, error_description: description, simulator: hint(reason) } }
}

export const invalidRequest = (description: string, reason: string): Reply => oauthError(400, 'invalid_request', description, reason)
export const invalidGrant = (description: string, reason: string): Reply => oauthError(400, 'invalid_grant', description, reason)
export const invalidClient = (description: string, reason: string): Reply => oauthError(401, 'invalid_client', description, reason)
export const missingParameter = (name: string): Reply => invalidRequest(`Missing required parameter: ${name}`, `missing-${name}`)

/** Gateway shape: the statuses the card reference documents (401, 403, 498, 499, 500) and the login errors. */
export function gatewayError(status: number, message: string, reason: string, note?: string, headers?: Record<string, string>): Reply {
  const reply: Reply = { status, reason, json: { message, simulator: hint(reason, note) } }
  if (headers) reply.headers = headers
  return reply
}

export const notAuthenticated = (reason: string, note: string): Reply => gatewayError(401, 'Not authenticated', reason, note)

export interface FieldProblem {
  field: string
  message: string
}

/** Validation shape (`{"error":"Validation error","details":[…]}`); login answers it with 422. */
export function validationError(details: FieldProblem[], status = 422): Reply {
  return { status, reason: 'validation', json: { error: 'Validation error', details, simulator: hint('validation') } }
}
