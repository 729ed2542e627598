export interface AuthorizeParams {
  clientId: string
  redirectUri: string
  scope: string
  state: string
  codeChallenge: string
  nonce?: string
  /** Extra query parameters from the profile; they never override the ones above. */
  extra?: Record<string, string>
}

/** Builds the authorization request URL (RFC 6749 §4.1.1 + RFC 7636 §4.3). */
export function buildAuthorizeUrl(endpoint: string, p: AuthorizeParams): string {
  const url = new URL(endpoint)
  const set = (name: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') url.searchParams.set(name, value)
  }
  for (const [name, value] of Object.entries(p.extra ?? {})) set(name, value)
  set('response_type', 'code')
  set('client_id', p.clientId)
  set('redirect_uri', p.redirectUri)
  set('scope', p.scope)
  set('state', p.state)
  set('code_challenge', p.codeChallenge)
  set('code_challenge_method', 'S256')
  set('nonce', p.nonce)
  return url.toString()
}
