import type { RunningHost } from './fixtures'

/** A contract call straight to the web host (setup a test does not need to click through). */
export async function callHost<T>(host: RunningHost, name: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${host.port}/api/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  const answer = (await res.json()) as { ok: true; value: T } | { ok: false; error: { message: string } }
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`)
  return answer.value
}
