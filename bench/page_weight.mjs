// What a first visit to a page transfers, as Debian's Chromium loads it until hydrated: every
// response by kind, as sent over the wire, and its body raw, gzipped (level 9) and brotli
// (quality 11) for comparison. A figure-printing benchmark, not a test. Uses the Playwright installed for the end-to-end suite:
//   (cd end2end && npm ci) && node bench/page_weight.mjs http://127.0.0.1:3000 / /san-pham/1 /can-bo
// A signed-in page: SESSION=<the ocop_session cookie's value> (from the sign_in function's answer).
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), "../end2end/package.json"));
const { chromium } = require("@playwright/test");

const [base = "http://127.0.0.1:3000", ...paths] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
});

const kindOf = (url, type) => {
  if (url.endsWith(".wasm")) return "wasm";
  if (url.endsWith(".js")) return "js";
  if (url.endsWith(".css")) return "css";
  if (type === "document") return "html";
  return "other";
};

const columns = ["files", "wire kB", "raw kB", "gzip kB", "brotli kB"];
console.log(`${"page".padEnd(28)} ${"kind".padEnd(6)} ${columns.map((c, i) => c.padStart(i ? 10 : 5)).join(" ")}`);
const kB = (n) => (n / 1024).toFixed(1).padStart(10);
const line = (path, kind, t) =>
  console.log(`${path.padEnd(28)} ${kind.padEnd(6)} ${String(t.files).padStart(5)} ${kB(t.wire)} ${kB(t.decoded)} ${kB(t.gzip)} ${kB(t.brotli)}`);
for (const path of paths.length ? paths : ["/"]) {
  const context = await browser.newContext();
  if (process.env.SESSION) await context.addCookies([{ name: "ocop_session", value: process.env.SESSION, url: base }]);
  const page = await context.newPage();
  const responses = [];
  let lastRequest = Date.now();
  page.on("request", () => { lastRequest = Date.now(); });
  const pending = [];
  page.on("requestfinished", (request) => pending.push((async () => {
    const sizes = await request.sizes().catch(() => null);
    const response = await request.response();
    const body = response ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
    const gzip = gzipSync(body, { level: 9 }).length;
    const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    if (sizes) responses.push({ kind: kindOf(request.url(), request.resourceType()), wire: sizes.responseBodySize + sizes.responseHeadersSize, decoded: body.length, gzip, brotli });
  })()));
  await page.goto(base + path);
  await page.locator("main[data-hydrated=true]").waitFor({ state: "attached", timeout: 30_000 });
  // A lazy screen's chunks are fetched after its first module compiles, which can leave the
  // network quiet for a while: count until nothing has been asked for two seconds (at most 30).
  const deadline = Date.now() + 30_000;
  while (Date.now() - lastRequest < 2_000 && Date.now() < deadline) await page.waitForTimeout(250);
  await Promise.all(pending);
  const add = (a, r) => ({ files: a.files + 1, wire: a.wire + r.wire, decoded: a.decoded + r.decoded, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli });
  const zero = { files: 0, wire: 0, decoded: 0, gzip: 0, brotli: 0 };
  const totals = new Map();
  for (const r of responses) totals.set(r.kind, add(totals.get(r.kind) ?? zero, r));
  for (const [kind, t] of [...totals].sort()) line(path, kind, t);
  line(path, "total", responses.reduce(add, zero));
  await context.close();
}
await browser.close();
