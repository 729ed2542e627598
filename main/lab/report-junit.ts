import type { LabReport } from '../../shared/domain/lab'

/** XML 1.0 text and attribute values: the five entities, and no characters XML forbids. */
export const xmlEscape = (text: string): string =>
  text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c)

/** An attribute value: escaped, with line breaks kept as character references (parsers fold raw ones into spaces). */
export const xmlAttr = (text: string): string => xmlEscape(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')

const seconds = (ms: number): string => (ms / 1000).toFixed(3)

/**
 * The lab's report as JUnit XML, the format CI systems read: one test case per scenario, a
 * failure with the verdict and the diagnosis for a fail, an error for a tester failure, and
 * `skipped` for a scenario that does not apply.
 */
export function toJUnit(report: LabReport): string {
  const { counts } = report
  const total = report.results.length
  const time = seconds((report.endedAt ?? report.startedAt) - report.startedAt)
  const suite = `scenario lab — ${report.target.profileName} (${report.target.environment})`
  const cases = report.results.map((r) => {
    const name = `${r.scenarioId}: ${r.title}`
    const details = [
      `expected: ${r.expected.code}${r.expected.cause ? ` / ${r.expected.cause}` : ''}`,
      `actual: ${r.actual.outcome === 'diagnosis' ? `${r.actual.code ?? ''}${r.actual.cause ? ` / ${r.actual.cause}` : ''}` : r.actual.outcome}`,
      `verdict: ${r.verdict}`,
      ...(r.diagnosis ? ['', `${r.diagnosis.title}: ${r.diagnosis.summary}`, ...r.diagnosis.causes.slice(0, 3).flatMap((c) => [`- [${c.likelihood}] ${c.text}`, ...c.evidence.map((e) => `    ${e.label}: ${e.value}`)])] : []),
    ].join('\n')
    const open = `    <testcase classname="scenario-lab.${xmlAttr(r.target ?? report.target.kind)}" name="${xmlAttr(name)}" time="${seconds(r.durationMs)}"`
    switch (r.status) {
      case 'pass':
        return `${open}/>`
      case 'fail':
        return `${open}>\n      <failure message="${xmlAttr(r.verdict)}" type="${xmlAttr(r.actual.code ?? r.actual.outcome)}">${xmlEscape(details)}</failure>\n    </testcase>`
      case 'error':
        return `${open}>\n      <error message="${xmlAttr(r.verdict)}" type="${xmlAttr(r.actual.code ?? 'error')}">${xmlEscape(details)}</error>\n    </testcase>`
      default:
        return `${open}>\n      <skipped message="${xmlAttr(r.verdict)}"/>\n    </testcase>`
    }
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="OAuth Flow Tester scenario lab" tests="${total}" failures="${counts.fail}" errors="${counts.error}" skipped="${counts.skipped}" time="${time}">`,
    `  <testsuite name="${xmlAttr(suite)}" tests="${total}" failures="${counts.fail}" errors="${counts.error}" skipped="${counts.skipped}" time="${time}" timestamp="${new Date(report.startedAt).toISOString().replace(/\.\d+Z$/, '')}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n')
}
