import type { Diagnosis } from '../../shared/domain/diagnosis'
import type { LabExpectation, LabTargetKind, ScenarioInfo } from '../../shared/domain/lab'
import type { Clock } from '../clock'
import type { LabClient } from './lab-client'
import type { ManualClock } from './manual-clock'
import type { VendorLabClient } from './vendor-lab-client'

/**
 * A scenario of the lab: one deliberate fault, injected by the lab itself at one step of a
 * flow it drives with the product's own builders (`main/oauth`, `main/flows/vendor-requests`)
 * and HTTP client (`main/http`). Nothing in the production flow knows about scenarios.
 * Standard scenarios drive the authorization-code flow ({@link LabClient}); vendor ones the
 * vendor's four steps on the embedded simulator ({@link VendorLabClient}).
 */
export type Scenario = StandardScenario | VendorScenario

interface ScenarioBase {
  id: string
  title: string
  /** What it does wrong, in one sentence. */
  fault: string
  group: ScenarioInfo['group']
  /** The step the fault is injected at; a failure before it means the scenario could not run. */
  step: string
  targets: readonly LabTargetKind[]
  expected: LabExpectation
  /** Against a user's server: what it should do, and what it means when it does not. */
  serverShould?: { refuse: string; ifAccepted: string }
  needsLogin: boolean
  /** Runs on the lab's own clock ({@link ScenarioContext.manualClock}). */
  fakeClock?: boolean
}

export interface StandardScenario extends ScenarioBase {
  group: 'standard' | 'tester'
  run(ctx: ScenarioContext): Promise<ScenarioOutcome>
}

export interface VendorScenario extends ScenarioBase {
  group: 'vendor'
  run(ctx: VendorScenarioContext): Promise<ScenarioOutcome>
}

export interface ScenarioContext {
  /** Drives the flow step by step; its steps record every exchange as evidence. */
  client: LabClient
  clock: Clock
  /** Present when the scenario asked for the lab's own clock. */
  manualClock?: ManualClock
  target: { kind: LabTargetKind; confidential: boolean }
}

export interface VendorScenarioContext {
  /** Drives the vendor's four steps one at a time; every exchange is kept as evidence. */
  vendor: VendorLabClient
  clock: Clock
  /** Present when the scenario asked for the lab's own clock; the lab's simulator runs on it too. */
  manualClock?: ManualClock
}

export type ScenarioOutcome =
  /** The flow stopped with this diagnosis (where the fault was injected, or before). */
  | { kind: 'diagnosis'; diagnosis: Diagnosis }
  /** The server accepted what it should have refused. */
  | { kind: 'accepted'; message: string; exchangeId?: string }
  /** The scenario does not apply to this server (e.g. it does not rotate refresh tokens). */
  | { kind: 'not-applicable'; reason: string }

/** A step that failed before the fault: the scenario ends with that step's diagnosis. */
export class StepFailed extends Error {
  constructor(readonly diagnosis: Diagnosis) {
    super(diagnosis.summary)
    this.name = 'StepFailed'
  }
}

export const infoOf = (s: Scenario): ScenarioInfo => ({
  id: s.id,
  title: s.title,
  fault: s.fault,
  group: s.group,
  step: s.step,
  targets: [...s.targets],
  expected: { ...s.expected, evidence: [...s.expected.evidence] },
  ...(s.serverShould && { serverShould: s.serverShould.refuse }),
  needsLogin: s.needsLogin,
  fakeClock: s.fakeClock === true,
})
