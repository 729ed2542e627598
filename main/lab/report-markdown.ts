import type { LabReport, LabResult } from '../../shared/domain/lab'

const ICON: Record<LabResult['status'], string> = { pass: '✅ pass', fail: '❌ fail', error: '⚠️ error', skipped: '➖ skipped', pending: '… pending', running: '… running' }

/** Table cells: no pipes or line breaks inside. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ')

/** Which servers the scenarios ran against: one, or each scenario's own embedded one. */
const kindsOf = (report: LabReport): string[] => {
  const kinds = new Set(report.results.map((r) => r.target).filter((k) => k !== undefined))
  return kinds.size > 1 ? [...kinds] : [report.target.kind]
}

/** The lab's report as Markdown: a summary, the expected-against-actual table, then each failure's diagnosis. */
export function toMarkdown(report: LabReport): string {
  const { counts, target } = report
  const when = new Date(report.startedAt).toISOString()
  const lines = [
    '# Scenario lab report',
    '',
    `- Target: **${target.profileName}** (${target.environment}, ${kindsOf(report).join(' and ')})`,
    `- Run at: ${when}`,
    `- Result: ${counts.pass} passed, ${counts.fail} failed, ${counts.error} errors, ${counts.skipped} skipped`,
    '',
    '| Scenario | Expected | Actual | Result | Verdict |',
    '|---|---|---|---|---|',
    ...report.results.map((r) => {
      const actual = r.actual.outcome === 'diagnosis' ? `\`${r.actual.code ?? ''}\`${r.actual.cause ? ` / \`${r.actual.cause}\`` : ''}` : r.actual.outcome
      const expected = `\`${r.expected.code}\`${r.expected.cause ? ` / \`${r.expected.cause}\`` : ''}`
      return `| ${cell(r.title)} (\`${r.scenarioId}\`) | ${expected} | ${actual} | ${ICON[r.status]} | ${cell(r.verdict)} |`
    }),
  ]
  const notPassed = report.results.filter((r) => r.status === 'fail' || r.status === 'error')
  for (const r of notPassed) {
    lines.push('', `## ${r.title} (${r.status})`, '', r.verdict)
    if (r.diagnosis) {
      lines.push('', `**${r.diagnosis.title}** (\`${r.diagnosis.code}\`): ${r.diagnosis.summary}`, '')
      for (const c of r.diagnosis.causes.filter((c) => c.likelihood !== 'possible')) {
        lines.push(`- *${c.likelihood}*: ${c.text}`)
        for (const e of c.evidence) lines.push(`  - ${e.label}: \`${e.value.replace(/`/g, "'")}\``)
      }
    }
  }
  lines.push('')
  return lines.join('\n')
}
