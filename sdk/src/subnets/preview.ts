import { getAddress, ZeroAddress } from "ethers";

import { runEpoch, type EpochInput, type EpochOutput } from "./epoch.js";
import { blockNumber, io, readNeurons, subnets, toHyperparameters, toNetuid } from "./internal.js";
import { unpackU16Row } from "./packing.js";
import type {
  EpochPreview,
  EpochPreviewLeader,
  EpochPreviewNeuron,
  NetuidRef,
  SubnetContext,
  SubnetHyperparameters,
} from "./types.js";

// The next epoch predicted off chain. From the subnet contract's state to the reference epoch's input, exactly as
// the epoch library reads that state when an epoch starts in `currentBlock`: stake weights (stake / stakeScale,
// capped), the rows of the validator permits and of the owner's UID (with the UIDs each names with a zero weight),
// the commit-reveal mask of live commits (each live until its own reveal epoch), and the emission after the
// owner's cut; then the reference epoch run over it.

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
export function predictEpoch(state: SubnetEpochState): {
  input: EpochInput;
  output: EpochOutput;
  neurons: EpochPreviewNeuron[];
} {
  const input = buildEpochInput(state);
  const output = runEpoch(input);
  const neurons = Array.from(
    { length: state.n },
    (_, uid): EpochPreviewNeuron => ({
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
    }),
  );
  return { input, output, neurons };
}

/**
 * The next epoch's outcome, predicted off chain: reads the subnet's state at the latest block, maps it to the
 * reference epoch's input exactly as the epoch library reads it when an epoch starts in the next block (stake
 * weights with pending stake activated, permitted rows with the UIDs each names with a zero weight, the
 * commit-reveal mask of commits not past their reveal epoch, the emission after the owner's cut) and runs the
 * bigint reference `runEpoch`. Once that epoch has run, the metagraph holds these figures.
 *
 * @example
 * import { createClient, readDeployment } from "open-model-registry/sdk";
 * const client = createClient({ runner: provider, deployment: await readDeployment("deployments/localhost.json") });
 * const preview = await client.subnets.previewEpoch(1);
 * for (const u of preview.neurons) console.log(u.uid, u.incentive, u.emission);
 */
export async function previewEpoch(context: SubnetContext, netuid: NetuidRef): Promise<EpochPreview> {
  const contract = subnets(context);
  const id = toNetuid(netuid);
  const block = await blockNumber(context);
  const at = { blockTag: block };
  const [info, raw, [queued, queuedFrom]] = await io.read(() =>
    Promise.all([contract.subnet(id, at), contract.hyperparameters(id, at), contract.queuedHyperparameters(id, at)]),
  );
  // Hyperparameters queued for the epoch that starts next apply from its start, before it reads any.
  const epochsStarted = info.epochNumber + (info.epochRunning ? 1n : 0n);
  const p = toHyperparameters(queuedFrom !== 0n && epochsStarted + 1n >= queuedFrom ? queued : raw);
  const n = Number(info.n);
  const neurons = await readNeurons(contract, id, n, block);
  const ownerUid = neurons.findIndex(
    (u) => info.ownerHotkey !== ZeroAddress && getAddress(u.hotkey) === getAddress(info.ownerHotkey),
  );
  const rows = neurons.map((_, i) => ((info.validatorPermits >> BigInt(i)) & 1n) === 1n || i === ownerUid);
  const rowUids = rows.flatMap((isRow, i) => (isRow ? [i] : []));
  const [weights, named, bonds, commits] = await Promise.all([
    io.read(() => Promise.all(rowUids.map((uid) => contract.weightsOf(id, uid, at)))),
    io.read(() => Promise.all(rowUids.map((uid) => contract.weightUidsOf(id, uid, at)))),
    readBondRows(context, id, rowUids, block),
    io.read(() => Promise.all(rowUids.map((uid) => contract.commitOf(id, uid, at)))),
  ]);
  const packed: (bigint[] | undefined)[] = new Array(n).fill(undefined);
  const weightUids: (bigint | undefined)[] = new Array(n).fill(undefined);
  const bondRows: (bigint[] | undefined)[] = new Array(n).fill(undefined);
  const liveCommits: SubnetEpochState["commits"] = new Array(n).fill(undefined);
  rowUids.forEach((uid, k) => {
    packed[uid] = packU16(weights[k].map(Number));
    weightUids[uid] = named[k];
    bondRows[uid] = bonds[k];
    const c = commits[k];
    if (c.hash !== `0x${"0".repeat(64)}`)
      liveCommits[uid] = { epoch: c.epoch, revealEpoch: c.revealEpoch, blockNumber: c.blockNumber };
  });
  const { taken, ownerCut, keeper } = epochSplit(p, info.rewardPool);
  const cap = (1n << 63n) - 1n;
  const state: SubnetEpochState = {
    n,
    hyperparameters: p,
    hotkeys: neurons.map((u) => u.hotkey),
    // Pending stake becomes active when the epoch starts, before the epoch reads stake.
    stakeWeights: neurons.map((u) => {
      const w = (u.stake + u.pendingStake) / info.stakeScale;
      return w > cap ? cap : w;
    }),
    registeredAt: neurons.map((u) => u.registeredAt),
    lastUpdate: neurons.map((u) => u.lastUpdate),
    validatorPermits: info.validatorPermits,
    ownerUid: ownerUid < 0 ? undefined : ownerUid,
    weights: packed,
    weightUids,
    bonds: bondRows,
    commits: liveCommits,
    epochNumber: info.epochNumber,
    lastEpochBlock: info.lastEpochBlock,
    emission: taken - ownerCut - keeper,
    currentBlock: BigInt(block) + 1n,
  };
  const { input, output, neurons: predicted } = predictEpoch(state);
  const top = leaderUid(predicted.map((u) => u.incentive));
  let leader: EpochPreviewLeader | undefined;
  if (top !== undefined) {
    const [current, candidate] = await io.read(() =>
      Promise.all([contract.leaderOf(id, at), contract.candidateOf(id, top, at)]),
    );
    leader = {
      uid: top,
      hotkey: predicted[top].hotkey,
      incentive: predicted[top].incentive,
      ...nextStreak(
        {
          exists: current.exists,
          uid: Number(current.uid),
          streak: current.streak,
          candidatePublishedAt: current.candidatePublishedAt,
        },
        top,
        candidate.publishedAt,
        state.lastEpochBlock,
      ),
      candidatePublishedAt: candidate.publishedAt,
    };
  }
  return {
    netuid: id,
    block: BigInt(block),
    emission: state.emission,
    ownerCut,
    keeperReward: keeper,
    neurons: predicted,
    leader,
    input,
    output,
  };
}

/**
 * The UID an epoch records as its leader: the highest incentive, the lower UID on ties; none when every incentive
 * is zero (as the epoch library picks it).
 *
 * @example
 * import { leaderUid } from "open-model-registry/sdk";
 * leaderUid([0, 300, 300, 12]); // 1
 */
export function leaderUid(incentives: readonly number[]): number | undefined {
  let best: number | undefined;
  incentives.forEach((incentive, uid) => {
    if (incentive > 0 && (best === undefined || incentive > incentives[best])) best = uid;
  });
  return best;
}

/**
 * The streak a leader reaches when an epoch whose tempo began in `tempoStart` records it, as the epoch library counts
 * it: one more when it led the last epoch with the same candidate, else it starts again. An epoch scores the tempo
 * since the previous epoch started (`lastEpochBlock`; 0 before any epoch, when nothing counts), so it counts only a
 * candidate published before that tempo began; a UID without a candidate has no streak.
 *
 * @example
 * import { nextStreak } from "open-model-registry/sdk";
 * nextStreak({ exists: true, uid: 2, streak: 1n, candidatePublishedAt: 90n }, 2, 90n, 120n); // { streak: 2n, counts: true }
 */
export function nextStreak(
  current: { exists: boolean; uid: number; streak: bigint; candidatePublishedAt: bigint },
  uid: number,
  candidatePublishedAt: bigint,
  tempoStart: bigint,
): { streak: bigint; counts: boolean } {
  const counts = candidatePublishedAt !== 0n && candidatePublishedAt < tempoStart;
  const same = current.exists && current.uid === uid && current.candidatePublishedAt === candidatePublishedAt;
  return { streak: same ? current.streak + (counts ? 1n : 0n) : counts ? 1n : 0n, counts };
}

/** The largest share of an epoch's emission its keeper is paid: 5% (3276 / 65535), as the contract caps it. */
export const MAX_KEEPER_SHARE = 3276n;

/**
 * How an epoch splits what it takes from the pool, as the contract does at its start: `min(emission, pool)` taken,
 * the owner's cut (floored), the keeper's reward (at most {@link MAX_KEEPER_SHARE} of it, floored), the rest paid
 * by Yuma consensus.
 */
export function epochSplit(p: Pick<SubnetHyperparameters, "emission" | "ownerCut" | "keeperReward">, pool: bigint) {
  const taken = p.emission < pool ? p.emission : pool;
  const ownerCut = (taken * BigInt(p.ownerCut)) / 65_535n;
  const cap = (taken * MAX_KEEPER_SHARE) / 65_535n;
  const keeper = p.keeperReward < cap ? p.keeperReward : cap;
  return { taken, ownerCut, keeper };
}

/** u16 values as a packed row: 16 per word, column `j` in word `j >> 4` at bit `16 * (j & 15)`. */
function packU16(values: readonly number[]): bigint[] {
  const words = new Array<bigint>(16).fill(0n);
  values.forEach((v, j) => {
    if (v !== 0) words[j >> 4] |= BigInt(v) << BigInt(16 * (j & 15));
  });
  return words;
}

/** The stored bond rows of `uids` (16 packed words each) at `block`, as the epoch library reads them. */
async function readBondRows(
  context: SubnetContext,
  netuid: bigint,
  uids: number[],
  block: number,
): Promise<bigint[][]> {
  const contract = subnets(context);
  return Promise.all(
    uids.map(async (uid) => packU16((await contract.bondsOf(netuid, uid, { blockTag: block })).map(Number))),
  );
}
