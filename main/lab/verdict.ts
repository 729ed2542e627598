import type { Diagnosis } from '../../shared/domain/diagnosis'
import type { LabResult, LabTargetKind } from '../../shared/domain/lab'
import type { Scenario, ScenarioOutcome } from './scenario'

type Judged = Pick<LabResult, 'status' | 'actual' | 'verdict'>

/** Where a step sits in the flow, to tell "refused at the fault" from "never got there". */
const ORDER: Record<string, number> = { discovery: 0, authorize: 1, callback: 2, token: 3, refresh: 4, replay: 5, api: 5 }

const actualOf = (d: Diagnosis): LabResult['actual'] => ({ outcome: 'diagnosis', code: d.code, ...(d.causes[0] && { cause: d.causes[0].id }) })

/**
 * Expected against actual. Against the embedded servers the lab checks its own explanation: the
 * diagnosis id, the cause that comes first, and that it carries the expected evidence. Against a
 * user's server it checks the server: a refusal passes, an acceptance is the finding.
 */
export function judge(scenario: Scenario, kind: LabTargetKind, outcome: ScenarioOutcome): Judged {
  const expected = scenario.expected
  if (outcome.kind === 'not-applicable') return { status: 'skipped', actual: { outcome: 'not-run' }, verdict: `Not applicable: ${outcome.reason}` }
  if (outcome.kind === 'accepted') {
    const finding = kind === 'profile' && scenario.serverShould ? `FAIL: ${scenario.serverShould.ifAccepted}. ` : ''
    return { status: 'fail', actual: { outcome: 'accepted' }, verdict: `${finding}Expected ${expected.code}; actual: ${outcome.message}` }
  }
  const d = outcome.diagnosis
  const actual = actualOf(d)
  if (d.code === 'internal.error' && expected.code !== 'internal.error') {
    return { status: 'error', actual, verdict: `The tester failed internally: ${d.summary}` }
  }
  if (kind === 'profile') return judgeServer(scenario, d, actual)
  if (d.code !== expected.code) return { status: 'fail', actual, verdict: `Expected ${expected.code}, got ${d.code} (${d.title}): ${d.summary}` }
  const top = d.causes[0]
  if (expected.cause !== undefined && top?.id !== expected.cause) {
    return { status: 'fail', actual, verdict: `Diagnosed ${d.code}, but the first cause is ${top?.id ?? '(none)'}, not ${expected.cause}.` }
  }
  const missing = expected.evidence.filter((label) => !top?.evidence.some((e) => e.label === label && e.value !== ''))
  if (missing.length > 0) return { status: 'fail', actual, verdict: `Diagnosed ${d.code}, but the evidence lacks: ${missing.join(', ')}.` }
  return { status: 'pass', actual, verdict: `Diagnosed as expected: ${d.title}${top ? ` — ${top.text}` : ''}` }
}

function judgeServer(scenario: Scenario, d: Diagnosis, actual: LabResult['actual']): Judged {
  const at = ORDER[d.stepKind ?? ''] ?? 0
  const faultAt = ORDER[scenario.step] ?? 0
  if (at < faultAt || d.code.startsWith('network.') || d.code === 'discovery.failed' || d.code === 'callback.no_redirect') {
    return { status: 'error', actual, verdict: `Could not reach the ${scenario.step} step: ${d.title}. ${d.summary}` }
  }
  const should = scenario.serverShould?.refuse ?? `refuse with ${scenario.expected.code}`
  if (d.code === scenario.expected.code) return { status: 'pass', actual, verdict: `Refused as it should (${should}): ${d.title}.` }
  return { status: 'pass', actual, verdict: `Refused (${d.title}, ${d.code}); expected ${scenario.expected.code}, which names the cause more precisely.` }
}
