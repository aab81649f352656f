import { getAddress, type Interface } from "ethers";

import {
  IPaymentToken__factory,
  ModelGovernor__factory,
  ModelOffering__factory,
  ModelLaunchFactory__factory,
  ModelRegistry__factory,
  ModelTimelock__factory,
  ModelToken__factory,
  NetworkEmission__factory,
  Promotion__factory,
} from "../contracts.js";
import type { ProtocolContext } from "../context.js";
import { SdkError } from "../errors.js";
import { findLaunch } from "../launches.js";
import { moduleIo } from "../module.js";
import type { ModelRef } from "../registry/types.js";
import type { DaoCall } from "../revenue/types.js";

// What every governance action needs: a launched model's DAO (governor, timelock, token), the interfaces that
// decode its calls and errors, reads and sends with reverts decoded, and the chain's time. Internal to the
// governance module.

export const governorInterface: Interface = ModelGovernor__factory.createInterface();
export const timelockInterface: Interface = ModelTimelock__factory.createInterface();
export const tokenInterface: Interface = ModelToken__factory.createInterface();
export const registryInterface: Interface = ModelRegistry__factory.createInterface();
export const erc20Interface: Interface = IPaymentToken__factory.createInterface();

export const factoryInterface: Interface = ModelLaunchFactory__factory.createInterface();
export const emissionInterface: Interface = NetworkEmission__factory.createInterface();
export const promotionInterface: Interface = Promotion__factory.createInterface();

export const io = moduleIo([
  governorInterface,
  timelockInterface,
  tokenInterface,
  registryInterface,
  factoryInterface,
  emissionInterface,
  promotionInterface,
]);

/** The registry's address, as calls to it are matched and decoded. */
export function registryAddress(context: ProtocolContext): string {
  return getAddress(context.registry.target as string);
}

/** The network emission's address, as calls to it are matched and decoded; none when the deployment has none. */
export function emissionAddress(context: ProtocolContext): string | undefined {
  const found = context.deployment?.contracts.NetworkEmission?.address;
  return found === undefined ? undefined : getAddress(found);
}

/** Promotion's address, as calls to it are matched and decoded; none when the deployment has none. */
export function promotionAddress(context: ProtocolContext): string | undefined {
  const found = context.deployment?.contracts.Promotion?.address;
  return found === undefined ? undefined : getAddress(found);
}

/** The launch factory's address, as calls to it are matched and decoded. */
export function factoryAddress(context: ProtocolContext): string {
  return getAddress(context.factory.target as string);
}

/** A launched model's DAO. */
export interface DaoRecord {
  model: bigint;
  slug: string;
  /** How sentences name it: the model's slug, or "the protocol". */
  name: string;
  token: string;
  governor: string;
  timelock: string;
  /** The model's sale, whose end opens proposals; none for the protocol DAO. */
  sale?: string;
}

/** The name that stands for the protocol DAO (the launch factory's owner) wherever a model's slug is taken. */
export const PROTOCOL_DAO = "protocol";

/** A launched model's DAO, or the protocol DAO for {@link PROTOCOL_DAO}. */
export async function findDao(context: ProtocolContext, model: ModelRef): Promise<DaoRecord> {
  if (model === PROTOCOL_DAO) {
    const contracts = context.deployment?.contracts;
    if (!contracts?.ProtocolGovernor || !contracts.ProtocolTimelock || !contracts.ProtocolToken) {
      throw new SdkError("This deployment has no protocol DAO (ProtocolToken, ProtocolGovernor, ProtocolTimelock).", {
        details: "Redeploy the protocol with `protocol deploy`, or name a launched model's slug.",
      });
    }
    return {
      model: 0n,
      slug: PROTOCOL_DAO,
      name: "the protocol",
      token: contracts.ProtocolToken.address,
      governor: contracts.ProtocolGovernor.address,
      timelock: contracts.ProtocolTimelock.address,
    };
  }
  const launch = await findLaunch(context, model, "no DAO");
  return {
    model: launch.model,
    slug: launch.slug,
    name: launch.slug,
    token: launch.token,
    governor: launch.governor,
    timelock: launch.timelock,
    sale: launch.offering,
  };
}

/**
 * When the DAO takes proposals: from its sale's end, or at once if the sale was cancelled before it started.
 * `open` is whether it does now; `at` is the sale's end (undefined for the protocol DAO, which has no sale).
 */
export async function proposalsOpen(
  context: ProtocolContext,
  dao: DaoRecord,
  now: number,
): Promise<{ open: boolean; at?: Date }> {
  if (!dao.sale) return { open: true };
  const governor = ModelGovernor__factory.connect(dao.governor, context.runner);
  const [end, status] = await io.read(() =>
    Promise.all([governor.saleEnd(), ModelOffering__factory.connect(dao.sale!, context.runner).status()]),
  );
  // Status 6 is Cancelled: a sale cancelled before it started has no buyers to wait for.
  return { open: now >= Number(end) || Number(status) === 6, at: new Date(Number(end) * 1000) };
}

/** The chain's time now, as the token's timestamp clock counts it (the latest block's timestamp). */
export async function chainNow(context: ProtocolContext): Promise<number> {
  const provider = context.runner.provider;
  if (!provider) throw new SdkError("Governance reads need a provider: connect the client to one.");
  const block = await provider.getBlock("latest");
  return block!.timestamp;
}

/** A date as the governance sentences write it: "2026-11-22 14:05:00 UTC". */
export function iso(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** A wait in words: "90 s", "12 min", "3.5 h", "2.0 days". */
export function wait(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.ceil(s / 60)} min`;
  if (s < 172_800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86_400).toFixed(1)} days`;
}

/** The call, after trying it as the DAO's timelock (unless `simulate` is false): a call that would fail is refused. */
export async function simulated(
  context: ProtocolContext,
  dao: DaoRecord,
  options: { simulate?: boolean },
  call: DaoCall,
): Promise<DaoCall> {
  const provider = context.runner.provider;
  if (options.simulate !== false && provider) {
    await io.read(() => provider.call({ to: call.to, data: call.data, value: call.value, from: dao.timelock }));
  }
  return call;
}
