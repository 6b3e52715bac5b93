// Import from OSTEP: a homework simulator's command line, pasted into the page, animates on
// the kernel (process-run.py's processes and states, fork.py's tree with its letters); the
// place is a link that reopens it; a command line that cannot be animated says why.
import { test } from "node:test";
import assert from "node:assert/strict";
import { servePage, server, browser, openFresh, shoot } from "./harness.mjs";

servePage();

async function animate(page, command) {
  await page.getByRole("group", { name: "Panels" }).getByRole("button", { name: "OSTEP" }).click();
  await page.getByRole("textbox", { name: "OSTEP command line" }).fill(command);
  await page.getByRole("button", { name: "Animate" }).click();
}

test("a fork.py action list animates as real forks and exits, ending with its final tree", async () => {
  const { page } = browser;
  await openFresh(page, server, "#scenario=0&step=0");
  await animate(page, "fork.py -A a+b,b+c,c+d,c-,a+e");
  await page.waitForFunction(() => /of 5 /.test(document.querySelector(".step-counter").textContent));
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("final process tree").waitFor();
  const tree = await page.getByRole("region", { name: "Process tree" }).innerText();
  for (const name of ["a", "b", "c", "d", "e"]) assert.match(tree, new RegExp(`\\b${name}\\b`));
  assert.match(tree, /ZOMBIE/, "c has exited and its parent never waited");
  await shoot(page, "30-ostep-fork");
  await page.waitForFunction(() => location.hash.startsWith("#ostep=fork.py"));
  await page.getByRole("button", { name: "Copy link" }).click();
  const link = await page.getByLabel("Share link").inputValue();
  assert.match(link, /#ostep=fork\.py[^&]*&step=5$/);
  const fresh = await browser.page.context().newPage();
  await fresh.goto(link);
  await fresh.getByRole("region", { name: "Process tree" }).waitFor();
  assert.equal(await fresh.locator(".step-counter").innerText().then((t) => t.split(" ·")[0]), "step 5 of 5");
  await fresh.close();
});

test("a seeded fork.py command line animates the original script's random actions", async () => {
  const { page } = browser;
  await openFresh(page, server, "#scenario=0&step=0");
  await animate(page, "fork.py -s 3 -a 5");
  await page.waitForFunction(() => /of 5 /.test(document.querySelector(".step-counter").textContent));
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("final process tree").waitFor();
  // What `python3 fork.py -s 3 -a 5 -c` prints: a+b, b+c, a+d, d+e, b+f.
  const tree = await page.getByRole("region", { name: "Process tree" }).innerText();
  for (const name of ["a", "b", "c", "d", "e", "f"]) assert.match(tree, new RegExp(`\\b${name}\\b`));
});

test("a generator.py command line runs its C program, printing the timeline -c prints", async () => {
  const { page, errors } = browser;
  await openFresh(page, server, "#scenario=0&step=0");
  await animate(page, "generator.py -s 1");
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("Every process has finished").waitFor();
  // What `python3 generator.py -s 1 -c` prints on a terminal, first and last lines.
  const terminal = await page.getByRole("region", { name: "Terminal" }).innerText();
  assert.match(terminal, /^Terminal\n\s*0 a\+\n\s*0 a->b\n/);
  assert.match(terminal, /\n 11 a<-f\n▌?$/, "the cursor follows the last line");
  await shoot(page, "30-ostep-generator");
  assert.deepEqual(errors, []);
});

test("a process-run.py command line animates its processes under process-run's rules", async () => {
  const { page } = browser;
  await openFresh(page, server, "#scenario=0&step=0");
  await animate(page, "process-run.py -l 5:100,5:0 -S SWITCH_ON_IO");
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("Every process has finished").waitFor();
  const tree = await page.getByRole("region", { name: "Process tree" }).innerText();
  assert.match(tree, /proc0/);
  assert.match(tree, /proc1/);
  assert.match(await page.getByLabel("Scenario", { exact: true }).inputValue(), /own/);
});

test("a command line that cannot be animated says why and changes nothing", async () => {
  const { page, errors } = browser;
  await openFresh(page, server, "#scenario=0&step=3");
  await animate(page, "fork.py -A a+b,x-");
  const alert = page.locator(".ostep-form [role=alert]");
  assert.match(await alert.innerText(), /bad action \(x-\)/);
  assert.match(await page.locator(".step-counter").innerText(), /^step 3 /);
  await openFresh(page, server, `#ostep=${encodeURIComponent("ls -l")}`);
  assert.match(await page.getByRole("alert").first().innerText(), /'ls' is not an OSTEP simulator/);
  assert.deepEqual(errors, []);
});
