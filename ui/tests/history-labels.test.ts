import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import LabelsView from "../src/views/LabelsView.svelte";
import ExceptionBadge from "../src/components/history/ExceptionBadge.svelte";
import { fakeBackend } from "./fake-backend";
import type { LabelRow } from "../src/lib/areas/history";

function label(over: Partial<LabelRow> = {}): LabelRow {
  return {
    transaction_id: "t1",
    order: "#1001",
    bought_at: "2026-11-30T15:00:00.000Z",
    carrier: "USPS",
    service: "Priority Mail",
    amount: "7.50",
    currency: "USD",
    tracking_number: "9400111",
    tracking_url: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111",
    status: "SUCCESS",
    tracking_status: "PRE_TRANSIT",
    tracking_details: null,
    label_id: 3,
    exception: null,
    ...over,
  };
}

afterEach(() => vi.restoreAllMocks());

describe("the labels history", () => {
  it("lists each label with its order, service, price, tracking and status", async () => {
    render(LabelsView, { backend: fakeBackend({ listLabels: async () => [label()] }) });
    const row = await screen.findByTestId("label-row");
    expect(row.textContent).toContain("#1001");
    expect(row.textContent).toContain("USPS · Priority Mail");
    expect(row.textContent).toContain("7.50 USD");
    expect(row.textContent).toContain("9400111");
    expect(screen.getByTestId("label-status").textContent).toContain("transit");
  });

  it("shows the carrier, service and price of a label found at Shippo by the sync, in their own cells", async () => {
    const found = label({ transaction_id: "t9", tracking_number: "9400999", carrier: "USPS", service: "Ground Advantage", amount: "6.10", label_id: null });
    const unknown = label({ transaction_id: "t8", tracking_number: "9400888", carrier: null, service: null, amount: null, currency: null, label_id: null });
    render(LabelsView, { backend: fakeBackend({ listLabels: async () => [found, unknown] }) });
    const rows = await screen.findAllByTestId("label-row");
    const cells = (r: HTMLElement) => [r.querySelector("[data-testid='label-service']")?.textContent, r.querySelector("[data-testid='label-price']")?.textContent];
    expect(cells(rows[0])).toEqual(["USPS · Ground Advantage", "6.10 USD"]);
    // A label whose rate is not known says so with a dash, never an empty or made-up price.
    expect(cells(rows[1])).toEqual(["—", "—"]);
    // Not downloaded yet, but bought: it can still be reprinted (fetched first).
    expect((screen.getByRole("button", { name: "Reprint label 9400999" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("says what to expect when there are no labels", async () => {
    render(LabelsView, { backend: fakeBackend({ listLabels: async () => [] }) });
    expect((await screen.findByTestId("labels-empty")).textContent).toContain("No labels yet");
  });

  it("reprints by the label's accessible name and says what the printer did", async () => {
    const asked: string[] = [];
    render(LabelsView, {
      backend: fakeBackend({
        listLabels: async () => [label()],
        reprintLabel: async (id: string) => {
          asked.push(id);
          return { label: label(), message: "Job 4: printed on 'Demo label printer'." };
        },
      }),
    });
    await fireEvent.click(await screen.findByRole("button", { name: "Reprint label 9400111" }));
    await waitFor(() => expect(screen.getByTestId("status-line").textContent).toBe("Job 4: printed on 'Demo label printer'."));
    expect(asked).toEqual(["t1"]);
  });

  it("asks before voiding in a dialog that Esc closes, then shows the refunded status", async () => {
    const voided: string[] = [];
    render(LabelsView, {
      backend: fakeBackend({
        listLabels: async () => [label()],
        voidLabel: async (id: string) => {
          voided.push(id);
          return { label: label({ status: "REFUNDED" }), message: "Label 9400111 is void; Shippo refunded it." };
        },
      }),
    });
    await fireEvent.click(await screen.findByRole("button", { name: "Void label 9400111" }));
    const dialog = screen.getByRole("dialog");
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    await fireEvent.keyDown(dialog, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(voided).toEqual([]);

    await fireEvent.click(screen.getByRole("button", { name: "Void label 9400111" }));
    await fireEvent.click(screen.getByTestId("confirm-yes"));
    await waitFor(() => expect(screen.getByTestId("label-status").textContent).toContain("voided (refunded)"));
    expect(voided).toEqual(["t1"]);
    expect(screen.getByTestId("status-line").textContent).toBe("Label 9400111 is void; Shippo refunded it.");
    // A voided label cannot be voided again.
    expect((screen.getByRole("button", { name: "Void label 9400111" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("highlights tracking exceptions and counts them in the header badge", async () => {
    const labels = [
      label(),
      label({ transaction_id: "t2", tracking_number: "9400222", tracking_status: "FAILURE", exception: "FAILURE" }),
      label({ transaction_id: "t3", tracking_number: "9400333", exception: "STUCK" }),
    ];
    const backend = fakeBackend({ listLabels: async () => labels });
    render(ExceptionBadge, { backend });
    render(LabelsView, { backend });
    await waitFor(() => expect(screen.getAllByTestId("label-row")).toHaveLength(3));
    const rows = screen.getAllByTestId("label-row");
    expect(rows.filter((r) => r.classList.contains("exception"))).toHaveLength(2);
    expect(screen.getAllByTestId("label-exception").map((e) => e.textContent)).toEqual(["Delivery failed", "Stuck in transit"]);
    await waitFor(() => expect(screen.getByTestId("exceptions-badge").textContent).toContain("2 tracking exceptions"));
    await fireEvent.click(screen.getByTestId("only-exceptions"));
    expect(screen.getAllByTestId("label-row")).toHaveLength(2);
  });

  it("copies the tracking number and the carrier's link for the customer", async () => {
    const copied: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: async (t: string) => { copied.push(t); } },
      configurable: true,
    });
    render(LabelsView, { backend: fakeBackend({ listLabels: async () => [label()] }) });
    await fireEvent.click(await screen.findByRole("button", { name: "Copy tracking number 9400111" }));
    await fireEvent.click(screen.getByRole("button", { name: "Copy tracking link of 9400111" }));
    expect(copied).toEqual(["9400111", "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111"]);
    await waitFor(() => expect(screen.getByTestId("status-line").textContent).toContain("Tracking link copied"));
  });

  it("shows the label's picture from the cache", async () => {
    render(LabelsView, {
      backend: fakeBackend({ listLabels: async () => [label()], labelPicture: async () => "data:image/png;base64,AAAA" }),
    });
    await fireEvent.click(await screen.findByRole("button", { name: "Show label 9400111" }));
    expect((await screen.findByTestId("label-picture")).getAttribute("src")).toBe("data:image/png;base64,AAAA");
  });
});

describe("voiding", () => {
  it("is offered only for labels the carrier does not have yet", async () => {
    render(LabelsView, {
      backend: fakeBackend({ listLabels: async () => [label({ tracking_status: "DELIVERED" })] }),
    });
    const button = (await screen.findByRole("button", { name: "Void label 9400111" })) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
  });
});

describe("packing slips", () => {
  it("prints an order's packing slip from its label and says where it went", async () => {
    const asked: string[] = [];
    render(LabelsView, {
      backend: fakeBackend({
        listLabels: async () => [label()],
        printPackingSlip: async (order: string) => {
          asked.push(order);
          return "Printed on 'Demo document printer' (job 5): the printer took every byte.";
        },
      }),
    });
    await fireEvent.click(await screen.findByRole("button", { name: "Print packing slip for order #1001" }));
    await waitFor(() =>
      expect(screen.getByTestId("status-line").textContent).toBe(
        "Order #1001 packing slip: Printed on 'Demo document printer' (job 5): the printer took every byte.",
      ),
    );
    expect(asked).toEqual(["#1001"]);
  });
});
