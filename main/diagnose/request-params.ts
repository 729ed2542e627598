import type { RecordedRequest } from '../http/exchange'

/** The parameters of a form or JSON request body, as strings. */
export function bodyParams(req: RecordedRequest): Record<string, string> {
  const body = req.body ?? ''
  if ((req.headers['content-type'] ?? '').includes('json')) {
    try {
      const parsed: unknown = JSON.parse(body)
      if (parsed && typeof parsed === 'object') {
        return Object.fromEntries(
          Object.entries(parsed as Record<string, unknown>).filter(([, v]) => typeof v === 'string') as [string, string][],
        )
      }
    } catch {
      return {}
    }
  }
  return Object.fromEntries(new URLSearchParams(body))
}

/** The query parameters of a URL; empty when it does not parse. */
export function queryParams(url: string | undefined): Record<string, string> {
  if (url === undefined) return {}
  try {
    return Object.fromEntries(new URL(url).searchParams)
  } catch {
    return {}
  }
}
