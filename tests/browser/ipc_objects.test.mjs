// The Communication layout shows System V shared memory segments and semaphore sets: a
// segment's size, the processes attached and its frames; a set's values and its sleepers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { servePage, server, browser, shoot } from "./harness.mjs";

const SOURCE = `#include <stdio.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int shm = shmget(IPC_PRIVATE, 6000, 0600);
    int *counter = shmat(shm, NULL, 0);
    int lock = semget(IPC_PRIVATE, 1, 0600);
    semctl(lock, 0, SETVAL, 1);
    struct sembuf down = { 0, -1, SEM_UNDO }, up = { 0, 1, SEM_UNDO };
    for (int i = 0; i < 2; i++) {
        if (fork() == 0) {
            for (int j = 0; j < 3; j++) {
                semop(lock, &down, 1);
                *counter += 1;
                semop(lock, &up, 1);
            }
            _exit(0);
        }
    }
    while (wait(NULL) > 0) {}
    printf("counter %d\\n", *counter);
    shmdt(counter);
    shmctl(shm, IPC_RMID, NULL);
    semctl(lock, 0, IPC_RMID);
    return 0;
}
`;

let linkAt;

servePage(async () => {
  const dir = mkdtempSync(join(tmpdir(), "proclab-ipc-"));
  const file = join(dir, "ipc_view.c");
  writeFileSync(file, SOURCE);
  linkAt = (step) =>
    execFileSync(
      "cargo",
      ["run", "--quiet", "--bin", "proclab-cli", "--", "link", file, "--step", String(step), "--base", server.url],
      { encoding: "utf8" },
    ).trim();
});

test("segments and semaphore sets show their attachments, values and sleepers, then their end", async () => {
  const { page, errors } = browser;
  await page.goto("about:blank");
  await page.goto(`${linkAt(308)}&layout=communication`);
  const view = page.getByRole("region", { name: "Shared memory and semaphores" });
  await view.waitFor();
  const text = await view.innerText();
  assert.match(text, /shm 0\s+6,000 bytes\s+attached to\s+P2\s+P3\s+P4/);
  assert.match(text, /frames \d+, \d+/);
  assert.match(text, /semaphores 0\s+\[0\] 0\s+asleep in semop:\s+P3/);
  await shoot(page, "19-ipc-objects");
  await page.getByRole("button", { name: "Go to end" }).click();
  await page.getByRole("region", { name: "Narration" }).getByText("Every process has finished").waitFor();
  const end = await view.innerText();
  assert.match(end, /shm 0\s+6,000 bytes\s+destroyed/);
  assert.match(end, /semaphores 0\s+removed/);
  assert.deepEqual(errors, []);
});
