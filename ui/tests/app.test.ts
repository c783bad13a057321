import { describe, expect, it } from "vitest";
import { render, screen, fireEvent } from "@testing-library/svelte";
import App from "../src/App.svelte";
import type { Backend } from "../src/lib/backend";

function fakeBackend(over: Partial<Backend> = {}): Backend {
  return {
    appInfo: async () => ({ name: "Shipbench", version: "9.9.9", mode: "DEMO" }),
    listOrders: async () => [],
    ...over,
  };
}

describe("the first screen", () => {
  it("shows the app name, the mode badge and the version", async () => {
    render(App, { backend: fakeBackend() });
    expect(screen.getByRole("heading", { name: "Shipbench" })).toBeTruthy();
    expect((await screen.findByTestId("mode-badge")).textContent).toBe("DEMO");
    expect(screen.getByText("v9.9.9")).toBeTruthy();
  });

  it("marks LIVE mode", async () => {
    render(App, { backend: fakeBackend({ appInfo: async () => ({ name: "Shipbench", version: "1", mode: "LIVE" }) }) });
    const badge = await screen.findByTestId("mode-badge");
    expect(badge.className).toContain("live");
  });

  it("lists orders after Refresh", async () => {
    const backend = fakeBackend({
      listOrders: async () => [
        { id: "a", order_number: "#1001", recipient: "Ada Lovelace", status: "PAID" },
        { id: "b", order_number: "#1002", recipient: "Alan Turing", status: "SHIPPED" },
      ],
    });
    render(App, { backend });
    await fireEvent.click(screen.getByTestId("refresh-orders"));
    expect((await screen.findAllByTestId("order-row")).length).toBe(2);
    expect(screen.getByTestId("orders-message").textContent).toBe("2 orders cached.");
  });

  it("shows the operator's sentence when loading fails", async () => {
    const backend = fakeBackend({
      listOrders: async () => {
        throw { kind: "offline", message: "Shippo could not be reached; showing cached orders." };
      },
    });
    render(App, { backend });
    await fireEvent.click(screen.getByTestId("refresh-orders"));
    await screen.findByText("Shippo could not be reached; showing cached orders.");
  });
});
