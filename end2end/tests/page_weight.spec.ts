import { expect, test } from "@playwright/test";
import { brotliCompressSync, constants } from "node:zlib";

// A farmer's first visit on a cheap phone and a slow line: the catalog, everything it loads
// until it answers a tap, stays within 300 KB once compressed. Counted in bytes, each body
// brotli-compressed here at the level the release serves, so the figure does not depend on the
// machine or the hour (bench/page_weight.mjs prints the same figures by kind).
const BUDGET_KB = 300;

test("the catalog's first load stays within its 300 KB budget", async ({ page, javaScriptEnabled }) => {
  const bodies: Promise<number>[] = [];
  let lastRequest = Date.now();
  // Requests asked for and not yet finished or failed: their bodies are still to be counted.
  let pending = 0;
  page.on("request", () => {
    lastRequest = Date.now();
    pending += 1;
  });
  page.on("requestfailed", () => {
    pending -= 1;
  });
  page.on("requestfinished", (request) => {
    pending -= 1;
    bodies.push(
      (async () => {
        const response = await request.response();
        const body = response ? await response.body() : Buffer.alloc(0);
        return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      })(),
    );
  });
  await page.goto("/");
  if (javaScriptEnabled) {
    await expect(page.locator("main[data-hydrated=true]")).toBeAttached({ timeout: 30_000 });
  }
  // A split screen's modules are asked for after the first one compiles: count until nothing
  // has been asked for two seconds and every request has ended (a bound, not a speed target).
  // A body still arriving when its reading is no longer awaited failed the test once.
  const deadline = Date.now() + 30_000;
  while ((pending > 0 || Date.now() - lastRequest < 2_000) && Date.now() < deadline) await page.waitForTimeout(250);
  const sizes = await Promise.all(bodies);
  const kb = sizes.reduce((sum, size) => sum + size, 0) / 1024;
  console.log(`the catalog's first load (${javaScriptEnabled ? "hydrated" : "without JavaScript"}): ${kb.toFixed(1)} KB brotli in ${sizes.length} files`);
  expect(kb, `the catalog's first load is ${kb.toFixed(1)} KB brotli in ${sizes.length} files`).toBeLessThanOrEqual(BUDGET_KB);
  // A file that did not arrive would make the figure small for the wrong reason.
  expect(sizes.length).toBeGreaterThan(javaScriptEnabled ? 3 : 0);
});
