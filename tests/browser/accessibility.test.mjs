// An accessibility audit of the page with axe-core (WCAG 2 A and AA rules, colour contrast
// included), at a step where every kind of view has content, at the projector's 1280×720.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { servePage, server, browser } from "./harness.mjs";

let axeSource;

servePage(async () => {
  axeSource = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
});

/** Runs axe on the page once its step's animations (a new region fading in) are over;
 * returns its violations, one line each. */
async function audit(page) {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
  // Evaluated through the test tool, so the page's Content-Security-Policy does not apply.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`,
    );
  });
  return violations;
}

for (const [name, scenario] of [
  ["the fork/exec/wait example after the fork", "scenario=0&step=300"],
  ["the shell scenario with pipes and files", "scenario=10&step=9000"],
  ["copy-on-write in Presenter mode's Memory layout", "scenario=copy-on-write&step=24&present=1"],
  ["the fork/exec/wait example with every view", "scenario=0&step=300&layout=everything"],
]) {
  test(`${name} passes the WCAG 2.1 AA audit`, async () => {
    const { page } = browser;
    await page.goto(`${server.url}#${scenario}`);
    await page.getByRole("navigation", { name: "Stepping controls" }).waitFor();
    const violations = await audit(page);
    assert.deepEqual(violations, []);
  });
}

test("the editor, open with its coloured source, passes the WCAG 2.1 AA audit", async () => {
  const { page } = browser;
  await page.goto(`${server.url}#scenario=0&step=0`);
  await page.getByRole("region", { name: "Process tree" }).waitFor();
  await page.getByRole("group", { name: "Panels" }).getByRole("button", { name: "Program" }).click();
  await page.locator(".code-stack .hl-keyword").first().waitFor();
  assert.deepEqual(await audit(page), []);
});

test("no console error appeared", () => {
  assert.deepEqual(browser.errors, []);
});
