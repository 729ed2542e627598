import type { HttpExchange } from '../../../main/http/exchange'
import type { TokenResponse } from '../../../main/oauth/token-response'

/** Small evidence fixtures for the rule tests: one exchange, as the HTTP client records it. */
export function exchange(opts: {
  id?: string
  url?: string
  method?: string
  body?: Record<string, string> | string
  headers?: Record<string, string>
  startedAt?: number
  status?: number
  responseBody?: string
  responseHeaders?: Record<string, string>
  error?: HttpExchange['error']
}): HttpExchange {
  const body = typeof opts.body === 'string' ? opts.body : opts.body ? new URLSearchParams(opts.body).toString() : undefined
  const ex: HttpExchange = {
    id: opts.id ?? 'ex-token',
    step: 'token',
    startedAt: opts.startedAt ?? 1_000_000,
    durationMs: 12,
    request: {
      method: opts.method ?? 'POST',
      url: opts.url ?? 'https://as.example/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(opts.headers ?? {}) },
      ...(body !== undefined && { body }),
    },
  }
  if (opts.error) ex.error = opts.error
  else {
    ex.response = {
      status: opts.status ?? 400,
      statusText: '',
      headers: { 'content-type': 'application/json', ...(opts.responseHeaders ?? {}) },
      body: opts.responseBody ?? '{"error":"invalid_grant"}',
      truncated: false,
    }
  }
  return ex
}

export const oauthError = (error: string, status = 400, description?: string): Exclude<TokenResponse, { kind: 'tokens' }> => ({
  kind: 'oauth-error',
  status,
  error,
  ...(description !== undefined && { description }),
})

export const authorizeUrl = (params: Record<string, string>): string => `https://as.example/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'app', ...params })}`
