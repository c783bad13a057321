import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import SettingsView from "../src/views/SettingsView.svelte";
import { fakeBackend } from "./fake-backend";
import { settingsInfo } from "./settings-fixtures";

const base = {
  settingsGet: async () => settingsInfo(),
  printersList: async () => ({ printers: [], system_queues: [] }),
};

describe("the settings screen", () => {
  it("has one section per concern, the token first", async () => {
    render(SettingsView, { backend: fakeBackend(base) });
    expect(await screen.findByTestId("token-panel")).toBeTruthy();
    for (const id of ["settings-sender", "settings-printers", "settings-label", "settings-parcel", "settings-bench"]) {
      expect(await screen.findByTestId(id)).toBeTruthy();
    }
  });

  it("exports and imports through the backend's dialogs and says what happened", async () => {
    let imported = 0;
    const backend = fakeBackend({
      ...base,
      settingsExport: async () => "Settings written to /tmp/bench.json (the token is never in it).",
      settingsImport: async () => { imported++; return { said: "Settings read from /tmp/bench.json and saved.", settings: settingsInfo({ label_format: "PDF_4x6" }) }; },
    });
    render(SettingsView, { backend });
    await fireEvent.click(await screen.findByTestId("settings-export"));
    await waitFor(() => expect(screen.getByTestId("settings-message").textContent).toBe("Settings written to /tmp/bench.json (the token is never in it)."));
    await fireEvent.click(screen.getByTestId("settings-import"));
    await waitFor(() => expect(screen.getByTestId("settings-message").textContent).toBe("Settings read from /tmp/bench.json and saved."));
    expect(imported).toBe(1);
    expect((screen.getByTestId("format-pdf") as HTMLInputElement).checked).toBe(true);
  });

  it("says nothing when the operator cancels the dialog, and shows a refused import as one sentence", async () => {
    const backend = fakeBackend({
      ...base,
      settingsExport: async () => null,
      settingsImport: async () => { throw { kind: "invalid_input", message: "The settings file is not valid: 'token' is not a Shipbench setting (tokens are never imported from files)." }; },
    });
    render(SettingsView, { backend });
    await fireEvent.click(await screen.findByTestId("settings-export"));
    expect(screen.queryByTestId("settings-message")).toBeNull();
    await fireEvent.click(screen.getByTestId("settings-import"));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("tokens are never imported"));
  });
});
