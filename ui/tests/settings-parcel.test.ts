import { describe, expect, it } from "vitest";
import { render, screen, fireEvent, waitFor } from "@testing-library/svelte";
import ParcelSection from "../src/components/settings/ParcelSection.svelte";
import { fakeBackend } from "./fake-backend";
import { recorder, settingsInfo } from "./settings-fixtures";

describe("default parcel and weight", () => {
  it("picks a Shippo template, or takes dimensions, and a weight", async () => {
    const r = recorder();
    const backend = fakeBackend({
      parcelTemplates: async () => [{ name: "USPS Small Flat Rate Box", source: "carrier", value: "USPS Small Flat Rate Box: 8.69x5.44x1.75 in" }],
    });
    render(ParcelSection, { backend, info: settingsInfo(), change: r.change });
    expect(screen.getByTestId("parcel-current").textContent).toBe("none (a 10 x 8 x 4 in box)");
    await fireEvent.click(screen.getByTestId("parcel-load"));
    const select = await screen.findByTestId("parcel-template");
    await fireEvent.change(select, { target: { value: "USPS Small Flat Rate Box: 8.69x5.44x1.75 in" } });
    await fireEvent.input(screen.getByTestId("parcel-dims"), { target: { value: "Small box: 10x8x4 in" } });
    await fireEvent.click(screen.getByTestId("parcel-save"));
    await fireEvent.input(screen.getByTestId("weight-input"), { target: { value: "1.5lb" } });
    await fireEvent.click(screen.getByTestId("weight-save"));
    await waitFor(() => expect(r.calls).toEqual([
      ["default-parcel", "USPS Small Flat Rate Box: 8.69x5.44x1.75 in"], ["default-parcel", "Small box: 10x8x4 in"], ["default-weight", "1.5lb"],
    ]));
  });
});
