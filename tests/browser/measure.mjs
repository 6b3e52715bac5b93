// In-browser measurements for BENCHMARKS.md (not a test: it asserts nothing). Serves dist/,
// opens it in headless Chromium and prints JSON: time from navigation to the first
// interactive render, per scenario the median time of one step's render (from a click
// on Step forward until the page's DOM shows the new step and its style and layout are
// computed: Yew renders in a microtask after the click; layout is forced by reading
// offsetHeight; a frame passes between steps so that each starts from a painted page),
// the frame rate while playing at 8×, and for the shell scenario's run the in-browser
// instruction rate and the wasm memory.
import { serveDist, openBrowser } from "./harness.mjs";

const server = await serveDist();
const browser = await openBrowser();
const { page } = browser;
// The app's wasm exports arrive with Trunk's start event; keep its memory to measure it.
await page.addInitScript(() =>
  addEventListener("TrunkApplicationStarted", (e) => (window.__wasmMemory = e.detail.wasm.memory)),
);
const loads = [];
for (let i = 0; i < 5; i++) {
  await page.goto(server.url + "#scenario=0&step=0", { waitUntil: "load" });
  await page.getByRole("region", { name: "Process tree" }).waitFor();
  loads.push(await page.evaluate(() => performance.getEntriesByName("proclab-interactive")[0].startTime));
  await page.goto("about:blank");
}

/** Median step render, in ms, over `count` steps of builtin scenario `scenario` from `step`. */
async function stepRender(scenario, step, count) {
  await page.goto(`${server.url}#scenario=${scenario}&step=${step}`);
  await page.goto("about:blank");
  await page.goto(`${server.url}#scenario=${scenario}&step=${step}`);
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

/** Frames per second while playing builtin scenario `scenario` at 8× for three seconds. */
async function playbackFps(scenario) {
  await page.goto(`${server.url}#scenario=${scenario}&step=0`);
  await page.goto("about:blank");
  await page.goto(`${server.url}#scenario=${scenario}&step=0`);
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

/** The shell scenario (about 22,000 steps): its recording's instructions per second, and
 * the wasm memory once it is recorded. */
async function bigRun(scenario) {
  await page.goto("about:blank");
  await page.goto(`${server.url}#scenario=${scenario}&step=0`);
  await page.getByRole("region", { name: "Process tree" }).waitFor();
  return page.evaluate(() => {
    const measure = performance.getEntriesByType("measure").find((m) => m.name.startsWith("proclab-record:"));
    const instructions = Number(measure.name.split(":")[1]);
    return {
      instructions,
      record_ms: measure.duration,
      instructions_per_second: instructions / (measure.duration / 1000),
      steps: Number(document.querySelector(".step-counter").textContent.match(/of (\d+)/)[1]),
      wasm_memory_mib: window.__wasmMemory.buffer.byteLength / 1048576,
    };
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const result = {
  first_render_ms: median(loads),
  step_render_default: await stepRender(0, 0, 200),
  step_render_64_processes: await stepRender(1, 4000, 100),
  playback_8x_64_processes: await playbackFps(1),
  shell_run: await bigRun(10),
};
console.log(JSON.stringify(result));
await browser.close();
await server.close();
