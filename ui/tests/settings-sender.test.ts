import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import SenderSection from "../src/components/settings/SenderSection.svelte";
import type { Address, SenderAddress } from "../src/lib/areas/settings";
import { fakeBackend } from "./fake-backend";
import { recorder, settingsInfo } from "./settings-fixtures";

async function fill(label: string) {
  await fireEvent.input(screen.getByTestId("sender-label"), { target: { value: label } });
  await fireEvent.input(screen.getByTestId("sender-street1"), { target: { value: "215 Clayton St." } });
  await fireEvent.input(screen.getByTestId("sender-city"), { target: { value: "San Francisco" } });
  await fireEvent.input(screen.getByTestId("sender-zip"), { target: { value: "94117" } });
}

describe("sender addresses", () => {
  it("checks the address with Shippo, then saves it as the first (default) sender", async () => {
    const checked: Address[] = [];
    const saved: SenderAddress[] = [];
    const backend = fakeBackend({
      senderValidate: async (a) => { checked.push(a); return { valid: true, messages: ["Address verified."], suggestion: null }; },
      senderSave: async (s) => { saved.push(s); return { said: "Sender 'Warehouse' saved.", settings: settingsInfo({ sender_addresses: [s] }) }; },
    });
    let next = settingsInfo();
    render(SenderSection, { backend, info: settingsInfo(), change: recorder().change, saved: (_s: string, n: typeof next) => (next = n) });
    await fill("Warehouse");
    await fireEvent.click(screen.getByTestId("sender-save"));
    await waitFor(() => expect(screen.getByTestId("sender-message").textContent).toBe("Sender 'Warehouse' saved. Shippo checked it."));
    expect(checked[0].street1).toBe("215 Clayton St.");
    expect(checked[0].country).toBe("US");
    expect(saved[0]).toMatchObject({ label: "Warehouse", is_default: true });
    expect(next.sender_addresses).toHaveLength(1);
    expect(screen.getByTestId("sender-note").textContent).toBe("Address verified.");
  });

  it("does not save an address Shippo calls undeliverable, and shows why", async () => {
    let saves = 0;
    const backend = fakeBackend({
      senderValidate: async () => ({ valid: false, messages: ["The street could not be found."], suggestion: null }),
      senderSave: async () => { saves++; throw new Error("must not save"); },
    });
    render(SenderSection, { backend, info: settingsInfo(), change: recorder().change, saved: () => {} });
    await fill("Home");
    await fireEvent.click(screen.getByTestId("sender-save"));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("not deliverable; it was not saved"));
    expect(screen.getByTestId("sender-note").textContent).toBe("The street could not be found.");
    expect(saves).toBe(0);
  });

  it("makes another sender the default and removes one", async () => {
    const r = recorder();
    const a = { name: null, company: null, street1: "1 Main St", street2: null, street3: null, city: "Austin", state: "TX", zip: "78701", country: "US", phone: null, email: null };
    const info = settingsInfo({ sender_addresses: [{ label: "Warehouse", address: a, is_default: true }, { label: "Shop", address: a, is_default: false }] });
    render(SenderSection, { backend: fakeBackend(), info, change: r.change, saved: () => {} });
    expect(screen.getAllByTestId("sender-row")).toHaveLength(2);
    await fireEvent.click(screen.getByRole("button", { name: "Make Shop the default sender" }));
    await fireEvent.click(screen.getByRole("button", { name: "Remove sender Warehouse" }));
    await waitFor(() => expect(r.calls).toEqual([["sender-default", "Shop"], ["sender-remove", "Warehouse"]]));
  });
});
