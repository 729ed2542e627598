/** One HTTP request and what came back: the evidence everything else reads. */

export interface RecordedRequest {
  method: string
  url: string
  headers: Record<string, string>
  body?: string
}

export interface RecordedResponse {
  status: number
  statusText: string
  headers: Record<string, string>
  body: string
  /** True when the body was longer than we keep. */
  truncated: boolean
}

export type NetworkErrorKind = 'timeout' | 'refused' | 'dns' | 'tls' | 'reset' | 'invalid-url' | 'network'

export interface NetworkError {
  kind: NetworkErrorKind
  message: string
  code?: string
}

export interface HttpExchange {
  id: string
  runId?: string
  /** The flow step that made the request, e.g. `token`. */
  step: string
  startedAt: number
  durationMs: number
  request: RecordedRequest
  response?: RecordedResponse
  error?: NetworkError
}
