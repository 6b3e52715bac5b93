// Shared browser-test plumbing: serve dist/ on 127.0.0.1 and drive Debian's Chromium with a
// fresh profile, collecting console errors so every test can assert there were none.
import { before, after } from "node:test";
import { createServer } from "node:http";
import { readFile, mkdtemp, mkdir, rm } from "node:fs/promises";
import { extname, join, normalize, resolve, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const dist = join(root, "dist");
export const screenshots = join(root, "tests/browser/screenshots");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".svg": "image/svg+xml",
};

/** Serves dist/ like any static host; resolves to { url, close }. */
export async function serveDist() {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const file = join(dist, path.endsWith("/") ? join(path, "index.html") : path);
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** The server of dist/ and the browser of a test file that called `servePage()` (set once
 * its tests run). */
export let server;
export let browser;

/** Serves dist/ and opens a browser before the calling file's tests, then runs its `setup`
 * (if any) with both ready; closes both after the tests. */
export function servePage(setup = async () => {}) {
  before(async () => {
    server = await serveDist();
    browser = await openBrowser();
    await setup();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/** Starts headless Chromium with a fresh profile; resolves to { page, errors, close }. */
export async function openBrowser() {
  const profile = await mkdtemp(join(tmpdir(), "proclab-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 720 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  return {
    page,
    errors,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the page afresh at `place` (`#...`): a new document, not a change of fragment,
 * and waits until the app has drawn. */
export async function openFresh(page, server, place) {
  await page.goto("about:blank");
  await page.goto(`${server.url}${place}`);
  await page.getByRole("navigation", { name: "Stepping controls" }).waitFor();
}

/** Saves a screenshot under tests/browser/screenshots/ (the whole page, or with `fullPage:
 * false` what the window shows) and returns its path. */
export async function shoot(page, name, { fullPage = true } = {}) {
  await mkdir(screenshots, { recursive: true });
  const path = join(screenshots, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** The built-ins' names, from the CLI's message for an unknown one. */
export function builtinNames() {
  try {
    execFileSync("cargo", ["run", "--quiet", "--bin", "proclab-cli", "--", "trace", "?"], {
      encoding: "utf8",
      stdio: "pipe",
    });
  } catch (e) {
    return e.stderr.match(/the names are: (.*)/)[1].trim().split(", ");
  }
  throw new Error("an unknown built-in name is refused");
}
