import type { Page } from '@playwright/test'

/**
 * Catches the authorization server's redirect to the client before the browser follows it,
 * as the OS would for a custom scheme. Playwright's `route` only sees the first URL of a
 * redirect chain, so this listens at the response stage through the DevTools protocol.
 */
export async function catchRedirect(page: Page, matches: (location: string) => boolean): Promise<() => Promise<string>> {
  const cdp = await page.context().newCDPSession(page)
  let resolve!: (url: string) => void
  const caught = new Promise<string>((r) => (resolve = r))
  cdp.on('Fetch.requestPaused', (event: { requestId: string; responseStatusCode?: number; responseHeaders?: { name: string; value: string }[] }) => {
    const location = event.responseHeaders?.find((h) => h.name.toLowerCase() === 'location')?.value
    const status = event.responseStatusCode ?? 0
    if (status >= 300 && status < 400 && location !== undefined && matches(location)) {
      void cdp
        .send('Fetch.fulfillRequest', {
          requestId: event.requestId,
          responseCode: 200,
          responseHeaders: [{ name: 'content-type', value: 'text/html' }],
          body: Buffer.from('<p id="caught">Redirect caught by the test.</p>').toString('base64'),
        })
        // One redirect is all we want: stop intercepting so the page closes cleanly.
        .then(() => cdp.send('Fetch.disable'))
        .then(() => cdp.detach())
        .catch(() => undefined)
        .finally(() => resolve(location))
    } else {
      // Once the one redirect is caught, interception stops; a request paused just before may find it gone.
      void cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined)
    }
  })
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Response' }] })
  return () => caught
}
