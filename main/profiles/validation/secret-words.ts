/** Header and parameter names whose values are secret: they belong in the vault, never in a profile. */
const SECRET_HEADERS = new Set(['x-secret-key', 'authorization', 'proxy-authorization', 'cookie', 'x-api-secret', 'x-client-secret'])
const SECRET_PARAMS = new Set(['client_secret', 'password', 'otp', 'otpcode', 'client_assertion', 'refresh_token', 'access_token'])

export const isSecretHeaderName = (name: string): boolean => {
  const lower = name.trim().toLowerCase()
  return SECRET_HEADERS.has(lower) || /secret|password|passwd/.test(lower)
}

export const isSecretParamName = (name: string): boolean => {
  const lower = name.trim().toLowerCase()
  return SECRET_PARAMS.has(lower) || /secret|password|passwd/.test(lower)
}

/** An HTTP header name is a token (RFC 9110 §5.1). */
export const isHeaderToken = (name: string): boolean => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)
