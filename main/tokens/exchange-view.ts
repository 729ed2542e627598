import type { ExchangeDetail } from '../../shared/domain/exchange-detail'
import type { HttpExchange } from '../http/exchange'
import { redactExchange } from '../http/redact'
import type { TokenSet } from './token-set'

/** An exchange in full for the renderer, through the one redaction path. */
export function toExchangeDetail(ex: HttpExchange, secrets: readonly string[]): ExchangeDetail {
  const r = redactExchange(ex, secrets)
  const detail: ExchangeDetail = {
    id: r.id,
    step: r.step,
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    request: { method: r.request.method, url: r.request.url, headers: r.request.headers, ...(r.request.body !== undefined && { body: r.request.body }) },
  }
  if (r.response) detail.response = { ...r.response }
  if (r.error) detail.error = r.error.message
  return detail
}

/**
 * Everything scrubbed from a set's exchanges beyond the field rules: the vault's secrets and
 * every token the set ever held (a server may echo one back in a place no rule names).
 */
export const redactionValues = (set: TokenSet): string[] => [...set.secrets, ...set.tokens.map((t) => t.value)]
