import { describe, expect, it } from 'vitest'
import type { Diagnosis } from '../../../shared/domain/diagnosis'
import { ScenarioRegistry } from '../../../main/lab/registry'
import type { Scenario } from '../../../main/lab/scenario'
import { builtInScenarios } from '../../../main/lab/scenarios'
import { judge } from '../../../main/lab/verdict'
import { CATALOG } from '../../../main/diagnose/catalog'

const scenario: Scenario = {
  id: 'x',
  title: 'X',
  fault: 'f',
  group: 'standard',
  step: 'token',
  targets: ['embedded-sandbox', 'profile'],
  needsLogin: true,
  expected: { code: 'code.reused', cause: 'code.reused', evidence: ['first exchange'] },
  serverShould: { refuse: 'refuse the reused code', ifAccepted: 'your server accepts a reused code' },
  run: async () => ({ kind: 'not-applicable', reason: 'r' }),
}
const d = (code: string, causeId: string, evidence: [string, string][] = [], stepKind = 'token'): Diagnosis => ({
  id: 'd',
  code,
  title: `T(${code})`,
  summary: 's',
  causes: [{ id: causeId, text: 'c', likelihood: 'confirmed', evidence: evidence.map(([label, value]) => ({ label, value })) }],
  fixes: [],
  stepKind,
  at: 0,
})

describe('expected against actual', () => {
  it('passes on the embedded sandbox only with the right id, first cause and evidence', () => {
    expect(judge(scenario, 'embedded-sandbox', { kind: 'diagnosis', diagnosis: d('code.reused', 'code.reused', [['first exchange', 'POST /token → HTTP 200']]) }).status).toBe('pass')
    expect(judge(scenario, 'embedded-sandbox', { kind: 'diagnosis', diagnosis: d('token.invalid_grant', 'code.reused') }).verdict).toMatch(/^Expected code.reused, got token.invalid_grant/)
    expect(judge(scenario, 'embedded-sandbox', { kind: 'diagnosis', diagnosis: d('code.reused', 'server.says') }).verdict).toContain('first cause is server.says')
    expect(judge(scenario, 'embedded-sandbox', { kind: 'diagnosis', diagnosis: d('code.reused', 'code.reused') }).verdict).toContain('evidence lacks: first exchange')
  })

  it('fails an accepted fault, and tells a user what it means for their server', () => {
    expect(judge(scenario, 'profile', { kind: 'accepted', message: 'Tokens issued twice.' })).toEqual({
      status: 'fail',
      actual: { outcome: 'accepted' },
      verdict: 'FAIL: your server accepts a reused code. Expected code.reused; actual: Tokens issued twice.',
    })
  })

  it('passes any refusal at the fault’s step on a user’s server, and errors one before it', () => {
    expect(judge(scenario, 'profile', { kind: 'diagnosis', diagnosis: d('token.invalid_grant', 'server.says') }).status).toBe('pass')
    const early = judge(scenario, 'profile', { kind: 'diagnosis', diagnosis: d('discovery.failed', 'x', [], 'discovery') })
    expect(early.status).toBe('error')
    expect(early.verdict).toMatch(/^Could not reach the token step/)
  })

  it('errors an unexpected internal error and skips what does not apply', () => {
    expect(judge(scenario, 'embedded-sandbox', { kind: 'diagnosis', diagnosis: d('internal.error', 'internal.bug') }).status).toBe('error')
    expect(judge(scenario, 'profile', { kind: 'not-applicable', reason: 'no rotation' })).toMatchObject({ status: 'skipped', verdict: 'Not applicable: no rotation' })
  })
})

describe('the scenario registry', () => {
  it('refuses a duplicate or badly named id', () => {
    const registry = new ScenarioRegistry([scenario])
    expect(() => registry.add(scenario)).toThrow('already registered')
    expect(() => registry.add({ ...scenario, id: 'Bad Id' })).toThrow('lowercase')
  })

  it('expects only diagnoses the catalog has, for every built-in scenario, vendor ones included', () => {
    const scenarios = builtInScenarios().list()
    expect(scenarios.filter((s) => s.group === 'vendor').length).toBeGreaterThanOrEqual(10)
    for (const s of scenarios) expect(Object.keys(CATALOG), s.id).toContain(s.expected.code)
  })

  it('runs every vendor scenario against the vendor simulator, and no other scenario there', () => {
    for (const s of builtInScenarios().list()) expect(s.targets.includes('vendor-simulator'), s.id).toBe(s.group === 'vendor')
  })
})
