import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { buildSupportBundle, fileBase } from '../../../main/support/support-bundle'
import { hostFacts } from '../../../main/support/host-facts'
import { makeRecord } from '../../support/run-records'

const validate = createRequire(import.meta.url)('har-validator') as { har(data: unknown): Promise<unknown> }
const SECRET = 'vault-secret-value-0042'
const host = hostFacts({ name: 'OAuth Flow Tester', version: '1.2.3', host: 'electron' }, { electron: '45.4.1', chrome: '142.0.1', node: '22.1.0' })

function failedRecord() {
  const record = makeRecord({
    environment: 'production',
    status: 'failed',
    diagnoses: [
      {
        id: 'd1',
        code: 'token.invalid_client',
        title: 'Client authentication failed',
        // A server that echoes a secret back must not carry it into the bundle.
        summary: `The token endpoint refused the client (it echoed ${SECRET}).`,
        causes: [{ id: 'c', text: 'Wrong secret.', likelihood: 'likely', evidence: [{ label: 'status', value: '401' }] }],
        fixes: ['Enter the production secret.'],
        stepKind: 'token',
        at: Date.UTC(2026, 2, 4, 10, 11, 13),
      },
    ],
  })
  record.profile = { ...record.profile, name: 'Acme production', clientAuth: 'headers', clientHeaders: { 'x-client-key': 'ck-acme-prod' }, secretHeaders: ['x-secret-key'], secrets: { 'x-secret-key': 'set' } }
  return record
}

describe('support bundle', () => {
  it('a summary ready for a ticket: environment, UTC time, what failed, error codes, the client key and never the secret', () => {
    const bundle = buildSupportBundle(failedRecord(), host, Date.UTC(2026, 2, 4, 12), [SECRET])
    expect(bundle.summary).toContain('On 2026-03-04 at 10:11:12 UTC, an OAuth 2.0 authorization-code + PKCE flow in the production environment')
    expect(bundle.summary).toContain('failed at “Exchange the code for tokens”: Client authentication failed (token.invalid_client)')
    expect(bundle.summary).toContain('Error codes: HTTP 401, invalid_client, token.invalid_client.')
    expect(bundle.summary).toContain('Client key: ck-acme-prod (client authentication headers; no secret is included)')
    expect(bundle.summary).toContain('OAuth Flow Tester 1.2.3, desktop app on')
    for (const text of [bundle.summary, bundle.json.text, bundle.markdown.text]) expect(text).not.toContain(SECRET)
    expect(bundle.markdown.text.startsWith(`# Support bundle: Acme production (production)\n\n${bundle.summary}\n`)).toBe(true)
  })

  it('the JSON carries versions, the profile without secrets, the UTC timeline, the diagnoses and a valid HAR', async () => {
    const bundle = buildSupportBundle(failedRecord(), host, Date.UTC(2026, 2, 4, 12), [SECRET])
    expect(bundle.json.fileName).toBe(`${fileBase('Acme production', Date.UTC(2026, 2, 4, 12))}.json`)
    expect(bundle.json.fileName).toBe('oauth-flow-tester-support-acme-production-20260304T120000Z.json')
    expect(bundle.markdown.fileName).toBe('oauth-flow-tester-support-acme-production-20260304T120000Z.md')
    const doc = JSON.parse(bundle.json.text)
    expect(doc).toMatchObject({
      format: 'oauth-flow-tester-support-bundle',
      generatedAt: '2026-03-04T12:00:00.000Z',
      app: { version: '1.2.3', host: 'electron' },
      system: { versions: { electron: '45.4.1', chrome: '142.0.1', node: '22.1.0' } },
      run: { status: 'failed', startedAt: '2026-03-04T10:11:12.000Z', errorCodes: ['HTTP 401', 'invalid_client', 'token.invalid_client'] },
      profile: { clientKey: 'ck-acme-prod', secrets: { 'x-secret-key': 'set' }, environment: 'production' },
      diagnoses: [{ code: 'token.invalid_client', at: '2026-03-04T10:11:13.000Z' }],
    })
    expect(doc.timeline.map((e: { at: string }) => e.at)).toEqual([...doc.timeline.map((e: { at: string }) => e.at)].sort())
    expect(doc.timeline.every((e: { at: string }) => e.at.endsWith('Z'))).toBe(true)
    await expect(validate.har(doc.har)).resolves.toBeTruthy()
    expect(doc.har.log.entries).toHaveLength(2)
  })

  it('the Markdown has the environment, the timeline and the diagnoses as a support desk reads them', () => {
    const md = buildSupportBundle(failedRecord(), host, Date.UTC(2026, 2, 4, 12), []).markdown.text
    expect(md).toContain('| Electron | 45.4.1 |')
    expect(md).toContain('| Chromium | 142.0.1 |')
    expect(md).toContain('| Secret x-secret-key | set (not included) |')
    expect(md).toContain('| Client key | ck-acme-prod |')
    expect(md).toContain('## Timeline (UTC)')
    expect(md).toContain('| 2026-03-04 10:11:12.000 | step | Run started (Acme sandbox, production) |')
    expect(md).toContain('### Client authentication failed (`token.invalid_client`)')
    expect(md).toContain('- **likely**: Wrong secret.')
  })

  it('names the browser of the web host when the page says which it is', () => {
    const web = hostFacts({ name: 'OAuth Flow Tester', version: '1', host: 'web' }, { node: '20.0.0' }, 'Mozilla/5.0 Chrome/142')
    const md = buildSupportBundle(makeRecord(), web, 0, []).markdown.text
    expect(md).toContain('| Electron | not used (web host) |')
    expect(md).toContain('| Chromium | the browser: Mozilla/5.0 Chrome/142 |')
  })
})
