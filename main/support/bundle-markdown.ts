import type { RunRecord } from '../history/run-record'
import type { HostFacts } from './host-facts'
import type { TimelineEntry } from './support-bundle'
import { clientKeyOf } from './ticket-summary'

/** The bundle for people: what a support desk reads first. The JSON file has the same and the HAR. */
export function bundleMarkdown(record: RunRecord, host: HostFacts, summary: string, timeline: TimelineEntry[], generatedAt: number): string {
  const { run, profile } = record
  const v = host.system.versions
  const out: string[] = [
    `# Support bundle: ${profile.name} (${profile.environment})`,
    '',
    summary,
    '',
    '## Environment',
    '',
    table(
      ['', ''],
      [
        ['App', `${host.app.name} ${host.app.version} (${host.app.host === 'web' ? 'web host' : 'desktop app'})`],
        ['Operating system', host.system.os],
        ['Electron', v.electron || 'not used (web host)'],
        ['Chromium', v.chrome || (host.system.browser ? `the browser: ${host.system.browser}` : 'not reported')],
        ['Node.js', v.node ?? ''],
        ['Bundle made', utc(generatedAt)],
      ],
    ),
    '',
    '## Profile (no secrets)',
    '',
    table(
      ['', ''],
      [
        ['Environment', profile.environment + (profile.region ? `, ${profile.region} region` : '')],
        ['Flow', profile.flow],
        ['Server', profile.embedded ? `embedded ${profile.embedded}` : (record.resolved.issuer ?? profile.issuer ?? profile.apiBaseUrl ?? 'endpoints typed in')],
        ...Object.entries(record.resolved.endpoints).map(([k, url]) => [`Endpoint ${k}`, url ?? '']),
        ['Client key', clientKeyOf(record)],
        ['Client authentication', profile.clientAuth],
        ...Object.entries(profile.secrets).map(([name, state]) => [`Secret ${name}`, state === 'set' ? 'set (not included)' : 'not set']),
        ['Scopes requested', profile.scopes],
        ['Scopes granted', run.tokens ? (run.tokens.scope ?? 'as requested') : 'no tokens'],
        ['Way back', `${run.captureMethod}${run.redirectUri ? `, ${run.redirectUri}` : ''}`],
      ],
    ),
    '',
    '## Timeline (UTC)',
    '',
    table(['Time (UTC)', 'What', 'Detail'], timeline.map((e) => [e.at.replace('T', ' ').replace('Z', ''), e.kind, e.text])),
    '',
    '## Diagnoses',
    '',
  ]
  if (run.diagnoses.length === 0) out.push('None: nothing went wrong that the tester could explain.', '')
  for (const d of run.diagnoses) {
    out.push(`### ${d.title} (\`${d.code}\`)`, '', d.summary, '')
    for (const c of d.causes) {
      out.push(`- **${c.likelihood}**: ${c.text}`)
      for (const e of c.evidence) out.push(`  - ${e.label}: \`${e.value.replace(/`/g, "'")}\``)
    }
    if (d.fixes.length) out.push('', 'What to do:', ...d.fixes.map((f) => `- ${f}`))
    out.push('')
  }
  out.push(
    '## HTTP exchanges',
    '',
    table(
      ['Time (UTC)', 'Step', 'Request', 'Answer', 'Time'],
      record.exchanges.map((ex) => [
        new Date(ex.startedAt).toISOString().slice(11, 23),
        ex.step,
        `${ex.request.method} ${ex.request.url}`,
        ex.response ? `${ex.response.status} ${ex.response.statusText}`.trim() : `no answer (${ex.error?.message ?? 'error'})`,
        `${Math.round(ex.durationMs)} ms`,
      ]),
    ),
    '',
    'The JSON file of this bundle carries every request and response in full as HAR 1.2 (`har`), with secrets removed and tokens and codes masked.',
    '',
  )
  return out.join('\n')
}

const utc = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')

function table(head: string[], rows: string[][]): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ')
  if (rows.length === 0) return '_none_'
  return [`| ${head.map(cell).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n')
}
