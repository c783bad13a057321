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

  it("turns the packing slip with each label on and off, and shows what was saved", async () => {
    const r = recorder();
    const first = render(BenchSection, { info: settingsInfo(), change: r.change });
    const box = screen.getByRole("checkbox", { name: /Print a packing slip with each label/ }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await fireEvent.click(box);
    await waitFor(() => expect(r.calls).toEqual([["packing-slip-with-label", "on"]]));
    expect(screen.getByTestId("bench-message").textContent).toBe("saved packing-slip-with-label on");
    first.unmount();

    // Saved on: the box shows it, and unticking turns it off.
    render(BenchSection, { info: settingsInfo({ bench: { ...settingsInfo().bench, packing_slip_with_label: true } }), change: r.change });
    const on = screen.getByRole("checkbox", { name: /Print a packing slip with each label/ }) as HTMLInputElement;
    expect(on.checked).toBe(true);
    await fireEvent.click(on);
    await waitFor(() => expect(r.calls.at(-1)).toEqual(["packing-slip-with-label", "off"]));
  });

  it("says why the toggle was not saved", async () => {
    const r = recorder(undefined, { kind: "bad_setting", message: "packing-slip-with-label takes on or off, not 'x'." });
    render(BenchSection, { info: settingsInfo(), change: r.change });
    await fireEvent.click(screen.getByTestId("bench-slip-with-label"));
    expect((await screen.findByRole("alert")).textContent).toContain("packing-slip-with-label takes on or off");
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
