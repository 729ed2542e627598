import { randomUUID } from 'node:crypto'
import type { Diagnosis } from '../../shared/domain/diagnosis'
import type { Endpoints, Profile } from '../../shared/domain/profile'
import type {
  CaptureMethod,
  CaptureView,
  DeadlineView,
  RedirectArrival,
  RunNote,
  RunStatus,
  RunView,
  StepKind,
  StepStatus,
} from '../../shared/domain/run'
import { FINISHED_STATUSES } from '../../shared/domain/run'
import { maskToken } from '../../shared/mask'
import type { HttpExchange } from '../http/exchange'
import { summarizeExchange } from '../http/redact'
import type { ServerMetadata } from '../oauth/discovery'
import { createPkcePair, type PkcePair } from '../oauth/pkce'
import { randomToken } from '../oauth/random'
import type { VendorState } from './vendor-state'
import { toVendorView } from './vendor-view'

/** Raw tokens: they stay in main; the view masks them. */
export interface TokenSet {
  id: string
  accessToken: string
  refreshToken?: string
  idToken?: string
  tokenType?: string
  scope?: string
  issuedAt: number
  expiresAt?: number
  refreshExpiresAt?: number
}

export interface StepState {
  kind: StepKind
  title: string
  status: StepStatus
  startedAt?: number
  endedAt?: number
  detail?: string
  exchangeIds: string[]
  diagnosisIds: string[]
}

/** Everything main knows about one run. Only `toRunView` decides what the renderer sees. */
export interface Run {
  id: string
  /** The profile as it was when the run started; later edits do not change a running flow. */
  profile: Readonly<Profile>
  status: RunStatus
  createdAt: number
  endedAt?: number
  steps: StepState[]
  deadlines: DeadlineView[]
  /** The way back of this run: the profile's, or the one chosen in the run options. */
  captureMethod: CaptureMethod
  /** Length of the authorization session, counted from the first step. */
  sessionSeconds: number
  issuer?: string
  metadata?: ServerMetadata
  endpoints: Endpoints
  redirectUri?: string
  authorizeUrl?: string
  /** Generated once per run and kept until the exchange (RFC 7636 §4.1). */
  pkce: PkcePair
  /** 256 random bits, compared exactly (RFC 6749 §10.12). */
  state: string
  nonce?: string
  capture?: CaptureView
  /** A hash of the redirect that counted, to tell the same one again from a different one. */
  captureFingerprint?: string
  /** Every redirect that reached this run. */
  arrivals: RedirectArrival[]
  /** The code, kept only until it is exchanged. */
  code?: string
  /** Set before the one and only code exchange starts. */
  exchange?: Promise<void>
  tokens?: TokenSet
  diagnoses: Diagnosis[]
  exchanges: HttpExchange[]
  notes: RunNote[]
  /** The vendor flow's own state (main/flows/vendor-flow.ts); absent on standard runs. */
  vendor?: VendorState
  /** Secret values used by this run, scrubbed from everything that leaves main. */
  secrets: string[]
  disposers: (() => void | Promise<void>)[]
  /** Counts the published changes (see `RunView.revision`). */
  revision: number
}

const STEP_TITLES: Record<StepKind, string> = {
  discovery: 'Discover endpoints',
  authorize: 'Authorize in the browser',
  callback: 'Receive the redirect',
  token: 'Exchange the code for tokens',
  initiate: 'Initiate the session (step 1)',
  login: 'Log in with email and password (step 2)',
  otp: 'One-time code (step 2)',
  'final-check': 'Check the final token on the API',
}

/** What a run may change from its profile (see `RunOptions` in the contract). */
export interface RunChoices {
  capture?: CaptureMethod
  sessionSeconds?: number
}

export function createRun(profile: Profile, now: number, steps: StepKind[], choices: RunChoices = {}): Run {
  const run: Run = {
    id: randomUUID(),
    profile: structuredClone(profile),
    status: 'starting',
    createdAt: now,
    steps: steps.map((kind) => ({ kind, title: STEP_TITLES[kind], status: 'pending', exchangeIds: [], diagnosisIds: [] })),
    deadlines: [],
    captureMethod: choices.capture ?? profile.capture.method,
    sessionSeconds: choices.sessionSeconds ?? profile.lifetimes.sessionSeconds,
    arrivals: [],
    endpoints: {},
    pkce: createPkcePair(),
    state: randomToken(32),
    diagnoses: [],
    exchanges: [],
    notes: [],
    secrets: [],
    disposers: [],
    revision: 0,
  }
  if (/(^|\s)openid(\s|$)/.test(profile.scopes)) run.nonce = randomToken(16)
  return run
}

export const isFinished = (run: Run): boolean => FINISHED_STATUSES.includes(run.status)

export function stepOf(run: Run, kind: StepKind): StepState {
  const found = run.steps.find((s) => s.kind === kind)
  if (!found) throw new Error(`Run ${run.id} has no step ${kind}`)
  return found
}

export function setStep(run: Run, kind: StepKind, status: StepStatus, now: number, detail?: string): void {
  const step = stepOf(run, kind)
  if (status === 'active' && step.startedAt === undefined) step.startedAt = now
  if (status === 'done' || status === 'failed' || status === 'skipped') {
    step.startedAt ??= now
    step.endedAt = now
  }
  step.status = status
  if (detail !== undefined) step.detail = detail
}

export function addDiagnosis(run: Run, diagnosis: Diagnosis): void {
  run.diagnoses.push(diagnosis)
  const step = run.steps.find((s) => s.kind === diagnosis.stepKind)
  step?.diagnosisIds.push(diagnosis.id)
}

export function note(run: Run, now: number, level: RunNote['level'], text: string): void {
  run.notes.push({ at: now, level, text })
}

export function setDeadline(run: Run, deadline: DeadlineView): void {
  run.deadlines = [...run.deadlines.filter((d) => d.kind !== deadline.kind), deadline]
}

export const isJwt = (token: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)

/**
 * A recorded exchange never changes, so its redacted one-line summary is made once per set of
 * secrets: views are rebuilt on every step, and redacting every URL again each time adds up.
 */
const summaries = new WeakMap<HttpExchange, { secrets: string; summary: ReturnType<typeof summarizeExchange> }>()

function summaryOf(ex: HttpExchange, secrets: readonly string[], secretsKey: string): ReturnType<typeof summarizeExchange> {
  const cached = summaries.get(ex)
  if (cached?.secrets === secretsKey) return cached.summary
  const summary = summarizeExchange(ex, secrets)
  summaries.set(ex, { secrets: secretsKey, summary })
  return summary
}

export function toRunView(run: Run): RunView {
  const secretsKey = run.secrets.join('\u0000')
  const view: RunView = {
    id: run.id,
    profileId: run.profile.id,
    profileName: run.profile.name,
    environment: run.profile.environment,
    status: run.status,
    createdAt: run.createdAt,
    captureMethod: run.captureMethod,
    steps: run.steps.map((s) => ({ ...s, exchangeIds: [...s.exchangeIds], diagnosisIds: [...s.diagnosisIds] })),
    deadlines: run.deadlines.map((d) => ({ ...d })),
    diagnoses: run.diagnoses,
    exchanges: run.exchanges.map((ex) => ({ ...summaryOf(ex, run.secrets, secretsKey) })),
    notes: run.notes.map((n) => ({ ...n })),
    revision: run.revision,
  }
  if (run.endedAt !== undefined) view.endedAt = run.endedAt
  if (run.redirectUri !== undefined) view.redirectUri = run.redirectUri
  if (run.authorizeUrl !== undefined) view.authorizeUrl = run.authorizeUrl
  if (run.capture !== undefined) view.capture = { ...run.capture }
  view.arrivals = run.arrivals.map((a) => ({ ...a }))
  if (run.vendor) view.vendor = toVendorView(run.vendor, run.exchanges)
  if (run.tokens) {
    const t = run.tokens
    const masked = (kind: 'access_token' | 'refresh_token' | 'id_token', value: string, expiresAt?: number) => ({
      kind,
      masked: maskToken(value),
      format: isJwt(value) ? ('jwt' as const) : ('opaque' as const),
      length: value.length,
      issuedAt: t.issuedAt,
      ...(expiresAt !== undefined && { expiresAt }),
    })
    view.tokens = {
      id: t.id,
      ...(t.tokenType !== undefined && { tokenType: t.tokenType }),
      ...(t.scope !== undefined && { scope: t.scope }),
      tokens: [
        masked('access_token', t.accessToken, t.expiresAt),
        ...(t.refreshToken ? [masked('refresh_token', t.refreshToken, t.refreshExpiresAt)] : []),
        ...(t.idToken ? [masked('id_token', t.idToken)] : []),
      ],
    }
  }
  return view
}
