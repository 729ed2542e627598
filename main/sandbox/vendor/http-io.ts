import type http from 'node:http'
import type { Reply } from './replies'

/** A request as the handlers see it: parsed once, read-only. */
export interface SimRequest {
  method: string
  path: string
  query: URLSearchParams
  header(name: string): string | undefined
  body: Body
}

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: URLSearchParams }
  | { kind: 'invalid-json' }
  | { kind: 'other'; contentType: string }

const MAX_BODY = 64 * 1024

export class BodyTooLarge extends Error {}

export async function readRequest(req: http.IncomingMessage): Promise<SimRequest> {
  const url = new URL(req.url ?? '/', 'http://simulator.invalid')
  const text = await readText(req)
  const header = (name: string): string | undefined => {
    const value = req.headers[name.toLowerCase()]
    return Array.isArray(value) ? value[0] : value
  }
  return { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, header, body: parseBody(text, header('content-type') ?? '') }
}

function parseBody(text: string, contentType: string): Body {
  if (text === '') return { kind: 'none' }
  const type = contentType.split(';')[0]!.trim().toLowerCase()
  if (type === 'application/x-www-form-urlencoded') return { kind: 'form', value: new URLSearchParams(text) }
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return { kind: 'json', value: JSON.parse(text) as unknown }
    } catch {
      return { kind: 'invalid-json' }
    }
  }
  return { kind: 'other', contentType: type || '(none)' }
}

function readText(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(new BodyTooLarge('Request body too large.'))
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** A JSON object body's string fields; anything else reads as absent. */
export function jsonFields(body: Body): Record<string, unknown> | undefined {
  if (body.kind !== 'json' || typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) return undefined
  return body.value as Record<string, unknown>
}

export const stringField = (fields: Record<string, unknown> | undefined, name: string): string | undefined => {
  const value = fields?.[name]
  return typeof value === 'string' && value !== '' ? value : undefined
}

const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"

export function send(res: http.ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'cache-control': 'no-store', ...reply.headers }
  if (reply.location !== undefined) headers.location = reply.location
  if (reply.html !== undefined) {
    res.writeHead(reply.status, { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': HTML_CSP })
    res.end(reply.html)
  } else if (reply.json !== undefined) {
    res.writeHead(reply.status, { ...headers, 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(reply.json))
  } else {
    res.writeHead(reply.status, headers)
    res.end()
  }
}
