// In-browser measurements for BENCHMARKS.md (not a test: it asserts nothing). Serves dist/,
// opens it in headless Chromium and prints JSON: time from navigation to the first
// interactive render, and the median time from a click on Step forward until the page
// shows the new step.
import { serveDist, openBrowser } from "./harness.mjs";

const server = await serveDist();
const browser = await openBrowser();
const { page } = browser;
const loads = [];
for (let i = 0; i < 5; i++) {
  await page.goto(server.url + "#scenario=0&step=0", { waitUntil: "load" });
  await page.getByRole("region", { name: "Process tree" }).waitFor();
  loads.push(await page.evaluate(() => performance.getEntriesByName("proclab-interactive")[0].startTime));
  await page.goto("about:blank");
}
await page.goto(server.url + "#scenario=0&step=0");
await page.getByRole("region", { name: "Process tree" }).waitFor();
await page.getByRole("button", { name: "instruction" }).click();
const steps = await page.evaluate(async () => {
  const forward = document.querySelector('button[aria-label="Step forward"]');
  const counter = document.querySelector(".step-counter");
  const times = [];
  for (let i = 0; i < 200; i++) {
    const before = counter.textContent;
    const t0 = performance.now();
    forward.click();
    // Yew renders in a task after the click; wait until the page shows the new step.
    while (counter.textContent === before) {
      await new Promise((done) => setTimeout(done, 0));
    }
    times.push(performance.now() - t0);
  }
  return times;
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(JSON.stringify({ first_render_ms: median(loads), step_render_ms: median(steps) }));
await browser.close();
await server.close();
