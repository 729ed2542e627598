import { DOMParser } from '@xmldom/xmldom'
import { describe, expect, it } from 'vitest'
import type { LabReport } from '../../../shared/domain/lab'
import { toJUnit, xmlEscape } from '../../../main/lab/report-junit'
import { toMarkdown } from '../../../main/lab/report-markdown'

const T0 = Date.UTC(2026, 0, 2, 9, 30, 0)
const diagnosis = {
  id: 'd1',
  code: 'redirect_uri.mismatch',
  title: 'Redirect URI mismatch',
  summary: 'The token endpoint answered HTTP 400 `invalid_grant`: “grant <request> & is \'invalid\'”',
  causes: [{ id: 'redirect_uri.trailing_slash', text: 'Differs by a | slash.', likelihood: 'confirmed' as const, evidence: [{ label: 'redirect_uri at token', value: 'http://127.0.0.1/callback/?a=1&b=<2>' }] }],
  fixes: ['Send one URI.'],
  at: T0,
}
const report: LabReport = {
  id: 'r1',
  status: 'done',
  target: { kind: 'profile', profileId: 'p', profileName: 'My “server” <prod> & co', environment: 'custom' },
  startedAt: T0,
  endedAt: T0 + 1234,
  counts: { pass: 1, fail: 1, error: 1, skipped: 1 },
  results: [
    { scenarioId: 'a', title: 'Passes', status: 'pass', expected: { code: 'code.reused', evidence: [] }, actual: { outcome: 'diagnosis', code: 'code.reused' }, verdict: 'Refused as it should.', durationMs: 12, exchangeIds: [] },
    { scenarioId: 'b', title: 'Fails <badly> & loudly', status: 'fail', expected: { code: 'redirect_uri.mismatch', cause: 'redirect_uri.query', evidence: [] }, actual: { outcome: 'diagnosis', code: 'redirect_uri.mismatch', cause: 'redirect_uri.trailing_slash' }, verdict: 'Diagnosed "x", but | not y\nsecond line', diagnosis, durationMs: 340, exchangeIds: ['e1'] },
    { scenarioId: 'c', title: 'Errors', status: 'error', expected: { code: 'code.reused', evidence: [] }, actual: { outcome: 'diagnosis', code: 'internal.error' }, verdict: 'The tester failed internally: \u0001 boom', durationMs: 1, exchangeIds: [] },
    { scenarioId: 'd', title: 'Skipped', status: 'skipped', expected: { code: 'session.expired', evidence: [] }, actual: { outcome: 'not-run' }, verdict: 'Runs against the embedded sandbox only.', durationMs: 0, exchangeIds: [] },
  ],
}

/** Parses XML strictly: any warning or error fails the test. */
function parseStrict(xml: string): Document {
  const problems: string[] = []
  const doc = new DOMParser({
    errorHandler: (level: string, message: string) => {
      problems.push(`${level}: ${message}`)
    },
  }).parseFromString(xml, 'text/xml')
  expect(problems).toEqual([])
  return doc as unknown as Document
}

describe('JUnit XML export', () => {
  it('is well-formed XML whose counts and cases match the report', () => {
    const xml = toJUnit(report)
    const doc = parseStrict(xml)
    const suites = doc.getElementsByTagName('testsuites')[0]!
    expect(suites.getAttribute('tests')).toBe('4')
    expect(suites.getAttribute('failures')).toBe('1')
    expect(suites.getAttribute('errors')).toBe('1')
    expect(suites.getAttribute('skipped')).toBe('1')
    expect(suites.getAttribute('time')).toBe('1.234')
    const suite = doc.getElementsByTagName('testsuite')[0]!
    expect(suite.getAttribute('name')).toBe('scenario lab — My “server” <prod> & co (custom)')
    const cases = doc.getElementsByTagName('testcase')
    expect(cases.length).toBe(4)
    expect(cases[1]!.getAttribute('name')).toBe('b: Fails <badly> & loudly')
    const failure = cases[1]!.getElementsByTagName('failure')[0]!
    expect(failure.getAttribute('message')).toBe('Diagnosed "x", but | not y\nsecond line')
    expect(failure.textContent).toContain('redirect_uri at token: http://127.0.0.1/callback/?a=1&b=<2>')
    expect(cases[2]!.getElementsByTagName('error')[0]!.getAttribute('message')).toBe('The tester failed internally:  boom')
    expect(cases[3]!.getElementsByTagName('skipped').length).toBe(1)
    expect(cases[0]!.childNodes.length).toBe(0)
  })

  it('escapes the five XML characters and drops those XML forbids', () => {
    expect(xmlEscape(`<a href="x">'&'</a>\u0000\u001f`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;')
  })

  it('fails the strict parser on broken XML (the check can fail)', () => {
    const problems: string[] = []
    new DOMParser({ errorHandler: (level: string, m: string) => void problems.push(`${level}: ${m}`) }).parseFromString('<a><b></a>', 'text/xml')
    expect(problems.length).toBeGreaterThan(0)
  })
})

describe('Markdown export', () => {
  it('has a summary, one table row per scenario, and the diagnosis of each failure', () => {
    const md = toMarkdown(report)
    expect(md).toContain('- Result: 1 passed, 1 failed, 1 errors, 1 skipped')
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Scenario'))
    expect(rows).toHaveLength(4)
    expect(rows[1]).toBe('| Fails <badly> & loudly (`b`) | `redirect_uri.mismatch` / `redirect_uri.query` | `redirect_uri.mismatch` / `redirect_uri.trailing_slash` | ❌ fail | Diagnosed "x", but \\| not y second line |')
    expect(md).toContain('## Fails <badly> & loudly (fail)')
    expect(md).toContain('  - redirect_uri at token: `http://127.0.0.1/callback/?a=1&b=<2>`')
    expect(md).not.toContain('## Passes')
  })
})

describe('a run that took each scenario to its own embedded server', () => {
  const mixed: LabReport = {
    ...report,
    target: { kind: 'embedded-sandbox', profileId: 'local-sandbox', profileName: 'Embedded sandbox and vendor simulator', environment: 'sandbox' },
    counts: { pass: 2, fail: 0, error: 0, skipped: 0 },
    results: [
      { ...report.results[0]!, target: 'embedded-sandbox' },
      { ...report.results[0]!, scenarioId: 'v', title: 'Vendor', target: 'vendor-simulator' },
    ],
  }

  it('names each scenario’s server: JUnit by class name, Markdown in the target line', () => {
    const cases = parseStrict(toJUnit(mixed)).getElementsByTagName('testcase')
    expect([cases[0]!.getAttribute('classname'), cases[1]!.getAttribute('classname')]).toEqual(['scenario-lab.embedded-sandbox', 'scenario-lab.vendor-simulator'])
    expect(toMarkdown(mixed)).toContain('- Target: **Embedded sandbox and vendor simulator** (sandbox, embedded-sandbox and vendor-simulator)')
    expect(toMarkdown(report)).toContain('(custom, profile)')
  })
})
