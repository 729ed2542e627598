/**
 * Walks the vendor simulator's hosted pages over HTTP the way a browser does (GET the page,
 * post its forms, follow 30x) and returns where the browser is sent at the end. No mock: the
 * same pages a tester clicks through.
 */
export interface HostedWalk {
  email: string
  password: string
  /** Reads the SMS code (the simulator shows it); called when the OTP page appears. */
  otp?: () => string | undefined
  decision?: 'allow' | 'deny'
}

export interface HostedResult {
  /** The redirect out of the hosted UI (the client's redirect URI), if it got there. */
  redirect?: string
  /** Every page the walk saw, in order (HTML). */
  pages: { status: number; html: string }[]
}

export async function walkHostedUi(url: string, walk: HostedWalk): Promise<HostedResult> {
  const origin = new URL(url).origin
  const pages: HostedResult['pages'] = []
  let res = await fetch(url, { redirect: 'manual' })
  for (let step = 0; step < 10; step++) {
    if (res.status === 302 || res.status === 303) {
      const location = new URL(res.headers.get('location') ?? '', url).toString()
      await res.arrayBuffer()
      if (!location.startsWith(origin)) return { redirect: location, pages }
      res = await fetch(location, { redirect: 'manual' })
      continue
    }
    const html = await res.text()
    pages.push({ status: res.status, html })
    const flow = /name="flow" value="([^"]+)"/.exec(html)?.[1]
    if (!flow) return { pages }
    const post = (path: string, fields: Record<string, string>) =>
      fetch(`${origin}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ flow, ...fields }).toString(),
      })
    if (html.includes('action="/hosted/login"')) {
      if (pages.filter((p) => p.html.includes('action="/hosted/login"')).length > 1) return { pages }
      res = await post('/hosted/login', { email: walk.email, password: walk.password })
    } else if (html.includes('action="/hosted/otp"')) {
      const code = walk.otp?.()
      if (code === undefined || pages.filter((p) => p.html.includes('action="/hosted/otp"')).length > 1) return { pages }
      res = await post('/hosted/otp', { otpCode: code })
    } else if (html.includes('action="/hosted/consent"')) {
      res = await post('/hosted/consent', { decision: walk.decision ?? 'allow' })
    } else return { pages }
  }
  throw new Error('Too many steps in the hosted UI.')
}
