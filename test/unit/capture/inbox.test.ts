import { describe, expect, it } from 'vitest'
import type { DeliveryResult } from '../../../shared/contract/calls'
import type { Delivery } from '../../../main/capture/delivery'
import { RedirectInbox, tidy } from '../../../main/capture/inbox'
import { FakeClock } from '../../support/fake-clock'

function inbox(answer: (d: Delivery) => DeliveryResult | Promise<DeliveryResult>) {
  const routed: Delivery[] = []
  const notices: { level: string; message: string; runId?: string }[] = []
  const box = new RedirectInbox({
    clock: new FakeClock(),
    route: async (d) => {
      routed.push(d)
      return answer(d)
    },
    notice: (level, message, runId) => notices.push({ level, message, ...(runId !== undefined && { runId }) }),
  })
  return { box, routed, notices }
}

const LINK = 'dev.oauthflowtester:/callback?code=a&state=s'

describe('RedirectInbox (the one inbox every way back feeds)', () => {
  it('hands a tidied redirect with its method and run to the engine', async () => {
    const { box, routed } = inbox(() => ({ outcome: 'accepted', runId: 'r1', message: 'ok' }))
    await box.deliver({ url: `  "${LINK}"\n`, method: 'paste', runId: 'r1' })
    expect(routed).toEqual([{ url: LINK, method: 'paste', runId: 'r1' }])
  })

  it('turns a command line into a deep-link delivery, and ignores one without a link', async () => {
    const { box, routed } = inbox(() => ({ outcome: 'accepted', message: 'ok' }))
    expect(box.deliverArgv(['oft', '--no-sandbox'])).toBeUndefined()
    await box.deliverArgv(['oft.exe', '--', LINK])
    expect(routed).toEqual([{ url: LINK, method: 'deep-link' }])
  })

  it('refuses a deep link of another scheme and what is not text, without asking the engine', async () => {
    const { box, routed } = inbox(() => ({ outcome: 'accepted', message: 'ok' }))
    const other = await box.deliver({ url: 'https://evil.example/callback?code=a&state=s', method: 'deep-link' })
    expect(other).toMatchObject({ outcome: 'rejected', diagnosis: { code: 'callback.malformed' } })
    expect(other.message).toContain('dev.oauthflowtester:')
    expect(await box.deliver({ url: 42, method: 'paste' })).toMatchObject({ outcome: 'rejected', message: 'The redirect must be text.' })
    expect(routed).toEqual([])
  })

  it('tells the user about refused or duplicate deep links, not about pastes (the form shows those)', async () => {
    const { box, notices } = inbox((d) => (d.url.includes('dup') ? { outcome: 'duplicate', runId: 'r', message: 'dup ignored' } : { outcome: 'rejected', message: 'not ours' }))
    await box.deliver({ url: `${LINK}&dup=1`, method: 'deep-link' })
    await box.deliver({ url: LINK, method: 'auth-window' })
    await box.deliver({ url: LINK, method: 'paste' })
    expect(notices).toEqual([
      { level: 'info', message: 'dup ignored', runId: 'r' },
      { level: 'warning', message: 'not ours' },
    ])
  })

  it('answers with an internal-error diagnosis if the engine throws', async () => {
    const { box } = inbox(() => {
      throw new Error('boom')
    })
    expect(await box.deliver({ url: LINK, method: 'deep-link' })).toMatchObject({ outcome: 'rejected', diagnosis: { code: 'internal.error' } })
  })

  it('tidy takes off one matching pair of quotes or brackets and surrounding space', () => {
    expect(tidy(' <http://a/cb?code=1> ')).toBe('http://a/cb?code=1')
    expect(tidy("'x'")).toBe('x')
    expect(tidy('"x')).toBe('"x')
    expect(tidy('`x`')).toBe('x')
  })
})
