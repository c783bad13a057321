import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import BenchSection from "../src/components/settings/BenchSection.svelte";
import SettingsView from "../src/views/SettingsView.svelte";
import { fakeBackend } from "./fake-backend";
import { recorder, settingsInfo } from "./settings-fixtures";

describe("bench preferences", () => {
  it("saves sounds, auto mode and theme at once", async () => {
    const r = recorder();
    render(BenchSection, { info: settingsInfo(), change: r.change });
    await fireEvent.click(screen.getByTestId("bench-sounds"));
    await fireEvent.click(screen.getByTestId("bench-auto"));
    await fireEvent.change(screen.getByTestId("bench-theme"), { target: { value: "dark" } });
    await waitFor(() => expect(r.calls).toEqual([["sounds", "off"], ["auto-buy", "on"], ["theme", "dark"]]));
  });

  it("applies the theme to the window when it changes", async () => {
    const r = recorder((k, v) => (k === "theme" ? { bench: { ...settingsInfo().bench, theme: v as "dark" } } : {}));
    const backend = fakeBackend({
      settingsGet: async () => settingsInfo(),
      settingsSet: r.settingsSet,
      printersList: async () => ({ printers: [], system_queues: [] }),
    });
    render(SettingsView, { backend });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe("system"));
    await fireEvent.change(await screen.findByTestId("bench-theme"), { target: { value: "dark" } });
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe("dark"));
  });
});
