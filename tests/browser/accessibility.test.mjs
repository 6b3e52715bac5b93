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

/** Runs axe on the page as it is; returns its violations, one line each. */
async function audit(page) {
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
]) {
  test(`${name} passes the WCAG 2.1 AA audit`, async () => {
    const { page } = browser;
    await page.goto(`${server.url}#${scenario}`);
    await page.getByRole("region", { name: "Process tree" }).waitFor();
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
