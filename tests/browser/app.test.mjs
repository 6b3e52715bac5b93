// The built page loads in headless Chromium, shows what the engine computed, and steps.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { servePage, server, browser, shoot, screenshots } from "./harness.mjs";

let nativeTrace;

/** The first tick whose narration in the native trace matches `pattern`. */
function tickOf(pattern) {
  const line = nativeTrace.split("\n").find((l) => pattern.test(l));
  assert.ok(line, `the native trace has a line matching ${pattern}`);
  return Number(line.trim().split(/\s+/)[0]);
}

/** Opens a built-in from the picker, then shows every view ("Everything"). */
async function openBuiltin(page, title) {
  await page.getByLabel("Scenario").selectOption({ label: title });
  await page.getByRole("group", { name: "Layout" }).getByRole("button", { name: "Everything" }).click();
}

/** Moves the timeline slider to a step, as a user dragging it would. */
async function seek(page, step) {
  await page.getByRole("slider", { name: "Timeline" }).fill(String(step));
  await page.locator(".step-counter", { hasText: new RegExp(`^step ${step} of`) }).waitFor();
}

servePage(async () => {
  nativeTrace = execFileSync("cargo", ["run", "--quiet", "--bin", "proclab-cli", "--", "trace"], {
    encoding: "utf8",
  });
  console.log(`screenshots: ${screenshots}`);
});

test("the page starts and shows init, PID 1, from the engine", async () => {
  const { page } = browser;
  // Every view on one page: these tests look at all of them.
  await page.goto(`${server.url}#layout=everything`);
  const tree = page.getByRole("region", { name: "Process tree" });
  await tree.getByRole("button", { name: /^P1 init WAITING$/ }).waitFor({ timeout: 15000 });
  assert.equal(await page.locator("#loading").count(), 0, "the loading indicator is gone");
  assert.match(await page.locator(".step-counter").innerText(), /^step 0 of \d+/);
  await shoot(page, "01-boot");
});

test("Step forward runs main's first line, telling how the first process was dispatched", async () => {
  const { page } = browser;
  const narration = page.getByRole("region", { name: "Narration" });
  const before = await narration.innerText();
  await page.getByRole("button", { name: "Step forward" }).click();
  await page.locator(".step-counter", { hasText: /^step [1-9]\d* of/ }).waitFor();
  const after = await narration.innerText();
  assert.notEqual(after, before);
  assert.match(after, /P2 ran line 5 of fork_exec_wait\.c: int main\(\) \{ Next it runs line 6\./);
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

test("by instruction, the keyboard steps one step at a time", async () => {
  const { page } = browser;
  await page.getByRole("button", { name: "instruction" }).click();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.locator(".step-counter", { hasText: /^step 2 of/ }).waitFor();
  await page.getByRole("button", { name: "line", exact: true }).click();
});

test("by line, a step goes to the next source line", async () => {
  const { page } = browser;
  const before = Number((await page.locator(".step-counter").innerText()).match(/step (\d+)/)[1]);
  await page.getByRole("button", { name: "Step forward" }).click();
  await page.waitForFunction(
    (n) => Number(document.querySelector(".step-counter").innerText.match(/step (\d+)/)[1]) > n,
    before,
  );
  assert.equal(await page.locator(".source li.running").count(), 1, "one line is marked as running");
});

test("Play advances by itself and Pause stops it", async () => {
  const { page } = browser;
  const at = async () => Number((await page.locator(".step-counter").innerText()).match(/step (\d+)/)[1]);
  await page.getByLabel("Speed").selectOption({ label: "8×" });
  const start = await at();
  await page.getByRole("button", { name: "Play" }).click();
  await page.waitForFunction((n) => Number(document.querySelector(".step-counter").innerText.match(/step (\d+)/)[1]) > n + 3, start);
  await page.getByRole("button", { name: "Pause" }).click();
  const paused = await at();
  await page.waitForTimeout(300);
  assert.equal(await at(), paused, "nothing moves once paused");
});

test("Next fork jumps to the fork, and the URL keeps the step across a reload", async () => {
  const { page } = browser;
  await page.getByRole("button", { name: "Reset" }).click();
  await page.getByRole("button", { name: "Next fork" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText(/fork: the kernel copies P2/).waitFor();
  const counter = await page.locator(".step-counter").innerText();
  const step = counter.match(/step (\d+)/)[1];
  // Opened with no scenario (the first built-in), then kept by its name and its layout.
  await page.waitForURL(new RegExp(`#scenario=fork-exec-wait&step=${step}&layout=everything$`));
  await page.reload();
  await page.locator(".step-counter", { hasText: new RegExp(`^step ${step} of`) }).waitFor();
  await shoot(page, "03a-next-fork");
});

test("Go to end reaches the finished run", async () => {
  const { page } = browser;
  await page.getByRole("button", { name: "Go to end" }).click();
  await page
    .getByRole("region", { name: "Narration" })
    .getByText("Every process has finished")
    .waitFor();
  const tree = await page.getByRole("region", { name: "Process tree" }).innerText();
  assert.equal((tree.match(/TERMINATED/g) ?? []).length, 2);
  const terminal = await page.getByRole("region", { name: "Terminal" }).innerText();
  assert.match(terminal, /Parent: child exited with status 0/);
  await shoot(page, "06-end");
});

test("after the fork: two processes, and frames shared with refcount 2", async () => {
  const { page } = browser;
  await seek(page, tickOf(/fork: the kernel copies P2/));
  await page.getByRole("region", { name: "Process tree" }).getByRole("button", { name: /^P3 fork_exec_wait NEW$/ }).waitFor();
  const frames = page.getByRole("region", { name: "Physical memory" });
  assert.ok((await frames.getByLabel("refcount 2").count()) >= 3, "text, data and stack frames are shared");
  // The child's new page table draws in beside the parent's: its lines meet the same frames.
  const map = frames.getByRole("figure", { name: "Pages to frames" });
  const labels = await map.locator(".map-label").allTextContents();
  assert.ok(labels.includes("P2 text") && labels.includes("P3 text"), labels.join());
  assert.ok((await map.locator(".map-frame", { hasText: "×2" }).count()) >= 3);
  await shoot(page, "03-after-fork");
});

test("a copy-on-write fault gives the writer its own frame", async () => {
  const { page } = browser;
  await seek(page, tickOf(/Copy-on-write fault/));
  const narration = await page.getByRole("region", { name: "Narration" }).innerText();
  const [, to] = narration.match(/copies it to frame (\d+)/);
  // The copy is drawn: the new frame marked, an arrow from the old one, and the writer's
  // line now ends at the new frame.
  const map = page.getByRole("figure", { name: "Pages to frames" });
  assert.match(await map.locator(".map-changes").innerText(), new RegExp(`copied to frame ${to}\\b`));
  assert.equal(await map.locator(".map-frame.copied", { hasText: new RegExp(`^${to}( ×\\d+)?$`) }).count(), 1);
  assert.equal(await map.locator(".map-copy").count(), 1);
  await shoot(page, "04-cow-fault");
});

test("clicking a page shows its page-table entry and what lives on it", async () => {
  const { page } = browser;
  const space = page.getByRole("region", { name: "Address space" });
  await space.locator(".seg-text button.pte").first().click();
  const details = await space.locator(".page-details").innerText();
  assert.match(details, /frame\s+\d+/);
  assert.match(details, /writable\s+no/);
  assert.match(details, /main\(\)/, "the text page names the functions on it");
  await space.locator(".seg-text button.pte").first().click();
  assert.equal(await space.locator(".page-details").count(), 0, "a second click closes it");
});

test("after exec, the child runs /bin/ls's code", async () => {
  const { page } = browser;
  await seek(page, tickOf(/execve: the kernel replaces P3's image/));
  const narration = await page.getByRole("region", { name: "Narration" }).innerText();
  assert.match(narration, /P3 (ran|is in) line \d+ of fork_exec_wait\.c: execvp\("ls", args\);/);
  const code = await page.getByRole("region", { name: "Code" }).innerText();
  assert.match(code, /ls\.c/);
  await page.getByRole("region", { name: "Process tree" }).getByRole("button", { name: /^P3 ls / }).waitFor();
  assert.match(await page.getByRole("figure", { name: "Pages to frames" }).innerText(), /released this step: frames? [\d, ]+\./);
  // The child's new segments slide in where the old ones were.
  await page.getByRole("region", { name: "Process tree" }).getByRole("button", { name: /^P3 ls / }).click();
  await page.getByRole("region", { name: "Address space" }).locator("ol.regions.made").waitFor();
  await page.getByRole("region", { name: "Process tree" }).getByRole("button", { name: /^P2 / }).click();
  await shoot(page, "05-after-exec");
});

test("a context switch shows the registers saved into one PCB and loaded from another", async () => {
  const { page } = browser;
  await seek(page, tickOf(/The kernel loads P2's saved registers/));
  const pcb = page.getByRole("region", { name: "PCB" });
  assert.match(await pcb.locator(".group-note.load").textContent(), /copied into CPU 0, where P2 resumes/);
  await seek(page, tickOf(/Context switch: the kernel saves P2's registers/));
  assert.match(await pcb.locator(".group-note.save").textContent(), /CPU 0's registers were copied into this PCB/);
});

test("stepping back to the start restores the boot state", async () => {
  const { page } = browser;
  await page.getByRole("button", { name: "Reset" }).click();
  await page.locator(".step-counter", { hasText: /^step 0 of/ }).waitFor();
  const tree = await page.getByRole("region", { name: "Process tree" }).innerText();
  assert.doesNotMatch(tree, /P3/);
  assert.equal((await page.getByRole("region", { name: "Terminal" }).innerText()).trim(), "Terminal\n▌");
});

test("the wasm engine tells the same story as the native one, event for event", async () => {
  const { page } = browser;
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.locator(".step-counter", { hasText: /^step (\d+) of \1\b/ }).waitFor();
  const log = page.getByRole("region", { name: "Event log" });
  await log.getByLabel(/kernel events only/).uncheck();
  const inPage = await log.locator(".log-row").evaluateAll((rows) =>
    rows
      .flatMap((row) => {
        const tick = row.querySelector(".log-step").textContent.replace("tick ", "");
        return [...row.querySelectorAll(".log-event")].map((e) => `${tick.padStart(5)}  ${e.textContent}`);
      })
      .join("\n"),
  );
  // The event log draws the rows in sight around the last step; the native trace holds
  // exactly them for their ticks.
  const ticks = inPage.split("\n").map((l) => Number(l.trim().split(/\s+/)[0]));
  assert.ok(ticks.length > 10, "the log shows the steps around the end");
  const nativeTail = nativeTrace
    .split("\n")
    .filter((l) => l && Number(l.trim().split(/\s+/)[0]) >= ticks[0] && Number(l.trim().split(/\s+/)[0]) <= ticks.at(-1))
    .filter((l) => !/^\s*\d+\s+(Every process has finished|The run )/.test(l))
    .join("\n");
  assert.equal(inPage, nativeTail);
});

test("the pipeline scenario shows the pipe between echo and wc", async () => {
  const { page } = browser;
  await openBuiltin(page, "a pipeline: echo one two three | wc -w");
  await page.locator(".step-counter", { hasText: /^step 0 of/ }).waitFor();
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("Every process has finished").waitFor();
  assert.match(await page.getByRole("region", { name: "Terminal" }).innerText(), /^3$/m);
  const pipes = await page.getByRole("region", { name: "Pipes" }).innerText();
  assert.match(pipes, /pipe 0/);
  assert.match(pipes, /closed/);
  await seek(page, Math.floor(Number((await page.locator(".step-counter").innerText()).match(/of (\d+)/)[1]) / 2));
  await shoot(page, "07-pipeline-midway");
});

test("the shell scenario runs ls | wc and ps, whose /proc listing shows in the terminal", async () => {
  const { page } = browser;
  await openBuiltin(page, "the shell runs ls /bin | wc -l, then ps");
  await page.locator(".step-counter", { hasText: /^step 0 of/ }).waitFor();
  const files = await page.getByRole("region", { name: "Files" }).innerText();
  assert.match(files, /\/dev\/tty/, "the open file table holds the terminal");
  assert.match(files, /\/home\/student\/shell_at_work\.c/, "the program's source is in the home directory");
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("Every process has finished").waitFor();
  const terminal = await page.getByRole("region", { name: "Terminal" }).innerText();
  assert.match(terminal, /^10$/m);
  assert.match(terminal, /PID\s+PPID S COMMAND/);
  assert.match(terminal, /1\s+0 S init/);
  await shoot(page, "08-shell-end");
});

test("the FIFO scenario shows the reader blocked in open() until the writer opens", async () => {
  const { page } = browser;
  await openBuiltin(page, "a FIFO: mkfifo, and open() waits for the other end");
  await page.locator(".step-counter", { hasText: /^step 0 of/ }).waitFor();
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("Every process has finished").waitFor();
  assert.match(await page.getByRole("region", { name: "Terminal" }).innerText(), /reader got 17 bytes: through the fifo/);
  const log = await page.getByRole("region", { name: "Event log" }).innerText();
  assert.match(log, /unlink\(\)/);
  await page.getByRole("button", { name: "Reset" }).click();
  await page.locator(".step-counter", { hasText: /^step 0 of/ }).waitFor();
  for (let i = 0; i < 400; i++) {
    const narration = await page.getByRole("region", { name: "Narration" }).innerText();
    if (/open\(\) blocks until one opens it/.test(narration)) break;
    await page.getByRole("button", { name: "Step forward" }).click();
  }
  assert.match(await page.getByRole("region", { name: "Narration" }).innerText(), /FIFO \/home\/student\/channel/);
  assert.match(await page.getByRole("region", { name: "Pipes" }).innerText(), /FIFO \/home\/student\/channel/);
  await shoot(page, "09-fifo-open-blocks");
});

test("job control: a stopped child sits in STOPPED until SIGCONT", async () => {
  const { page } = browser;
  await openBuiltin(page, "job control: SIGSTOP, SIGCONT and waitpid(WUNTRACED)");
  await page.locator(".step-counter", { hasText: /^step 0 of/ }).waitFor();
  for (let i = 0; i < 600; i++) {
    const narration = await page.getByRole("region", { name: "Narration" }).innerText();
    if (/SIGSTOP stops P3/.test(narration)) break;
    await page.getByRole("button", { name: "Step forward" }).click();
  }
  const states = page.getByRole("region", { name: "Process states" });
  assert.match(await states.locator(".token title").evaluateAll((ts) => ts.map((t) => t.textContent).join("\n")), /P3 stop_continue \(STOPPED\)/);
  assert.match(await page.getByRole("region", { name: "Process tree" }).innerText(), /STOPPED/);
  await shoot(page, "10-stopped");
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("Every process has finished").waitFor();
  assert.match(await page.getByRole("region", { name: "Terminal" }).innerText(), /exited: 1, status 5/);
});

test("the worker pool runs two workers at once on two CPUs and sums their answers", async () => {
  const { page } = browser;
  await openBuiltin(page, "a worker pool: one worker per CPU, on two CPUs");
  await page.locator(".step-counter", { hasText: /^step 0 of/ }).waitFor();
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("Every process has finished").waitFor();
  assert.match(await page.getByRole("region", { name: "Terminal" }).innerText(), /sum of the squares of 1\.\.100 = 338350/);
  const last = Number((await page.locator(".step-counter").innerText()).match(/of (\d+)/)[1]);
  await seek(page, Math.floor(last / 3));
  const scheduler = await page.getByRole("region", { name: "Scheduler" }).innerText();
  assert.match(scheduler, /CPU 0/);
  assert.match(scheduler, /CPU 1/);
  const sight = await page.locator(".source").first().evaluate((listing) => {
    const line = listing.querySelector("li.running");
    const [box, at] = [listing.getBoundingClientRect(), line.getBoundingClientRect()];
    return { line: [...listing.children].indexOf(line) + 1, inside: at.top >= box.top && at.bottom <= box.bottom };
  });
  assert.ok(sight.line > 32, `the running line (${sight.line}) is below the listing's first screenful`);
  assert.ok(sight.inside, "the listing scrolled to keep the running line in sight");
  await shoot(page, "11-worker-pool");
});

test("the Gantt chart adds one cell per tick, marks the current one and moves on in strides", async () => {
  const { page } = browser;
  const gantt = page.getByRole("region", { name: "Scheduler" }).locator(".gantt");
  const cells = () => gantt.locator(".gantt-row").first().locator(".gantt-cell");
  await seek(page, 45);
  assert.equal(await gantt.getAttribute("aria-label"), "Gantt chart of ticks 21 to 45");
  assert.equal(await cells().count(), 25);
  const first = await cells().first().getAttribute("title");
  assert.match(await cells().last().getAttribute("class"), /\bcurrent\b/);
  await seek(page, 46);
  assert.equal(await cells().count(), 26, "one more cell, the others where they were");
  assert.equal(await cells().first().getAttribute("title"), first);
  assert.equal(await gantt.locator(".gantt-cell.current").count(), await gantt.locator(".gantt-row:not(.gantt-axis)").count());
  assert.match(await cells().last().getAttribute("class"), /\bcurrent\b/);
  await seek(page, 61);
  assert.equal(await gantt.getAttribute("aria-label"), "Gantt chart of ticks 41 to 61");
  assert.match(await gantt.locator(".gantt-axis").innerText(), /45\s+50\s+55\s+60/, "a time axis");
  assert.match(await gantt.locator(".gantt-legend").innerText(), /P\d+\s+[a-z_]+/, "the processes named");
});

test("the Content-Security-Policy stops injected scripts, inline handlers and javascript: URLs", async () => {
  const { page } = browser;
  const before = browser.errors.length;
  const ran = await page.evaluate(async () => {
    const box = document.createElement("div");
    box.innerHTML =
      '<img src="x-missing.png" onerror="window.__xss = 1">' +
      '<a id="js-link" href="javascript:window.__xss = 2">link</a>';
    document.body.append(box);
    const script = document.createElement("script");
    script.textContent = "window.__xss = 3";
    document.body.append(script);
    document.getElementById("js-link").click();
    await new Promise((done) => setTimeout(done, 200));
    box.remove();
    script.remove();
    return window.__xss ?? null;
  });
  assert.equal(ran, null, "nothing injected ran");
  // The refusals (and the missing image) are reported on the console: this test's, not the app's.
  const reported = browser.errors.splice(before);
  assert.ok(reported.some((e) => /Content Security Policy/.test(e)), reported.join("\n"));
  assert.ok(reported.every((e) => /Content Security Policy|Failed to load resource/.test(e)), reported.join("\n"));
});

test("no console error appeared", () => {
  assert.deepEqual(browser.errors, []);
});
