import type { ContractTransaction } from "ethers";

import { SdkError } from "../errors.js";
import { findEvents, io, subnets, toNetuid } from "./internal.js";
import { packConsensusHints } from "./packing.js";
import { previewEpoch } from "./preview.js";
import type { EpochStepProgress, NetuidRef, SubnetContext } from "./types.js";

// Running a subnet's due epoch: a start and steps, each a transaction any keeper may send, until one completes it.
// The steps of the consensus pass carry the reference epoch's consensus as guesses, which the contract checks.

/** What {@link advanceEpoch} did. */
export interface AdvanceEpochResult {
  netuid: bigint;
  /** The epoch completed (0-based: the `epochNumber` it ran at). */
  epochNumber: bigint;
  /** Transactions sent (the start included). */
  steps: number;
  /** Emission taken from the pool, before the owner's cut and the keeper's reward (known when this call started the epoch). */
  emission?: bigint;
  ownerCut?: bigint;
  /** Reward tokens credited to UIDs. */
  paid: bigint;
  /** What the sender of the completing step was credited, out of the emission. */
  keeperReward: bigint;
  /** Emission not credited, returned to the pool (rounding). */
  dust: bigint;
  gasUsed: bigint;
  maxStepGas: bigint;
  /** The first block in which the next epoch may start. */
  nextEpochBlock: bigint;
  transactions: string[];
}

/** Parameters of {@link prepareAdvanceEpoch}. */
export interface AdvanceEpochStepParameters {
  netuid: NetuidRef;
  /**
   * The consensus guesses the step carries (packed, see `packConsensusHints`), or `false` for none; by default the
   * reference epoch's consensus ({@link previewEpoch}) when the step runs inside a started epoch, none when it
   * starts one.
   */
  hints?: false | readonly bigint[];
}

/**
 * Builds one step of the subnet's due epoch without sending it: the start of the epoch, or the next step of the
 * running one. Anyone may send it; the sender of the completing step is credited the keeper reward.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const transaction = await client.subnets.prepareAdvanceEpoch({ netuid: 1 });
 */
export async function prepareAdvanceEpoch(
  context: SubnetContext,
  params: AdvanceEpochStepParameters,
): Promise<ContractTransaction> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  let hints: readonly bigint[] = params.hints === false ? [] : (params.hints ?? []);
  if (params.hints === undefined) {
    const info = await io.read(() => contract.subnet(id));
    if (info.epochRunning && info.n > 0n) hints = await consensusHints(context, id);
  }
  return contract.advanceEpoch.populateTransaction(id, [...hints]);
}

/**
 * Runs the subnet's due epoch to completion: starts it (or resumes a running one) and sends steps until one
 * completes it, reporting progress after each transaction. Anyone may; the sender of the completing step is
 * credited the keeper reward. Unless `hints` is false, the steps of the consensus pass carry the reference epoch's
 * consensus ({@link previewEpoch}, read before the first transaction), which the contract checks column by column
 * and which spares it most weighted-median selections when validators have set new weights; a stale guess only
 * costs that selection, never a different result.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: signer, deployment: await readDeployment("deployments/localhost.json") });
 * const result = await client.subnets.advanceEpoch({ netuid: 1, onStep: (p) => console.log(`step ${p.step}/${p.total}`) });
 * console.log(result.paid, result.steps);
 */
export async function advanceEpoch(
  context: SubnetContext,
  params: { netuid: NetuidRef; onStep?: (progress: EpochStepProgress) => void; maxSteps?: number; hints?: boolean },
): Promise<AdvanceEpochResult> {
  const contract = subnets(context);
  const id = toNetuid(params.netuid);
  const info = await io.read(() => contract.subnet(id));
  const n = Number(info.n);
  const hints = params.hints !== false && n > 0 ? await consensusHints(context, id) : [];
  // Only the consensus pass reads the guesses: later steps go without them (their calldata would be wasted).
  let consensusPass = info.epochRunning;
  const words = Math.max(1, Math.ceil(n / 16));
  const maxSteps = params.maxSteps ?? 1_000;
  const result: AdvanceEpochResult = {
    netuid: id,
    epochNumber: info.epochNumber,
    steps: 0,
    paid: 0n,
    keeperReward: 0n,
    dust: 0n,
    gasUsed: 0n,
    maxStepGas: 0n,
    nextEpochBlock: 0n,
    transactions: [],
  };
  for (;;) {
    if (result.steps >= maxSteps)
      throw new SdkError(`The epoch of subnet ${id} is not complete after ${maxSteps} transactions.`);
    const receipt = await io.send(
      context,
      await prepareAdvanceEpoch(context, { netuid: id, hints: consensusPass ? hints : [] }),
      "Advancing the epoch",
    );
    result.steps++;
    result.gasUsed += receipt.gasUsed;
    if (receipt.gasUsed > result.maxStepGas) result.maxStepGas = receipt.gasUsed;
    result.transactions.push(receipt.hash);
    const [started] = findEvents(context, receipt, "EpochStarted");
    if (started) {
      result.epochNumber = started.args.epoch as bigint;
      result.emission = started.args.emission as bigint;
      result.ownerCut = started.args.ownerCut as bigint;
    }
    const [completed] = findEvents(context, receipt, "EpochCompleted");
    // Progress: the passes over word-columns (consensus, bonds) and over UIDs (emission), from the step event.
    const stepped = findEvents(context, receipt, "YumaEpochStepped").at(-1);
    consensusPass = started !== undefined || Number(stepped?.args.phase ?? 0) === 1;
    const fraction = completed
      ? 1
      : stepped
        ? progressFraction(Number(stepped.args.phase), Number(stepped.args.cursor), words, n)
        : 0;
    const total = completed
      ? result.steps
      : Math.max(result.steps + 1, fraction > 0 ? Math.ceil(result.steps / fraction) : result.steps + 1);
    params.onStep?.({
      step: result.steps,
      total,
      gasUsed: receipt.gasUsed,
      transaction: receipt.hash,
      done: Boolean(completed),
    });
    if (completed) {
      result.epochNumber = completed.args.epoch as bigint;
      result.paid = completed.args.paid as bigint;
      result.dust = completed.args.dust as bigint;
      const [keeper] = findEvents(context, receipt, "KeeperRewarded");
      result.keeperReward = (keeper?.args.amount as bigint | undefined) ?? 0n;
      break;
    }
  }
  result.nextEpochBlock = (await io.read(() => contract.subnet(id))).nextEpochBlock;
  return result;
}

/**
 * The reference epoch's consensus for the subnet's next (or running) epoch, packed as `advanceEpoch` sends it; none
 * when the preview cannot be computed (a state read failing), since guesses only save gas.
 */
async function consensusHints(context: SubnetContext, netuid: bigint): Promise<bigint[]> {
  try {
    return packConsensusHints((await previewEpoch(context, netuid)).output.consensus);
  } catch {
    return [];
  }
}

/** How far a running epoch is, from its pass (1 to 3) and cursor: two passes over word-columns, one over UIDs. */
function progressFraction(phase: number, cursor: number, words: number, n: number): number {
  const length = phase <= 2 ? words : Math.max(1, n);
  return Math.min(0.99, (phase - 1 + Math.min(1, cursor / length)) / 3);
}
