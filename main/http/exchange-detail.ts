import type { ExchangeDetail } from '../../shared/domain/exchange-detail'
import type { HttpExchange } from './exchange'

/**
 * The renderer's shape of an exchange that is redacted already (`redactExchange`, or read
 * from the run history). It does not redact again: masking a mask loses the part that tells
 * two tokens apart.
 */
export function detailOfRedacted(r: HttpExchange): ExchangeDetail {
  const detail: ExchangeDetail = {
    id: r.id,
    step: r.step,
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    request: { method: r.request.method, url: r.request.url, headers: { ...r.request.headers }, ...(r.request.body !== undefined && { body: r.request.body }) },
  }
  if (r.response) detail.response = { ...r.response, headers: { ...r.response.headers } }
  if (r.error) detail.error = r.error.message
  return detail
}
