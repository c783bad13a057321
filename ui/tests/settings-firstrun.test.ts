import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import App from "../src/App.svelte";
import FirstRun from "../src/views/FirstRun.svelte";
import { fakeBackend } from "./fake-backend";
import { recorder, settingsInfo } from "./settings-fixtures";

describe("the first-run setup", () => {
  it("opens on a new data dir, walks sender, printer and format, and is remembered when skipped", async () => {
    const r = recorder((k) => (k === "setup" ? { setup_done: true } : {}));
    let needed = true;
    const backend = fakeBackend({
      setupNeeded: async () => needed,
      settingsGet: async () => settingsInfo(),
      settingsSet: async (k, v) => { if (k === "setup") needed = false; return r.settingsSet(k, v); },
      printersList: async () => ({ printers: [], system_queues: [] }),
    });
    render(App, { backend });
    await screen.findByTestId("first-run");
    await fireEvent.click(screen.getByTestId("setup-next"));
    expect(await screen.findByTestId("settings-sender")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("setup-next"));
    expect(await screen.findByTestId("settings-printers")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("setup-next"));
    expect(await screen.findByTestId("settings-label")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("setup-skip"));
    await waitFor(() => expect(screen.queryByTestId("first-run")).toBeNull());
    expect(r.calls).toEqual([["setup", "skipped"]]);

    // Reopened from Settings.
    await fireEvent.click(screen.getByTestId("nav-settings"));
    await fireEvent.click(await screen.findByTestId("settings-setup"));
    expect(await screen.findByTestId("first-run")).toBeTruthy();
  });

  it("does not open when the station says no setup is needed (a --demo start)", async () => {
    render(App, { backend: fakeBackend({ setupNeeded: async () => false }) });
    await screen.findByTestId("mode-badge");
    expect(screen.queryByTestId("first-run")).toBeNull();
  });

  it("finishes with Try the demo", async () => {
    const r = recorder();
    let done = 0;
    render(FirstRun, { backend: fakeBackend({ settingsGet: async () => settingsInfo(), settingsSet: r.settingsSet }), ondone: () => done++ });
    await fireEvent.click(screen.getByTestId("setup-demo"));
    await waitFor(() => expect(done).toBe(1));
    expect(r.calls).toEqual([["setup", "done"]]);
  });
});
