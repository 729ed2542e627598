// `npm run icons`: renders build/icon.svg into the PNGs the installers use, with the machine's
// own Chromium (nothing is downloaded). Each size is rendered from the SVG, not scaled down from
// a big PNG, so small icons stay sharp. The results are committed; run this after changing the SVG.
//   build/icon.png            1024×1024: electron-builder makes the macOS .icns and Windows .ico from it
//   build/icons/<N>x<N>.png   16…512: the Linux icon set (hicolor theme sizes)
import { mkdirSync, readFileSync } from 'node:fs'
import { chromium } from '@playwright/test'

const root = new URL('..', import.meta.url).pathname
const svg = readFileSync(`${root}build/icon.svg`, 'utf8')
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
})
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 })
  const render = async (size, file) => {
    await page.setViewportSize({ width: size, height: size })
    const data = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent"><img src="${data}" width="${size}" height="${size}" style="display:block"></body></html>`)
    await page.locator('img').evaluate((img) => img.decode())
    await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } })
    console.log(`${file.slice(root.length)}  ${size}×${size}`)
  }
  mkdirSync(`${root}build/icons`, { recursive: true })
  await render(1024, `${root}build/icon.png`)
  for (const size of LINUX_SIZES) await render(size, `${root}build/icons/${size}x${size}.png`)
} finally {
  await browser.close()
}
