import type { ClientAuth } from '../../shared/domain/profile'

export interface ClientCredentials {
  method: ClientAuth
  clientId: string
  /** From the vault; absent for public clients. */
  secret?: string
  /** For `headers`: header name → value (the vendor's `x-client-key` / `x-secret-key`). */
  headers?: Record<string, string>
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined and base64-encoded. */
export const basicAuthorization = (clientId: string, secret: string): string =>
  `Basic ${Buffer.from(`${formEncode(clientId)}:${formEncode(secret)}`).toString('base64')}`

const formEncode = (value: string): string => encodeURIComponent(value).replace(/%20/g, '+')

/** Adds client authentication to a token-endpoint request's headers and body parameters. */
export function applyClientAuth(
  creds: ClientCredentials,
  headers: Record<string, string>,
  params: Record<string, string>,
): void {
  switch (creds.method) {
    case 'client_secret_basic':
      headers.authorization = basicAuthorization(creds.clientId, creds.secret ?? '')
      return
    case 'client_secret_post':
      params.client_id = creds.clientId
      params.client_secret = creds.secret ?? ''
      return
    case 'headers':
      params.client_id = creds.clientId
      Object.assign(headers, creds.headers ?? {})
      return
    case 'none':
      params.client_id = creds.clientId
  }
}
