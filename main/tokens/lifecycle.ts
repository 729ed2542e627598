import type { TesterEvent } from '../../shared/contract/events'
import { fail, ok, type Result } from '../../shared/contract/result'
import type { ExchangeDetail } from '../../shared/domain/exchange-detail'
import type { TokenActionResult, TokenSetDetail } from '../../shared/domain/token-lifecycle'
import type { DecodedToken, Verification } from '../../shared/domain/token-inspection'
import type { TokenKind } from '../../shared/domain/tokens'
import type { Clock } from '../clock'
import { buildDiagnosis } from '../diagnose/build'
import type { Run } from '../flows/run'
import type { HttpClient } from '../http/client'
import { JwksCache } from '../oauth/jwks'
import { decodeToken } from '../oauth/jwt-decode'
import type { RevocableKind } from '../oauth/revoke-request'
import { tokenLabel, type ActionContext, type ActionOutcome } from './action-context'
import { tokenSetFromRun } from './adopt'
import { credentialsFor } from './credentials'
import { curlFor, type CurlAction } from './curl-export'
import { redactionValues, toExchangeDetail } from './exchange-view'
import { callApi, introspect, userinfo } from './probe'
import { refreshTokenToUse, refreshWith, tokenToReplay, type RefreshTrigger } from './refresh'
import { logout, revokeToken, tokenToRevoke } from './revoke'
import { armAutoRefresh, armExpiries } from './schedule'
import { capabilitiesOf, toTokenSetDetail } from './token-view'
import { addDiagnosis, addEvent, newest, setStatus, tokenById, type StoredToken, type TokenSet } from './token-set'
import { TokenStore } from './token-store'
import { DEFAULT_SKEW_SECONDS, verifyInSet } from './verify'

export interface TokenLifecycleDeps {
  clock: Clock
  http: HttpClient
  /** Secret values of a profile, from the vault; never leaves main. */
  secrets(profileId: string): Promise<Record<string, string>>
  emit(event: TesterEvent): void
  /** The embedded server, held while a set of one of its profiles has live tokens. */
  sandbox?: { acquire(): Promise<unknown>; release(): void }
  /** The local vendor simulator, held the same way for its profiles' sets. */
  vendorSimulator?: { acquire(): Promise<unknown>; release(): void }
}

export type VerifyInput =
  | { tokenSetId: string; tokenId: string; skewSeconds?: number }
  | { tokenSetId: string; value: string; kind: 'id_token' | 'access_token'; skewSeconds?: number }

/**
 * Everything after the code exchange: the token sets in their store, and the actions on them
 * (refresh with rotation tracking, replay, revoke, introspect, userinfo, the test API,
 * verification), each recorded as an event linked to its HTTP exchange. Actions on one set run
 * one at a time; results are values, never exceptions.
 */
export class TokenLifecycle {
  readonly store: TokenStore
  private readonly jwks: JwksCache
  private readonly ctx: ActionContext
  /** The last view published per set (an action's answer carries the same one). */
  private readonly published = new WeakMap<TokenSet, TokenSetDetail>()

  constructor(private readonly deps: TokenLifecycleDeps) {
    this.store = new TokenStore((set) => this.releaseSandbox(set))
    this.jwks = new JwksCache(deps.http)
    this.ctx = {
      clock: deps.clock,
      http: deps.http,
      credentials: async (set) => credentialsFor(set.profile, await deps.secrets(set.profile.id)),
    }
  }

  /** The engine's hook after a successful code exchange. */
  adopt(run: Run): void {
    const set = tokenSetFromRun(run)
    if (!set) return
    const server = this.embeddedServer(set)
    if (server) {
      // Taken before the run lets go of it, so the server stays up for refresh and revoke.
      set.holdsSandbox = true
      server.acquire().catch(() => (set.holdsSandbox = false))
    }
    this.store.add(set)
    this.rearm(set)
    this.publish(set)
  }

  view(tokenSetId: string): Result<TokenSetDetail> {
    const set = this.store.get(tokenSetId)
    return set ? ok(toTokenSetDetail(set)) : notFound(tokenSetId)
  }

  list(profileId: string): TokenSetDetail[] {
    return this.store.forProfile(profileId).map(toTokenSetDetail)
  }

  decode(input: { tokenSetId: string; tokenId: string } | { value: string }): Result<DecodedToken> {
    if ('value' in input) return ok(decodeToken(input.value))
    const found = this.token(input.tokenSetId, input.tokenId)
    return found.ok ? ok(decodeToken(found.value.token.value)) : found
  }

  async verify(input: VerifyInput): Promise<Result<Verification>> {
    const set = this.store.get(input.tokenSetId)
    if (!set) return notFound(input.tokenSetId)
    const skewSeconds = input.skewSeconds ?? DEFAULT_SKEW_SECONDS
    const now = this.deps.clock.now()
    if ('value' in input) return ok(await verifyInSet(this.jwks, set, { value: input.value, kind: input.kind, skewSeconds, now }))
    const token = tokenById(set, input.tokenId)
    if (!token) return fail('not-found', `No token "${input.tokenId}" in this set.`)
    if (token.kind === 'refresh_token') return fail('conflict', 'Refresh tokens are for the token endpoint only; there is nothing to verify in one.')
    // at_hash compares with the access token issued in the same response.
    const sibling = token.kind === 'id_token' ? set.tokens.find((t) => t.kind === 'access_token' && t.generation === token.generation) : undefined
    return ok(await verifyInSet(this.jwks, set, { value: token.value, kind: token.kind, skewSeconds, now, ...(sibling && { accessToken: sibling.value }) }))
  }

  refresh(tokenSetId: string): Promise<Result<TokenActionResult>> {
    return this.act(tokenSetId, async (set) => {
      const token = refreshTokenToUse(set)
      if (!token || !capabilitiesOf(set).refresh) return 'This token set has no refresh token (or the profile no token endpoint).'
      return this.doRefresh(set, token, 'manual')
    })
  }

  replay(tokenSetId: string, tokenId?: string): Promise<Result<TokenActionResult>> {
    return this.act(tokenSetId, async (set) => {
      const token = tokenToReplay(set, tokenId)
      if (!token) return 'There is no superseded refresh token to replay yet: refresh first, so the server rotates it.'
      return this.doRefresh(set, token, 'replay')
    })
  }

  revoke(tokenSetId: string, kind: RevocableKind): Promise<Result<TokenActionResult>> {
    return this.act(tokenSetId, async (set) => {
      const token = tokenToRevoke(set, kind)
      if (!token || !capabilitiesOf(set).revoke) return `Nothing to revoke: no ${kind.replace('_', ' ')}, or no revocation endpoint.`
      return revokeToken(this.ctx, set, kind, token)
    })
  }

  introspect(tokenSetId: string, kind: RevocableKind): Promise<Result<TokenActionResult>> {
    return this.act(tokenSetId, async (set) => {
      const token = newest(set, kind)
      if (!token || !capabilitiesOf(set).introspect) return `Cannot introspect: no ${kind.replace('_', ' ')}, or the server has no introspection endpoint.`
      return introspect(this.ctx, set, token)
    })
  }

  userinfo(tokenSetId: string): Promise<Result<TokenActionResult>> {
    return this.act(tokenSetId, async (set) => {
      const token = newest(set, 'access_token')
      if (!token || !capabilitiesOf(set).userinfo) return 'The server has no userinfo endpoint.'
      return userinfo(this.ctx, set, token)
    })
  }

  callApi(tokenSetId: string, send: 'access_token' | 'id_token' = 'access_token'): Promise<Result<TokenActionResult>> {
    return this.act(tokenSetId, async (set) => {
      const token = newest(set, send)
      if (!token) return `This token set has no ${send.replace('_', ' ')}.`
      if (!capabilitiesOf(set).callApi) return 'The profile has no test request.'
      return callApi(this.ctx, set, token)
    })
  }

  logout(tokenSetId: string): Promise<Result<TokenActionResult>> {
    return this.act(tokenSetId, async (set) => {
      const token = newest(set, 'access_token')
      if (!token || !capabilitiesOf(set).logout) return 'This profile defines no logout.'
      return logout(this.ctx, set, token)
    })
  }

  setAutoRefresh(tokenSetId: string, enabled: boolean, leadSeconds?: number): Result<TokenSetDetail> {
    const set = this.store.get(tokenSetId)
    if (!set) return notFound(tokenSetId)
    set.autoRefresh.enabled = enabled
    if (leadSeconds !== undefined) set.autoRefresh.leadSeconds = leadSeconds
    this.rearm(set)
    this.publish(set)
    return ok(toTokenSetDetail(set))
  }

  /** The one explicit way a raw token leaves main. */
  reveal(tokenSetId: string, tokenId: string): Result<{ kind: TokenKind; value: string }> {
    const found = this.token(tokenSetId, tokenId)
    return found.ok ? ok({ kind: found.value.token.kind, value: found.value.token.value }) : found
  }

  async curl(tokenSetId: string, action: CurlAction): Promise<Result<{ curl: string; variables: string[] }>> {
    const set = this.store.get(tokenSetId)
    if (!set) return notFound(tokenSetId)
    const out = await curlFor(this.ctx, set, action)
    return 'error' in out ? fail('conflict', out.error) : ok(out)
  }

  exchange(exchangeId: string): Result<ExchangeDetail> {
    for (const set of this.store.all()) {
      const ex = set.exchanges.get(exchangeId)
      if (ex) return ok(toExchangeDetail(ex, redactionValues(set)))
    }
    return fail('not-found', `No exchange "${exchangeId}" behind any token event.`)
  }

  /** Resolves once the set's queued actions (automatic refreshes included) are done. */
  async settled(tokenSetId: string): Promise<void> {
    await this.store.get(tokenSetId)?.queue
  }

  /** A profile was deleted: its token sets go with it. */
  forgetProfile(profileId: string): void {
    this.store.removeProfile(profileId)
  }

  close(): void {
    this.store.disposeAll()
  }

  // --- internals ---------------------------------------------------------------------------

  /** Runs an action on a set after the ones before it; a string answer is a refusal. */
  private async act(tokenSetId: string, action: (set: TokenSet) => Promise<ActionOutcome | string>): Promise<Result<TokenActionResult>> {
    const set = this.store.get(tokenSetId)
    if (!set) return notFound(tokenSetId)
    const outcome = await this.enqueue(set, action)
    if (typeof outcome === 'string') return fail('conflict', outcome)
    return ok({
      ok: outcome.ok,
      message: outcome.message,
      // The view just published after the action; built once per action, not once per use.
      tokenSet: this.published.get(set) ?? toTokenSetDetail(set),
      ...(outcome.exchange && { exchange: toExchangeDetail(outcome.exchange, redactionValues(set)) }),
      ...(outcome.diagnosis && { diagnosis: outcome.diagnosis }),
    })
  }

  private enqueue<T>(set: TokenSet, action: (set: TokenSet) => Promise<T>): Promise<T | ActionOutcome> {
    const run = async (): Promise<T | ActionOutcome> => {
      try {
        return await action(set)
      } catch (error) {
        return this.internalFailure(set, error)
      } finally {
        this.rearm(set)
        this.publish(set)
      }
    }
    const next = set.queue.then(run, run)
    set.queue = next.catch(() => undefined)
    return next
  }

  private async doRefresh(set: TokenSet, token: StoredToken, trigger: RefreshTrigger): Promise<ActionOutcome> {
    const outcome = await refreshWith(this.ctx, set, token, trigger)
    if (trigger === 'auto' && !outcome.ok) {
      // No retry loop against a server that said no: automatic refresh stops and says so.
      set.autoRefresh.enabled = false
      const last = set.events.at(-1)
      if (last) last.detail = `${last.detail ?? ''} Automatic refresh is off until switched on again.`.trim()
    }
    return outcome
  }

  private rearm(set: TokenSet): void {
    const clock = this.deps.clock
    armExpiries(set, clock, (token) => this.expired(set, token))
    armAutoRefresh(set, clock, () => {
      void this.enqueue(set, async (s) => {
        const token = refreshTokenToUse(s)
        return token ? this.doRefresh(s, token, 'auto') : { ok: false, message: 'No refresh token.' }
      })
    })
  }

  private expired(set: TokenSet, token: StoredToken): void {
    const now = this.deps.clock.now()
    setStatus(token, 'expired', now)
    addEvent(set, { kind: 'expired', at: now, ok: true, label: `${token.kind === 'refresh_token' ? 'Refresh' : 'Access'} token expired`, detail: `The ${tokenLabel(token)} reached its expiry time.`, tokenIds: [token.id] })
    this.rearm(set)
    this.publish(set)
  }

  private internalFailure(set: TokenSet, error: unknown): ActionOutcome {
    const err = error instanceof Error ? error : new Error(String(error))
    let message = err.message
    for (const secret of redactionValues(set)) if (secret.length >= 4) message = message.split(secret).join('[redacted]')
    const diagnosis = buildDiagnosis(
      { code: 'internal.error', summary: `The tester failed internally (${err.name}: ${message}).`, causes: [{ id: 'internal.bug', text: 'A bug in the tester.', likelihood: 'likely', evidence: [{ label: 'report', value: `${err.name}: ${message}` }] }] },
      this.deps.clock.now(),
    )
    addDiagnosis(set, diagnosis)
    return { ok: false, message: diagnosis.summary, diagnosis }
  }

  private publish(set: TokenSet): void {
    const view = toTokenSetDetail(set)
    this.published.set(set, view)
    // Once nothing in the set lives, the embedded server may stop after its idle time.
    if (view.status !== 'active') this.releaseSandbox(set)
    this.deps.emit({ type: 'token-set-updated', tokenSet: view })
  }

  private releaseSandbox(set: TokenSet): void {
    if (!set.holdsSandbox) return
    set.holdsSandbox = false
    this.embeddedServer(set)?.release()
  }

  /** The embedded server a set's profile runs on, if any. */
  private embeddedServer(set: TokenSet): { acquire(): Promise<unknown>; release(): void } | undefined {
    if (set.profile.embedded === 'oidc-sandbox') return this.deps.sandbox
    if (set.profile.embedded === 'vendor-simulator') return this.deps.vendorSimulator
    return undefined
  }

  private token(tokenSetId: string, tokenId: string): Result<{ set: TokenSet; token: StoredToken }> {
    const set = this.store.get(tokenSetId)
    if (!set) return notFound(tokenSetId)
    const token = tokenById(set, tokenId)
    return token ? ok({ set, token }) : fail('not-found', `No token "${tokenId}" in this set.`)
  }
}

const notFound = (id: string): Result<never> => fail('not-found', `No token set with id "${id}".`)

