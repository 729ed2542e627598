import type { TokenRule } from '../explain-token-response'
import { bodyParams } from '../request-params'
import { cause, header } from './evidence'

/** How the request authenticated the client, in words that never include the secret. */
export function describeClientAuth(req: { headers: Record<string, string>; body?: string }): { method: string; detail: string } {
  const authorization = header(req.headers, 'authorization')
  const params = bodyParams({ method: 'POST', url: '', headers: req.headers, ...(req.body !== undefined && { body: req.body }) })
  if (authorization !== undefined && /^basic\s/i.test(authorization)) return { method: 'client_secret_basic', detail: 'HTTP Basic (Authorization: Basic …)' }
  if (params.client_secret !== undefined) return { method: 'client_secret_post', detail: `client_secret in the body (${params.client_secret.length} characters)` }
  if (params.client_assertion !== undefined) return { method: 'private_key_jwt or client_secret_jwt', detail: 'a client_assertion in the body' }
  if (header(req.headers, 'x-secret-key') !== undefined) return { method: 'headers', detail: 'x-client-key / x-secret-key headers' }
  return { method: 'none', detail: `none (client_id ${params.client_id ?? '(none)'} only)` }
}

/** `invalid_client`: what the request sent for client authentication, against what the server announces. */
export const clientAuthRule: TokenRule = (response, ev) => {
  if (response.kind !== 'oauth-error' || response.error !== 'invalid_client') return undefined
  const sent = describeClientAuth(ev.exchange.request)
  const announced = ev.tokenAuthMethods ?? []
  const evidence = [{ label: 'client authentication sent', value: sent.detail }, ...(announced.length ? [{ label: 'methods the server announces', value: announced.join(', ') }] : [])]
  if (sent.method === 'none') {
    return cause('client.auth_method', 'The request did not authenticate the client at all; this client is registered with a secret, so the server wants it.', 'likely', evidence)
  }
  if (announced.length > 0 && !announced.includes(sent.method) && sent.method !== 'headers') {
    return cause('client.auth_method', `The server does not announce \`${sent.method}\` for its token endpoint.`, 'confirmed', evidence)
  }
  if (sent.method === 'headers') return undefined
  return cause('client.wrong_secret', 'The client sent a secret and the server did not accept it: a wrong, old or other-environment secret, or a client registered for another method.', 'likely', evidence)
}
