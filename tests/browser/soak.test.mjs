// A soak test: every built-in scenario, four rounds over, played for a moment at 8×, run
// to its end and stepped back to its start; no console error may appear, and neither the
// JavaScript heap nor the wasm memory may keep growing from one round to the next. Wasm
// memory grows in 64 KiB pages and never shrinks, so a round whose playback happens to peak
// higher may add a few pages once; a leak adds to every round, so the test allows 1 MiB over
// the last two rounds together.
import { test } from "node:test";
import assert from "node:assert/strict";
import { servePage, server, browser } from "./harness.mjs";

servePage(async () => {
  await browser.page.addInitScript(() =>
    addEventListener("TrunkApplicationStarted", (e) => (window.__wasmMemory = e.detail.wasm.memory)),
  );
});

test("every built-in scenario, four times over, without errors or growing memory", { timeout: 600_000 }, async () => {
  const { page } = browser;
  await page.goto(`${server.url}#scenario=0&step=0`);
  await page.getByRole("region", { name: "Process tree" }).waitFor();
  await page.getByLabel("Speed").selectOption({ label: "8×" });
  const scenarios = await page.getByLabel("Scenario", { exact: true }).locator("option").count();
  const rounds = [];
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < scenarios; i++) {
      await page.getByLabel("Scenario", { exact: true }).selectOption({ index: i });
      await page.locator(".step-counter", { hasText: /^step 0 of/ }).waitFor();
      await page.getByRole("button", { name: "Play" }).click();
      await page.waitForTimeout(300);
      await page.getByRole("button", { name: "Go to end" }).click();
      await page.locator(".step-counter", { hasText: /^step (\d+) of \1\b/ }).waitFor();
      await page.getByRole("button", { name: "Reset" }).click();
    }
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.detach();
    rounds.push(
      await page.evaluate(() => ({
        js: performance.memory.usedJSHeapSize,
        wasm: window.__wasmMemory.buffer.byteLength,
      })),
    );
  }
  console.log(`memory after each round: ${JSON.stringify(rounds)}`);
  const wasmGrowth = rounds[3].wasm - rounds[1].wasm;
  assert.ok(wasmGrowth <= 1 << 20, `the wasm memory grew by ${wasmGrowth} bytes over the last two rounds`);
  assert.ok(rounds[3].js <= rounds[1].js * 1.25, "the JavaScript heap stays level");
  assert.deepEqual(browser.errors, []);
});
