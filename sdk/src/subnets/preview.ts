import { runEpoch, type EpochInput, type EpochOutput } from "./epoch.js";
import { unpackU16Row } from "./packing.js";
import type { EpochPreviewNeuron, SubnetHyperparameters } from "./types.js";

// From the subnet contract's state to the reference epoch's input, exactly as the epoch library reads that state
// when an epoch starts in `currentBlock`: stake weights (stake / stakeScale, capped), the rows of the validator
// permits and of the owner's UID (with the UIDs each names with a zero weight), the commit-reveal mask of live
// commits (each live until its own reveal epoch), and the emission after the owner's cut.

/** What the preview needs of a subnet's state, read at one block. */
export interface SubnetEpochState {
  n: number;
  hyperparameters: SubnetHyperparameters;
  hotkeys: string[];
  /** Per UID: the stake weight the epoch will read (active stake / stakeScale, capped at 2^63 - 1). */
  stakeWeights: bigint[];
  registeredAt: bigint[];
  lastUpdate: bigint[];
  /** Bitmap of the validator permits left by the last epoch. */
  validatorPermits: bigint;
  /** The owner's UID when its hotkey is registered. */
  ownerUid?: number;
  /** Per UID: the packed weight row (16 words), read only for rows the epoch reads. */
  weights: (readonly bigint[] | undefined)[];
  /**
   * Per UID: the UIDs its weights name (bit `j` for UID `j`, the contract's `weightUidsOf`), read with its row. A
   * UID named with a zero weight is an entry of the row, which liquid alpha tells from a UID not named; without it
   * (undefined), a row's zeros are taken as not named.
   */
  weightUids?: (bigint | undefined)[];
  bonds: (readonly bigint[] | undefined)[];
  /** Per UID: its pending commit (hash set), if any, with the epoch it is revealed in (live until then). */
  commits: ({ epoch: bigint; revealEpoch: bigint; blockNumber: bigint } | undefined)[];
  epochNumber: bigint;
  lastEpochBlock: bigint;
  /** Reward tokens the epoch distributes after the owner's cut. */
  emission: bigint;
  /** The block in which the epoch would start. */
  currentBlock: bigint;
}

/**
 * The rows (UIDs) whose weights and bonds an epoch reads: the validator permits and the owner's UID.
 *
 * @example
 * import { epochRows } from "open-model-registry/sdk";
 * epochRows({ n: 4, validatorPermits: 0b0101n, ownerUid: 3 }); // [0, 2, 3]
 */
export function epochRows(state: Pick<SubnetEpochState, "n" | "validatorPermits" | "ownerUid">): number[] {
  const rows: number[] = [];
  for (let i = 0; i < state.n; i++) {
    if (((state.validatorPermits >> BigInt(i)) & 1n) === 1n || state.ownerUid === i) rows.push(i);
  }
  return rows;
}

/**
 * The reference epoch's input for a subnet's state.
 *
 * @example
 * import { buildEpochInput, runEpoch } from "open-model-registry/sdk";
 * const output = runEpoch(buildEpochInput(state));
 */
export function buildEpochInput(state: SubnetEpochState): EpochInput {
  const { n, hyperparameters: p } = state;
  const rows = new Set(epochRows(state));
  const row = (packed: (readonly bigint[] | undefined)[], i: number, named?: bigint): [number, number][] =>
    rows.has(i) && packed[i] ? unpackU16Row(packed[i]!, n, named) : [];
  const commitBlocks = p.commitReveal
    ? Array.from({ length: n }, (_, i) => {
        const commit = state.commits[i];
        if (!commit || state.epochNumber > commit.revealEpoch) return undefined;
        return commit.blockNumber;
      })
    : undefined;
  return {
    n,
    stakes: state.stakeWeights.slice(0, n),
    validatorPermits: Array.from({ length: n }, (_, i) => ((state.validatorPermits >> BigInt(i)) & 1n) === 1n),
    maxAllowedValidators: p.maxValidators,
    ownerUid: state.ownerUid,
    weights: Array.from({ length: n }, (_, i) => row(state.weights, i, state.weightUids?.[i])),
    bonds: Array.from({ length: n }, (_, i) => row(state.bonds, i)),
    lastUpdate: state.lastUpdate.slice(0, n),
    blockAtRegistration: state.registeredAt.slice(0, n),
    currentBlock: state.currentBlock,
    activityCutoff: BigInt(p.activityCutoff),
    tempo: BigInt(p.tempo),
    lastMechanismStepBlock: state.lastEpochBlock,
    kappa: p.kappa,
    bondsMovingAverage: BigInt(p.bondsMovingAverage),
    bondsPenalty: p.bondsPenalty,
    raoEmission: state.emission,
    commitBlocks,
    yuma3: p.yuma3,
    liquidAlpha: p.liquidAlpha
      ? { alphaLow: p.alphaLow, alphaHigh: p.alphaHigh, steepness: p.alphaSigmoidSteepness }
      : undefined,
  };
}

/**
 * Runs the reference epoch over a subnet's state and names each UID's outcome as the metagraph stores it.
 *
 * @example
 * import { predictEpoch } from "open-model-registry/sdk";
 * const { neurons } = predictEpoch(state);
 * console.log(neurons.map((u) => u.emission));
 */
export function predictEpoch(state: SubnetEpochState): { input: EpochInput; output: EpochOutput; neurons: EpochPreviewNeuron[] } {
  const input = buildEpochInput(state);
  const output = runEpoch(input);
  const neurons = Array.from({ length: state.n }, (_, uid): EpochPreviewNeuron => ({
    uid,
    hotkey: state.hotkeys[uid],
    consensus: output.stored.consensus[uid],
    incentive: output.stored.incentive[uid],
    dividends: output.stored.dividends[uid],
    validatorTrust: output.stored.validatorTrust[uid],
    serverEmission: output.serverEmission[uid],
    validatorEmission: output.validatorEmission[uid],
    // What the contract pays and records: the two shares, each floored.
    emission: output.serverEmission[uid] + output.validatorEmission[uid],
    validatorPermit: output.newValidatorPermits[uid],
  }));
  return { input, output, neurons };
}
