// What the bench part of the window asks the station: the order card, rates before money, the
// address check, the scale, and the purchase of what the card chose. Only this file and
// backend.ts touch the generated bindings for it.
import {
  commands,
  type AddressReport,
  type BenchPrefs,
  type BuyRequest,
  type BuyResult,
  type CardAddress,
  type CardParcel,
  type OrderCard,
  type RateChoice,
  type RateList,
  type ScaleReading,
  type WeightInput,
} from "../bindings";
import { unwrap } from "../unwrap";

export type {
  AddressReport, BenchPrefs, BuyRequest, CardAddress, CardParcel, OrderCard, RateChoice, RateList, ScaleReading, WeightInput,
};

/** The bench commands. */
export interface BenchBackend {
  orderCard(order: string): Promise<OrderCard>;
  getRates(order: string, weight: WeightInput | null, parcel: CardParcel | null): Promise<RateList>;
  checkAddress(order: string, edited: CardAddress | null): Promise<AddressReport>;
  saveOrderEdits(order: string, weight: WeightInput | null, parcel: CardParcel | null): Promise<null>;
  buyOrder(request: BuyRequest): Promise<BuyResult>;
  readScale(): Promise<ScaleReading>;
  benchPrefs(): Promise<BenchPrefs>;
  setAutoBuy(on: boolean): Promise<BenchPrefs>;
}

/** The real bench commands (Tauri). */
export const benchBackend: BenchBackend = {
  orderCard: (order) => unwrap(commands.orderCard(order)),
  getRates: (order, weight, parcel) => unwrap(commands.getRates(order, weight, parcel)),
  checkAddress: (order, edited) => unwrap(commands.checkAddress(order, edited)),
  saveOrderEdits: (order, weight, parcel) => unwrap(commands.saveOrderEdits(order, weight, parcel)),
  buyOrder: (request) => unwrap(commands.buyOrder(request)),
  readScale: () => unwrap(commands.readScale()),
  benchPrefs: () => unwrap(commands.benchPrefs()),
  setAutoBuy: (on) => unwrap(commands.setAutoBuy(on)),
};
