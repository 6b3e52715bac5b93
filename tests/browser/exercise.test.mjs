// Predict, then reveal: an exercise named by its link asks its question; a wrong answer is
// told so; "Reveal the answer" animates the run it is about, which agrees with the answer;
// the right answer is accepted; and the same link gives the same question in a fresh page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { servePage, server, browser, openFresh, shoot } from "./harness.mjs";

servePage();

test("a print-count exercise checks the answer and reveals the run that prints it", async () => {
  const { page } = browser;
  await openFresh(page, server, "#scenario=0&step=0&exercise=count&level=2&seed=5");
  const panel = page.locator("details.exercise");
  const question = await panel.locator(".shown").innerText();
  assert.match(question, /fork\(\)/);
  await panel.getByRole("spinbutton", { name: "Lines printed" }).fill("999");
  await panel.getByRole("button", { name: "Check my answer" }).click();
  assert.match(await panel.getByRole("status").innerText(), /Not quite/);
  await panel.getByRole("button", { name: "Reveal the answer" }).click();
  const revealed = await panel.locator(".revealed").innerText();
  const lines = Number(revealed.match(/Answer: (\d+) lines/)[1]);
  await page.getByRole("region", { name: "Narration" }).getByText("Every process has finished").waitFor();
  const terminal = await page.getByRole("region", { name: "Terminal" }).innerText();
  assert.equal(terminal.split("\n").filter((l) => l.trim() === "hello").length, lines);
  await panel.getByRole("spinbutton", { name: "Lines printed" }).fill(String(lines));
  await panel.getByRole("button", { name: "Check my answer" }).click();
  assert.match(await panel.getByRole("status").innerText(), /Right!/);
  await shoot(page, "40-exercise-count");
  await page.waitForFunction(() => /exercise=count&level=2&seed=5/.test(location.hash));
  const fresh = await browser.page.context().newPage();
  await fresh.goto(await page.evaluate(() => location.href));
  await fresh.locator("details.exercise .shown").waitFor();
  assert.equal(await fresh.locator("details.exercise .shown").innerText(), question);
  await fresh.close();
});

test("a process-tree exercise takes a parent per process and reveals fork.py's final tree", async () => {
  const { page } = browser;
  await openFresh(page, server, "#scenario=0&step=0&exercise=tree&level=1&seed=3");
  const panel = page.locator("details.exercise");
  const selects = panel.locator(".answer-tree select");
  assert.ok((await selects.count()) >= 1);
  await panel.getByRole("button", { name: "Reveal the answer" }).click();
  const revealed = await panel.locator(".revealed").innerText();
  await page.getByRole("region", { name: "Narration" }).getByText("final process tree").waitFor();
  // Answer the way the reveal says, field by field, and it is accepted.
  const names = await panel.locator(".answer-tree label span").allInnerTexts();
  for (const [i, label] of names.entries()) {
    const name = label.replace(/:\s*$/, "");
    const parent = revealed.match(new RegExp(`\\b${name}'s parent is (\\w+)`));
    await selects.nth(i).selectOption(parent ? parent[1] : "exited");
  }
  await panel.getByRole("button", { name: "Check my answer" }).click();
  assert.match(await panel.getByRole("status").innerText(), /Right!/);
});

test("a state exercise reveals the run at the tick it asks about", async () => {
  const { page } = browser;
  await openFresh(page, server, "#scenario=0&step=0&exercise=state&level=2&seed=11");
  const panel = page.locator("details.exercise");
  const tick = Number((await panel.locator(".question").innerText()).match(/end of tick (\d+)/)[1]);
  await panel.getByRole("button", { name: "Reveal the answer" }).click();
  await page.waitForFunction((t) => document.querySelector(".step-counter").textContent.endsWith(`tick ${t}`), tick);
  const state = (await panel.locator(".revealed").innerText()).match(/Answer: (\w+)/)[1];
  await panel.getByRole("combobox", { name: "State" }).selectOption(state);
  await panel.getByRole("button", { name: "Check my answer" }).click();
  assert.match(await panel.getByRole("status").innerText(), /Right!/);
});

/** Ticks each checkbox of the panel whose label the revealed answer says is true. */
async function tickAsRevealed(panel, truth) {
  const boxes = panel.locator(".answer-marks label");
  for (let i = 0; i < (await boxes.count()); i++) {
    const label = (await boxes.nth(i).innerText()).trim();
    if (truth(label, i)) await boxes.nth(i).locator("input").check();
  }
}

test("a possible-orders exercise: the printed output is among those the answer allows", async () => {
  const { page } = browser;
  await openFresh(page, server, "#scenario=0&step=0&exercise=orders&level=3&seed=2");
  const panel = page.locator("details.exercise");
  const shown = await panel.locator(".shown").innerText();
  await panel.getByRole("button", { name: "Reveal the answer" }).click();
  const revealed = await panel.locator(".revealed").innerText();
  await page.getByRole("region", { name: "Narration" }).getByText("Every process has finished").waitFor();
  const printed = (await page.getByRole("region", { name: "Terminal" }).innerText()).split("\n").filter((l) => l.trim()).join(" / ");
  const candidates = [...shown.matchAll(/^output (\d+): (.*)$/gm)];
  for (const [, n, text] of candidates) {
    if (text.trim() === printed.trim()) assert.match(revealed, new RegExp(`output ${n} can happen`));
  }
  await tickAsRevealed(panel, (_, i) => new RegExp(`output ${i + 1} can happen`).test(revealed));
  await panel.getByRole("button", { name: "Check my answer" }).click();
  assert.match(await panel.getByRole("status").innerText(), /Right!/);
});

test("a shared-frames exercise reveals the step just after the child's write", async () => {
  const { page, errors } = browser;
  await openFresh(page, server, "#scenario=0&step=0&exercise=frames&level=2&seed=4");
  const panel = page.locator("details.exercise");
  await panel.getByRole("button", { name: "Reveal the answer" }).click();
  const revealed = await panel.locator(".revealed").innerText();
  assert.match(revealed, /text still shared/);
  assert.match(revealed, /stack copied/);
  await page.getByRole("region", { name: "Narration" }).getByText(/copy-on-write|copies/i).first().waitFor();
  await tickAsRevealed(panel, (label) => revealed.includes(label));
  await panel.getByRole("button", { name: "Check my answer" }).click();
  assert.match(await panel.getByRole("status").innerText(), /Right!/);
  await shoot(page, "41-exercise-frames");
  assert.deepEqual(errors, []);
});
