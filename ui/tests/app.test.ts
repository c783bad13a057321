import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import App from "../src/App.svelte";
import type { Backend, BuyProgress, OrderRow } from "../src/lib/backend";

const ada: OrderRow = {
  id: "a", order_number: "#1001", recipient: "Ada Lovelace", destination: "London, GB",
  status: "PAID", placed_at: "2026-11-20T10:00:00Z", tracking_number: null, has_label: false,
};
const alan: OrderRow = {
  id: "b", order_number: "#1002", recipient: "Alan Turing", destination: "Wilmslow, GB",
  status: "SHIPPED", placed_at: "2026-11-19T10:00:00Z", tracking_number: "SHIPPO_DELIVERED", has_label: true,
};

function fakeBackend(over: Partial<Backend> = {}): Backend {
  return {
    appInfo: async () => ({ name: "Shipbench", version: "9.9.9", mode: "DEMO" }),
    listOrders: async () => ({ total: 0, total_is_exact: true, orders: [] }),
    syncOrders: async () => "Synced: 0 new orders, 0 changed; 0 orders cached.",
    buyAndPrint: async () => { throw { kind: "internal", message: "not in this test" }; },
    lastPrintedLabel: async () => null,
    onBuyProgress: async () => () => {},
    onSyncProgress: async () => () => {},
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

  it("says how to fill an empty cache", async () => {
    render(App, { backend: fakeBackend() });
    await waitFor(() =>
      expect(screen.getByTestId("orders-message").textContent).toBe("No orders cached yet. Press Sync to fetch them from Shippo."),
    );
  });

  it("lists the cached orders and searches them", async () => {
    const searches: string[] = [];
    const backend = fakeBackend({
      listOrders: async (s) => {
        searches.push(s.text);
        const orders = s.text ? [ada] : [ada, alan];
        return { total: orders.length, total_is_exact: true, orders };
      },
    });
    render(App, { backend });
    await waitFor(() => expect(screen.getAllByTestId("order-row").length).toBe(2));
    expect(screen.getByTestId("orders-message").textContent).toBe("2 orders.");
    await fireEvent.input(screen.getByTestId("order-search"), { target: { value: "ada" } });
    await waitFor(() => expect(screen.getAllByTestId("order-row").length).toBe(1));
    expect(searches).toContain("ada");
  });

  it("syncs, then shows the sync's sentence", async () => {
    let synced = false;
    const backend = fakeBackend({
      syncOrders: async () => { synced = true; return "Synced: 2 new orders, 0 changed; 2 orders cached."; },
      listOrders: async () => (synced ? { total: 2, total_is_exact: true, orders: [ada, alan] } : { total: 0, total_is_exact: true, orders: [] }),
    });
    render(App, { backend });
    await fireEvent.click(screen.getByTestId("sync-orders"));
    await waitFor(() => expect(screen.getAllByTestId("order-row").length).toBe(2));
    expect(screen.getByTestId("orders-message").textContent).toBe("Synced: 2 new orders, 0 changed; 2 orders cached.");
  });

  it("shows the operator's sentence when the list cannot be read", async () => {
    const backend = fakeBackend({
      listOrders: async () => { throw { kind: "storage", message: "The order database reported an error: disk I/O error." }; },
    });
    render(App, { backend });
    await screen.findByText("The order database reported an error: disk I/O error.");
  });
});

describe("buy & print", () => {
  it("buys the scanned order, shows progress and the result, and the printed label", async () => {
    const bought: string[] = [];
    let progress: ((p: BuyProgress) => void) | undefined;
    let printed = false;
    const backend = fakeBackend({
      onBuyProgress: async (cb) => { progress = cb; return () => {}; },
      buyAndPrint: async (order) => {
        bought.push(order);
        progress?.({ order, step: "buying", message: `Order ${order}: buying the USPS Ground Advantage label…` });
        printed = true;
        return { order_number: order, tracking_number: "9205590164917312751089", message: `Order ${order}: label 9205590164917312751089 (USPS Ground Advantage) bought for 5.49 USD and sent to the printer.` };
      },
      lastPrintedLabel: async () => (printed ? { job: "20261122T101500.000Z-1.zpl", png_data_url: "data:image/png;base64,AAAA" } : null),
    });
    render(App, { backend });
    const input = screen.getByTestId("scan-input") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "#1001" } });
    await fireEvent.submit(input.form!);
    await waitFor(() => expect(screen.getByTestId("status-line").textContent).toContain("bought for 5.49 USD and sent to the printer."));
    expect(bought).toEqual(["#1001"]);
    expect(input.value).toBe("");
    expect((await screen.findByTestId("label-preview")).getAttribute("src")).toBe("data:image/png;base64,AAAA");
  });

  it("asks before buying a second label, and buys it only on yes", async () => {
    const calls: boolean[] = [];
    const backend = fakeBackend({
      listOrders: async () => ({ total: 1, total_is_exact: true, orders: [alan] }),
      buyAndPrint: async (order, another) => {
        calls.push(another);
        if (!another) throw { kind: "already_labelled", message: `Order ${order} already has a label (SHIPPO_DELIVERED).` };
        return { order_number: order, tracking_number: "X", message: `Order ${order}: label X bought and sent to the printer.` };
      },
    });
    render(App, { backend });
    await waitFor(() => expect(screen.getAllByTestId("order-row").length).toBe(1));
    await fireEvent.click(screen.getByTestId("buy-order"));
    await screen.findByTestId("question");
    expect(screen.getByTestId("status-line").textContent).toBe("Order #1002 already has a label (SHIPPO_DELIVERED).");
    expect(calls).toEqual([false]);
    await fireEvent.click(screen.getByTestId("question-yes"));
    await waitFor(() => expect(screen.getByTestId("status-line").textContent).toContain("label X bought"));
    expect(calls).toEqual([false, true]);
  });

  it("asks to confirm the first LIVE purchase", async () => {
    const confirms: boolean[] = [];
    const backend = fakeBackend({
      appInfo: async () => ({ name: "Shipbench", version: "1", mode: "LIVE" }),
      buyAndPrint: async (order, _another, confirmLive) => {
        confirms.push(confirmLive);
        if (!confirmLive) throw { kind: "confirm_live", message: "This is the first LIVE purchase since Shipbench started: it costs real money. Confirm to buy." };
        return { order_number: order, tracking_number: "1Z", message: `Order ${order}: label 1Z bought and sent to the printer.` };
      },
    });
    render(App, { backend });
    const input = screen.getByTestId("scan-input") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "1001" } });
    await fireEvent.submit(input.form!);
    expect((await screen.findByTestId("question")).textContent).toContain("costs real money");
    await fireEvent.click(screen.getByTestId("question-yes"));
    await waitFor(() => expect(screen.getByTestId("status-line").textContent).toContain("label 1Z bought"));
    expect(confirms).toEqual([false, true]);
  });

  it("shows a failed purchase as one sentence", async () => {
    const backend = fakeBackend({
      buyAndPrint: async () => { throw { kind: "shippo", message: "Shippo could not be reached: check the network and try again." }; },
    });
    render(App, { backend });
    const input = screen.getByTestId("scan-input") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "#1001" } });
    await fireEvent.submit(input.form!);
    const line = await screen.findByRole("alert");
    expect(line.textContent).toBe("Shippo could not be reached: check the network and try again.");
  });
});
