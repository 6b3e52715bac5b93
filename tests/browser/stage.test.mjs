// A stage for the classroom: each built-in opens in the layout its note teaches, and in
// Presenter mode at 1280×720 every view that layout names is wholly in the window at the
// built-in's first fork, exec and fault, with no page scrolling; Copy link is in view at
// load and its link reopens the same layout and step. Screenshots of each layout at
// 1280×720, 1920×1080 and 390×844 land in tests/browser/screenshots/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { servePage, server, browser, openFresh, shoot, builtinNames } from "./harness.mjs";

servePage();

/** The views each layout puts on stage, by their accessible names. */
const VIEWS = {
  Processes: ["Narration", "Code", "Process states", "Scheduler", "Process tree", "Terminal"],
  Memory: ["Narration", "Code", "Address space", "Second address space", "Physical memory", "PCB"],
  Communication: ["Narration", "Code", "Pipes", "Files", "Process tree", "Terminal"],
};

/** Views a layout shows only once there is something in them. */
const WHEN_ANY = ["Message queues"];

/** The layout the page shows (its pressed button). */
async function layoutOf(page) {
  return page.getByRole("group", { name: "Layout" }).locator("button[aria-pressed=true]").innerText();
}

/** The named views that are not wholly inside the window, and whether the page scrolls. */
async function outOfView(page, names) {
  return page.evaluate(([names, optional]) => {
    const out = [...names, ...optional].filter((name) => {
      const view = document.querySelector(`[aria-label="${name}"]`);
      if (!view) return !optional.includes(name);
      const r = view.getBoundingClientRect();
      return r.top < 0 || r.left < 0 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5 || r.height < 40;
    });
    const scrolls = document.documentElement.scrollHeight > innerHeight || document.documentElement.scrollWidth > innerWidth;
    return scrolls ? [...out, "(the page scrolls)"] : out;
  }, [names, WHEN_ANY]);
}

/** Goes to the first moment of a kind (by its place in the Moment list), if the run has one. */
async function firstMoment(page, index) {
  const reset = page.getByRole("button", { name: "Reset" });
  if (await reset.isEnabled()) await reset.click();
  const moment = page.getByRole("combobox", { name: "Moment" });
  await moment.selectOption(String(index));
  const label = await moment.locator("option:checked").innerText();
  if (/\(0\)$/.test(label)) return false;
  await page.getByRole("group", { name: "Go to a moment" }).getByRole("button", { name: /^Next / }).click();
  await page.waitForFunction(() => !/^step 0 /.test(document.querySelector(".step-counter").innerText));
  return true;
}

test("in Presenter mode at 1280×720, each built-in's layout holds every view it names in the window at its key steps", async () => {
  const { page } = browser;
  await page.setViewportSize({ width: 1280, height: 720 });
  for (const name of builtinNames()) {
    await openFresh(page, server, `#scenario=${name}&step=0&present=1`);
    const layout = await layoutOf(page);
    assert.ok(VIEWS[layout], `${name} opens in a focused layout, not ${layout}`);
    assert.ok(await page.getByRole("button", { name: "Copy link" }).isVisible(), `${name}: Copy link in view`);
    assert.deepEqual(await outOfView(page, VIEWS[layout]), [], `${name} at load`);
    for (const [kind, index] of [["fork", 0], ["exec", 1], ["fault", 5]]) {
      if (await firstMoment(page, index)) {
        assert.deepEqual(await outOfView(page, VIEWS[layout]), [], `${name} at its first ${kind}`);
      }
    }
  }
});

test("the copied link reopens the same layout and step", async () => {
  const { page } = browser;
  await page.setViewportSize({ width: 1280, height: 720 });
  await openFresh(page, server, "#scenario=zombie&step=0");
  await page.getByRole("group", { name: "Layout" }).getByRole("button", { name: "Memory" }).click();
  await page.getByRole("button", { name: "Next fork" }).click();
  const step = (await page.locator(".step-counter").innerText()).split(" ·")[0];
  await page.getByRole("button", { name: "Copy link" }).click();
  const link = await page.getByLabel("Share link").inputValue();
  assert.match(link, /#scenario=zombie&step=\d+&layout=memory$/);
  const fresh = await browser.page.context().newPage();
  await fresh.goto(link);
  await fresh.getByRole("navigation", { name: "Stepping controls" }).waitFor();
  assert.equal(await layoutOf(fresh), "Memory");
  assert.equal((await fresh.locator(".step-counter").innerText()).split(" ·")[0], step);
  await fresh.close();
});

test("each layout, screenshotted at a projector's, a desktop's and a phone's size, never scrolls sideways", async () => {
  const { page } = browser;
  const places = {
    processes: "#scenario=fork-exec-wait&step=21&present=1",
    memory: "#scenario=copy-on-write&step=24&present=1",
    communication: "#scenario=pipeline&step=400&present=1",
    everything: "#scenario=fork-exec-wait&step=21&layout=everything",
  };
  for (const [width, height] of [[1280, 720], [1920, 1080], [390, 844]]) {
    await page.setViewportSize({ width, height });
    for (const [layout, place] of Object.entries(places)) {
      await openFresh(page, server, place);
      await page.waitForTimeout(500); // the tokens' slide to their states
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= width, `${layout} at ${width}×${height} is ${wide} px wide`);
      await shoot(page, `20-${layout}-${width}x${height}`, { fullPage: width < 900 });
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
});
