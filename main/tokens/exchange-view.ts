import type { ExchangeDetail } from '../../shared/domain/exchange-detail'
import type { HttpExchange } from '../http/exchange'
import { detailOfRedacted } from '../http/exchange-detail'
import { redactExchange } from '../http/redact'
import type { TokenSet } from './token-set'

/** An exchange in full for the renderer, through the one redaction path. */
export const toExchangeDetail = (ex: HttpExchange, secrets: readonly string[]): ExchangeDetail => detailOfRedacted(redactExchange(ex, secrets))

/**
 * Everything scrubbed from a set's exchanges beyond the field rules: the vault's secrets and
 * every token the set ever held (a server may echo one back in a place no rule names).
 */
export const redactionValues = (set: TokenSet): string[] => [...set.secrets, ...set.tokens.map((t) => t.value)]
