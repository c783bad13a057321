import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import BenchView from "../src/views/BenchView.svelte";
import { ScanQueue } from "../src/components/bench/scanQueue";
import type { BuyRequest, OrderCard, RateList, ScaleReading } from "../src/lib/areas/bench";
import type { BuyResult } from "../src/lib/backend";
import { fakeBackend } from "./fake-backend";

const card = (over: Partial<OrderCard> = {}): OrderCard => ({
  order_id: "o1", order_number: "#1001", status: "PAID", recipient: "Ada Lovelace", destination: "12 Main St, Portland, OR, 97201, US",
  address: { name: "Ada Lovelace", company: null, street1: "12 Main St", street2: null, city: "Portland", state: "OR", zip: "97201", country: "US", phone: null, email: null },
  international: false,
  items: [{ title: "Enamel mug", sku: "MUG-1", quantity: 2 }],
  notes: "Gift wrap, please",
  labels: [],
  weight: null,
  parcel: { name: "Medium box", length: "10", width: "8", height: "4", distance_unit: "in" },
  templates: [{ name: "Medium box", length: "10", width: "8", height: "4", distance_unit: "in" }],
  customs: [],
  customs_problem: null,
  ...over,
});

const rateList = (weight: string): RateList => ({
  order_number: "#1001", weight, parcel: "Medium box (10 x 8 x 4 in)", rule: "cheapest", pick: "r_cheap",
  rates: [
    { id: "r_cheap", carrier: "USPS", service: "Ground Advantage", name: "USPS Ground Advantage", days: 5, amount: "5.49", currency: "USD", attributes: ["CHEAPEST"], picked: true },
    { id: "r_fast", carrier: "USPS", service: "Priority Mail", name: "USPS Priority Mail", days: 2, amount: "8.20", currency: "USD", attributes: ["FASTEST"], picked: false },
  ],
});

const bought = (order: string, print = "printed"): BuyResult => ({
  order_number: order, tracking_number: "9205590164917312751089", message: `Order ${order}: label 9205590164917312751089 bought for 8.20 USD. Printed on 'Zebra' (job 1).`,
  print, service: "USPS Priority Mail", price: "8.20 USD", weight: "2.5 lb", label_id: 1,
});

const fine = async () => ({ valid: true, messages: [], original: card().address, suggestion: null, needs_decision: false, sentence: "The address of order #1001 is fine." });
const noScale = async (): Promise<ScaleReading> => ({ present: false, name: "", state: "none", weight: null, unit: null, usable: false, sentence: "No scale is set up: type the weight." });

async function scan(order: string) {
  const input = screen.getByTestId("scan-input") as HTMLInputElement;
  await fireEvent.input(input, { target: { value: order } });
  await fireEvent.submit(input.form!);
}

describe("the order card", () => {
  it("shows the order, asks for a weight, then lists rates with the rule's pick and buys the chosen one", async () => {
    const requests: BuyRequest[] = [];
    const rated: string[] = [];
    const backend = fakeBackend({
      orderCard: async () => card(),
      readScale: noScale,
      saveOrderEdits: async () => null,
      getRates: async (_o, w) => { rated.push(`${w?.value} ${w?.unit}`); return rateList(`${w?.value} ${w?.unit}`); },
      checkAddress: fine,
      buyOrder: async (r) => { requests.push(r); return bought(r.order); },
    });
    render(BenchView, { backend, scalePollMs: 0 });
    await scan("#1001");
    expect((await screen.findByTestId("card-number")).textContent).toBe("#1001");
    expect(screen.getByTestId("card-items").textContent).toContain("2 × Enamel mug");
    expect(screen.getByTestId("card-notes").textContent).toContain("Gift wrap");
    await waitFor(() => expect(screen.getByTestId("status-line").textContent).toContain("has no weight"));
    expect(screen.queryByTestId("rates")).toBeNull();
    const weight = screen.getByLabelText("Weight") as HTMLInputElement;
    await fireEvent.input(weight, { target: { value: "2.5" } });
    await fireEvent.click(screen.getByRole("button", { name: "Get rates" }));
    await screen.findByTestId("rates");
    expect(rated).toEqual(["2.5 lb"]);
    const radios = screen.getAllByRole("radio") as HTMLInputElement[];
    expect(radios[0].checked).toBe(true);
    expect(screen.getAllByTestId("rate")[0].dataset.picked).toBe("true");
    await fireEvent.click(radios[1]);
    await fireEvent.click(screen.getByRole("button", { name: "Buy & Print #1001" }));
    await waitFor(() => expect(screen.getByTestId("result-print").textContent).toBe("Printed"));
    expect(requests).toHaveLength(1);
    expect(requests[0].rate_id).toBe("r_fast");
    expect(requests[0].weight).toEqual({ value: "2.5", unit: "lb" });
    expect(requests[0].address).toBe("stop_if_invalid");
    expect(screen.getByTestId("result-tracking").textContent).toBe("9205590164917312751089");
  });

  it("gets rates at once when the order has a weight, and Enter on the scan field buys the pick", async () => {
    const requests: BuyRequest[] = [];
    const backend = fakeBackend({
      orderCard: async () => card({ weight: { value: "1.25", unit: "lb", source: "order" } }),
      readScale: noScale,
      getRates: async (_o, w) => rateList(`${w?.value} ${w?.unit}`),
      checkAddress: fine,
      buyOrder: async (r) => { requests.push(r); return bought(r.order, "queued"); },
    });
    render(BenchView, { backend, scalePollMs: 0 });
    await scan("1001");
    await screen.findByTestId("rates");
    await scan("");
    await waitFor(() => expect(screen.getByTestId("result-print").textContent).toContain("Queued"));
    expect(requests[0].rate_id).toBe("r_cheap");
    expect(screen.getByTestId("buy-result").dataset.print).toBe("queued");
  });

  it("takes the weight from a stable scale with a 'from scale' mark, until the operator types", async () => {
    let reading: ScaleReading = { present: true, name: "Virtual scale", state: "stable", weight: "3.2", unit: "lb", usable: true, sentence: "Stable." };
    const backend = fakeBackend({
      orderCard: async () => card(),
      readScale: async () => reading,
      saveOrderEdits: async () => null,
      getRates: async (_o, w) => rateList(`${w?.value} ${w?.unit}`),
    });
    render(BenchView, { backend, scalePollMs: 0 });
    await scan("#1001");
    await screen.findByTestId("rates");
    expect((screen.getByLabelText("Weight") as HTMLInputElement).value).toBe("3.2");
    expect(screen.getByTestId("weight-from-scale").textContent).toBe("from scale");
    await fireEvent.input(screen.getByLabelText("Weight"), { target: { value: "4" } });
    expect(screen.queryByTestId("weight-from-scale")).toBeNull();
    reading = { ...reading, weight: "9.9" };
    expect((screen.getByLabelText("Weight") as HTMLInputElement).value).toBe("4");
  });

  it("says so and buys nothing for an unknown order", async () => {
    const backend = fakeBackend({
      orderCard: async () => { throw { kind: "order_not_found", message: "Order #9999 is not in the order cache, nor at Shippo." }; },
    });
    render(BenchView, { backend, scalePollMs: 0 });
    await scan("#9999");
    expect((await screen.findByRole("alert")).textContent).toContain("#9999");
    expect(screen.queryByTestId("order-card")).toBeNull();
    expect(document.activeElement?.id).toBe("scan");
  });
});

describe("the address decision", () => {
  it("shows Shippo's words in a dialog and honours 'use the suggested address'", async () => {
    const requests: BuyRequest[] = [];
    const backend = fakeBackend({
      orderCard: async () => card({ weight: { value: "1", unit: "lb", source: "order" } }),
      readScale: noScale,
      getRates: async () => rateList("1 lb"),
      checkAddress: async () => ({
        valid: true, messages: ["The street type was corrected."], original: card().address,
        suggestion: { ...card().address, street1: "12 Main St", zip: "97201-1234" }, needs_decision: true,
        sentence: "Shippo suggests a corrected address for order #1001: 12 Main St, Portland, OR, 97201-1234, US.",
      }),
      buyOrder: async (r) => { requests.push(r); return bought(r.order); },
    });
    render(BenchView, { backend, scalePollMs: 0 });
    await scan("#1001");
    await screen.findByTestId("rates");
    await fireEvent.click(screen.getByRole("button", { name: "Buy & Print #1001" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(dialog.textContent).toContain("The street type was corrected.");
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(requests).toHaveLength(0);
    await fireEvent.click(screen.getByTestId("address-accept"));
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0].address).toBe("accept_suggestion");
  });

  it("buys nothing when the operator closes the dialog with Esc", async () => {
    const requests: BuyRequest[] = [];
    const backend = fakeBackend({
      orderCard: async () => card({ weight: { value: "1", unit: "lb", source: "order" } }),
      readScale: noScale,
      getRates: async () => rateList("1 lb"),
      checkAddress: async () => ({
        valid: false, messages: ["City, State and ZIP Code are valid, but street address is not a match."], original: card().address,
        suggestion: null, needs_decision: true, sentence: "Shippo says the address of order #1001 may not be deliverable.",
      }),
      buyOrder: async (r) => { requests.push(r); return bought(r.order); },
    });
    render(BenchView, { backend, scalePollMs: 0 });
    await scan("#1001");
    await screen.findByTestId("rates");
    await fireEvent.click(screen.getByRole("button", { name: "Buy & Print #1001" }));
    const dialog = await screen.findByRole("dialog");
    await fireEvent.keyDown(dialog, { key: "Escape" });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(screen.getByTestId("status-line").textContent).toContain("nothing bought");
    expect(requests).toHaveLength(0);
  });
});

describe("the scan queue", () => {
  it("keeps scans in order, once each, and names what waits", () => {
    const q = new ScanQueue();
    expect(q.label()).toBe("");
    expect(q.push("#1003")).toBe(true);
    expect(q.push(" #1004 ")).toBe(true);
    expect(q.push("#1003")).toBe(false);
    expect(q.label()).toBe("next: #1003, #1004");
    expect(q.next()).toBe("#1003");
    expect(q.label()).toBe("next: #1004");
  });

  it("in auto mode, a scan during a purchase waits ('next: #1002') and is bought after, never merged", async () => {
    const requests: string[] = [];
    let release: (() => void) | undefined;
    const backend = fakeBackend({
      benchPrefs: async () => ({ sounds: false, auto_buy: true, default_weight: null, default_weight_unit: "lb", theme: "system", packing_slip_with_label: false }),
      readScale: async () => ({ present: true, name: "Virtual scale", state: "stable", weight: "2", unit: "lb", usable: true, sentence: "Stable." }),
      checkAddress: fine,
      buyOrder: async (r) => {
        requests.push(r.order);
        if (requests.length === 1) await new Promise<void>((res) => { release = res; });
        return bought(r.order);
      },
    });
    render(BenchView, { backend, scalePollMs: 0 });
    await waitFor(() => expect((screen.getByTestId("auto-mode") as HTMLInputElement).checked).toBe(true));
    await scan("#1001");
    await waitFor(() => expect(requests).toEqual(["#1001"]));
    await scan("#1002");
    expect(screen.getByTestId("scan-next").textContent).toBe("next: #1002");
    expect((screen.getByTestId("scan-input") as HTMLInputElement).value).toBe("");
    release?.();
    await waitFor(() => expect(requests).toEqual(["#1001", "#1002"]));
    await waitFor(() => expect(screen.queryByTestId("scan-next")).toBeNull());
  });

  it("in auto mode, a weight still settling buys nothing", async () => {
    const requests: string[] = [];
    const backend = fakeBackend({
      benchPrefs: async () => ({ sounds: false, auto_buy: true, default_weight: null, default_weight_unit: "lb", theme: "system", packing_slip_with_label: false }),
      readScale: async () => ({ present: true, name: "Virtual scale", state: "moving", weight: "2", unit: "lb", usable: false, sentence: "Settling… keep the parcel still." }),
      buyOrder: async (r) => { requests.push(r.order); return bought(r.order); },
    });
    render(BenchView, { backend, scalePollMs: 0 });
    await waitFor(() => expect((screen.getByTestId("auto-mode") as HTMLInputElement).checked).toBe(true));
    await scan("#1001");
    await waitFor(() => expect(screen.getByTestId("status-line").textContent).toContain("only on a stable weight"));
    expect(requests).toEqual([]);
  });
});

describe("questions before money is spent", () => {
  const weighed = () => card({ weight: { value: "1.25", unit: "lb", source: "order" } });
  for (const [kind, yes, flag] of [
    ["no_printer", "Buy anyway, print later", "print_when_back"],
    ["warehouse_down", "Buy without the warehouse check", "without_warehouse"],
  ] as const) {
    it(`on ${kind}, asks and buys again only with the operator's yes (${flag})`, async () => {
      const requests: BuyRequest[] = [];
      const backend = fakeBackend({
        orderCard: async () => weighed(),
        readScale: noScale,
        getRates: async (_o, w) => rateList(`${w?.value} ${w?.unit}`),
        checkAddress: fine,
        buyOrder: async (r) => {
          requests.push(r);
          if (!r[flag]) throw { kind, message: "Nothing was bought: the operator must decide." };
          return bought(r.order, "queued");
        },
      });
      render(BenchView, { backend, scalePollMs: 0 });
      await scan("1001");
      await screen.findByTestId("rates");
      await scan("");
      const q = await screen.findByTestId("question");
      expect(q.textContent).toContain("Nothing was bought");
      expect(requests.length).toBe(1);
      const button = screen.getByTestId("question-yes");
      expect(button.textContent).toBe(yes);
      await fireEvent.click(button);
      await waitFor(() => expect(screen.getByTestId("buy-result").dataset.print).toBe("queued"));
      expect(requests.length).toBe(2);
      expect(requests[1][flag]).toBe(true);
      expect(requests[1].rate_id).toBe("r_cheap");
    });
  }
});
