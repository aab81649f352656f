import type { Interface } from "ethers";

import {
  BondingCurve__factory,
  LiquidityLock__factory,
  ModelToken__factory,
  type BondingCurve,
  type IBondingCurve,
} from "../contracts.js";
import type { ProtocolContext } from "../context.js";
import { decodeRevert, SdkError } from "../errors.js";
import { findLaunch, type LaunchRecord } from "../launches.js";
import { moduleIo } from "../module.js";
import { readAsset } from "../offering/internal.js";
import type { PaymentAsset } from "../offering/types.js";
import type { ModelRef } from "../registry/types.js";
import { CurveLaunchNotFoundError } from "./errors.js";
export { BPS, curvePrices, ONE_TOKEN, onCurveAt, priceAt, progressOf } from "./math.js";
import type { CurveGraduationView, CurveStatus } from "./types.js";

// What the curve's actions share: a model's curve found through its launch, its terms and payment asset, the curve's
// arithmetic as the contract does it (prices, what a trade leaves), and its graduation read from its events.
// Internal: not exported from the SDK.

export const curveInterface: Interface = BondingCurve__factory.createInterface();

// The curve's reads and writes reach the curve, the model token (and ERC-20s, whose OpenZeppelin errors it also
// decodes) and the liquidity lock its pool shares go to.
export const io = moduleIo([
  curveInterface,
  ModelToken__factory.createInterface(),
  LiquidityLock__factory.createInterface(),
]);

/** `IBondingCurve.Status`, in its declaration order. */
const STATUSES: readonly CurveStatus[] = ["Trading", "Graduating", "Graduated", "Refunding"];

/** The curve's status by its enum value. */
export function curveStatusName(value: bigint | number): CurveStatus {
  return STATUSES[Number(value)] ?? "Trading";
}

/** A model's curve: the launch, the curve contract, its fixed configuration and what it is paid in. */
export interface CurveRecord {
  launch: LaunchRecord;
  curve: BondingCurve;
  config: IBondingCurve.ConfigStructOutput;
  payment: PaymentAsset;
}

/** The curve of `model`; a model launched through a sale is refused with {@link CurveLaunchNotFoundError}. */
export async function curveOf(context: ProtocolContext, model: ModelRef): Promise<CurveRecord> {
  const launch = await findLaunch(context, model, "no bonding curve");
  return curveOfLaunch(context, launch);
}

/** The curve of a launch already found. */
export async function curveOfLaunch(context: ProtocolContext, launch: LaunchRecord): Promise<CurveRecord> {
  if (launch.kind !== "curve") {
    throw new CurveLaunchNotFoundError(
      `${launch.slug} launched through a sale (${launch.offering}), not on a bonding curve: read it with client.offering.getOffering, and buy with client.offering.buy.`,
    );
  }
  const curve = BondingCurve__factory.connect(launch.offering, context.runner);
  const config = await io.read(() => curve.config());
  const payment = await readAsset(context, config.curve.paymentToken);
  return { launch, curve, config, payment };
}

/**
 * What graduation did, from the curve's `Graduated` or `PoolNotOpened` event (a curve graduates once, so it logs one
 * of them at most).
 */
export async function readGraduation(
  curve: BondingCurve,
  fromBlock: number,
): Promise<{ graduated?: CurveGraduationView; notOpened?: { reason: string; message?: string } }> {
  const [opened, failed] = await io.read(() =>
    Promise.all([
      curve.queryFilter(curve.filters.Graduated(), fromBlock),
      curve.queryFilter(curve.filters.PoolNotOpened(), fromBlock),
    ]),
  );
  const found: { graduated?: CurveGraduationView; notOpened?: { reason: string; message?: string } } = {};
  const [event] = opened;
  if (event) {
    found.graduated = {
      tokens: event.args.tokens,
      quote: event.args.quote,
      liquidity: event.args.liquidity,
      lockId: event.args.lockId,
      unlockAt: new Date(Number(event.args.unlockAt) * 1000),
      transaction: event.transactionHash,
    };
  }
  const [failure] = failed;
  if (failure) found.notOpened = { reason: failure.args.reason, message: reasonInWords(failure.args.reason) };
  return found;
}

/** The pool step's revert data in words when it is one of the protocol's errors. */
export function reasonInWords(data: string): string | undefined {
  if (data === "0x") return undefined;
  const decoded = decodeRevert({ code: "CALL_EXCEPTION", data }, [curveInterface]);
  return decoded instanceof SdkError ? decoded.shortMessage : undefined;
}
