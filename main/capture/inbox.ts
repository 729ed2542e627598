import type { DeliveryResult } from '../../shared/contract/calls'
import type { CaptureMethod } from '../../shared/domain/run'
import type { Clock } from '../clock'
import { buildDiagnosis } from '../diagnose/build'
import { MAX_CALLBACK_LENGTH } from '../oauth/callback'
import { DEEP_LINK_SCHEME, findDeepLink, isOurDeepLink } from './deep-link'
import type { Delivery } from './delivery'

export interface InboxDeps {
  clock: Clock
  /** Ties the redirect to its run and exchanges the code at most once (the flow engine). */
  route(delivery: Delivery): Promise<DeliveryResult>
  /** Tells the user about a redirect whose way back has no page of its own to answer on. */
  notice(level: 'info' | 'warning', message: string, runId?: string): void
}

/** What any way back hands in; `url` is untrusted (argv, a pasted string, a browser). */
export interface InboxInput {
  url: unknown
  method: CaptureMethod
  runId?: string
}

/**
 * The one inbox every way back feeds: the loopback listener, the OS deep link (Electron's
 * `open-url` / `second-instance`, the web host's `--deliver`), a paste and the in-app auth
 * window. Each arrival gets the same checks here before the flow engine matches its `state`;
 * nothing here throws, whatever arrives.
 */
export class RedirectInbox {
  constructor(private readonly deps: InboxDeps) {}

  async deliver(input: InboxInput): Promise<DeliveryResult> {
    const result = await this.check(input)
    // A paste shows its answer in the form and a loopback tab shows it in the page; a deep
    // link or the auth window has no such place, so the app says it.
    if (result.outcome !== 'accepted' && input.method !== 'paste') {
      this.deps.notice(result.outcome === 'duplicate' ? 'info' : 'warning', result.message, result.runId)
    }
    return result
  }

  /** A command line as the OS hands it to a second instance; undefined when it has no link. */
  deliverArgv(argv: readonly unknown[]): Promise<DeliveryResult> | undefined {
    const url = findDeepLink(argv)
    return url === undefined ? undefined : this.deliver({ url, method: 'deep-link' })
  }

  private async check(input: InboxInput): Promise<DeliveryResult> {
    if (typeof input.url !== 'string') return this.refuse('The redirect must be text.')
    if (input.url.length > MAX_CALLBACK_LENGTH * 2) {
      return this.refuse(`The redirect is ${input.url.length} characters long; that is not an authorization response.`)
    }
    const url = tidy(input.url)
    if (input.method === 'deep-link' && !isOurDeepLink(url)) {
      return this.refuse(`A deep link must start with ${DEEP_LINK_SCHEME}: to be a redirect for this app; this one does not, so it was ignored.`)
    }
    const delivery: Delivery = { url, method: input.method, ...(input.runId !== undefined && { runId: input.runId }) }
    try {
      return await this.deps.route(delivery)
    } catch (error) {
      // The engine turns its own failures into diagnoses; this is the last line of defence.
      const summary = `The tester failed while reading this redirect (${error instanceof Error ? error.message : String(error)}); nothing was exchanged.`
      return { outcome: 'rejected', message: summary, diagnosis: buildDiagnosis({ code: 'internal.error', summary, stepKind: 'callback' }, this.deps.clock.now()) }
    }
  }

  private refuse(message: string): DeliveryResult {
    const diagnosis = buildDiagnosis({ code: 'callback.malformed', summary: message, stepKind: 'callback' }, this.deps.clock.now())
    return { outcome: 'rejected', message, diagnosis }
  }
}

/**
 * What people paste around a URL: surrounding space, quotes from a shell or a chat, angle
 * brackets from an e-mail. Only a matching pair at both ends is taken off.
 */
export function tidy(text: string): string {
  let out = text.trim()
  for (const [open, close] of [['"', '"'], ["'", "'"], ['<', '>'], ['`', '`']] as const) {
    if (out.length >= 2 && out.startsWith(open) && out.endsWith(close)) out = out.slice(1, -1).trim()
  }
  return out
}
