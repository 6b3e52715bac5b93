// The editor and share links: the source is coloured as C; an edit that does not compile says where; "Run" runs the
// edited program; "Copy link" gives a link that opens the same scenario at the same step in
// a fresh page; a damaged link shows an alert and leaves the autosaved work as it was.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { servePage, server, browser, shoot } from "./harness.mjs";

servePage();

/** Opens the side panel with the program's editor. */
async function openProgram(page) {
  await page.getByRole("group", { name: "Panels" }).getByRole("button", { name: "Program" }).click();
  await page.locator("details.editor[open]").waitFor();
}

const program = `#include <stdio.h>
#include <unistd.h>
int main(void) {
    int x = 41;
    if (fork() == 0) {
        x++;
        printf("child sees %d\\n", x);
        return 0;
    }
    printf("parent sees %d\\n", x);
    return 0;
}
`;

test("an edited program is checked as it is typed, then runs", async () => {
  const { page } = browser;
  await page.goto(`${server.url}#scenario=0&step=0`);
  await page.getByRole("region", { name: "Process tree" }).waitFor();
  await openProgram(page);
  const source = page.getByRole("textbox", { name: "Source of fork_exec_wait.c" });
  await source.fill("int main(void) {\n  return x;\n}\n");
  assert.match(await page.getByRole("status").first().innerText(), /fork_exec_wait\.c:2:10/);
  assert.ok(await page.getByRole("button", { name: "Run" }).isDisabled());
  await source.fill(program);
  assert.equal(await page.getByRole("status").first().innerText(), "Compiles.");
  // The coloured copy under the text is the same text, character for character, with C's
  // keywords, types, calls and strings picked out.
  const copy = page.locator(".code-stack pre.highlighted");
  assert.equal(await copy.textContent(), `${program}\n`);
  assert.equal(await copy.locator(".hl-call", { hasText: "fork" }).count(), 1);
  assert.deepEqual(await copy.locator(".hl-keyword").allTextContents(), ["if", "return", "return"]);
  assert.equal(await copy.locator(".hl-string").count(), 2);
  const [under, over] = await Promise.all([copy.boundingBox(), source.boundingBox()]);
  assert.deepEqual([under.x, under.y], [over.x, over.y], "the copy sits exactly under the text");
  await page.getByRole("button", { name: "Run" }).click();
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("Every process has finished").waitFor();
  const terminal = await page.getByRole("region", { name: "Terminal" }).innerText();
  assert.match(terminal, /child sees 42/);
  assert.match(terminal, /parent sees 41/);
  await shoot(page, "12-edited-program");
});

test("a second file becomes a program the first can exec, and can be renamed and removed", async () => {
  const { page } = browser;
  await openProgram(page);
  await page.getByRole("button", { name: "Add a file" }).click();
  await page.getByLabel("File name").fill("helper.c");
  await page.getByLabel("File name").press("Enter");
  await page.getByRole("textbox", { name: "Source of helper.c" }).fill(
    '#include <stdio.h>\nint main(void) { printf("helper runs\\n"); return 0; }\n',
  );
  await page.getByRole("group", { name: "Files" }).getByRole("button", { name: "fork_exec_wait.c" }).click();
  await page.getByRole("textbox", { name: "Source of fork_exec_wait.c" }).fill(
    '#include <stdio.h>\n#include <unistd.h>\n#include <sys/wait.h>\n' +
      'int main(void) { if (fork() == 0) { execl("./helper", "helper", NULL); return 1; }\n' +
      '  wait(NULL); printf("main done\\n"); return 0; }\n',
  );
  await page.getByRole("button", { name: "Run" }).click();
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("Every process has finished").waitFor();
  const terminal = await page.getByRole("region", { name: "Terminal" }).innerText();
  assert.match(terminal, /helper runs\nmain done/);
  await openProgram(page);
  await page.getByRole("group", { name: "Files" }).getByRole("button", { name: "helper.c" }).click();
  await page.getByRole("button", { name: "Remove this file" }).click();
  assert.equal(await page.getByRole("group", { name: "Files" }).getByRole("button", { name: "helper.c" }).count(), 0);
  assert.ok(await page.getByRole("button", { name: "Remove this file" }).isDisabled(), "the last file stays");
  await page.getByRole("textbox", { name: "Source of fork_exec_wait.c" }).fill(program);
  await page.getByRole("button", { name: "Run" }).click();
  await page.getByRole("button", { name: "Go to end" }).click();
});

test("the machine's settings are edited beside the program and checked when it runs", async () => {
  const { page } = browser;
  await openProgram(page);
  await page.getByLabel("Frames").fill("2");
  await page.getByRole("button", { name: "Run" }).click();
  assert.match(await page.getByRole("alert").innerText(), /frames/);
  await page.getByLabel("Frames").fill("64");
  await page.getByLabel("CPUs").fill("2");
  await page.getByRole("button", { name: "Run" }).click();
  await page.getByRole("region", { name: "Scheduler" }).locator(".cpu-name", { hasText: "CPU 1" }).waitFor();
  assert.equal(await page.getByRole("alert").count(), 0);
  await page.getByRole("button", { name: "Go to end" }).click();
});

test("Copy link opens the same scenario at the same step in a fresh page", async () => {
  const { page } = browser;
  await page.getByRole("button", { name: "Reset" }).click();
  for (let i = 0; i < 5; i++) await page.getByRole("button", { name: "Step forward" }).click();
  const counter = await page.locator(".step-counter").innerText();
  await page.getByRole("button", { name: "Copy link" }).click();
  const link = await page.getByLabel("Share link").inputValue();
  assert.match(link, /#s=[A-Za-z0-9_-]+&step=\d+$/);
  const fresh = await browser.page.context().newPage();
  await fresh.goto(link);
  await fresh.getByRole("region", { name: "Process tree" }).waitFor();
  assert.equal(await fresh.locator(".step-counter").innerText(), counter);
  assert.match(await fresh.getByLabel("Scenario").inputValue(), /own/);
  await fresh.getByRole("button", { name: "Go to end" }).click();
  assert.match(await fresh.getByRole("region", { name: "Terminal" }).innerText(), /child sees 42/);
  await fresh.close();
});

test("a damaged link shows an alert and keeps the autosaved work", async () => {
  const { page } = browser;
  const saved = await page.evaluate(() => localStorage.getItem("proclab-autosave"));
  assert.ok(saved, "the edit was autosaved");
  const link = await page.getByLabel("Share link").inputValue();
  const damaged = link.replace(/#s=([A-Za-z0-9_-]{40})/, "#s=$1").slice(0, link.indexOf("#s=") + 60);
  const fresh = await browser.page.context().newPage();
  await fresh.goto(damaged);
  const alert = fresh.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), /damaged or cut short/);
  await fresh.getByRole("region", { name: "Process tree" }).waitFor();
  assert.equal(await fresh.evaluate(() => localStorage.getItem("proclab-autosave")), saved);
  await shoot(fresh, "13-damaged-link");
  await fresh.close();
});

test("opening someone else's link shows their scenario and leaves the autosaved work alone", async () => {
  const { page } = browser;
  const saved = await page.evaluate(() => localStorage.getItem("proclab-autosave"));
  const file = join(mkdtempSync(join(tmpdir(), "proclab-other-")), "theirs.c");
  writeFileSync(file, '#include <stdio.h>\nint main(void) {\n    printf("theirs\\n");\n    return 0;\n}\n');
  const link = execFileSync(
    "cargo",
    ["run", "--quiet", "--bin", "proclab-cli", "--", "link", file, "--base", server.url],
    { encoding: "utf8" },
  ).trim();
  const fresh = await browser.page.context().newPage();
  await fresh.goto(link);
  await fresh.getByRole("button", { name: "Go to end" }).click();
  assert.match(await fresh.getByRole("region", { name: "Terminal" }).innerText(), /theirs/);
  assert.equal(await fresh.evaluate(() => localStorage.getItem("proclab-autosave")), saved);
  await fresh.close();
});

test("every built-in C scenario's share link opens its same run at the same step", { timeout: 300_000 }, async () => {
  const page = await browser.page.context().newPage();
  const counter = () => page.locator(".step-counter").innerText().then((t) => t.split(" ·")[0]);
  let checked = 0;
  for (let i = 0; i < 20; i++) {
    let link;
    try {
      link = execFileSync(
        "cargo",
        ["run", "--quiet", "--bin", "proclab-cli", "--", "link", "--builtin", String(i), "--step", "7", "--base", server.url],
        { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
      ).trim();
    } catch {
      continue; // a synthetic scenario (no C) has no share link of its own
    }
    await page.goto("about:blank");
    await page.goto(`${server.url}#scenario=${i}&step=7`);
    await page.getByRole("region", { name: "Narration" }).waitFor();
    const builtin = await counter();
    await page.goto("about:blank");
    await page.goto(link);
    await page.getByRole("region", { name: "Process tree" }).waitFor();
    await page.getByRole("region", { name: "Recording" }).waitFor({ state: "detached" });
    assert.equal(await counter(), builtin, `built-in ${i} through its share link`);
    assert.match(await page.getByLabel("Scenario", { exact: true }).inputValue(), /own/);
    checked++;
  }
  assert.ok(checked >= 15, `${checked} built-in C scenarios checked`);
  await page.close();
});

test("presenter mode enlarges the page, hides the editor and never scrolls sideways at 1280", async () => {
  const { page } = browser;
  await page.goto(`${server.url}#scenario=0&step=300`);
  await page.getByRole("region", { name: "Process tree" }).waitFor();
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(await sideways(), false, "no horizontal scroll in the normal layout");
  await page.getByRole("button", { name: "Presenter mode" }).click();
  assert.equal(await page.getByRole("button", { name: "Presenter mode" }).getAttribute("aria-pressed"), "true");
  assert.equal(await page.locator("details.editor").count(), 0);
  assert.equal(await sideways(), false, "no horizontal scroll in presenter mode");
  await page.waitForURL(/present=1/);
  await shoot(page, "14-presenter");
});

test("Copy embed code gives an iframe whose page shows only the simulator", async () => {
  const { page } = browser;
  await page.goto("about:blank");
  await page.goto(`${server.url}#scenario=0&step=300`);
  await page.getByRole("region", { name: "Process tree" }).waitFor();
  await page.getByRole("button", { name: "Copy embed code" }).click();
  const snippet = await page.getByLabel("Embed code").inputValue();
  const src = snippet.match(/src="([^"]+)"/)[1];
  assert.match(snippet, /title="ProcLab: fork, exec and wait/);
  const embedded = await browser.page.context().newPage();
  await embedded.goto(src);
  await embedded.getByRole("region", { name: "Process tree" }).waitFor();
  assert.equal(await embedded.locator("details.editor").count(), 0);
  assert.equal(await embedded.getByLabel("Scenario", { exact: true }).count(), 0);
  assert.match(await embedded.getByRole("link", { name: "Open in ProcLab" }).getAttribute("href"), /#scenario=fork-exec-wait&step=300/);
  await shoot(embedded, "15-embedded");
  await embedded.close();
});

test("markup in a program's output, file names and title is shown as text and never runs", async () => {
  const dir = mkdtempSync(join(tmpdir(), "proclab-xss-"));
  const name = "<img src=x onerror=window.__xss=1>.c";
  writeFileSync(
    join(dir, name),
    `#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
int main(void) {
    printf("<img src=x onerror=\\"window.__xss=2\\">\\n");
    printf("</script><script>window.__xss=3</script>\\n");
    printf("javascript:window.__xss=4\\n");
    close(open("/tmp/<b onmouseover=window.__xss=5>", O_WRONLY | O_CREAT, 0644));
    return 0;
}
`,
  );
  const link = execFileSync(
    "cargo",
    ["run", "--quiet", "--bin", "proclab-cli", "--", "link", join(dir, name), "--base", server.url],
    { encoding: "utf8" },
  ).trim();
  const page = await browser.page.context().newPage();
  await page.goto(`${link}&layout=everything`);
  await page.getByRole("region", { name: "Process tree" }).waitFor();
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("Every process has finished").waitFor();
  const terminal = await page.getByRole("region", { name: "Terminal" }).innerText();
  assert.match(terminal, /<img src=x onerror="window.__xss=2">/);
  assert.match(terminal, /<\/script><script>window.__xss=3<\/script>/);
  assert.match(await page.getByRole("region", { name: "Files" }).innerText(), /\/tmp\/<b onmouseover=window.__xss=5>/);
  assert.match(await page.getByLabel("Scenario", { exact: true }).innerText(), /<img src=x onerror=window.__xss=1>\.c/);
  assert.equal(await page.locator("img").count(), 0, "no element was made from the text");
  assert.equal(await page.evaluate(() => window.__xss ?? null), null);
  await page.close();
});

test("a panic shows the error panel, with a report to copy, and the autosave intact", async () => {
  const page = await browser.page.context().newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.url}#scenario=0&step=0`);
  await page.getByRole("region", { name: "Process tree" }).waitFor();
  const saved = await page.evaluate(() => localStorage.getItem("proclab-autosave"));
  await page.goto("about:blank");
  await page.goto(`${server.url}#selftest=panic`);
  const panel = page.locator("#fatal-error");
  await panel.waitFor();
  assert.match(await panel.innerText(), /self-test: a deliberate panic/);
  await page.getByRole("button", { name: "Copy error report" }).click();
  const report = await page.evaluate(() => window.__proclabErrorReport);
  assert.match(report, /self-test: a deliberate panic/);
  assert.match(report, /#selftest=panic/);
  assert.equal(await page.evaluate(() => localStorage.getItem("proclab-autosave")), saved);
  await shoot(page, "16-panic-panel");
  await page.close();
});

test("a header, a helper file, arguments and standard input make one program, started as a shell starts it", async () => {
  const { page } = browser;
  await page.goto("about:blank");
  await page.goto(`${server.url}#scenario=0&step=0`);
  await page.getByRole("region", { name: "Process tree" }).waitFor();
  await openProgram(page);
  const files = page.getByRole("group", { name: "Files" });
  const addFile = async (name, text) => {
    await page.getByRole("button", { name: "Add a file" }).click();
    await page.getByLabel("File name").fill(name);
    await page.getByLabel("File name").press("Enter");
    await page.getByRole("textbox", { name: `Source of ${name}` }).fill(text);
  };
  await addFile("shout.h", "#ifndef SHOUT_H\n#define SHOUT_H\nvoid shout(const char *who, const char *line);\n#endif\n");
  await addFile(
    "shout.c",
    '#include <stdio.h>\n#include "shout.h"\nvoid shout(const char *who, const char *line) { printf("%s says %s", who, line); }\n',
  );
  await files.getByRole("button", { name: "fork_exec_wait.c" }).click();
  await page.getByRole("textbox", { name: "Source of fork_exec_wait.c" }).fill(
    '#include <stdio.h>\n#include "shout.h"\nint main(int argc, char *argv[]) {\n' +
      "  char line[64];\n  while (fgets(line, sizeof line, stdin)) shout(argv[1], line);\n" +
      '  printf("%d arguments\\n", argc);\n  return 0;\n}\n',
  );
  await page.getByLabel("Arguments").fill("'the parrot' extra");
  await page.getByLabel("Standard input").fill("hello\nbye\n");
  assert.equal(await page.getByRole("status").first().innerText(), "Compiles.");
  await page.getByRole("button", { name: "Run" }).click();
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("Every process has finished").waitFor();
  const terminal = await page.getByRole("region", { name: "Terminal" }).innerText();
  assert.match(terminal, /the parrot says hello\nthe parrot says bye\n3 arguments/);
  await openProgram(page);
  await page.getByLabel("Arguments").fill("'unclosed");
  assert.match(await page.getByRole("alert").first().innerText(), /never closed/);
  await page.getByLabel("Arguments").fill("'the parrot' extra");
  await page.getByRole("button", { name: "Copy link" }).click();
  const link = await page.getByLabel("Share link").inputValue();
  const fresh = await browser.page.context().newPage();
  await fresh.goto(link);
  await fresh.getByRole("region", { name: "Process tree" }).waitFor();
  // The link was copied at the run's end, so it opens there.
  assert.match(await fresh.getByRole("region", { name: "Terminal" }).innerText(), /the parrot says bye/);
  await fresh.getByRole("group", { name: "Panels" }).getByRole("button", { name: "Program" }).click();
  assert.equal(await fresh.getByLabel("Arguments").inputValue(), "'the parrot' extra");
  await shoot(fresh, "17-command-line");
  await fresh.close();
});

test("no console error appeared", () => {
  assert.deepEqual(browser.errors, []);
});
