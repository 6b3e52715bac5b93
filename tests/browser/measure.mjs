// In-browser measurements for BENCHMARKS.md (not a test: it asserts nothing). Serves dist/,
// opens it in headless Chromium and prints JSON: time from navigation to the first
// interactive render, per scenario the median time of one step's render (from a click
// on Step forward until the page's DOM shows the new step and its style and layout are
// computed: Yew renders in a microtask after the click; layout is forced by reading
// offsetHeight; a frame passes between steps so that each starts from a painted page),
// the frame rate while playing at 8×, for the shell scenario's run and a CPU-bound C loop
// the in-browser instruction rate (over the whole recording, and over the engine's share of
// it; for the loop, medians of five runs in one browser, and the first of them alone, whose
// wasm V8 is still optimising) and the wasm memory, and for a 1,000,000-step run how long
// the controls take to answer while it records. `node measure.mjs NAME…` measures only the
// figures named.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveDist, openBrowser } from "./harness.mjs";

const server = await serveDist();
const browser = await openBrowser();
const { page } = browser;
// The app's wasm exports arrive with Trunk's start event; keep its memory to measure it.
await page.addInitScript(() =>
  addEventListener("TrunkApplicationStarted", (e) => (window.__wasmMemory = e.detail.wasm.memory)),
);
/** The median over five loads of the time from navigation to the first interactive render. */
async function firstRender() {
  const loads = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(server.url + "#scenario=0&step=0", { waitUntil: "load" });
    await page.getByRole("region", { name: "Process tree" }).waitFor();
    loads.push(await page.evaluate(() => performance.getEntriesByName("proclab-interactive")[0].startTime));
    await page.goto("about:blank");
  }
  return median(loads);
}

/** Median step render, in ms, over `count` steps of builtin scenario `scenario` from `step`,
 * with every view on the page (the "Everything" layout, the heaviest). */
async function stepRender(scenario, step, count) {
  await page.goto(`${server.url}#scenario=${scenario}&step=${step}&layout=everything`);
  await page.goto("about:blank");
  await page.goto(`${server.url}#scenario=${scenario}&step=${step}&layout=everything`);
  await page.getByRole("region", { name: "Process tree" }).waitFor();
  await page.getByRole("button", { name: "instruction" }).click();
  return page.evaluate(async (count) => {
    const forward = document.querySelector('button[aria-label="Step forward"]');
    const counter = document.querySelector(".step-counter");
    const processes = document.querySelectorAll(".proc-node").length;
    const times = [];
    for (let i = 0; i < count; i++) {
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      const before = counter.textContent;
      const t0 = performance.now();
      forward.click();
      for (let spins = 0; counter.textContent === before; spins++) {
        await (spins < 1000 ? Promise.resolve() : new Promise((done) => setTimeout(done, 0)));
      }
      document.body.offsetHeight;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { median_ms: times[Math.floor(times.length / 2)], p90_ms: times[Math.floor(times.length * 0.9)], processes };
  }, count);
}

/** Frames per second while playing builtin scenario `scenario` at 8× for three seconds, with
 * every view on the page. */
async function playbackFps(scenario) {
  await page.goto(`${server.url}#scenario=${scenario}&step=0&layout=everything`);
  await page.goto("about:blank");
  await page.goto(`${server.url}#scenario=${scenario}&step=0&layout=everything`);
  await page.getByRole("region", { name: "Process tree" }).waitFor();
  await page.getByRole("button", { name: "instruction" }).click();
  await page.getByLabel("Speed").selectOption({ label: "8×" });
  await page.getByRole("button", { name: "Play" }).click();
  const measured = await page.evaluate(async () => {
    const counter = document.querySelector(".step-counter");
    const start = counter.textContent;
    let frames = 0;
    let longest = 0;
    let last = performance.now();
    const t0 = last;
    await new Promise((done) => {
      const frame = (now) => {
        frames++;
        longest = Math.max(longest, now - last);
        last = now;
        if (now - t0 < 3000) requestAnimationFrame(frame);
        else done();
      };
      requestAnimationFrame(frame);
    });
    return { fps: frames / ((last - t0) / 1000), longest_frame_ms: longest, moved: counter.textContent !== start };
  });
  await page.getByRole("button", { name: "Pause" }).click();
  return measured;
}

/** The page's share link for a one-file scenario, made by the CLI. */
function linkFor(name, source, maxSteps) {
  const file = join(mkdtempSync(join(tmpdir(), "proclab-measure-")), name);
  writeFileSync(file, source);
  return execFileSync(
    "cargo",
    ["run", "--quiet", "--release", "--bin", "proclab-cli", "--", "link", file, "--max-steps", String(maxSteps), "--base", server.url],
    { encoding: "utf8" },
  ).trim();
}

/** Waits, without querying the page's accessibility tree (which would take the page's
 * time), until the page has left its recording measure; returns what it says. */
async function recorded(timeout = 120_000) {
  await page.waitForFunction(
    () => performance.getEntriesByType("measure").some((m) => m.name.startsWith("proclab-record:")),
    null,
    { polling: 100, timeout },
  );
  return page.evaluate(() => {
    const measure = performance.getEntriesByType("measure").find((m) => m.name.startsWith("proclab-record:"));
    const [, instructions, engineMs] = measure.name.split(":").map(Number);
    return { instructions, record_ms: measure.duration, engine_ms: engineMs };
  });
}

/** A run opened at `url`, once recorded: its recording's instructions per second (over the
 * whole recording, and over the engine's share of it), and the wasm memory then. */
async function bigRun(url) {
  await page.goto("about:blank");
  await page.goto(url);
  const run = await recorded();
  await page.waitForFunction(() => !document.querySelector(".recording"), null, { polling: 100 });
  return page.evaluate((run) => ({
    ...run,
    instructions_per_second: run.instructions / (run.record_ms / 1000),
    engine_instructions_per_second: run.instructions / (run.engine_ms / 1000),
    steps: Number(document.querySelector(".step-counter").textContent.match(/of (\d+)/)[1]),
    wasm_memory_mib: window.__wasmMemory.buffer.byteLength / 1048576,
  }), run);
}

/** While a 1,000,000-step run records: how long a click on Step forward takes to show the
 * next step (each click a frame apart), and the whole recording's time. */
async function longRunResponse(url) {
  await page.goto("about:blank");
  await page.goto(url);
  await page.getByRole("region", { name: "Recording" }).waitFor();
  const times = await page.evaluate(async () => {
    const forward = document.querySelector('button[aria-label="Step forward"]');
    const counter = document.querySelector(".step-counter");
    const times = [];
    while (document.querySelector(".recording") && !forward.disabled && times.length < 50) {
      await new Promise((done) => requestAnimationFrame(() => done()));
      const before = counter.textContent;
      const t0 = performance.now();
      forward.click();
      while (counter.textContent === before) await new Promise((done) => setTimeout(done, 0));
      times.push(performance.now() - t0);
    }
    return times;
  });
  const { record_ms } = await recorded();
  const run = { record_ms, wasm_memory_mib: await page.evaluate(() => window.__wasmMemory.buffer.byteLength / 1048576) };
  times.sort((a, b) => a - b);
  return { clicks: times.length, median_ms: times[Math.floor(times.length / 2)], max_ms: times[times.length - 1], ...run };
}

const cLoop = `#include <stdio.h>
int main(void) { long sum = 0; int i;
for (i = 0; i < 20000; i++) { sum += i; }
printf("%ld\\n", sum); return 0; }
`;
const forever = "int main(void) {\n    long n = 0;\n    for (;;) {\n        n++;\n    }\n}\n";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Runs one measurement, saying on stderr which, so a slow one is easy to spot. */
async function measured(name, measure) {
  process.stderr.write(`measuring ${name}\n`);
  return measure();
}

const measurements = {
  first_render_ms: () => measured("first render", firstRender),
  step_render_default: () => measured("step render, default", () => stepRender(0, 0, 200)),
  step_render_64_processes: () => measured("step render, 63 processes", () => stepRender(1, 4000, 100)),
  playback_8x_64_processes: () => measured("playback at 8x", () => playbackFps(1)),
  shell_run: () => measured("the shell scenario's run", () => bigRun(`${server.url}#scenario=10&step=0`)),
  c_loop: () =>
    measured("a CPU-bound C loop", async () => {
      const url = linkFor("loop.c", cLoop, 1_000_000);
      const runs = [];
      for (let i = 0; i < 5; i++) runs.push(await bigRun(url));
      const byEngine = [...runs].sort((a, b) => a.engine_instructions_per_second - b.engine_instructions_per_second);
      return {
        ...byEngine[2],
        instructions_per_second: median(runs.map((r) => r.instructions_per_second)),
        first_run: runs[0],
      };
    }),
  long_run: () =>
    measured("controls during a 1,000,000-step run", () => longRunResponse(linkFor("forever.c", forever, 1_000_000))),
};
const wanted = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(measurements);
const result = {};
for (const name of wanted) result[name] = await measurements[name]();
console.log(JSON.stringify(result));
await browser.close();
await server.close();
