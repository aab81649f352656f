import { AbiCoder, keccak256, type ContractTransactionReceipt, type LogDescription } from "ethers";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import { deployLinked } from "../utils/linked.js";
import { epochSplit } from "../../sdk/src/subnets/actions.js";
import { predictEpoch, type SubnetEpochState } from "../../sdk/src/subnets/preview.js";
import type { SubnetHyperparameters } from "../../sdk/src/subnets/types.js";
import type { MockSubnetToken, SubnetsHarness } from "../../types/typechain/index.js";
import { cidN, ONE } from "../fixtures/constants.js";
import { SMALL_SUBNET, type Hyperparameters } from "../fixtures/subnets.js";

// Shared by the subnet contract's tests: deployment with its linked libraries, a funded subnet with registered
// UIDs, commit hashes, running an epoch to its end with its events, and the state the epoch preview reads.

export const U16 = 65_535n;
export const SALT = keccak256("0x5a17");
/** The subnet {@link subnetWith} creates. */
export const NETUID = 1n;

/** Deploys the subnet harness with every library it links. */
export async function deploySubnets(ethers: HardhatEthers, owner: string, fee: bigint): Promise<SubnetsHarness> {
  return (await deployLinked(ethers, "SubnetsHarness", [owner, fee])) as unknown as SubnetsHarness;
}

export async function deployToken(ethers: HardhatEthers, symbol: string): Promise<MockSubnetToken> {
  return (await ethers.deployContract("MockSubnetToken", [symbol, 18])) as unknown as MockSubnetToken;
}

/** What {@link subnetWith} may be told besides the hyperparameters and the number of UIDs. */
export interface SubnetOptions {
  /** How many signers, from the first, hold and approve a million of each token: all unless told. */
  funded?: number;
  /** The reward pool the owner funds: 10,000 tokens unless told. */
  fund?: bigint;
  /** The owner's hotkey, set before the subnet is funded. */
  ownerHotkey?: string;
}

/**
 * Subnet 1 with `params` over {@link SMALL_SUBNET}, created and funded by `signers[1]` on a fresh subnet contract
 * owned by `signers[0]`; `options.funded` signers hold and approve a million of each token, and `hotkeys` signers from
 * index 2 register in order as UIDs 0, 1, ... Returns the events of the funding and the registrations as well.
 */
export async function subnetWith(
  ethers: HardhatEthers,
  signers: HardhatEthersSigner[],
  params: Partial<Hyperparameters>,
  hotkeys: number,
  options: SubnetOptions = {},
) {
  const [protocol, owner] = signers;
  const subnets = await deploySubnets(ethers, protocol.address, 0n);
  const stakeToken = await deployToken(ethers, "STK");
  const rewardToken = await deployToken(ethers, "RWD");
  for (const s of signers.slice(0, options.funded ?? signers.length)) {
    await stakeToken.mint(s.address, 1_000_000n * ONE);
    await rewardToken.mint(s.address, 1_000_000n * ONE);
    await stakeToken.connect(s).approve(subnets.target, ethers.MaxUint256);
    await rewardToken.connect(s).approve(subnets.target, ethers.MaxUint256);
  }
  await subnets.connect(owner).createSubnet({
    stakeToken: stakeToken.target as string,
    rewardToken: rewardToken.target as string,
    model: 0n,
    metadataCid: cidN(1),
    hyperparameters: { ...SMALL_SUBNET, ...params },
  });
  if (options.ownerHotkey !== undefined) await subnets.connect(owner).setOwnerHotkey(NETUID, options.ownerHotkey);
  const receipts = [await (await subnets.connect(owner).fund(NETUID, options.fund ?? 10_000n * ONE)).wait()];
  for (const h of signers.slice(2, 2 + hotkeys)) {
    receipts.push(await (await subnets.connect(h).register(NETUID, h.address, h.address, ethers.MaxUint256)).wait());
  }
  return { subnets, stakeToken, rewardToken, events: parseEvents(subnets, receipts) };
}

/**
 * The helpers above bound to `connection` and its signers, for subnet 1: `subnetWith`, `epoch` (runs the next
 * epoch to its end) and `predict` (the preview of the epoch that starts in the next block).
 */
export async function subnetHelpers(connection: NetworkConnection) {
  const { ethers, networkHelpers } = connection;
  const signers = await ethers.getSigners();
  return {
    signers,
    owner: signers[1],
    subnetWith: (params: Partial<Hyperparameters>, hotkeys: number, options?: SubnetOptions) =>
      subnetWith(ethers, signers, params, hotkeys, options),
    epoch: (subnets: SubnetsHarness) => runEpoch(ethers, networkHelpers.mine, subnets, NETUID),
    predict: (subnets: SubnetsHarness) => predictNextEpoch(ethers, subnets, NETUID),
  };
}

/** The hash {commitWeights} takes, computed off chain. */
export const commitHash = (hotkey: string, netuid: bigint, uids: number[], weights: number[], salt = SALT, version = 0n) =>
  keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ["address", "uint256", "uint16[]", "uint16[]", "bytes32", "uint64"],
      [hotkey, netuid, uids, weights, salt, version],
    ),
  );

/** One epoch, as its events tell it. */
export interface EpochRun {
  /** Taken from the pool. */
  taken: bigint;
  ownerCut: bigint;
  /** Distributed (after the owner's cut). */
  emission: bigint;
  paid: bigint;
  dust: bigint;
  keeper: bigint;
  events: LogDescription[];
}

export function parseEvents(subnets: SubnetsHarness, receipts: (ContractTransactionReceipt | null)[]): LogDescription[] {
  return receipts.flatMap((r) =>
    r!.logs
      .filter((l) => l.address.toLowerCase() === (subnets.target as string).toLowerCase())
      .map((l) => subnets.interface.parseLog(l))
      .filter((e): e is LogDescription => e !== null),
  );
}

/** Mines to the due block (less one), then starts and steps the epoch to its end. */
export async function runEpoch(
  ethers: HardhatEthers,
  mine: (blocks: number) => Promise<void>,
  subnets: SubnetsHarness,
  netuid: bigint,
  mineToDue = true,
): Promise<EpochRun> {
  const info = await subnets.subnet(netuid);
  const now = BigInt(await ethers.provider.getBlockNumber());
  if (mineToDue && !info.epochRunning && now + 1n < info.nextEpochBlock) await mine(Number(info.nextEpochBlock - now - 1n));
  const receipts: (ContractTransactionReceipt | null)[] = [];
  do {
    receipts.push(await (await subnets.advanceEpoch(netuid, [])).wait());
  } while ((await subnets.subnet(netuid)).epochRunning);
  const events = parseEvents(subnets, receipts);
  const started = events.find((e) => e.name === "EpochStarted")!;
  const completed = events.find((e) => e.name === "EpochCompleted")!;
  const keeper = events.find((e) => e.name === "KeeperRewarded");
  return {
    taken: started.args.emission,
    ownerCut: started.args.ownerCut,
    emission: completed.args.emission,
    paid: completed.args.paid,
    dust: completed.args.dust,
    keeper: keeper ? keeper.args.amount : 0n,
    events,
  };
}

const packU16 = (values: readonly bigint[]): bigint[] => {
  const words = new Array<bigint>(16).fill(0n);
  values.forEach((v, j) => {
    words[j >> 4] |= v << BigInt(16 * (j & 15));
  });
  return words;
};

function toHyperparameters(raw: Awaited<ReturnType<SubnetsHarness["hyperparameters"]>>): SubnetHyperparameters {
  return {
    tempo: Number(raw.tempo),
    maxUids: Number(raw.maxUids),
    maxValidators: Number(raw.maxValidators),
    immunityPeriod: Number(raw.immunityPeriod),
    minNonImmuneUids: Number(raw.minNonImmuneUids),
    kappa: Number(raw.kappa),
    bondsMovingAverage: Number(raw.bondsMovingAverage),
    bondsPenalty: Number(raw.bondsPenalty),
    activityCutoff: Number(raw.activityCutoff),
    weightsRateLimit: Number(raw.weightsRateLimit),
    minAllowedWeights: Number(raw.minAllowedWeights),
    weightsVersionKey: raw.weightsVersionKey,
    commitReveal: raw.commitReveal,
    revealPeriod: Number(raw.revealPeriod),
    yuma3: raw.yuma3,
    liquidAlpha: raw.liquidAlpha,
    alphaLow: Number(raw.alphaLow),
    alphaHigh: Number(raw.alphaHigh),
    alphaSigmoidSteepness: Number(raw.alphaSigmoidSteepness),
    bondsReset: raw.bondsReset,
    ownerCut: Number(raw.ownerCut),
    minPrice: raw.minPrice,
    maxPrice: raw.maxPrice,
    priceHalfLife: Number(raw.priceHalfLife),
    emission: raw.emission,
    keeperReward: raw.keeperReward,
  };
}

/**
 * The preview's prediction of the epoch that starts in the next block, from the contract's views read now (stake due
 * at that epoch's start counts; the emission is min(emission, pool) less the owner's cut and the keeper's reward).
 */
export async function predictNextEpoch(ethers: HardhatEthers, subnets: SubnetsHarness, netuid: bigint) {
  const block = BigInt(await ethers.provider.getBlockNumber());
  const [info, raw] = await Promise.all([subnets.subnet(netuid), subnets.hyperparameters(netuid)]);
  const p = toHyperparameters(raw);
  const n = Number(info.n);
  const neurons = await subnets.neurons(netuid, 0n, 256n);
  const ownerUid = neurons.findIndex((u) => info.ownerHotkey !== "0x0000000000000000000000000000000000000000" && u.hotkey === info.ownerHotkey);
  const weights: (bigint[] | undefined)[] = new Array(n).fill(undefined);
  const weightUids: (bigint | undefined)[] = new Array(n).fill(undefined);
  const bonds: (bigint[] | undefined)[] = new Array(n).fill(undefined);
  const commits: SubnetEpochState["commits"] = new Array(n).fill(undefined);
  for (let uid = 0; uid < n; uid++) {
    if (((info.validatorPermits >> BigInt(uid)) & 1n) === 0n && uid !== ownerUid) continue;
    weights[uid] = packU16(await subnets.weightsOf(netuid, uid));
    weightUids[uid] = await subnets.weightUidsOf(netuid, uid);
    bonds[uid] = packU16(await subnets.bondsOf(netuid, uid));
    const c = await subnets.commitOf(netuid, uid);
    if (BigInt(c.hash) !== 0n) commits[uid] = { epoch: c.epoch, revealEpoch: c.revealEpoch, blockNumber: c.blockNumber };
  }
  const { taken, ownerCut, keeper } = epochSplit(p, info.rewardPool);
  const cap = (1n << 63n) - 1n;
  const state: SubnetEpochState = {
    n,
    hyperparameters: p,
    hotkeys: neurons.map((u) => u.hotkey),
    stakeWeights: neurons.map((u) => {
      const w = (u.stake + u.pendingStake) / info.stakeScale;
      return w > cap ? cap : w;
    }),
    registeredAt: neurons.map((u) => u.registeredAt),
    lastUpdate: neurons.map((u) => u.lastUpdate),
    validatorPermits: info.validatorPermits,
    ownerUid: ownerUid < 0 ? undefined : ownerUid,
    weights,
    weightUids,
    bonds,
    commits,
    epochNumber: info.epochNumber,
    lastEpochBlock: info.lastEpochBlock,
    emission: taken - ownerCut - keeper,
    currentBlock: block + 1n,
  };
  return { ...predictEpoch(state), taken, ownerCut, keeper };
}
