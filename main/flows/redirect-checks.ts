import { createHash } from 'node:crypto'
import type { DiagnosisCode } from '../diagnose/catalog'
import type { ParsedCallback } from '../oauth/callback'
import type { Run } from './run'

/** The checks a redirect meets after its `state` matched a run, as pure functions. */

export type ReadCallback = Exclude<ParsedCallback, { kind: 'invalid' }>

/** Why a redirect whose state matched is still refused. */
export interface Problem {
  code: Extract<DiagnosisCode, `callback.${string}`>
  summary: string
  cause: { id: string; text: string; evidence: { label: string; value: string }[] }
}

/**
 * RFC 9207: when the response names its issuer it must be the one this run discovered,
 * compared as plain strings (§2.4); when the server says it always sends `iss`, a response
 * without one is refused too.
 */
export function checkIssuer(run: Run, parsed: ReadCallback): Problem | undefined {
  const expected = run.metadata?.issuer
  if (expected === undefined) return undefined
  if (parsed.iss !== undefined && parsed.iss !== expected) {
    return {
      code: 'callback.issuer_mismatch',
      summary: `The redirect says it comes from issuer "${parsed.iss}", but this run talks to "${expected}"; the code was not exchanged.`,
      cause: {
        id: 'iss.mixup',
        text: 'The response names a different authorization server than the one the request went to.',
        evidence: [
          { label: 'issuer expected', value: expected },
          { label: 'iss received', value: parsed.iss },
        ],
      },
    }
  }
  if (parsed.iss === undefined && run.metadata?.issParameter) {
    return {
      code: 'callback.issuer_missing',
      summary: `The server announces \`iss\` in every authorization response (authorization_response_iss_parameter_supported), but this redirect has none; the code was not exchanged.`,
      cause: {
        id: 'iss.stripped',
        text: 'The redirect lacks the `iss` parameter the server always sends.',
        evidence: [
          { label: 'issuer expected', value: expected },
          { label: 'parameters received', value: Object.keys(parsed.params).join(', ') },
        ],
      },
    }
  }
  return undefined
}

/** Tells "the same redirect again" from "another redirect"; never keeps the code itself. */
export function fingerprint(parsed: ReadCallback): string {
  const value = parsed.kind === 'code' ? `code:${parsed.code}` : `error:${parsed.error}`
  return createHash('sha256').update(`${value}|${parsed.state ?? ''}`).digest('base64url')
}

export const clockTime = (at: number): string => `${new Date(at).toISOString().slice(11, 19)} UTC`

export function finishedMessage(run: Run): string {
  const when = run.endedAt !== undefined ? ` at ${clockTime(run.endedAt)}` : ''
  switch (run.status) {
    case 'expired':
      return `This redirect belongs to a run whose authorization session expired${when}; its code was not exchanged. Restart to get a fresh session.`
    case 'cancelled':
      return `This redirect belongs to a run that was cancelled${when}; its code was not exchanged.`
    case 'succeeded':
      return `This redirect belongs to a run that already finished with tokens${when}; nothing was exchanged.`
    default:
      return `This redirect belongs to a run that already failed${when}; its code was not exchanged. Restart for a fresh attempt.`
  }
}
