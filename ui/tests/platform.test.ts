import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import App from "../src/App.svelte";
import UpdateReady from "../src/components/platform/UpdateReady.svelte";
import ShowLogs from "../src/components/platform/ShowLogs.svelte";
import type { UpdateReady as UpdateReadyEvent } from "../src/lib/areas/platform";
import { fakeBackend } from "./fake-backend";

describe("the update notice", () => {
  it("says nothing until an update is downloaded, then names the version and when it applies", async () => {
    let send: ((u: UpdateReadyEvent) => void) | undefined;
    render(UpdateReady, { backend: fakeBackend({ onUpdateReady: async (cb) => { send = cb; return () => {}; } }) });
    await waitFor(() => expect(send).toBeDefined());
    expect(screen.queryByTestId("update-ready")).toBeNull();
    send!({ version: "0.2.0" });
    expect((await screen.findByTestId("update-ready")).textContent?.trim())
      .toBe("Update 0.2.0 downloaded: it is installed when Shipbench closes.");
  });
});

describe("Show logs", () => {
  it("opens the log folder and shows where it is", async () => {
    let asked = 0;
    render(ShowLogs, { backend: fakeBackend({ showLogs: async () => { asked++; return "/home/ada/.local/share/dev.shipbench.station/logs"; } }) });
    await fireEvent.click(screen.getByRole("button", { name: "Show logs" }));
    expect((await screen.findByTestId("logs-path")).textContent).toBe("Logs: /home/ada/.local/share/dev.shipbench.station/logs");
    expect(asked).toBe(1);
  });

  it("says why when the folder cannot be shown", async () => {
    render(ShowLogs, { backend: fakeBackend({ showLogs: async () => { throw { kind: "io", message: "The log folder /x could not be created: denied." }; } }) });
    await fireEvent.click(screen.getByRole("button", { name: "Show logs" }));
    expect((await screen.findByTestId("logs-path")).textContent).toBe("The log folder /x could not be created: denied.");
  });
});

describe("the ready report", () => {
  it("is sent once, after the order list is drawn", async () => {
    let ready = 0;
    let answer: (() => void) | undefined;
    const backend = fakeBackend({
      uiReady: async () => { ready++; },
      listOrders: () => new Promise((r) => { answer = () => r({ total: 0, total_is_exact: true, orders: [] }); }),
    });
    render(App, { backend });
    await waitFor(() => expect(answer).toBeDefined());
    await new Promise((r) => setTimeout(r, 100));
    expect(ready).toBe(0);
    answer!();
    await waitFor(() => expect(ready).toBe(1));
    await new Promise((r) => setTimeout(r, 100));
    expect(ready).toBe(1);
  });
});
