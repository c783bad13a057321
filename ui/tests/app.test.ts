import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import App from "../src/App.svelte";
import type { BuyProgress, OrderRow } from "../src/lib/backend";
import { fakeBackend } from "./fake-backend";

const ada: OrderRow = {
  id: "a", order_number: "#1001", recipient: "Ada Lovelace", destination: "London, GB",
  status: "PAID", placed_at: "2026-11-20T10:00:00Z", tracking_number: null, has_label: false,
};
const alan: OrderRow = {
  id: "b", order_number: "#1002", recipient: "Alan Turing", destination: "Wilmslow, GB",
  status: "SHIPPED", placed_at: "2026-11-19T10:00:00Z", tracking_number: "SHIPPO_DELIVERED", has_label: true,
};

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

  it("syncs from the header's one Sync control, then the bench's list shows the new orders", async () => {
    let synced = false;
    const backend = fakeBackend({
      startSync: async () => { synced = true; return "Synced: 2 new orders, 0 changed; 2 orders cached."; },
      listOrders: async () => (synced ? { total: 2, total_is_exact: true, orders: [ada, alan] } : { total: 0, total_is_exact: true, orders: [] }),
    });
    render(App, { backend });
    await waitFor(() => expect(screen.getByTestId("orders-message").textContent).toContain("No orders cached yet"));
    // One Sync control in the window: the header's (the bench's list has none of its own).
    expect(screen.queryByTestId("sync-orders")).toBeNull();
    expect(screen.getAllByRole("button", { name: "Sync" })).toHaveLength(1);
    await fireEvent.click(await screen.findByTestId("header-sync"));
    await waitFor(() => expect(screen.getAllByTestId("order-row").length).toBe(2));
    expect(screen.getByTestId("sync-message").textContent).toBe("Synced: 2 new orders, 0 changed; 2 orders cached.");
    expect(screen.getByTestId("orders-message").textContent).toBe("2 orders.");
  });

  it("shows the operator's sentence when the list cannot be read", async () => {
    const backend = fakeBackend({
      listOrders: async () => { throw { kind: "storage", message: "The order database reported an error: disk I/O error." }; },
    });
    render(App, { backend });
    await screen.findByText("The order database reported an error: disk I/O error.");
  });
});

describe("the start-up report", () => {
  it("shows what opening the bench settled and hides it on dismiss", async () => {
    const backend = fakeBackend({
      openReport: async () => ({
        report: { purchases_adopted: 0, purchases_failed: 0, purchases_unsettled: 0, interrupted_print_jobs: [3], notes: [] },
        sentences: ["1 print job(s) were interrupted by a stop and were not resent (job 3); check the printer and reprint if needed."],
      }),
    });
    render(App, { backend });
    expect((await screen.findByTestId("open-report-line")).textContent).toContain("job 3");
    await fireEvent.click(screen.getByTestId("open-report-dismiss"));
    expect(screen.queryByTestId("open-report")).toBeNull();
  });
});

describe("buy & print", () => {
  const card = (number: string) => ({
    order_id: "o1", order_number: number, status: "PAID", recipient: "Ada Lovelace", destination: "London, GB",
    address: { name: "Ada Lovelace", company: null, street1: "1 Main St", street2: null, city: "London", state: null, zip: "N1", country: "GB", phone: null, email: null },
    international: false, items: [], notes: null, labels: [], weight: { value: "1.25", unit: "lb", source: "order" as const },
    parcel: { name: "Medium box", length: "10", width: "8", height: "4", distance_unit: "in" },
    templates: [{ name: "Medium box", length: "10", width: "8", height: "4", distance_unit: "in" }], customs: [], customs_problem: null,
  });
  const rates = async () => ({
    order_number: "#1001", weight: "1.25 lb", parcel: "Medium box (10 x 8 x 4 in)", rule: "cheapest", pick: "r1",
    rates: [{ id: "r1", carrier: "USPS", service: "Ground Advantage", name: "USPS Ground Advantage", days: 5, amount: "5.49", currency: "USD", attributes: [], picked: true }],
  });
  const fine = async () => ({ valid: true, messages: [], original: card("#1001").address, suggestion: null, needs_decision: false, sentence: "fine" });
  const bench = {
    orderCard: async (o: string) => card(o.startsWith("#") ? o : `#${o}`),
    getRates: rates,
    checkAddress: fine,
    readScale: async () => ({ present: false, name: "", state: "none", weight: null, unit: null, usable: false, sentence: "" }),
    saveOrderEdits: async () => null,
  };

  it("opens the scanned order, buys the picked rate on Enter, shows progress, the result and the printed label", async () => {
    const bought: string[] = [];
    let progress: ((p: BuyProgress) => void) | undefined;
    let printed = false;
    const backend = fakeBackend({
      ...bench,
      onBuyProgress: async (cb) => { progress = cb; return () => {}; },
      buyOrder: async (r) => {
        bought.push(`${r.order} ${r.rate_id}`);
        progress?.({ order: r.order, step: "buying", message: `Order ${r.order}: buying the USPS Ground Advantage label…` });
        printed = true;
        return { order_number: r.order, tracking_number: "9205590164917312751089", message: `Order ${r.order}: label 9205590164917312751089 (USPS Ground Advantage) bought for 5.49 USD. Printed on 'Zebra' (job 1): the printer took every byte.`,
          print: "printed", service: "USPS Ground Advantage", price: "5.49 USD", weight: "1.25 lb", label_id: 1 };
      },
      lastPrintedLabel: async () => (printed ? { job: "20261122T101500.000Z-1.zpl", png_data_url: "data:image/png;base64,AAAA" } : null),
    });
    render(App, { backend });
    const input = screen.getByTestId("scan-input") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "#1001" } });
    await fireEvent.submit(input.form!);
    await screen.findByTestId("rates");
    expect(input.value).toBe("");
    await fireEvent.submit(input.form!);
    await waitFor(() => expect(screen.getByTestId("status-line").textContent).toContain("bought for 5.49 USD. Printed on 'Zebra'"));
    expect(bought).toEqual(["#1001 r1"]);
    expect((await screen.findByTestId("label-preview")).getAttribute("src")).toBe("data:image/png;base64,AAAA");
  });

  it("asks before buying a second label, and buys it only on yes", async () => {
    const calls: boolean[] = [];
    const backend = fakeBackend({
      ...bench,
      listOrders: async () => ({ total: 1, total_is_exact: true, orders: [alan] }),
      buyOrder: async (r) => {
        calls.push(r.another);
        if (!r.another) throw { kind: "already_labelled", message: `Order ${r.order} already has a label (SHIPPO_DELIVERED).` };
        return { order_number: r.order, tracking_number: "X", message: `Order ${r.order}: label X bought. Printed on 'Zebra' (job 2).`,
          print: "printed", service: null, price: null, weight: null, label_id: null };
      },
    });
    render(App, { backend });
    await waitFor(() => expect(screen.getAllByTestId("order-row").length).toBe(1));
    await fireEvent.click(screen.getByTestId("open-order"));
    await screen.findByTestId("rates");
    await fireEvent.click(screen.getByRole("button", { name: "Buy & Print #1002" }));
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
      ...bench,
      appInfo: async () => ({ name: "Shipbench", version: "1", mode: "LIVE" }),
      buyOrder: async (r) => {
        confirms.push(r.confirm_live);
        if (!r.confirm_live) throw { kind: "confirm_live", message: "This is the first LIVE purchase since Shipbench started: it costs real money. Confirm to buy." };
        return { order_number: r.order, tracking_number: "1Z", message: `Order ${r.order}: label 1Z bought. Printed on 'Zebra' (job 3).`,
          print: "printed", service: null, price: null, weight: null, label_id: null };
      },
    });
    render(App, { backend });
    const input = screen.getByTestId("scan-input") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "1001" } });
    await fireEvent.submit(input.form!);
    await screen.findByTestId("rates");
    await fireEvent.submit(input.form!);
    expect((await screen.findByTestId("question")).textContent).toContain("costs real money");
    await fireEvent.click(screen.getByTestId("question-yes"));
    await waitFor(() => expect(screen.getByTestId("status-line").textContent).toContain("label 1Z bought"));
    expect(confirms).toEqual([false, true]);
  });

  it("shows a failed purchase as one sentence", async () => {
    const backend = fakeBackend({
      ...bench,
      buyOrder: async () => { throw { kind: "shippo", message: "Shippo could not be reached: check the network and try again." }; },
    });
    render(App, { backend });
    const input = screen.getByTestId("scan-input") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "#1001" } });
    await fireEvent.submit(input.form!);
    await screen.findByTestId("rates");
    await fireEvent.submit(input.form!);
    const line = await screen.findByRole("alert");
    expect(line.textContent).toBe("Shippo could not be reached: check the network and try again.");
  });
});

describe("the Shippo token", () => {
  it("saves a token Shippo accepts and switches the badge to its mode, never showing it in full", async () => {
    const saved: string[] = [];
    let mode: "DEMO" | "TEST" = "DEMO";
    const backend = fakeBackend({
      appInfo: async () => ({ name: "Shipbench", version: "1", mode }),
      saveToken: async (t) => {
        saved.push(t);
        mode = "TEST";
        return { mode: "TEST", token: "shippo_test_…a1b2", keyring: "Secret Service", demo_forced: false };
      },
    });
    render(App, { backend });
    expect((await screen.findByTestId("mode-badge")).textContent).toBe("DEMO");
    await fireEvent.click(screen.getByTestId("token-toggle"));
    await waitFor(() => expect(screen.getByTestId("token-current").textContent).toContain("No token saved"));
    const input = screen.getByTestId("token-input") as HTMLInputElement;
    expect(input.type).toBe("password");
    await fireEvent.input(input, { target: { value: "  shippo_test_0123456789abcdef0123456789abcdef0123a1b2 " } });
    await fireEvent.submit(input.form!);
    await waitFor(() => expect(screen.getByTestId("token-message").textContent).toBe(
      "Shippo accepted the token shippo_test_…a1b2; it is kept in the Secret Service. Shipbench now works in TEST mode.",
    ));
    expect(saved).toEqual(["  shippo_test_0123456789abcdef0123456789abcdef0123a1b2 "]);
    expect(input.value).toBe("");
    await waitFor(() => expect(screen.getByTestId("mode-badge").textContent).toBe("TEST"));
    expect(document.body.textContent).not.toContain("0123456789abcdef");
  });

  it("says why a token was refused and keeps the mode", async () => {
    const backend = fakeBackend({
      saveToken: async () => {
        throw { kind: "token", message: "Shippo refused the token shippo_test_…dead (HTTP 401): it is wrong or has been revoked. It was not saved; copy it again from the Shippo dashboard." };
      },
    });
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("token-toggle"));
    const input = screen.getByTestId("token-input") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "shippo_test_dead" } });
    await fireEvent.click(screen.getByTestId("token-save"));
    const msg = await screen.findByRole("alert");
    expect(msg.textContent).toContain("Shippo refused the token shippo_test_…dead (HTTP 401)");
    expect(screen.getByTestId("mode-badge").textContent).toBe("DEMO");
  });

  it("removes the stored token and goes back to DEMO", async () => {
    let mode: "DEMO" | "LIVE" = "LIVE";
    const backend = fakeBackend({
      appInfo: async () => ({ name: "Shipbench", version: "1", mode }),
      tokenStatus: async () => ({ mode: "LIVE", token: "shippo_live_…9f00", keyring: "Secret Service", demo_forced: false }),
      clearToken: async () => { mode = "DEMO"; return { mode: "DEMO", token: null, keyring: "Secret Service", demo_forced: false }; },
    });
    render(App, { backend });
    await fireEvent.click(await screen.findByTestId("token-toggle"));
    await waitFor(() => expect(screen.getByTestId("token-current").textContent).toContain("shippo_live_…9f00"));
    await fireEvent.click(screen.getByTestId("token-clear"));
    await waitFor(() => expect(screen.getByTestId("mode-badge").textContent).toBe("DEMO"));
    expect(screen.getByTestId("token-message").textContent).toBe("The token was removed from the Secret Service. Shipbench now works in DEMO mode.");
    expect(screen.queryByTestId("token-clear")).toBeNull();
  });
});
