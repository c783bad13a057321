import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import OrdersView from "../src/views/OrdersView.svelte";
import type { OrderRow } from "../src/lib/backend";
import type { OrdersQuery, OrdersPage } from "../src/lib/areas/orders";
import { fakeBackend } from "./fake-backend";

const ROWS = 100_000;

/** Picks an option of a <select> as a click would. */
async function choose(testid: string, value: string) {
  const select = screen.getByTestId(testid) as HTMLSelectElement;
  select.value = value;
  await fireEvent.change(select);
}

function row(i: number, prefix = ""): OrderRow {
  return {
    id: `o${i}`, order_number: `#${prefix}${100000 + i}`, recipient: `Customer ${i}`, destination: "Portland, US",
    status: i % 3 === 0 ? "SHIPPED" : "PAID", placed_at: "2026-11-20T10:00:00Z", tracking_number: null, has_label: false,
  };
}

/** A cache of 100k orders: pages made on demand, as the station pages them. */
function bigCache(asked: OrdersQuery[] = []) {
  return async (q: OrdersQuery): Promise<OrdersPage> => {
    asked.push(q);
    const n = Math.max(0, Math.min(q.limit, ROWS - q.offset));
    return {
      total: Math.min(ROWS, q.offset + q.limit + 1000), total_is_exact: q.offset + q.limit + 1000 >= ROWS, offset: q.offset,
      orders: Array.from({ length: n }, (_, k) => row(q.offset + k)),
    };
  };
}

describe("the orders view over 100k cached orders", () => {
  it("keeps the DOM small and fetches the page in view when scrolled", async () => {
    const asked: OrdersQuery[] = [];
    render(OrdersView, { backend: fakeBackend({ searchOrders: bigCache(asked), countOrders: async () => ROWS }), listHeight: 480 });
    await waitFor(() => expect(screen.getAllByTestId("open-order")[0].textContent).toBe("#100000"));
    await waitFor(() => expect(screen.getByTestId("orders-count").textContent).toBe("100,000 orders."));
    expect(screen.getByTestId("orders-spacer").style.height).toBe(`${ROWS * 32}px`);
    const rendered = screen.getAllByTestId("orders-row").length;
    expect(rendered).toBeLessThan(40);
    const viewport = screen.getByTestId("orders-viewport");
    viewport.scrollTop = 50_000 * 32;
    await fireEvent.scroll(viewport);
    await waitFor(() => expect(asked.some((q) => q.offset === 50_000)).toBe(true));
    await waitFor(() => expect(screen.getAllByTestId("open-order").some((b) => b.textContent === "#150000")).toBe(true));
    expect(screen.getAllByTestId("orders-row").length).toBeLessThan(40);
    expect(document.querySelectorAll("[data-testid='orders-row']").length).toBeLessThan(40);
  });

  it("drops an older search's answer that arrives after a newer one", async () => {
    let releaseOld: () => void = () => {};
    const backend = fakeBackend({
      searchOrders: async (q) => {
        if (q.text === "ad") {
          await new Promise<void>((r) => (releaseOld = r));
          return { total: 1, total_is_exact: true, offset: 0, orders: [row(1, "OLD")] };
        }
        if (q.text === "ada") return { total: 1, total_is_exact: true, offset: 0, orders: [row(2, "NEW")] };
        return { total: 0, total_is_exact: true, offset: 0, orders: [] };
      },
    });
    render(OrdersView, { backend });
    const search = screen.getByTestId("orders-search") as HTMLInputElement;
    await fireEvent.input(search, { target: { value: "ad" } });
    await new Promise((r) => setTimeout(r, 40));
    await fireEvent.input(search, { target: { value: "ada" } });
    await waitFor(() => expect(screen.getByTestId("open-order").textContent).toBe("#NEW100002"));
    releaseOld();
    await new Promise((r) => setTimeout(r, 30));
    expect(screen.getByTestId("open-order").textContent).toBe("#NEW100002");
    expect(screen.getByTestId("orders-count").textContent).toBe("1 order.");
  });

  it("sends the filters and sort to the station", async () => {
    const asked: OrdersQuery[] = [];
    render(OrdersView, { backend: fakeBackend({ searchOrders: bigCache(asked) }) });
    await choose("orders-filter", "shipped");
    await fireEvent.input(screen.getByTestId("orders-country"), { target: { value: "GB" } });
    await choose("orders-sort", "oldest");
    await waitFor(() => {
      const last = asked[asked.length - 1];
      expect(last).toMatchObject({ state: "shipped", country: "GB", sort: "oldest", offset: 0 });
    });
  });

  it("selects a range with shift-click and all awaiting orders with one button", async () => {
    const backend = fakeBackend({
      searchOrders: async (q) => {
        if (q.state === "awaiting") return { total: 3, total_is_exact: true, offset: 0, orders: [row(7), row(8), row(9)] };
        return bigCache()(q);
      },
    });
    render(OrdersView, { backend });
    await waitFor(() => expect(screen.getAllByTestId("select-order").length).toBeGreaterThan(5));
    const boxes = screen.getAllByTestId("select-order");
    await fireEvent.click(boxes[1]);
    await fireEvent.click(boxes[4], { shiftKey: true });
    expect(screen.getByTestId("selected-count").textContent).toBe("4 selected");
    expect(screen.getByTestId("batch-start").textContent?.trim()).toBe("Buy & Print 4 orders");
    await fireEvent.click(screen.getByTestId("select-awaiting"));
    await waitFor(() => expect(screen.getByTestId("selected-count").textContent).toBe("3 selected"));
  });

  it("says \"at least\" until every match is counted", async () => {
    render(OrdersView, { backend: fakeBackend({ searchOrders: bigCache() }) });
    await waitFor(() => expect(screen.getByTestId("orders-count").textContent).toBe("at least 1,050 orders (more as you scroll)."));
  });

  it("opens an order's card from its row", async () => {
    const opened: string[] = [];
    render(OrdersView, { backend: fakeBackend({ searchOrders: bigCache() }), onopen: (n: string) => opened.push(n) });
    await waitFor(() => expect(screen.getAllByTestId("open-order").length).toBeGreaterThan(0));
    await fireEvent.click(screen.getAllByTestId("open-order")[2]);
    expect(opened).toEqual(["#100002"]);
  });
});
