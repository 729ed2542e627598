import type { HttpExchange, NetworkError } from '../http/exchange'
import { snippet } from '../oauth/token-response'

/**
 * A vendor answer sorted into its documented shapes (baanx-oauth.md §5): OAuth
 * `{error, error_description}`, gateway `{message}`, validation `{error: "Validation error",
 * details}`. The local simulator adds a `simulator` field to its errors; nothing here reads it
 * except `simulatorHint`, which the explainer may only show as a hint.
 */
export type VendorReply =
  | { shape: 'network'; error: NetworkError }
  | { shape: 'ok'; status: number; body: Record<string, unknown> }
  | { shape: 'redirect'; status: number; location?: string }
  | { shape: 'oauth'; status: number; error: string; description?: string }
  | { shape: 'gateway'; status: number; message: string; retryAfterSeconds?: number; body: Record<string, unknown> }
  | { shape: 'validation'; status: number; details: { field: string; message: string }[] }
  | { shape: 'other'; status: number; snippet: string }

export function readVendorReply(ex: HttpExchange): VendorReply {
  if (ex.error || !ex.response) return { shape: 'network', error: ex.error ?? { kind: 'network', message: 'No response.' } }
  const { status, body, headers } = ex.response
  if (status >= 300 && status < 400) return { shape: 'redirect', status, ...(headers.location !== undefined && { location: headers.location }) }
  const json = parseObject(body)
  if (!json) return { shape: 'other', status, snippet: snippet(body) }
  if (status >= 200 && status < 300) return { shape: 'ok', status, body: json }
  if (json.error === 'Validation error' && Array.isArray(json.details)) {
    const details = json.details
      .filter((d): d is Record<string, unknown> => !!d && typeof d === 'object')
      .map((d) => ({ field: String(d.field ?? ''), message: String(d.message ?? '') }))
    return { shape: 'validation', status, details }
  }
  if (typeof json.error === 'string') {
    return { shape: 'oauth', status, error: json.error, ...(typeof json.error_description === 'string' && { description: json.error_description }) }
  }
  if (typeof json.message === 'string') {
    const retry = Number(headers['retry-after'])
    return { shape: 'gateway', status, message: json.message, body: json, ...(Number.isFinite(retry) && retry > 0 && { retryAfterSeconds: retry }) }
  }
  return { shape: 'other', status, snippet: snippet(body) }
}

/** The local simulator's own note on an error (`simulator.reason`): a hint for people, never evidence. */
export function simulatorHint(ex: HttpExchange): string | undefined {
  const json = parseObject(ex.response?.body ?? '')
  const sim = json?.simulator
  if (!sim || typeof sim !== 'object') return undefined
  const reason = (sim as Record<string, unknown>).reason
  return typeof reason === 'string' ? reason : undefined
}

/** "HTTP 400 invalid_request: “Missing required parameter: state”" — the vendor's own words. */
export function replyLine(reply: VendorReply): string {
  switch (reply.shape) {
    case 'network':
      return reply.error.message
    case 'ok':
    case 'redirect':
      return `HTTP ${reply.status}`
    case 'oauth':
      return `HTTP ${reply.status} ${reply.error}${reply.description ? `: “${reply.description}”` : ''}`
    case 'gateway':
      return `HTTP ${reply.status}: “${reply.message}”`
    case 'validation':
      return `HTTP ${reply.status} Validation error: ${reply.details.map((d) => `${d.field}: ${d.message}`).join('; ')}`
    case 'other':
      return `HTTP ${reply.status}${reply.snippet ? `: “${reply.snippet}”` : ''}`
  }
}

function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
