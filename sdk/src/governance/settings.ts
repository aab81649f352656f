import { formatAmount, parseAmount } from "../amounts.js";
import type { ProtocolContext } from "../context.js";
import { durationSeconds, formatDuration } from "../durations.js";
import { describeEmissionSettings } from "../emission/describe.js";
import { emission, emissionAddress, io as emissionIo, settingBounds } from "../emission/internal.js";
import { getEmissionSettings } from "../emission/reads.js";
import type { EmissionSettings } from "../emission/types.js";
import { address } from "../module.js";
import type { ModelRef } from "../registry/types.js";
import type { DaoCall } from "../revenue/types.js";
import { ProposalCallError } from "./errors.js";
import {
  factoryAddress,
  type DaoRecord,
  factoryInterface,
  findDao,
  governorInterface,
  PROTOCOL_DAO,
  simulated,
  timelockInterface,
} from "./internal.js";

// Builders of the calls that change a DAO's own rules (voting delay and period, proposal threshold, quorum,
// timelock delay) and, for the protocol DAO, the protocol fee of later launches and the network emission's settings.

/** Parameters of the builders of the DAO's settings. */
export interface BuildSettingParameters {
  model: ModelRef;
  /** A duration (seconds, or "2d", "12h") for delays and periods; whole tokens for the threshold; percent for the quorum. */
  value: string | number | bigint;
}

/**
 * The DAO's call that changes how long after a proposal voting opens.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.governance.buildSetVotingDelay({ model: "face-landmark-68", value: "2d" });
 */
export async function buildSetVotingDelay(context: ProtocolContext, params: BuildSettingParameters): Promise<DaoCall> {
  const dao = await findDao(context, params.model);
  const seconds = settingSeconds(params.value, "voting delay");
  return governorCall(dao, "setVotingDelay", seconds, `Set ${dao.name}'s voting delay to ${formatDuration(seconds)}.`);
}

/**
 * The DAO's call that changes how long voting lasts.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.governance.buildSetVotingPeriod({ model: "face-landmark-68", value: "7d" });
 */
export async function buildSetVotingPeriod(context: ProtocolContext, params: BuildSettingParameters): Promise<DaoCall> {
  const dao = await findDao(context, params.model);
  const seconds = settingSeconds(params.value, "voting period");
  if (seconds === 0) throw new ProposalCallError("A voting period must be longer than zero.");
  return governorCall(
    dao,
    "setVotingPeriod",
    seconds,
    `Set ${dao.name}'s voting period to ${formatDuration(seconds)}.`,
  );
}

/**
 * The DAO's call that changes the votes needed to propose (in whole tokens, or token units as a bigint).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.governance.buildSetProposalThreshold({ model: "face-landmark-68", value: "1000" });
 */
export async function buildSetProposalThreshold(
  context: ProtocolContext,
  params: BuildSettingParameters,
): Promise<DaoCall> {
  const dao = await findDao(context, params.model);
  const amount = typeof params.value === "bigint" ? params.value : parseAmount(String(params.value), 18);
  const description = `Set ${dao.name}'s proposal threshold to ${formatAmount(amount, 18)} tokens of votes.`;
  return governorCall(dao, "setProposalThreshold", amount, description);
}

/**
 * The DAO's call that changes its quorum, in percent of the supply (1 to 100).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.governance.buildSetQuorum({ model: "face-landmark-68", value: "10%" });
 */
export async function buildSetQuorum(context: ProtocolContext, params: BuildSettingParameters): Promise<DaoCall> {
  const dao = await findDao(context, params.model);
  const text = String(params.value).trim().replace(/%$/, "");
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 100) {
    throw new ProposalCallError(
      `"${params.value}" is not a quorum: write a whole percentage from 1 to 100, e.g. "10%".`,
    );
  }
  return governorCall(
    dao,
    "updateQuorumNumerator",
    BigInt(text),
    `Set ${dao.name}'s quorum to ${text}% of the supply.`,
  );
}

/**
 * The DAO's call that changes its timelock's delay between a proposal passing and its execution (the timelock
 * calls itself).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.governance.buildSetTimelockDelay({ model: "face-landmark-68", value: "3d" });
 */
export async function buildSetTimelockDelay(
  context: ProtocolContext,
  params: BuildSettingParameters,
): Promise<DaoCall> {
  const dao = await findDao(context, params.model);
  const seconds = settingSeconds(params.value, "timelock delay");
  const data = timelockInterface.encodeFunctionData("updateDelay", [seconds]);
  return {
    to: dao.timelock,
    data,
    value: 0n,
    description: `Set ${dao.name}'s timelock delay to ${formatDuration(seconds)}.`,
  };
}

/** Parameters of {@link buildSetLaunchFee}. */
export interface BuildSetLaunchFeeParameters {
  /** Who receives the fee (any address when the fee is 0). */
  recipient: string;
  /** Basis points of later launches' sale proceeds ("250"), or a percentage ("2.5%"); at most 10%. */
  fee: string | number;
}

/**
 * The protocol DAO's call that sets the protocol fee of later launches (a launch keeps the fee it was made with).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.governance.buildSetLaunchFee({ recipient: treasury, fee: "2.5%" });
 */
export async function buildSetLaunchFee(
  context: ProtocolContext,
  params: BuildSetLaunchFeeParameters,
): Promise<DaoCall> {
  const dao = await findDao(context, PROTOCOL_DAO);
  const recipient = address(params.recipient, "recipient");
  const bps = basisPoints(params.fee, "fee", "250", "2.5%");
  if (bps > 1_000) throw new ProposalCallError(`A protocol fee of ${bps / 100}% is above the 10% allowed.`);
  const data = factoryInterface.encodeFunctionData("setFee", [recipient, bps]);
  return simulated(
    context,
    dao,
    {},
    {
      to: factoryAddress(context),
      data,
      value: 0n,
      description: `Set the protocol fee of later launches to ${bps / 100}% of sale proceeds, paid to ${recipient}.`,
    },
  );
}

/** Parameters of {@link buildSetEmissionSettings}: the settings to change; the others keep their latest values. */
export interface BuildSetEmissionSettingsParameters {
  /** Seconds a period lasts, or a duration such as "7d" (1 hour to 90 days). */
  periodLength?: string | number;
  /** The fraction of the reserve released each period: basis points ("50") or a percentage ("0.5%"); 0.01% to 10%. */
  rate?: string | number;
  /** The most of a period's release one subnet may receive: basis points ("5000") or a percentage ("50%"); 5% to 100%. */
  cap?: string | number;
  /** Blocks a subnet may be late for its next epoch and still count as active (at most 1,000,000). */
  graceBlocks?: string | number;
  /** Validators with stake, besides the owner's hotkey, a subnet needs to count as active (1 to 64). */
  minValidators?: string | number;
}

/**
 * The protocol DAO's call that sets the network emission's settings, in effect from the period after the one in
 * which the proposal executes. The settings not given keep their latest values (the queued ones, if any, else those
 * in force), and the description states all five. The call is tried as the protocol timelock: settings outside the
 * contract's bounds are refused with its error (`EmissionSettingOutOfBoundsError`).
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const call = await client.governance.buildSetEmissionSettings({ rate: "0.25%", cap: "40%" });
 */
export async function buildSetEmissionSettings(
  context: ProtocolContext,
  params: BuildSetEmissionSettingsParameters,
): Promise<DaoCall> {
  const dao = await findDao(context, PROTOCOL_DAO);
  const contract = emission(context);
  const given = Object.values(params).filter((value) => value !== undefined);
  if (given.length === 0)
    throw new ProposalCallError(
      "Name at least one emission setting to change: periodLength, rate, cap, graceBlocks or minValidators.",
    );
  const latest = await getEmissionSettings(context);
  const base = latest.queued?.settings ?? latest.current;
  const settings: EmissionSettings = {
    periodLength:
      params.periodLength === undefined ? base.periodLength : settingSeconds(params.periodLength, "period length"),
    rateBps: params.rate === undefined ? base.rateBps : basisPoints(params.rate, "release rate", "50", "0.5%"),
    capBps: params.cap === undefined ? base.capBps : basisPoints(params.cap, "cap", "5000", "50%"),
    graceBlocks: params.graceBlocks === undefined ? base.graceBlocks : count(params.graceBlocks, "grace in blocks"),
    minValidators:
      params.minValidators === undefined ? base.minValidators : count(params.minValidators, "number of validators"),
  };
  // Refused as the contract refuses it, before a value too large for its field fails the encoding.
  for (const [name, min, max] of await settingBounds(contract)) {
    const value = BigInt(settings[name]);
    if (value < min || value > max) throw emissionIo.revert("EmissionSettingOutOfBounds", [name, value, min, max]);
  }
  const data = contract.interface.encodeFunctionData("setSettings", [settings]);
  return simulated(
    context,
    dao,
    {},
    {
      to: emissionAddress(context),
      data,
      value: 0n,
      description: `Set the network emission's settings from the next period on: ${describeEmissionSettings(settings)}.`,
    },
  );
}

/** Basis points written as such ("250") or as a percentage to two decimals ("2.5%"); `what` names it in errors. */
function basisPoints(value: string | number, what: string, bps: string, percent: string): number {
  const text = String(value).trim();
  if (/^\d+(\.\d{1,2})?\s*%$/.test(text)) return Math.round(Number(text.replace("%", "")) * 100);
  if (/^\d+$/.test(text)) return Number(text);
  throw new ProposalCallError(
    `"${value}" is not a ${what}: write basis points ("${bps}") or a percentage ("${percent}").`,
  );
}

/** A whole number of something (blocks, validators); `what` names it in errors. */
function count(value: string | number, what: string): number {
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) throw new ProposalCallError(`"${value}" is not a ${what}: write a whole number.`);
  return Number(text);
}

function settingSeconds(value: string | number | bigint, what: string): number {
  if (typeof value === "bigint" || typeof value === "number") return Number(value);
  const seconds = durationSeconds(value);
  if (seconds === undefined) {
    throw new ProposalCallError(
      `"${value}" is not a ${what}: write seconds, or a number with a unit such as "2d" or "12h".`,
    );
  }
  return seconds;
}

/** The DAO's call to one of its governor's setters, which take a single value. */
function governorCall(dao: DaoRecord, setter: string, value: number | bigint, description: string): DaoCall {
  return { to: dao.governor, data: governorInterface.encodeFunctionData(setter, [value]), value: 0n, description };
}
