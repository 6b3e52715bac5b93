// The built page loads in headless Chromium, shows what the engine computed, and steps.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { serveDist, openBrowser, shoot, screenshots } from "./harness.mjs";

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await openBrowser();
  console.log(`screenshots: ${screenshots}`);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("the page starts and shows init, PID 1, from the engine", async () => {
  const { page } = browser;
  await page.goto(server.url);
  const tree = page.getByRole("region", { name: "Process tree" });
  await tree.getByRole("button", { name: /^P1 init WAITING$/ }).waitFor({ timeout: 15000 });
  assert.equal(await page.locator("#loading").count(), 0, "the loading indicator is gone");
  assert.match(await page.locator(".step-counter").innerText(), /^step 0 of \d+/);
  await shoot(page, "01-boot");
});

test("Step forward runs one tick: the first process is dispatched", async () => {
  const { page } = browser;
  const narration = page.getByRole("region", { name: "Narration" });
  const before = await narration.innerText();
  await page.getByRole("button", { name: "Step forward" }).click();
  await page.locator(".step-counter", { hasText: /^step 1 of/ }).waitFor();
  const after = await narration.innerText();
  assert.notEqual(after, before);
  assert.match(after, /P2 is admitted/);
  assert.match(after, /dispatches P2 on CPU 0/);
  const cpu = page.getByRole("region", { name: "Scheduler" }).getByLabel("CPU 0");
  assert.match(await cpu.innerText(), /P2/);
  await shoot(page, "02-step-1");
});

test("Step back returns to the boot state", async () => {
  const { page } = browser;
  await page.getByRole("button", { name: "Step back" }).click();
  await page.locator(".step-counter", { hasText: /^step 0 of/ }).waitFor();
  assert.match(await page.getByRole("region", { name: "Narration" }).innerText(), /has booted/);
});

test("the keyboard steps and Go to end reaches the finished run", async () => {
  const { page } = browser;
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.locator(".step-counter", { hasText: /^step 2 of/ }).waitFor();
  await page.getByRole("button", { name: "Go to end" }).click();
  await page
    .getByRole("region", { name: "Narration" })
    .getByText("Every process has finished")
    .waitFor();
  const tree = await page.getByRole("region", { name: "Process tree" }).innerText();
  assert.equal((tree.match(/TERMINATED/g) ?? []).length, 3);
  await shoot(page, "03-end");
});

test("the wasm engine tells the same story as the native one, event for event", async () => {
  const { page } = browser;
  const native = execFileSync("cargo", ["run", "--quiet", "--bin", "proclab-cli", "--", "trace"], {
    encoding: "utf8",
  });
  const inPage = await page
    .getByRole("region", { name: "Event log" })
    .locator(".log > li")
    .evaluateAll((steps) =>
      steps
        .reverse()
        .flatMap((step) => {
          const tick = step.querySelector(".log-step").textContent.replace("tick ", "");
          return [...step.querySelectorAll("ul > li")].map(
            (li) => `${tick.padStart(5)}  ${li.textContent}`,
          );
        })
        .join("\n"),
    );
  assert.equal(inPage + "\n", native);
});

test("no console error appeared", () => {
  assert.deepEqual(browser.errors, []);
});
