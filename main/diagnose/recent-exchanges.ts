import type { ExchangeDetail } from '../../shared/domain/exchange-detail'
import type { HttpExchange } from '../http/exchange'
import { toExchangeDetail } from '../tokens/exchange-view'

/** How many recent run exchanges stay available to open from a diagnosis card. */
const KEPT = 500

/**
 * The latest exchanges of flow runs, so a diagnosis card can open the request and response it
 * was made from. Redacted on the way out with the run's secret values, like every export.
 */
export class RecentExchanges {
  private readonly kept = new Map<string, HttpExchange>()

  add(exchange: HttpExchange): void {
    if (exchange.runId === undefined || exchange.runId.startsWith('lab:')) return
    this.kept.set(exchange.id, exchange)
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string)
  }

  async detail(exchangeId: string, secretsOf: (runId: string) => Promise<readonly string[]>): Promise<ExchangeDetail | undefined> {
    const exchange = this.kept.get(exchangeId)
    if (!exchange) return undefined
    return toExchangeDetail(exchange, await secretsOf(exchange.runId ?? ''))
  }
}
