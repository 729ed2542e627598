import http from 'node:http'

/**
 * Walks the embedded sandbox's real login and consent pages over HTTP, the way a browser
 * would (cookies, 303s, form posts), and returns the final redirect to the client. No mock:
 * the same pages a tester clicks through in the browser.
 */
export interface LoginOptions {
  login?: string
  password?: string
  /** Click "Deny" on the consent page instead of "Allow". */
  deny?: boolean
  /** Follow the final redirect too (e.g. to hit a loopback listener) and return its body. */
  followFinal?: boolean
}

export interface LoginResult {
  /** The URL the server redirected the browser to at the end (the client's redirect URI). */
  redirect: string
  /** The loopback page's body, when followFinal was set. */
  finalBody?: string
}

/**
 * One GET without connection pooling: each run's loopback listener has its own port, and a
 * pooled client per origin would pile up in this process (the browser does this hop for real).
 */
function getOnce(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve(body))
    })
    req.on('error', reject)
  })
}

export async function loginThroughSandbox(authorizeUrl: string, opts: LoginOptions = {}): Promise<LoginResult> {
  const jar = new Map<string, string>()
  const origin = new URL(authorizeUrl).origin
  let url = authorizeUrl
  let method: 'GET' | 'POST' = 'GET'
  let body: string | undefined

  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(body !== undefined && { body }),
    })
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const eq = pair!.indexOf('=')
      jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1))
    }
    if (res.status >= 300 && res.status < 400) {
      const location = new URL(res.headers.get('location') ?? '', url).toString()
      await res.arrayBuffer()
      if (!location.startsWith(origin)) {
        if (!opts.followFinal) return { redirect: location }
        return { redirect: location, finalBody: await getOnce(location) }
      }
      url = location
      method = 'GET'
      body = undefined
      continue
    }
    const html = await res.text()
    if (res.status !== 200) throw new Error(`Sandbox answered ${res.status} at ${url}: ${html.slice(0, 300)}`)
    const uid = /\/interaction\/([^/"]+)\/(login|confirm)/.exec(html)
    if (!uid) throw new Error(`No login or consent form at ${url}: ${html.slice(0, 300)}`)
    if (uid[2] === 'login') {
      url = `${origin}/interaction/${uid[1]}/login`
      body = new URLSearchParams({ login: opts.login ?? 'alice', password: opts.password ?? 'wonderland' }).toString()
    } else {
      url = `${origin}/interaction/${uid[1]}/${opts.deny ? 'abort' : 'confirm'}`
      body = ''
    }
    method = 'POST'
  }
  throw new Error('Too many redirects in the sandbox login.')
}
