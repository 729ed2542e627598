import type { Diagnosis } from '../../shared/domain/diagnosis'
import type { Clock } from '../clock'
import type { HttpClient, HttpRequest } from '../http/client'
import type { HttpExchange } from '../http/exchange'
import type { ClientCredentials } from '../oauth/client-auth'
import { remember, type TokenSet } from './token-set'

/** What a lifecycle action may use. */
export interface ActionContext {
  clock: Clock
  http: HttpClient
  /** The profile's client credentials, secrets from the vault; never leaves main. */
  credentials(set: TokenSet): Promise<ClientCredentials>
}

/** What an action did, before it becomes a view. */
export interface ActionOutcome {
  ok: boolean
  message: string
  exchange?: HttpExchange
  diagnosis?: Diagnosis
}

/** Sends through the one HTTP client, tagged with the set's run, and keeps the exchange. */
export async function sendFor(ctx: ActionContext, set: TokenSet, request: HttpRequest, step: string): Promise<HttpExchange> {
  const exchange = await ctx.http.send(request, { runId: set.runId, step })
  remember(set, exchange)
  return exchange
}

export const KIND_LABEL = { access_token: 'access token', refresh_token: 'refresh token', id_token: 'ID token' } as const

/** "refresh token #2" — how the UI names one token of the lineage. */
export const tokenLabel = (token: { kind: keyof typeof KIND_LABEL; generation: number }): string =>
  `${KIND_LABEL[token.kind]} #${token.generation}`

export const statusLine = (ex: HttpExchange): string =>
  ex.response ? `HTTP ${ex.response.status}` : (ex.error?.message ?? 'no response')
