import type { JSONWebKeySet } from 'jose'
import type { HttpClient, RequestContext } from '../http/client'
import type { HttpExchange } from '../http/exchange'
import { snippet } from './token-response'

export type KeySetResult = { ok: true; jwks: JSONWebKeySet } | { ok: false; reason: string }

/** Where a verification gets its keys: the cached set, or (`fresh`) the server's current one. */
export interface KeyProvider {
  uri: string
  get(fresh: boolean): Promise<KeySetResult>
}

/** Reads a JWKS document through the one HTTP client, so the fetch is recorded evidence. */
export async function fetchJwks(http: HttpClient, uri: string, ctx: RequestContext): Promise<{ result: KeySetResult; exchange: HttpExchange }> {
  const exchange = await http.send({ method: 'GET', url: uri, headers: { accept: 'application/json, application/jwk-set+json' } }, ctx)
  const fail = (reason: string) => ({ result: { ok: false as const, reason }, exchange })
  if (exchange.error || !exchange.response) return fail(exchange.error?.message ?? 'No response.')
  const { status, body } = exchange.response
  if (status !== 200) return fail(`The JWKS answered HTTP ${status}.`)
  let doc: unknown
  try {
    doc = JSON.parse(body)
  } catch {
    return fail(`The JWKS is not JSON: "${snippet(body)}"`)
  }
  const keys = (doc as { keys?: unknown } | null)?.keys
  if (!Array.isArray(keys)) return fail('The JWKS has no `keys` array.')
  // Private parts never belong in a published set; drop anything that is not a plain object.
  const usable = keys.filter((k): k is JSONWebKeySet['keys'][number] => !!k && typeof k === 'object' && !Array.isArray(k))
  return { result: { ok: true, jwks: { keys: usable } }, exchange }
}

/**
 * Keeps each issuer's key set between verifications. A token signed with a key we do not know
 * (a new `kid` after key rotation) makes the verifier ask for a fresh set, once.
 */
export class JwksCache {
  private readonly sets = new Map<string, JSONWebKeySet>()

  constructor(private readonly http: HttpClient) {}

  provider(uri: string, ctx: RequestContext, onExchange: (exchange: HttpExchange) => void = () => undefined): KeyProvider {
    return {
      uri,
      get: async (fresh) => {
        const cached = this.sets.get(uri)
        if (cached && !fresh) return { ok: true, jwks: cached }
        const { result, exchange } = await fetchJwks(this.http, uri, ctx)
        onExchange(exchange)
        if (result.ok) this.sets.set(uri, result.jwks)
        return result
      },
    }
  }

  forget(uri: string): void {
    this.sets.delete(uri)
  }
}
