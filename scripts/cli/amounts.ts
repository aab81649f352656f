// How the offering commands write amounts, prices and times: whole units with thousands separated, the
// asset's symbol after the number, times in UTC to the minute.
import { formatAmount, type PaymentAsset } from "../../sdk/src/index.js";

/** Digits of the whole part grouped by thousands: "1234567.5" becomes "1,234,567.5". */
export function grouped(text: string): string {
  const [whole, fraction] = text.split(".");
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? withCommas : `${withCommas}.${fraction}`;
}

/** An amount of a payment asset: "1.5 ETH", "2,500 mUSD". */
export function money(amount: bigint, asset: PaymentAsset): string {
  return `${grouped(formatAmount(amount, asset.decimals))} ${asset.symbol}`;
}

/** An amount of a model token (18 decimals): "4,000 FL68". */
export function tokens(amount: bigint, symbol: string): string {
  return `${grouped(formatAmount(amount, 18))} ${symbol}`;
}

/** A vesting wallet's columns of amounts, in the model token: what it holds, has released and may release now. */
export function vestingAmounts(
  wallet: { balance: bigint; released: bigint; releasable: bigint },
  symbol: string,
): [string, string, string] {
  return [tokens(wallet.balance, symbol), tokens(wallet.released, symbol), tokens(wallet.releasable, symbol)];
}

/** A moment in UTC to the minute: "2026-11-22 03:00 UTC". */
export function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Amounts of several assets in one phrase, leaving out zeros: "1.5 ETH, 200 mUSD"; `none` when all are zero. */
export function moneyList(amounts: { asset: PaymentAsset; amount: bigint }[], none = "nothing"): string {
  const shown = amounts.filter((a) => a.amount > 0n).map((a) => money(a.amount, a.asset));
  return shown.length ? shown.join(", ") : none;
}

/** How an ERC-20 or ETH payment (a purchase, a revenue deposit) was made, in words. */
export const paidBy = {
  depositETH: "sent with the deposit",
  deposit: "approved, then deposited",
  depositWithPermit: "deposited with a signed permit (no approval transaction)",
} as const;
