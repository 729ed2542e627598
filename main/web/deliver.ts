import type { DeliveryResult } from '../../shared/contract/calls'
import { readRuntimeFile } from './runtime-file'

/**
 * The host's own route for deep links: not under `/api/` and not in the contract, opened by
 * the deliver token from the runtime file only, never by the page's launch token.
 */
export const DELIVER_PATH = '/host/deliver'

/** `web.js --deliver <url>` exits with these. */
export const DELIVER_EXIT = { accepted: 0, notAccepted: 1, unavailable: 3 } as const

export interface DeliverOutcome {
  exitCode: number
  message: string
  result?: DeliveryResult
}

/**
 * What the OS does for the desktop app, done for the web host: hands the redirect URL to
 * the running instance, which puts it in its inbox as a deep link.
 */
export async function deliverToRunningHost(url: string, runtimeFile: string): Promise<DeliverOutcome> {
  const runtime = readRuntimeFile(runtimeFile)
  if (!runtime.ok) return { exitCode: DELIVER_EXIT.unavailable, message: runtime.reason }
  const { port, deliverToken } = runtime.info
  let res: Response
  try {
    res = await fetch(`http://127.0.0.1:${port}${DELIVER_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${deliverToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url }),
      signal: AbortSignal.timeout(10_000),
    })
  } catch (error) {
    return { exitCode: DELIVER_EXIT.unavailable, message: `The web host on port ${port} did not answer (${(error as Error).message}). Is it still running?` }
  }
  const body = (await res.json().catch(() => undefined)) as { ok?: boolean; value?: DeliveryResult; error?: { message?: string } } | undefined
  if (!res.ok || !body?.ok || !body.value) {
    return { exitCode: DELIVER_EXIT.unavailable, message: body?.error?.message ?? `The web host answered HTTP ${res.status}.` }
  }
  const result = body.value
  return { exitCode: result.outcome === 'accepted' ? DELIVER_EXIT.accepted : DELIVER_EXIT.notAccepted, message: result.message, result }
}
