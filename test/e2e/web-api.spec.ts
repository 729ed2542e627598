import { expect, test } from './fixtures'
import { loginThroughSandbox } from '../support/sandbox-login'

/** The documented way to drive the web host from a script: the launch token, POST calls, SSE. */
test('a script drives a flow through POST /api/startFlow and the event stream', async ({ host }) => {
  const base = `http://127.0.0.1:${host.port}`
  const auth = { authorization: `Bearer ${host.token}` }
  const events = await fetch(`${base}/api/events`, { headers: auth })
  expect(events.status).toBe(200)

  const started = await fetch(`${base}/api/startFlow`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ profileId: 'local-sandbox' }) }).then((r) => r.json() as Promise<{ ok: boolean; value: { id: string; authorizeUrl: string } }>)
  expect(started.ok).toBe(true)
  await loginThroughSandbox(started.value.authorizeUrl, { followFinal: true })

  const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader()
  let text = ''
  const deadline = Date.now() + 10_000
  while (!text.includes('"status":"succeeded"') && Date.now() < deadline) {
    const { value, done } = await reader.read()
    if (done) break
    text += value
  }
  await reader.cancel()
  expect(text).toContain(`"id":"${started.value.id}"`)
  expect(text).toContain('"status":"succeeded"')
  expect(text).toContain('"kind":"access_token"')
})
