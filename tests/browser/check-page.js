// Opens a page in Chromium as a person with the given browser language would, and prints what they meet there as JSON:
// the HTTP status, the document's language and title, the accessibility tree of the page (Playwright's ARIA snapshot),
// each image with its accessible name and whether it loaded, and every script error, console error or failed request.
//
//   node check-page.js <url> <locale, e.g. pt-BR> [screenshot.png]
//
// Chromium is Debian's (/usr/bin/chromium) unless CHROMIUM names another.
"use strict";

const { chromium } = require("playwright-core");

async function main() {
    const [url, locale, screenshot] = process.argv.slice(2);
    if (!url || !locale) throw new Error("usage: node check-page.js <url> <locale> [screenshot.png]");
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox"] });
    try {
        const context = await browser.newContext({ locale, viewport: { width: 1000, height: 900 } });
        const page = await context.newPage();
        const problems = [];
        page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
        page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
        page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
        page.on("response", (r) => { if (r.status() >= 400 && r.url() !== url) problems.push(`HTTP ${r.status()}: ${r.url()}`); });

        const response = await page.goto(url, { waitUntil: "load" });
        const images = await page.locator("img").evaluateAll((all) => all.map((i) => ({ alt: i.alt, loaded: i.complete && i.naturalWidth > 0, width: i.naturalWidth, height: i.naturalHeight })));
        const result = {
            status: response ? response.status() : 0,
            lang: await page.evaluate(() => document.documentElement.lang),
            title: await page.title(),
            aria: await page.locator("body").ariaSnapshot(),
            images,
            problems,
        };
        if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
        process.stdout.write(JSON.stringify(result));
    } finally {
        await browser.close();
    }
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
