// What a first visit to a page transfers, as Debian's Chromium loads it until hydrated: every
// response by kind, as sent over the wire (compressed) and as decoded. A figure-printing
// benchmark, not a test. Uses the Playwright installed for the end-to-end suite:
//   (cd end2end && npm ci) && node bench/page_weight.mjs http://127.0.0.1:3000 / /san-pham/1 /can-bo
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

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

console.log(`${"page".padEnd(28)} ${"kind".padEnd(6)} ${"files".padStart(5)} ${"wire kB".padStart(9)} ${"decoded kB".padStart(11)}`);
for (const path of paths.length ? paths : ["/"]) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const responses = [];
  page.on("requestfinished", async (request) => {
    const sizes = await request.sizes().catch(() => null);
    const response = await request.response();
    const decoded = response ? (await response.body().catch(() => Buffer.alloc(0))).length : 0;
    if (sizes) responses.push({ kind: kindOf(request.url(), request.resourceType()), wire: sizes.responseBodySize + sizes.responseHeadersSize, decoded });
  });
  await page.goto(base + path);
  await page.locator("main[data-hydrated=true]").waitFor({ state: "attached", timeout: 30_000 });
  await page.waitForLoadState("networkidle");
  const totals = new Map();
  for (const r of responses) {
    const t = totals.get(r.kind) ?? { files: 0, wire: 0, decoded: 0 };
    t.files += 1; t.wire += r.wire; t.decoded += r.decoded;
    totals.set(r.kind, t);
  }
  let all = { files: 0, wire: 0, decoded: 0 };
  for (const [kind, t] of [...totals].sort()) {
    console.log(`${path.padEnd(28)} ${kind.padEnd(6)} ${String(t.files).padStart(5)} ${(t.wire / 1024).toFixed(1).padStart(9)} ${(t.decoded / 1024).toFixed(1).padStart(11)}`);
    all = { files: all.files + t.files, wire: all.wire + t.wire, decoded: all.decoded + t.decoded };
  }
  console.log(`${path.padEnd(28)} ${"total".padEnd(6)} ${String(all.files).padStart(5)} ${(all.wire / 1024).toFixed(1).padStart(9)} ${(all.decoded / 1024).toFixed(1).padStart(11)}`);
  await context.close();
}
await browser.close();
