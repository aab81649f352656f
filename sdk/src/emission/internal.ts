import type { Interface } from "ethers";

import {
  NetworkEmission__factory,
  ProtocolToken__factory,
  Subnets__factory,
  type NetworkEmission,
} from "../contracts.js";
import { moduleIo } from "../module.js";
import { readToken } from "../subnets/internal.js";
import { activityOf, describeEmissionActivity } from "./describe.js";
import { EmissionNotDeployedError, EmissionSubnetInactiveError } from "./errors.js";
import type { EmissionContext, EmissionPeriod, EmissionSettings, EmissionToken } from "./types.js";

// What the emission actions share: the contract and its interfaces, the protocol token, settings and periods as the
// SDK writes them, and a subnet's share as the contract computes it. Internal: not exported from the SDK.

export const emissionInterface: Interface = NetworkEmission__factory.createInterface();

// The subnets' interface decodes what a subnet's status and the funding of its pool refuse; the protocol token's,
// its ERC-20 errors.
export const io = moduleIo([
  emissionInterface,
  Subnets__factory.createInterface(),
  ProtocolToken__factory.createInterface(),
]);

/** Basis points in a whole, as the contract counts them. */
export const BPS = 10_000n;

/** The most subnets one voter's allocation names (`NetworkEmission.MAX_SUBNETS_PER_VOTER`). */
export const MAX_SUBNETS_PER_VOTER = 16;

/** The network emission of the context's deployment; a deployment without one is refused. */
export function emission(context: EmissionContext): NetworkEmission {
  const found = context.deployment?.contracts.NetworkEmission;
  if (!found) {
    throw new EmissionNotDeployedError("The protocol's deployment on this chain has no network emission.", {
      details:
        "Deploy the protocol again (npx hardhat protocol deploy), or use a deployments file that records NetworkEmission.",
    });
  }
  return NetworkEmission__factory.connect(found.address, context.runner);
}

/** The emission's address: the emitter of its events. */
export function emissionAddress(context: EmissionContext): string {
  return context.deployment!.contracts.NetworkEmission!.address;
}

/** The block from which to scan the emission's events: the one given, else its deployment block. */
export function emissionScanStart(context: EmissionContext, fromBlock?: number): number {
  return fromBlock ?? context.deployment?.contracts.NetworkEmission?.blockNumber ?? 0;
}

/** The token the emission releases (the protocol token), with its symbol and decimals. */
export async function emissionToken(context: EmissionContext, contract: NetworkEmission): Promise<EmissionToken> {
  return readToken(context, await io.read(() => contract.token()));
}

/** Settings as the contract returns them (a struct of bigints), in numbers. */
export function toSettings(struct: {
  periodLength: bigint;
  rateBps: bigint;
  capBps: bigint;
  graceBlocks: bigint;
  minValidators: bigint;
}): EmissionSettings {
  return {
    periodLength: Number(struct.periodLength),
    rateBps: Number(struct.rateBps),
    capBps: Number(struct.capBps),
    graceBlocks: Number(struct.graceBlocks),
    minValidators: Number(struct.minValidators),
  };
}

/** A period as `currentPeriod` returns it, with dates. */
export function toPeriod([number, start, end]: [bigint, bigint, bigint]): EmissionPeriod {
  return { number, start: new Date(Number(start) * 1000), end: new Date(Number(end) * 1000) };
}

/**
 * When the period after the one current at `blockTag` starts: where a vote or a refresh made then weighs from.
 * Settings queued for it do not move it: the current period keeps its end.
 */
export async function nextPeriodStart(contract: NetworkEmission, blockTag: number): Promise<Date> {
  const [, , end] = await io.read(() => contract.currentPeriod({ blockTag }));
  return new Date(Number(end) * 1000);
}

/** A subnet's share of `released`, as the contract computes it: by its weight among all, rounded down, capped. */
export function shareOf(weight: bigint, total: bigint, released: bigint, capBps: number): bigint {
  if (weight === 0n || total === 0n) return 0n;
  const byWeight = (released * weight) / total;
  const cap = (released * BigInt(capBps)) / BPS;
  return byWeight < cap ? byWeight : cap;
}

/**
 * The contract's refusal of an inactive subnet (`EmissionSubnetInactive`), its sentence naming the figures the
 * settings require (the revert itself carries only the subnet and the reason).
 */
export function inactiveError(
  netuid: bigint,
  activity: bigint | number,
  settings: EmissionSettings,
): EmissionSubnetInactiveError {
  const data = emissionInterface.encodeErrorResult("EmissionSubnetInactive", [netuid, activity]);
  const description = emissionInterface.parseError(data)!;
  const reason = describeEmissionActivity(activityOf(activity), settings);
  return new EmissionSubnetInactiveError(
    description,
    `Subnet ${netuid} ${reason}: it receives no emission while it is not active.`,
  );
}

/** Each setting's bounds `[min, max]`, as the contract fixes them, in the order it checks them. */
export async function settingBounds(contract: NetworkEmission): Promise<[keyof EmissionSettings, bigint, bigint][]> {
  const [minPeriod, maxPeriod, minRate, maxRate, minCap, bps, maxGrace, minValidators, maxValidators] = await io.read(
    () =>
      Promise.all([
        contract.MIN_PERIOD_LENGTH(),
        contract.MAX_PERIOD_LENGTH(),
        contract.MIN_RATE_BPS(),
        contract.MAX_RATE_BPS(),
        contract.MIN_CAP_BPS(),
        contract.BPS(),
        contract.MAX_GRACE_BLOCKS(),
        contract.MIN_VALIDATORS(),
        contract.MAX_VALIDATORS(),
      ]),
  );
  return [
    ["periodLength", minPeriod, maxPeriod],
    ["rateBps", minRate, maxRate],
    ["capBps", minCap, bps],
    ["graceBlocks", 0n, maxGrace],
    ["minValidators", minValidators, maxValidators],
  ];
}
