// Stepping that teaches: stepping by line shows on screen the narration of every system call
// a built-in's program makes; stepping back retraces stepping forward in both modes; Previous
// and Next land on each moment of a kind and say when none is left; the browser's Back
// returns to the user's own program after another scenario was opened.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { servePage, server, browser, openFresh, shoot, builtinNames } from "./harness.mjs";

servePage();

/** The sentences of the native run of a built-in that say a process calls something. */
function callsOf(name) {
  const trace = execFileSync("cargo", ["run", "--quiet", "--bin", "proclab-cli", "--", "trace", name], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  return new Set(
    trace
      .split("\n")
      .map((line) => line.replace(/^\s*\d+\s+/, ""))
      .filter((sentence) => / calls [a-z_0-9]+\(/.test(sentence)),
  );
}

/** Presses `button` until it is disabled, in the page; returns the step counter and the
 * narration's text after each press. */
async function pressThrough(page, button) {
  return page.evaluate(async (label) => {
    const counter = () => document.querySelector(".step-counter").innerText;
    const tick = () => new Promise((ok) => setTimeout(ok, 0));
    const seen = [];
    for (;;) {
      const control = document.querySelector(`button[aria-label="${label}"]`);
      if (control.disabled) return seen;
      const before = counter();
      control.click();
      while (counter() === before) await tick();
      seen.push({
        step: Number(counter().match(/step (\d+)/)[1]),
        narration: document.querySelector(".narration").innerText,
      });
    }
  }, button);
}

test("stepping by line through every built-in shows the narration of each call its program makes", async () => {
  const { page } = browser;
  for (const name of builtinNames()) {
    const calls = callsOf(name);
    await openFresh(page, server, `#scenario=${name}&step=0`);
    // The page shows text with runs of spaces collapsed, as HTML does.
    const collapse = (text) => text.replace(/\s+/g, " ");
    const shown = collapse((await pressThrough(page, "Step forward")).map((s) => s.narration).join("\n"));
    const missing = [...calls].filter((sentence) => !shown.includes(collapse(sentence)));
    assert.deepEqual(missing, [], `${name}: calls never narrated on screen`);
  }
});

test("stepping back retraces stepping forward, by line and by instruction", async () => {
  const { page } = browser;
  for (const [name, mode] of [
    ["fork-exec-wait", "line"],
    ["signals", "instruction"],
    ["pipeline", "line"],
  ]) {
    await openFresh(page, server, `#scenario=${name}&step=0`);
    await page.getByRole("button", { name: mode, exact: true }).click();
    const forward = [0, ...(await pressThrough(page, "Step forward")).map((s) => s.step)];
    const back = (await pressThrough(page, "Step back")).map((s) => s.step);
    assert.deepEqual([forward.at(-1), ...back], forward.toReversed(), `${name} by ${mode}`);
  }
});

test("Previous and Next land on each moment of a kind, then say none is left", async () => {
  const { page } = browser;
  await openFresh(page, server, "#scenario=fork-exec-wait&step=0");
  const moment = page.getByRole("combobox", { name: "Moment" });
  const notice = page.locator(".controls .notice");
  // Each kind by its place in the Moment list, and a sentence its moments say.
  const expectations = [
    ["fork", 0, /fork: the kernel copies/],
    ["exec", 1, /execve: the kernel replaces/],
    ["exit", 2, /ZOMBIE/],
  ];
  for (const [kind, index, sentence] of expectations) {
    await moment.selectOption(String(index));
    const count = Number((await moment.locator("option:checked").innerText()).match(/\((\d+)\)/)[1]);
    assert.ok(count > 0, `the run has a ${kind}`);
    const landed = [];
    for (let i = 0; i < count; i++) {
      await page.getByRole("button", { name: `Next ${kind}` }).click();
      await page.waitForFunction((n) => !document.querySelector(".step-counter").innerText.startsWith(`step ${n} `), landed.at(-1) ?? 0);
      landed.push(Number((await page.locator(".step-counter").innerText()).match(/step (\d+)/)[1]));
      assert.match(await page.getByRole("region", { name: "Narration" }).innerText(), sentence, `${kind} ${i + 1}`);
    }
    await page.getByRole("button", { name: `Next ${kind}` }).click();
    await assert.doesNotReject(notice.filter({ hasText: `No ${kind} after this step.` }).waitFor());
    for (const step of landed.toReversed().slice(1)) {
      await page.getByRole("button", { name: `Previous ${kind}` }).click();
      await page.locator(".step-counter", { hasText: new RegExp(`^step ${step} of`) }).waitFor();
    }
    await page.getByRole("button", { name: `Previous ${kind}` }).click();
    await notice.filter({ hasText: `No ${kind} before this step.` }).waitFor();
    await page.getByRole("button", { name: "Reset" }).click();
  }
  await moment.selectOption("0");
  await page.getByRole("button", { name: "Next fork" }).click();
  await shoot(page, "21-next-fork");
});

test("the detail views follow the process that acts, until one is pinned", async () => {
  const { page } = browser;
  await openFresh(page, server, "#scenario=fork-exec-wait&step=0&layout=everything");
  await page.getByRole("combobox", { name: "Moment" }).selectOption("1");
  await page.getByRole("button", { name: "Next exec" }).click();
  const tree = page.getByRole("region", { name: "Process tree" });
  await tree.getByText("Details show P3, the process acting now.").waitFor();
  await page.getByRole("heading", { name: "Address space of P3 (ls)" }).waitFor();
  await tree.getByRole("button", { name: /^P2 / }).click();
  await tree.getByText("Details pinned to P2.").waitFor();
  await page.waitForFunction(() => location.hash.endsWith("&pin=2"), null, { timeout: 5000 });
  await page.getByRole("button", { name: "Step forward" }).click();
  await page.getByRole("heading", { name: /^Address space of P2 / }).waitFor();
  await tree.getByRole("button", { name: "Follow the acting process" }).click();
  await tree.getByText(/Details show P\d, the process acting now\./).waitFor();
});

test("after opening another scenario, the browser's Back returns to the user's own program", async () => {
  const { page } = browser;
  const link = execFileSync(
    "cargo",
    ["run", "--quiet", "--bin", "proclab-cli", "--", "link", "--builtin", "zombie", "--base", server.url],
    { encoding: "utf8" },
  ).trim();
  await openFresh(page, server, link.slice(server.url.length));
  const picker = page.getByRole("combobox", { name: "Scenario" });
  assert.match(await picker.locator("option:checked").innerText(), /^your scenario: /);
  await picker.selectOption("12");
  await page.waitForFunction(() => location.hash.startsWith("#scenario=signals"));
  await page.goBack();
  await page.waitForFunction(() => location.hash.startsWith("#s="));
  await page.waitForFunction(() =>
    document.querySelector(".scenario-picker select").selectedOptions[0].text.startsWith("your scenario: "),
  );
  await page.goForward();
  await page.waitForFunction(() => location.hash.startsWith("#scenario=signals"));
  assert.doesNotMatch(await picker.locator("option:checked").innerText(), /^your scenario: /);
});

test("what the notes promise is on screen: the handler's frame on the stack, the race's counter in memory", async () => {
  const { page } = browser;
  await openFresh(page, server, "#scenario=signals&step=0&layout=everything");
  await page.getByRole("combobox", { name: "Moment" }).selectOption("4");
  const space = page.getByRole("region", { name: "Address space" });
  const narration = page.getByRole("region", { name: "Narration" });
  while (!/catches SIGUSR1/.test(await narration.innerText())) {
    await page.getByRole("button", { name: "Next signal" }).click();
  }
  assert.match(await space.locator(".signal-frame").innerText(), /signal frame\s+0x[0-9a-f]+–0x[0-9a-f]+\s+SIGUSR1/);
  await page.getByRole("button", { name: "Next signal" }).click();
  await narration.getByText(/sigreturn/).first().waitFor();
  assert.equal(await space.locator(".signal-frame").count(), 0, "gone once the handler returned");

  const counter = async () => Number((await space.locator(".page-details").innerText()).match(/Non-zero ints here: 0x[0-9a-f]+ = (\d+)/)[1]);
  await openFresh(page, server, "#scenario=shared-race&step=3000&layout=everything");
  const tree = page.getByRole("region", { name: "Process tree" });
  await tree.getByRole("button", { name: /^P2 / }).click();
  await space.locator(".seg-mmap button.pte").first().click();
  const early = await counter();
  await tree.getByRole("button", { name: /^P3 / }).click();
  assert.equal(await counter(), early, "parent and child see the one counter");
  await page.getByRole("slider", { name: "Timeline" }).fill("5000");
  await page.locator(".step-counter", { hasText: /^step 5000 of/ }).waitFor();
  assert.ok((await counter()) > early, "the count grows as they add");
});

test("the default scenario's fork, first copy-on-write fault, exec and zombie, as a class sees them", async () => {
  const { page } = browser;
  await openFresh(page, server, "#scenario=fork-exec-wait&step=0");
  const moment = page.getByRole("combobox", { name: "Moment" });
  const narration = page.getByRole("region", { name: "Narration" });
  for (const [name, index, kind, says] of [
    ["21-fork", "0", "fork", /fork: the kernel copies P2's PCB/],
    ["21-first-cow-fault", "5", "fault", /Copy-on-write fault/],
    ["21-exec", "1", "exec", /execve: the kernel replaces P3's image/],
    ["21-zombie", "2", "exit", /ZOMBIE/],
  ]) {
    await moment.selectOption(index);
    while (!says.test(await narration.innerText())) {
      await page.getByRole("button", { name: `Next ${kind}` }).click();
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(600); // the tokens' slide to their new states
    await shoot(page, name, { fullPage: false });
  }
});
