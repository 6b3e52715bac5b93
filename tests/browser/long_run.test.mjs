// A run of 1,000,000 steps (an endless loop under the highest step limit a link allows) is
// recorded a slice at a time: the page shows how far it has got, its controls work on the
// steps already recorded, "Cancel recording" keeps those steps, and a run left alone ends
// with every step there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { servePage, server, browser, shoot } from "./harness.mjs";

let link;
let linkToStep;

servePage(async () => {
  const dir = mkdtempSync(join(tmpdir(), "proclab-long-"));
  const file = join(dir, "forever.c");
  writeFileSync(file, "int main(void) {\n    long n = 0;\n    for (;;) {\n        n++;\n    }\n}\n");
  const linkTo = (...extra) =>
    execFileSync(
      "cargo",
      ["run", "--quiet", "--bin", "proclab-cli", "--", "link", file, "--max-steps", "1000000", "--base", server.url, ...extra],
      { encoding: "utf8" },
    ).trim();
  link = linkTo();
  linkToStep = linkTo("--step", "999999");
});

/** The "of M" of the step counter. */
async function lastStep(page) {
  const text = await page.locator(".step-counter").innerText();
  return Number(text.replace(/,/g, "").match(/of (\d+)/)[1]);
}

test("a long run shows its progress, answers the controls while recording, and can be cancelled", async () => {
  const { page, errors } = browser;
  // Slowed down (500 steps a frame), so the recording is still going whatever the machine.
  await page.goto(`${link}&selftest=slow-recording`);
  const progress = page.getByRole("region", { name: "Recording" });
  await progress.waitFor();
  const bar = progress.getByRole("progressbar");
  assert.equal(await bar.getAttribute("max"), "1000000");
  const first = Number(await bar.getAttribute("value"));
  assert.ok(first > 0 && first < 1_000_000, `recorded ${first} before the first frame`);
  await page.getByRole("button", { name: "Step forward" }).click();
  await page.waitForFunction(() => !/^step 0 /.test(document.querySelector(".step-counter").textContent));
  await page.waitForFunction(
    (before) => Number(document.querySelector(".recording progress")?.value) > before,
    first,
  );
  await shoot(page, "20-long-run-recording");
  await page.getByRole("button", { name: "Cancel recording" }).click();
  await progress.waitFor({ state: "detached" });
  const kept = await lastStep(page);
  assert.ok(kept > first && kept < 1_000_000, `kept ${kept} steps`);
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("Recording was cancelled here").waitFor();
  assert.deepEqual(errors, []);
});

test("a long run left alone records every step and opens at the step its link names", async () => {
  const { page, errors } = browser;
  await page.goto("about:blank");
  await page.goto(linkToStep);
  await page.waitForFunction(() => /of 1,?000,?000/.test(document.querySelector(".step-counter")?.textContent), null, {
    timeout: 120_000,
  });
  assert.equal(await page.getByRole("region", { name: "Recording" }).count(), 0);
  assert.match(await page.locator(".step-counter").innerText(), /^step 999,?999 /);
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("step limit").waitFor();
  await shoot(page, "21-long-run-recorded");
  assert.deepEqual(errors, []);
});

test("a panic while a run records shows the error panel with a link that reopens that scenario", async () => {
  const page = await browser.page.context().newPage();
  await page.goto(`${link}&selftest=panic-recording`);
  const panel = page.locator("#fatal-error");
  await panel.waitFor();
  assert.match(await panel.innerText(), /a deliberate panic while recording/);
  const again = page.getByRole("link", { name: "this scenario's link" });
  const href = await again.getAttribute("href");
  const scenario = new URL(link).hash.match(/s=[^&]+/)[0];
  assert.ok(href.includes(scenario), `${href} names the scenario`);
  assert.doesNotMatch(href, /selftest/);
  await page.getByRole("button", { name: "Copy error report" }).click();
  assert.match(await page.evaluate(() => window.__proclabErrorReport), new RegExp(`scenario: .*${scenario}`));
  await shoot(page, "18-panic-panel-with-link");
  await page.goto("about:blank");
  await page.goto(`${server.url}${href}`);
  await page.getByRole("region", { name: "Process tree" }).waitFor();
  assert.match(await page.getByLabel("Scenario", { exact: true }).innerText(), /forever\.c/);
  await page.close();
});
